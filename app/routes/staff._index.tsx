import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { requireStaff } from "~/features/auth/guards.server";
import { outboxCounts } from "~/features/email/outbox.server";
import { InboxList } from "~/features/staff-inbox/inbox-list";
import { staffInbox } from "~/features/staff-inbox/inbox.server";
import { getLocale } from "~/i18n/i18next.server";
import { waitingDays } from "~/lib/waiting";

export const handle = { titleKey: "staff.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const [queues, outbox, locale] = await Promise.all([staffInbox(), outboxCounts(), getLocale(request)]);
  const now = new Date();
  return {
    isAdmin: user.role === "admin",
    outbox,
    locale,
    queues: queues.map((queue) => ({ ...queue, days: waitingDays(queue.oldest, now) })),
  };
}

export default function StaffHome() {
  const { t } = useTranslation();
  const { isAdmin, outbox, locale, queues } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <PageHeader title={t("staff.title")} lead={t("staff.lead")} />
      <InboxList queues={queues} locale={locale} />
      <h2>{t("inbox.tools")}</h2>
      <div className="grid">
        <section className="card">
          <h3>
            <Link to="/staff/invitations">{t("invite.title")}</Link>
          </h3>
          <p>{t("staff.invitationsBlurb")}</p>
        </section>
        <section className="card">
          <h3>
            <Link to="/staff/mail">{t("mail.title")}</Link>
          </h3>
          <p>{t("staff.mailBlurb", { pending: outbox.pending ?? 0, failed: outbox.failed ?? 0 })}</p>
        </section>
        {isAdmin ? (
          <>
            <section className="card">
              <h3>
                <Link to="/admin/users">{t("users.title")}</Link>
              </h3>
              <p>{t("staff.usersBlurb")}</p>
            </section>
            <section className="card">
              <h3>
                <Link to="/admin/impact-properties">{t("threats:properties.title")}</Link>
              </h3>
              <p>{t("threats:properties.lead")}</p>
            </section>
            <section className="card">
              <h3>
                <Link to="/admin/api-keys">{t("apiKeys.title")}</Link>
              </h3>
              <p>{t("apiKeys.blurb")}</p>
            </section>
          </>
        ) : null}
        <section className="card">
          <h3>
            <Link to="/statements/new">{t("threats:statement.title")}</Link>
          </h3>
          <p>{t("staff.statementsBlurb")}</p>
        </section>
        <section className="card">
          <h3>
            <Link to="/lawmakers">{t("staff.lawmakersTitle")}</Link>
          </h3>
          <p>{t("staff.lawmakersBlurb")}</p>
        </section>
        <section className="card">
          <h3>
            <Link to="/staff/translations">{t("translations:overview.title")}</Link>
          </h3>
          <p>{t("translations:overview.blurb")}</p>
        </section>
        <section className="card">
          <h3>
            <Link to="/staff/campaigns">{t("staff.campaignsTitle")}</Link>
          </h3>
          <p>{t("staff.campaignsBlurb")}</p>
        </section>
        <section className="card">
          <h3>
            <Link to="/staff/events">{t("staff.eventsTitle")}</Link>
          </h3>
          <p>{t("staff.eventsBlurb")}</p>
        </section>
        <section className="card">
          <h3>
            <Link to="/staff/targets">{t("staff.targetsTitle")}</Link>
          </h3>
          <p>{t("staff.targetsBlurb")}</p>
        </section>
        <section className="card">
          <h3>
            <Link to="/reports">{t("staff.reportsTitle")}</Link>
          </h3>
          <p>{t("staff.reportsBlurb")}</p>
        </section>
        <section className="card">
          <h3>
            <Link to="/staff/audit">{t("audit.title")}</Link>
          </h3>
          <p>{t("staff.auditBlurb")}</p>
        </section>
      </div>
    </div>
  );
}
