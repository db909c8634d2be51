import { parseWithZod } from "~/lib/parse-form";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { requireStaff } from "~/features/auth/guards.server";
import { listMemberChanges, reviewMemberChange } from "~/features/coalition/member-changes.server";
import { MemberChangeDecisionSchema } from "~/features/coalition/forms";
import { formatDate, formatDateTime } from "~/lib/format";

export const handle = { titleKey: "coalition:changes.title" };

type Errors = Record<string, string[]>;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return listMemberChanges();
}

interface ActionResult {
  changeId: number | null;
  errors: Errors;
  done: "approved" | "rejected" | null;
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  const changeId = Number(formData.get("changeId")) || null;
  const submission = parseWithZod(formData, { schema: MemberChangeDecisionSchema });
  if (submission.status !== "success") {
    const errors: Errors = {};
    for (const [key, messages] of Object.entries(submission.error ?? {})) if (messages) errors[key] = messages;
    return data<ActionResult>({ changeId, errors, done: null }, { status: 400 });
  }
  const { value } = submission;
  const result = await reviewMemberChange(staff, value.changeId, value.decision, value.comment || null);
  if (!result.ok) return data<ActionResult>({ changeId, errors: result.fieldErrors, done: null }, { status: 400 });
  return data<ActionResult>({ changeId, errors: {}, done: value.decision === "approve" ? "approved" : "rejected" });
}

export default function MemberChangesQueuePage() {
  const { t, i18n } = useTranslation(["coalition", "common"]);
  const { pending, recent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errorsFor = (id: number): Record<string, string[] | undefined> =>
    actionData && actionData.changeId === id ? actionData.errors : {};
  const orphanErrors =
    actionData && !pending.some((c) => c.id === actionData.changeId) ? Object.values(actionData.errors).flat() : [];
  const websiteText = (value: string | null) => value || t("changes.noWebsite");
  return (
    <div className="stack">
      <PageHeader title={t("changes.title")} lead={t("changes.lead")} />
      {actionData?.done ? (
        <p className="alert alert-success" role="status">
          {t(`changes.done.${actionData.done}`)}
        </p>
      ) : null}
      {orphanErrors.length ? <ErrorList errors={orphanErrors} className="alert alert-error" /> : null}
      {pending.length === 0 ? <p className="empty-state">{t("changes.none")}</p> : null}
      {pending.map((c) => {
        const errors = errorsFor(c.id);
        return (
          <section key={c.id} className="card stack" aria-labelledby={`change-${c.id}`}>
            <h2 id={`change-${c.id}`}>
              <Link to={`/coalition/${c.member_id}`}>{c.member_name}</Link>
            </h2>
            <p className="muted">
              {t("changes.requestedBy", {
                name: c.requester_name ?? "—",
                date: formatDateTime(c.created_at, i18n.language),
              })}
              {c.requester_email ? ` · ${c.requester_email}` : ""}
            </p>
            <dl>
              {c.name !== null ? (
                <>
                  <dt>{t("changes.name")}</dt>
                  <dd>{t("changes.fromTo", { from: c.member_name, to: c.name })}</dd>
                </>
              ) : null}
              {c.website_changed ? (
                <>
                  <dt>{t("changes.website")}</dt>
                  <dd>{t("changes.fromTo", { from: websiteText(c.member_website), to: websiteText(c.website) })}</dd>
                </>
              ) : null}
            </dl>
            <ErrorList errors={errors.decision ?? errors.changeId} />
            <Form method="post" className="stack">
              <input type="hidden" name="changeId" value={c.id} />
              <div className="field">
                <label htmlFor={`comment-${c.id}`}>{t("changes.comment")}</label>
                <p id={`comment-hint-${c.id}`} className="hint">
                  {t("changes.commentHint")}
                </p>
                <textarea
                  id={`comment-${c.id}`}
                  name="comment"
                  rows={2}
                  aria-describedby={`comment-hint-${c.id}`}
                  aria-invalid={errors.comment ? true : undefined}
                />
                <ErrorList errors={errors.comment} />
              </div>
              <div className="inline-form">
                <button type="submit" name="decision" value="approve">
                  {t("changes.approve")}
                </button>
                <button type="submit" name="decision" value="reject" className="danger">
                  {t("changes.reject")}
                </button>
              </div>
            </Form>
          </section>
        );
      })}
      <section aria-labelledby="recent-decisions">
        <h2 id="recent-decisions">{t("changes.recent")}</h2>
        {recent.length === 0 ? (
          <p className="empty-state">{t("changes.noRecent")}</p>
        ) : (
          <ul>
            {recent.map((c) => (
              <li key={c.id}>
                <Link to={`/coalition/${c.member_id}`}>{c.member_name}</Link>
                {c.name !== null ? ` · ${t("changes.fromTo", { from: c.previous_name, to: c.name })}` : ""}
                {c.website_changed
                  ? ` · ${t("changes.fromTo", { from: websiteText(c.previous_website), to: websiteText(c.website) })}`
                  : ""}{" "}
                · <span className="badge">{t(`changes.status.${c.status}`)}</span>
                {c.reviewed_at ? ` · ${formatDate(c.reviewed_at, i18n.language)}` : ""}
                {c.reviewer_name ? ` · ${c.reviewer_name}` : ""}
                {c.review_comment ? ` — ${c.review_comment}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
