import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { requireStaff } from "~/features/auth/guards.server";
import { outboxCounts } from "~/features/email/outbox.server";

export const handle = { titleKey: "staff.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  return { isAdmin: user.role === "admin", outbox: await outboxCounts() };
}

export default function StaffHome() {
  const { t } = useTranslation();
  const { isAdmin, outbox } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title={t("staff.title")} lead={t("staff.lead")} />
      <div className="grid">
        <section className="card">
          <h2>
            <Link to="/staff/invitations">{t("invite.title")}</Link>
          </h2>
          <p>{t("staff.invitationsBlurb")}</p>
        </section>
        <section className="card">
          <h2>
            <Link to="/staff/mail">{t("mail.title")}</Link>
          </h2>
          <p>{t("staff.mailBlurb", { pending: outbox.pending ?? 0, failed: outbox.failed ?? 0 })}</p>
        </section>
        {isAdmin ? (
          <>
            <section className="card">
              <h2>
                <Link to="/admin/users">{t("users.title")}</Link>
              </h2>
              <p>{t("staff.usersBlurb")}</p>
            </section>
            <section className="card">
              <h2>
                <Link to="/admin/impact-properties">{t("threats:properties.title")}</Link>
              </h2>
              <p>{t("threats:properties.lead")}</p>
            </section>
          </>
        ) : null}
        <section className="card">
          <h2>
            <Link to="/staff/applications">{t("applications:queue.title")}</Link>
          </h2>
          <p>{t("staff.applicationsBlurb")}</p>
        </section>
        <section className="card">
          <h2>
            <Link to="/staff/name-changes">{t("coalition:changes.title")}</Link>
          </h2>
          <p>{t("staff.memberChangesBlurb")}</p>
        </section>
        <section className="card">
          <h2>
            <Link to="/staff/proposals">{t("threats:review.title")}</Link>
          </h2>
          <p>{t("staff.proposalsBlurb")}</p>
        </section>
        <section className="card">
          <h2>
            <Link to="/statements/new">{t("threats:statement.title")}</Link>
          </h2>
          <p>{t("staff.statementsBlurb")}</p>
        </section>
        <section className="card">
          <h2>
            <Link to="/lawmakers">{t("staff.lawmakersTitle")}</Link>
          </h2>
          <p>{t("staff.lawmakersBlurb")}</p>
        </section>
        <section className="card">
          <h2>
            <Link to="/staff/campaigns">{t("staff.campaignsTitle")}</Link>
          </h2>
          <p>{t("staff.campaignsBlurb")}</p>
        </section>
        <section className="card">
          <h2>
            <Link to="/staff/actions">{t("staff.actionsTitle")}</Link>
          </h2>
          <p>{t("staff.actionsBlurb")}</p>
        </section>
        <section className="card">
          <h2>
            <Link to="/staff/events">{t("staff.eventsTitle")}</Link>
          </h2>
          <p>{t("staff.eventsBlurb")}</p>
        </section>
        <section className="card">
          <h2>
            <Link to="/staff/targets">{t("staff.targetsTitle")}</Link>
          </h2>
          <p>{t("staff.targetsBlurb")}</p>
        </section>
        <section className="card">
          <h2>
            <Link to="/staff/audit">{t("audit.title")}</Link>
          </h2>
          <p>{t("staff.auditBlurb")}</p>
        </section>
      </div>
    </div>
  );
}
