import { getFormProps, useForm } from "@conform-to/react";
import { JsonLd } from "~/components/json-ld";
import { loadConfig } from "~/config.server";
import { threatJsonLd } from "~/features/threats/json-ld";
import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField, TextAreaField } from "~/components/forms";
import { loggerScope } from "~/features/actions/actions.server";
import { listThreatAdvocacy, listThreatCampaigns } from "~/features/actions/threat-activity.server";
import { ThreatAdvocacy, ThreatCampaigns } from "~/features/actions/action-lists";
import { getOptionalUser, isStaff, notFound, requireStaff, requireUser } from "~/features/auth/guards.server";
import { jurisdictionName } from "~/features/jurisdictions/names";
import { listEntityHistory } from "~/features/security/audit.server";
import { canAssess } from "~/features/threats/assessments.server";
import { CLASSIFICATIONS, OUTCOMES } from "~/lib/vocabularies";
import { follow, isFollowing, unfollow } from "~/features/threats/follows.server";
import { recordStep, setOutcome } from "~/features/threats/mutations.server";
import { getThreatDetail, getThreatIdBySlug } from "~/features/threats/queries.server";
import { StepSchema, OutcomeSchema } from "~/features/threats/forms";
import { AssessmentTable, ThreatTimeline, StatementList } from "~/features/threats/detail-parts";
import { OutcomeBadge, SeverityBadge, StageBadge } from "~/features/threats/threat-card";
import { getLocale } from "~/i18n/i18next.server";
import { formatDate } from "~/lib/format";
import { AuditHistory } from "~/components/audit-history";
import { FallbackNote, langIfOther } from "~/features/translations/content-language";

export const handle = { titleKey: "threats:detail.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = await getLocale(request);
  const threat = await getThreatDetail(params.slug ?? "", locale);
  if (!threat) throw notFound();
  const user = await getOptionalUser(request);
  const [following, history, assess, advocacy, campaigns] = await Promise.all([
    user ? isFollowing(user.id, { threatId: threat.id }) : false,
    listEntityHistory("threat", threat.id),
    user ? canAssess(user, threat.jurisdiction_code) : false,
    listThreatAdvocacy(threat.id),
    listThreatCampaigns(threat.id, locale),
  ]);
  return {
    pageTitle: threat.short_name ?? threat.title,
    threat,
    signedIn: !!user,
    staff: isStaff(user),
    following,
    // Everyone sees when the record changed; only staff see who changed it.
    history: history.map((h) => ({ ...h, actor_name: isStaff(user) ? h.actor_name : null })),
    canAssess: assess,
    advocacy,
    campaigns,
    canLog: !!user && !!loggerScope(user),
    jsonLd: threatJsonLd(threat, loadConfig().appUrl),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const threatId = await getThreatIdBySlug(params.slug ?? "");
  if (!threatId) throw notFound();
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "follow" || intent === "unfollow") {
    const user = await requireUser(request);
    await (intent === "follow" ? follow : unfollow)(user.id, { threatId });
    return redirect(`/threats/${params.slug}`);
  }
  const staff = await requireStaff(request);
  if (intent === "action") {
    const submission = parseWithZod(formData, { schema: StepSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    await recordStep(staff, threatId, submission.value);
    // Post/redirect/get: a fresh form, and a reload does not add the step twice.
    return redirect(`/threats/${params.slug}?saved=action`);
  }
  if (intent === "outcome") {
    const submission = parseWithZod(formData, { schema: OutcomeSchema });
    if (submission.status !== "success") return data({ intent, result: submission.reply() }, { status: 400 });
    await setOutcome(staff, threatId, submission.value);
    return redirect(`/threats/${params.slug}?saved=outcome`);
  }
  return data({ intent: null, result: null }, { status: 400 });
}

const SAVED_MESSAGES: Record<string, string> = {
  action: "detail.stepAdded",
  outcome: "detail.outcomeSet",
  corrected: "corrections.saved",
  removed: "corrections.removed",
};

function StaffForms() {
  const { t } = useTranslation("threats");
  const actionData = useActionData<typeof action>();
  const [stepForm, stepFields] = useForm({
    id: "add-step",
    lastResult: actionData?.intent === "action" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StepSchema }),
    shouldValidate: "onBlur",
  });
  const [outcomeForm, outcomeFields] = useForm({
    id: "set-outcome",
    lastResult: actionData?.intent === "outcome" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OutcomeSchema }),
    shouldValidate: "onBlur",
  });
  const [searchParams] = useSearchParams();
  const saved = searchParams.get("saved");
  return (
    <>
      {saved && saved in SAVED_MESSAGES ? (
        <p className="alert alert-success" role="status">
          {t(SAVED_MESSAGES[saved])}
        </p>
      ) : null}
      <section className="card" aria-labelledby="add-step-heading">
        <h2 id="add-step-heading">{t("detail.addStep")}</h2>
        <Form method="post" {...getFormProps(stepForm)}>
          <FormErrors id={stepForm.errorId} errors={stepForm.errors} />
          <input type="hidden" name="intent" value="action" />
          <Field label={t("fields.date")} meta={stepFields.occurredOn} type="date" />
          <SelectField
            label={t("fields.classification")}
            meta={stepFields.classification}
            placeholder={t("common:fields.choose")}
            options={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`classification.${c}`) }))}
          />
          <TextAreaField label={t("fields.note")} meta={stepFields.note} />
          <Field label={t("fields.sourceUrl")} meta={stepFields.sourceUrl} type="url" />
          <button type="submit">{t("detail.addStep")}</button>
        </Form>
      </section>
      <section className="card" aria-labelledby="outcome-heading">
        <h2 id="outcome-heading">{t("detail.setOutcome")}</h2>
        <Form method="post" {...getFormProps(outcomeForm)}>
          <input type="hidden" name="intent" value="outcome" />
          <SelectField
            label={t("fields.outcome")}
            meta={outcomeFields.outcome}
            placeholder={t("common:fields.choose")}
            options={OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))}
          />
          <TextAreaField label={t("fields.reason")} meta={outcomeFields.reason} />
          <Field label={t("fields.decidedOn")} meta={outcomeFields.decidedOn} type="date" />
          <button type="submit">{t("detail.setOutcome")}</button>
        </Form>
      </section>
    </>
  );
}

