import { parseWithZod } from "~/lib/parse-form";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { Pagination } from "~/components/pagination";
import { requireStaff } from "~/features/auth/guards.server";
import { QUEUE_PER_PAGE } from "~/features/actions/constants";
import { listReviewQueue, reviewAction } from "~/features/actions/review.server";
import { ReviewSchema, parseReviewFilters } from "~/features/actions/forms";
import { ReviewBadge } from "~/features/actions/action-lists";
import { listChapters } from "~/features/chapters/chapters.server";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { formatDate, filterYears } from "~/lib/format";
import { parsePage } from "~/lib/paging";
import { ACTION_KINDS, ACTION_REVIEW_STATUSES } from "~/lib/vocabularies";
import { FilterSelect } from "~/components/filter-select";

export const handle = { titleKey: "actions:review.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const params = new URL(request.url).searchParams;
  const filters = parseReviewFilters(params);
  const [queue, chapters] = await Promise.all([listReviewQueue(filters, parsePage(params)), listChapters()]);
  return { ...queue, filters, page: parsePage(params), chapters: chapters.map((c) => ({ id: c.id, name: c.name })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  await enforceRateLimit([["accountWrites", String(staff.id)]]);
  const formData = await request.formData();
  const actionId = Number(formData.get("actionId"));
  const submission = parseWithZod(formData, { schema: ReviewSchema });
  if (submission.status !== "success") {
    const errors: Record<string, string[]> = {};
    for (const [key, messages] of Object.entries(submission.error ?? {})) if (messages) errors[key] = messages;
    return data({ actionId, errors, done: null }, { status: 400 });
  }
  const fieldErrors = await reviewAction(staff, submission.value);
  if (fieldErrors) return data({ actionId, errors: fieldErrors, done: null }, { status: 400 });
  return data({ actionId, errors: {} as Record<string, string[]>, done: submission.value.decision });
}

export default function ReviewQueuePage() {
  const { t, i18n } = useTranslation(["actions", "common"]);
  const { rows, total, status, filters, page, chapters } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errorsFor = (id: number): Record<string, string[] | undefined> =>
    actionData && actionData.actionId === id ? actionData.errors : {};
  const years = filterYears();
  return (
    <div className="stack">
      <PageHeader title={t("review.title")} lead={t("review.lead")} />
      {actionData?.done ? (
        <p className="alert alert-success" role="status">
          {t(`review.done.${actionData.done}`)}
        </p>
      ) : null}
      <Form method="get" className="filters" role="search" aria-label={t("filters.label")}>
        <FilterSelect
          anyLabel={null}
          name="status"
          label={t("fields.status")}
          value={status}
          options={ACTION_REVIEW_STATUSES.map((s) => [s, t(`status.${s}`)])}
        />
        <FilterSelect
          anyLabel={t("filters.any")}
          name="kind"
          label={t("fields.kind")}
          value={filters.kind}
          options={ACTION_KINDS.map((k) => [k, t(`kind.${k}`)])}
        />
        <FilterSelect
          anyLabel={t("filters.any")}
          name="chapter"
          label={t("fields.chapter")}
          value={filters.chapter}
          options={chapters.map((c) => [String(c.id), c.name])}
        />
        <FilterSelect
          anyLabel={t("filters.any")}
          name="year"
          label={t("fields.year")}
          value={filters.year}
          options={years.map((y) => [y, y])}
        />
        <button type="submit">{t("common:actions.filter")}</button>
        <Link to="/staff/actions">{t("filters.clear")}</Link>
      </Form>
      <p role="status">{t("review.count", { count: total, status: t(`status.${status}`) })}</p>
      {rows.length === 0 ? <p className="empty-state">{t("review.none")}</p> : null}
      {rows.map((a) => {
        const errors = errorsFor(a.id);
        return (
          <section key={a.id} className="card stack" aria-labelledby={`action-${a.id}`}>
            <h2 id={`action-${a.id}`}>
              {t(`kind.${a.kind}`)} · {a.chapter_name ?? a.organisation_name} ·{" "}
              {formatDate(a.occurred_on, i18n.language)}
            </h2>
            <p>
              <ReviewBadge status={a.review_status} />{" "}
              {a.logger_name ? t("list.loggedBy", { name: a.logger_name }) : null}
            </p>
            <p>{a.description}</p>
            {a.policymakers ? <p>{t("list.targeted", { who: a.policymakers })}</p> : null}
            {a.outcome ? <p>{t("list.outcome", { outcome: a.outcome })}</p> : null}
            <p className="muted">
              {a.threat_slug ? (
                <>
                  {t("list.threat")} <Link to={`/threats/${a.threat_slug}`}>{a.threat_title}</Link>
                </>
              ) : (
                t("review.noThreat")
              )}
              {a.evidence_url ? (
                <>
                  {" · "}
                  <a href={a.evidence_url} rel="noopener noreferrer nofollow">
                    {a.evidence_url}
                  </a>
                </>
              ) : null}
            </p>
            {a.review_comment ? (
              <p className="hint">{t("review.previousComment", { comment: a.review_comment })}</p>
            ) : null}
            {a.review_status === "pending" ? (
              <>
                <ErrorList errors={errors.decision} />
                <div className="inline-form">
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="actionId" value={a.id} />
                    <input type="hidden" name="decision" value="accepted" />
                    <button type="submit">{t("review.accept")}</button>
                  </Form>
                  <details open={!!errors.comment}>
                    <summary className="button secondary button-small">{t("review.askChanges")}</summary>
                    <Form method="post" className="stack">
                      <input type="hidden" name="actionId" value={a.id} />
                      <input type="hidden" name="decision" value="needs_changes" />
                      <div className="field">
                        <label htmlFor={`comment-${a.id}`}>{t("review.comment")}</label>
                        <textarea
                          id={`comment-${a.id}`}
                          name="comment"
                          rows={3}
                          maxLength={2000}
                          aria-describedby={errors.comment ? `comment-${a.id}-error` : undefined}
                        />
                        <ErrorList id={`comment-${a.id}-error`} errors={errors.comment} />
                      </div>
                      <button type="submit">{t("review.askChangesConfirm")}</button>
                    </Form>
                  </details>
                </div>
              </>
            ) : null}
          </section>
        );
      })}
      <Pagination page={page} perPage={QUEUE_PER_PAGE} total={total} />
    </div>
  );
}
