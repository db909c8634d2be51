import { parseWithZod } from "~/lib/parse-form";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { requireStaff } from "~/features/auth/guards.server";
import { DecisionSchema } from "~/features/coalition/forms";
import { approveApplication, declineApplication, listApplications } from "~/features/coalition/applications.server";
import { jurisdictionName } from "~/features/jurisdictions/names";
import { formatDate, formatDateTime } from "~/lib/format";

export const handle = { titleKey: "applications:queue.title" };

type Errors = Record<string, string[]>;
type Done = "approved" | "approvedNotInvited" | "declined" | null;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return listApplications();
}

interface ActionResult {
  applicationId: number | null;
  errors: Errors;
  warnings: Errors;
  done: Done;
}

function reply(result: ActionResult, status = 200) {
  return data(result, { status });
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  const applicationId = Number(formData.get("applicationId")) || null;
  const submission = parseWithZod(formData, { schema: DecisionSchema });
  if (submission.status !== "success") {
    const errors: Errors = {};
    for (const [key, messages] of Object.entries(submission.error ?? {})) if (messages) errors[key] = messages;
    return reply({ applicationId, errors, warnings: {}, done: null }, 400);
  }
  const { value } = submission;
  if (value.decision === "decline") {
    const result = await declineApplication(staff, value.applicationId, value.reason);
    if (!result.ok) return reply({ applicationId, errors: result.fieldErrors, warnings: {}, done: null }, 400);
    return reply({ applicationId, errors: {}, warnings: {}, done: "declined" });
  }
  const result = await approveApplication(staff, value.applicationId);
  if (!result.ok) return reply({ applicationId, errors: result.fieldErrors, warnings: {}, done: null }, 400);
  if (!result.invited) {
    return reply({ applicationId, errors: {}, warnings: result.invitationErrors, done: "approvedNotInvited" });
  }
  return reply({ applicationId, errors: {}, warnings: {}, done: "approved" });
}

export default function ApplicationsQueuePage() {
  const { t, i18n } = useTranslation(["applications", "coalition", "common"]);
  const { pending, recent, unconfirmed } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errorsFor = (id: number): Record<string, string[] | undefined> =>
    actionData && actionData.applicationId === id ? actionData.errors : {};
  const orphanErrors =
    actionData && !pending.some((a) => a.id === actionData.applicationId)
      ? Object.values(actionData.errors).flat()
      : [];
  return (
    <div className="stack">
      <PageHeader title={t("queue.title")} lead={t("queue.lead", { count: unconfirmed })} />
      {actionData?.done ? (
        <p className="alert alert-success" role="status">
          {t(`queue.done.${actionData.done}`)}
        </p>
      ) : null}
      {actionData?.done === "approvedNotInvited" ? (
        <ErrorList errors={Object.values(actionData.warnings).flat()} className="alert alert-error" />
      ) : null}
      {orphanErrors.length ? <ErrorList errors={orphanErrors} className="alert alert-error" /> : null}
      {pending.length === 0 ? <p className="empty-state">{t("queue.none")}</p> : null}
      {pending.map((a) => {
        const errors = errorsFor(a.id);
        const place = a.name_en
          ? jurisdictionName(
              { code: a.jurisdiction_code, name_en: a.name_en, name_fr: a.name_fr ?? a.name_en },
              i18n.language,
            )
          : a.jurisdiction_code;
        return (
          <section key={a.id} className="card stack" aria-labelledby={`application-${a.id}`}>
            <h2 id={`application-${a.id}`}>{a.name}</h2>
            <p className="muted">
              {t(`kind.${a.kind}`)} · {t(`coalition:sector.${a.sector}`, { defaultValue: a.sector })} · {place} ·{" "}
              {t("queue.confirmedOn", { date: formatDateTime(a.confirmed_at ?? a.created_at, i18n.language) })}
            </p>
            <dl>
              <dt>{t("fields.contactName")}</dt>
              <dd>{a.contact_name}</dd>
              <dt>{t("fields.contactEmail")}</dt>
              <dd>{a.contact_email}</dd>
              {a.website ? (
                <>
                  <dt>{t("fields.website")}</dt>
                  <dd>
                    <a href={a.website} rel="noopener noreferrer nofollow">
                      {a.website}
                    </a>
                  </dd>
                </>
              ) : null}
              <dt>{t("fields.consentPublic")}</dt>
              <dd>{a.consent_public ? t("queue.yes") : t("queue.no")}</dd>
              <dt>{t("fields.motivation")}</dt>
              <dd>
                {a.motivation.split(/\n\s*\n/).map((paragraph, i) => (
                  <p key={i}>{paragraph}</p>
                ))}
              </dd>
              <dt>{t("fields.publicProfile")}</dt>
              <dd>
                {a.public_profile ? (
                  a.public_profile.split(/\n\s*\n/).map((paragraph, i) => <p key={i}>{paragraph}</p>)
                ) : (
                  <span className="muted">{t("queue.noProfile")}</span>
                )}
              </dd>
            </dl>
            <ErrorList errors={errors.decision ?? errors.applicationId} />
            <Form method="post">
              <input type="hidden" name="applicationId" value={a.id} />
              <input type="hidden" name="decision" value="approve" />
              <button type="submit">{t("queue.approve")}</button>
            </Form>
            <details open={!!errors.reason}>
              <summary className="button secondary button-small">{t("queue.decline")}</summary>
              <Form method="post" className="stack">
                <input type="hidden" name="applicationId" value={a.id} />
                <input type="hidden" name="decision" value="decline" />
                <div className="field">
                  <label htmlFor={`reason-${a.id}`}>{t("queue.reason")}</label>
                  <p id={`reason-hint-${a.id}`} className="hint">
                    {t("queue.reasonHint")}
                  </p>
                  <textarea
                    id={`reason-${a.id}`}
                    name="reason"
                    rows={3}
                    aria-describedby={`reason-hint-${a.id}`}
                    aria-invalid={errors.reason ? true : undefined}
                  />
                  <ErrorList errors={errors.reason} />
                </div>
                <button type="submit" className="danger">
                  {t("queue.declineConfirm")}
                </button>
              </Form>
            </details>
          </section>
        );
      })}
      <section aria-labelledby="recent-decisions">
        <h2 id="recent-decisions">{t("queue.recent")}</h2>
        {recent.length === 0 ? (
          <p className="empty-state">{t("queue.noRecent")}</p>
        ) : (
          <ul>
            {recent.map((a) => (
              <li key={a.id}>
                {a.member_id ? <Link to={`/coalition/${a.member_id}`}>{a.name}</Link> : a.name} ·{" "}
                <span className="badge">{t(`status.${a.status}`)}</span>
                {a.reviewed_at ? ` · ${formatDate(a.reviewed_at, i18n.language)}` : ""}
                {a.reviewer_name ? ` · ${a.reviewer_name}` : ""}
                {a.decline_reason ? ` — ${a.decline_reason}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