export default function ThreatPage() {
  const { t, i18n } = useTranslation(["threats", "common"]);
  const {
    threat,
    signedIn,
    staff,
    following,
    history,
    canAssess: assess,
    advocacy,
    campaigns,
    canLog,
    jsonLd,
  } = useLoaderData<typeof loader>();
  const location = useLocation();
  const lang = i18n.language;
  return (
    <article>
      <JsonLd data={jsonLd} />
      <p className="muted">
        <Link to="/threats">{t("detail.back")}</Link> ·{" "}
        <Link to={`/countries/${threat.jurisdiction_code}`}>
          {jurisdictionName(
            {
              code: threat.jurisdiction_code,
              name_en: threat.jurisdiction_name_en,
              name_fr: threat.jurisdiction_name_fr,
            },
            lang,
          )}
        </Link>
      </p>
      <h1>{threat.title}</h1>
      <p className="lead">
        {t(`kind.${threat.kind}`)}
        {threat.identifier ? ` ${threat.identifier}` : ""}
        {threat.short_name ? ` · ${threat.short_name}` : ""} ·{" "}
        {t("detail.firstSeen", { date: formatDate(threat.first_seen_on, lang) })}
      </p>
      <p className="badges">
        <StageBadge stage={threat.stage} on={threat.stage_on} /> <OutcomeBadge outcome={threat.outcome} />{" "}
        <SeverityBadge severity={threat.severity} />
        {threat.categories.map((c) => (
          <span key={c} className="badge category">
            {t(`category.${c}`)}
          </span>
        ))}
      </p>
      <div className="inline-form">
        {signedIn ? (
          <Form method="post">
            <input type="hidden" name="intent" value={following ? "unfollow" : "follow"} />
            <button type="submit" className="secondary button-small">
              {following ? t("detail.unfollow") : t("detail.follow")}
            </button>
          </Form>
        ) : null}
        {staff ? <Link to={`/threats/${threat.slug}/edit`}>{t("detail.edit")}</Link> : null}
        {assess ? <Link to={`/threats/${threat.slug}/assessment`}>{t("detail.assess")}</Link> : null}
        {staff ? (
          <Link to={`/statements/new?threat=${threat.slug}&jurisdiction=${threat.jurisdiction_code}`}>
            {t("detail.addStatement")}
          </Link>
        ) : null}
      </div>
      <div className="two-columns">
        <div className="stack">
          {threat.summary_html ? (
            <div>
              {/* Rendered from Markdown and sanitised on the server (lib/markdown.server.ts). */}
              <div
                className="prose"
                lang={langIfOther(threat.summary_lang, lang)}
                dangerouslySetInnerHTML={{ __html: threat.summary_html }}
              />
              <FallbackNote lang={threat.summary_lang} fallback={threat.summary_fallback} />
            </div>
          ) : null}
          {threat.outcome !== "open" && threat.outcome_reason ? (
            <p className="alert alert-info">
              {t("detail.outcomeReason", {
                outcome: t(`outcome.${threat.outcome}`),
                date: threat.outcome_on ? formatDate(threat.outcome_on, lang) : "",
              })}{" "}
              {threat.outcome_reason}
            </p>
          ) : null}
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t("detail.timeline")}</h2>
            <ThreatTimeline
              steps={threat.steps}
              outcomes={threat.outcomes}
              correctUrl={staff ? (id) => `/threats/${threat.slug}/steps/${id}` : undefined}
            />
          </section>
          <section aria-labelledby="assessment-heading">
            <h2 id="assessment-heading">{t("detail.assessment")}</h2>
            <AssessmentTable assessment={threat.assessment} />
          </section>
          <section aria-labelledby="statements-heading">
            <h2 id="statements-heading">{t("detail.statements")}</h2>
            <StatementList statements={threat.statements} />
          </section>
          <ThreatCampaigns campaigns={campaigns} />
          <ThreatAdvocacy actions={advocacy} logUrl={canLog ? `/actions/new?threat=${threat.id}` : null} />
        </div>
        <aside className="stack">
          {threat.sources.length ? (
            <section aria-labelledby="sources-heading">
              <h2 id="sources-heading">{t("detail.sources")}</h2>
              <ul>
                {threat.sources.map((s) => (
                  <li key={s.id}>
                    <a href={s.url} rel="noopener noreferrer nofollow">
                      {s.label ?? new URL(s.url).hostname}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {threat.relations.length ? (
            <section aria-labelledby="related-heading">
              <h2 id="related-heading">{t("detail.related")}</h2>
              <ul>
                {threat.relations.map((r) => (
                  <li key={`${r.direction}-${r.slug}-${r.relation}`}>
                    {t(r.direction === "outgoing" ? `relation.${r.relation}` : `relationIncoming.${r.relation}`)}{" "}
                    <Link to={`/threats/${r.slug}`}>{r.title}</Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {/* A new key per navigation: after a saved entry the forms start empty again. */}
          {staff ? <StaffForms key={location.key} /> : null}
          <AuditHistory
            heading={t("detail.history")}
            history={history}
            lang={lang}
            describe={(action) => t(`history.${action}`, { defaultValue: action })}
          />
        </aside>
      </div>
    </article>
  );
}
