import { parseWithZod } from "~/lib/parse-form";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect } from "~/components/filter-select";
import { ErrorList } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { requireStaff } from "~/features/auth/guards.server";
import { CATEGORIES, SEVERITIES } from "~/lib/vocabularies";
import { listProposals, reviewProposal } from "~/features/threats/proposals.server";
import { ReviewSchema } from "~/features/threats/forms";
import { formatDate } from "~/lib/format";

export const handle = { titleKey: "threats:review.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const [pending, recent] = await Promise.all([listProposals(staff, "pending"), listProposals(staff)]);
  return { pending, recent: recent.filter((p) => p.status !== "pending").slice(0, 20) };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  const proposalId = Number(formData.get("proposalId"));
  const submission = parseWithZod(formData, { schema: ReviewSchema });
  if (submission.status !== "success") {
    const errors: Record<string, string[]> = {};
    for (const [key, messages] of Object.entries(submission.error ?? {})) if (messages) errors[key] = messages;
    return data({ proposalId, errors, done: null }, { status: 400 });
  }
  const fieldErrors = await reviewProposal(staff, submission.value.proposalId, submission.value);
  if (fieldErrors) return data({ proposalId, errors: fieldErrors, done: null }, { status: 400 });
  return data({ proposalId, errors: {} as Record<string, string[]>, done: submission.value.decision });
}

export default function ProposalsPage() {
  const { t, i18n } = useTranslation(["threats", "common"]);
  const { pending, recent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errorsFor = (id: number): Record<string, string[] | undefined> =>
    actionData && actionData.proposalId === id ? actionData.errors : {};
  return (
    <div className="stack">
      <PageHeader title={t("review.title")} lead={t("review.lead")} />
      {actionData?.done ? (
        <p className="alert alert-success" role="status">
          {t(`review.done.${actionData.done}`)}
        </p>
      ) : null}
      {pending.length === 0 ? <p className="empty-state">{t("review.none")}</p> : null}
      {pending.map((p) => {
        const errors = errorsFor(p.id);
        return (
          <section key={p.id} className="card" aria-labelledby={`proposal-${p.id}`}>
            <h2 id={`proposal-${p.id}`}>{p.title}</h2>
            <p className="muted">
              {t(`kind.${p.kind}`)} {p.identifier ?? ""} · {p.jurisdiction_code} ·{" "}
              {t("review.by", { name: p.proposer_name, chapter: p.chapter_name ?? "" })} ·{" "}
              {formatDate(p.created_at, i18n.language)}
            </p>
            {p.summary ? <p>{p.summary}</p> : null}
            {p.source_url ? (
              <p>
                <a href={p.source_url} rel="noopener noreferrer nofollow">
                  {p.source_url}
                </a>
              </p>
            ) : null}
            <ErrorList errors={errors.decision} />
            <details>
              <summary className="button button-small">{t("review.accept")}</summary>
              <Form method="post" className="stack">
                <input type="hidden" name="proposalId" value={p.id} />
                <input type="hidden" name="decision" value="accepted" />
                <FilterSelect
                  anyLabel={t("common:fields.choose")}
                  id={`severity-${p.id}`}
                  name="severity"
                  label={t("fields.severity")}
                  options={SEVERITIES.map((s) => [s, t(`severity.${s}`)])}
                >
                  <ErrorList errors={errors.severity} />
                </FilterSelect>
                <fieldset className="field checkbox-group">
                  <legend>{t("fields.categories")}</legend>
                  {CATEGORIES.map((c) => (
                    <label key={c}>
                      <input type="checkbox" name="categories" value={c} /> {t(`category.${c}`)}
                    </label>
                  ))}
                  <ErrorList errors={errors.categories} />
                </fieldset>
                <button type="submit">{t("review.acceptConfirm")}</button>
              </Form>
            </details>
            <details>
              <summary className="button secondary button-small">{t("review.merge")}</summary>
              <Form method="post" className="stack">
                <input type="hidden" name="proposalId" value={p.id} />
                <input type="hidden" name="decision" value="merged" />
                <div className="field">
                  <label htmlFor={`into-${p.id}`}>{t("review.intoSlug")}</label>
                  <input id={`into-${p.id}`} name="intoSlug" type="text" />
                  <ErrorList errors={errors.intoSlug} />
                </div>
                <div className="field">
                  <label htmlFor={`merge-reason-${p.id}`}>{t("fields.reason")}</label>
                  <textarea id={`merge-reason-${p.id}`} name="reason" rows={2} />
                </div>
                <button type="submit">{t("review.mergeConfirm")}</button>
              </Form>
            </details>
            <details>
              <summary className="button danger button-small">{t("review.reject")}</summary>
              <Form method="post" className="stack">
                <input type="hidden" name="proposalId" value={p.id} />
                <input type="hidden" name="decision" value="rejected" />
                <div className="field">
                  <label htmlFor={`reject-reason-${p.id}`}>{t("review.rejectReason")}</label>
                  <textarea id={`reject-reason-${p.id}`} name="reason" rows={3} />
                  <ErrorList errors={errors.reason} />
                </div>
                <button type="submit" className="danger">
                  {t("review.rejectConfirm")}
                </button>
              </Form>
            </details>
          </section>
        );
      })}
      <section aria-labelledby="recent-reviews">
        <h2 id="recent-reviews">{t("review.recent")}</h2>
        {recent.length === 0 ? (
          <p className="empty-state">{t("review.noRecent")}</p>
        ) : (
          <ul>
            {recent.map((p) => (
              <li key={p.id}>
                {p.title} · <span className="badge">{t(`proposalStatus.${p.status}`)}</span>
                {p.threat_slug ? (
                  <>
                    {" "}
                    · <Link to={`/threats/${p.threat_slug}`}>{t("propose.seeThreat")}</Link>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
