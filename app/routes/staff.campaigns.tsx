import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { requireStaff } from "~/features/auth/guards.server";
import { CAMPAIGN_STATUSES } from "~/features/campaigns/constants";
import { listCampaignsForStaff } from "~/features/campaigns/lists.server";
import { getLocale } from "~/i18n/i18next.server";

export const handle = { titleKey: "campaigns:staffList.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { campaigns: await listCampaignsForStaff(await getLocale(request)) };
}

export default function StaffCampaignsPage() {
  const { t, i18n } = useTranslation("campaigns");
  const { campaigns } = useLoaderData<typeof loader>();
  const lang = i18n.language;
  return (
    <div className="stack">
      <PageHeader title={t("staffList.title")} lead={t("staffList.lead")}>
        <p>
          <Link className="button" to="/campaigns/new">
            {t("list.new")}
          </Link>
        </p>
      </PageHeader>
      {campaigns.length === 0 ? <p>{t("staffList.empty")}</p> : null}
      {CAMPAIGN_STATUSES.map((status) => {
        const rows = campaigns.filter((c) => c.status === status);
        if (rows.length === 0) return null;
        return (
          <section key={status} aria-labelledby={`status-${status}`}>
            <h2 id={`status-${status}`}>
              {t(`status.${status}`)} ({rows.length})
            </h2>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("fields.campaign")}</th>
                    <th scope="col">{t("fields.threat")}</th>
                    <th scope="col">{t("fields.letters")}</th>
                    <th scope="col">{t("letterStatus.pending_confirmation")}</th>
                    <th scope="col">{t("staffList.outgoing")}</th>
                    <th scope="col">{t("letterStatus.handed_to_sender")}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((c) => (
                    <tr key={c.id}>
                      <th scope="row">
                        <Link to={`/campaigns/${c.slug}/manage`}>{c.title}</Link>
                      </th>
                      <td>{c.threat}</td>
                      <td>{c.letters.toLocaleString(lang)}</td>
                      <td>{c.pending.toLocaleString(lang)}</td>
                      <td>{c.outgoing.toLocaleString(lang)}</td>
                      <td>{c.handed.toLocaleString(lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </div>
  );
}
