import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm-action";
import { FilterSelect } from "~/components/filter-select";
import { FormErrors } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { notFound, requireStaff } from "~/features/auth/guards.server";
import { lawmakerLabel } from "~/features/campaigns/campaign-form";
import { LetterText } from "~/features/campaigns/letter-view";
import {
  changeCampaignStatus,
  getCampaignBySlug,
  openProblems,
  pickTemplate,
  templatesOf,
} from "~/features/campaigns/campaigns.server";
import { campaignDashboard } from "~/features/campaigns/dashboard.server";
import { staffPreview } from "~/features/campaigns/editing.server";
import { CampaignStatusSchema } from "~/features/campaigns/forms";
import { candidateLawmakers, listLawmakersForPicker } from "~/features/campaigns/recipients.server";
import { CAMPAIGN_LETTER_STATUSES } from "~/features/campaigns/constants";
import { listEntityHistory } from "~/features/security/audit.server";
import { getLocale } from "~/i18n/i18next.server";
import { AuditHistory } from "~/components/audit-history";
import { TimeChart } from "~/components/time-chart";
import chartStyles from "~/styles/charts.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: chartStyles }];

export const handle = { titleKey: "campaigns:manage.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const campaign = await getCampaignBySlug(params.slug ?? "");
  if (!campaign) throw notFound();
  const url = new URL(request.url);
  const lawmakerParam = Number(url.searchParams.get("lawmaker"));
  const [templates, dashboard, problems, candidates, lawmakers, history, preview] = await Promise.all([
    templatesOf(campaign.id),
    campaignDashboard(campaign.id, campaign.status === "open" ? new Date().toISOString().slice(0, 10) : null),
    campaign.status === "draft" ? openProblems(campaign) : Promise.resolve([]),
    candidateLawmakers(campaign),
    listLawmakersForPicker(),
    listEntityHistory("letter_campaign", campaign.id),
    staffPreview(campaign, {
      lawmakerId: Number.isInteger(lawmakerParam) && lawmakerParam > 0 ? lawmakerParam : null,
      language: url.searchParams.get("lang"),
    }),
  ]);
  const title = pickTemplate(templates, await getLocale(request))?.title ?? campaign.slug;
  return {
    campaign: { slug: campaign.slug, status: campaign.status, sendingAddress: campaign.sending_address },
    title,
    dashboard,
    problems,
    recipientCount: candidates.length,
    candidateIds: candidates.slice(0, 500).map((c) => c.id),
    lawmakers,
    history,
    preview,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const campaign = await getCampaignBySlug(params.slug ?? "");
  if (!campaign) throw notFound();
  const submission = parseWithZod(await request.formData(), { schema: CampaignStatusSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await changeCampaignStatus(staff, campaign, submission.value.intent);
  if (!result.ok) return data(submission.reply({ formErrors: result.errors }), { status: 400 });
  return redirect(`/campaigns/${campaign.slug}/manage`);
}

const ACTIONS = {
  draft: ["open"],
  open: ["pause", "close"],
  paused: ["resume", "close"],
  closed: [],
} as const;

export default function ManageCampaignPage() {
  const { t, i18n } = useTranslation(["campaigns", "common"]);
  const { campaign, title, dashboard, problems, recipientCount, candidateIds, lawmakers, history, preview } =
    useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const lang = i18n.language;
  const candidates = new Set(candidateIds);
  const ordered = [...lawmakers.filter((l) => candidates.has(l.id)), ...lawmakers.filter((l) => !candidates.has(l.id))];
  return (
    <div className="stack">
      <p>
        <Link to="/staff/campaigns">{t("staffList.title")}</Link>
      </p>
      <PageHeader title={t("manage.title")} lead={title} />
      <FormErrors
        id="manage-errors"
        errors={["", "intent", "confirm"].flatMap((key) => lastResult?.error?.[key] ?? [])}
      />
      <dl className="meta">
        <dt>{t("fields.status")}</dt>
        <dd>
          <span className={`badge campaign-${campaign.status}`}>{t(`status.${campaign.status}`)}</span>
        </dd>
        <dt>{t("manage.recipients")}</dt>
        <dd>{recipientCount.toLocaleString(lang)}</dd>
        <dt>{t("form.sendingAddress")}</dt>
        <dd>{campaign.sendingAddress}</dd>
      </dl>
      <p className="inline-form">
        {campaign.status !== "closed" ? <Link to={`/campaigns/${campaign.slug}/edit`}>{t("manage.edit")}</Link> : null}
        {campaign.status !== "draft" ? <Link to={`/campaigns/${campaign.slug}`}>{t("manage.publicPage")}</Link> : null}
        <a href={`/campaigns/${campaign.slug}/letters.csv`}>{t("manage.csv")}</a>
      </p>
      <section className="card" aria-labelledby="status-heading">
        <h2 id="status-heading">{t("manage.statusHeading")}</h2>
        <p className="hint">{t(`manage.next.${campaign.status}`)}</p>
        {problems.length ? (
          <ul className="alert alert-info">
            {problems.map((p) => (
              <li key={p}>{t(p)}</li>
            ))}
          </ul>
        ) : null}
        {ACTIONS[campaign.status].map((intent) => (
          <ConfirmAction
            key={intent}
            label={t(`manage.${intent}`)}
            question={t(`manage.${intent}Question`)}
            confirmLabel={t(`manage.${intent}Confirm`)}
            intent={intent}
          />
        ))}
      </section>
      <section aria-labelledby="preview-heading">
        <h2 id="preview-heading">{t("manage.previewHeading")}</h2>
        <Form method="get" className="inline-form">
          <FilterSelect
            inline
            anyLabel={null}
            id="preview-lawmaker"
            name="lawmaker"
            label={t("manage.previewLawmaker")}
            value={preview?.lawmakerId}
            options={ordered.map((l) => [String(l.id), `${candidates.has(l.id) ? "★ " : ""}${lawmakerLabel(l)}`])}
          />
          {preview && preview.languages.length > 1 ? (
            <FilterSelect
              inline
              anyLabel={null}
              id="preview-lang"
              name="lang"
              label={t("manage.previewLanguage")}
              value={preview.language}
              options={preview.languages.map((l) => [l, t(`language.${l}`, { defaultValue: l })])}
            />
          ) : null}
          <button type="submit" className="secondary button-small">
            {t("manage.previewShow")}
          </button>
        </Form>
        <p className="hint">{t("manage.previewHint")}</p>
        {preview ? (
          <div className="card" lang={preview.language}>
            <h3>{t("manage.previewSubjects")}</h3>
            <ul>
              {preview.subjects.map((s, i) => (
                <li key={i}>{s}</li>
              ))}
            </ul>
            <LetterText text={preview.body} />
          </div>
        ) : (
          <p>{t("manage.previewNone")}</p>
        )}
      </section>
      <section aria-labelledby="states-heading">
        <h2 id="states-heading">{t("manage.byState")}</h2>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("fields.state")}</th>
              <th scope="col">{t("fields.letters")}</th>
            </tr>
          </thead>
          <tbody>
            {CAMPAIGN_LETTER_STATUSES.map((s) => (
              <tr key={s}>
                <th scope="row">{t(`letterStatus.${s}`)}</th>
                <td>{dashboard.states[s].toLocaleString(lang)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t("manage.total")}</th>
              <td>{dashboard.total.toLocaleString(lang)}</td>
            </tr>
          </tbody>
        </table>
      </section>
      <section aria-labelledby="recipients-heading">
        <h2 id="recipients-heading">{t("manage.byRecipient")}</h2>
        {dashboard.recipients.length === 0 ? (
          <p>{t("manage.noLetters")}</p>
        ) : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("fields.lawmaker")}</th>
                <th scope="col">{t("manage.total")}</th>
                <th scope="col">{t("letterStatus.pending_confirmation")}</th>
                <th scope="col">{t("letterStatus.queued")}</th>
                <th scope="col">{t("letterStatus.sent")}</th>
                <th scope="col">{t("letterStatus.delivered")}</th>
                <th scope="col">{t("letterStatus.handed_to_sender")}</th>
                <th scope="col">{t("manage.problemsColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.recipients.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    {row.name}
                    {row.constituency ? ` (${row.constituency})` : ""}
                  </th>
                  <td>{row.total}</td>
                  <td>{row.counts.pending_confirmation}</td>
                  <td>{row.counts.queued}</td>
                  <td>{row.counts.sent}</td>
                  <td>{row.counts.delivered}</td>
                  <td>{row.counts.handed_to_sender}</td>
                  <td>{row.counts.bounced + row.counts.failed}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="days-heading">
        <h2 id="days-heading">{t("manage.byDay")}</h2>
        {dashboard.days.length === 0 ? (
          <p>{t("manage.noLetters")}</p>
        ) : (
          <TimeChart
            title={t("manage.perDay.title")}
            caption={t("manage.perDay.caption")}
            items={dashboard.perDay}
            locale={lang}
            periodHeading={t("fields.date")}
            valueHeading={t("manage.created")}
            tableSummary={t("manage.perDay.table")}
          />
        )}
        {dashboard.days.length === 0 ? null : (
          <table>
            <thead>
              <tr>
                <th scope="col">{t("fields.date")}</th>
                <th scope="col">{t("manage.created")}</th>
                <th scope="col">{t("letterStatus.sent")}</th>
              </tr>
            </thead>
            <tbody>
              {dashboard.days.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{d.day}</th>
                  <td>{d.created}</td>
                  <td>{d.sent}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <AuditHistory
        heading={t("manage.history")}
        history={history}
        lang={lang}
        describe={(action) => t(`history.${action}`, { defaultValue: action })}
      />
    </div>
  );
}
