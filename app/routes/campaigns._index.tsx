import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { getOptionalUser, isStaff } from "~/features/auth/guards.server";
import { listOpenCampaigns } from "~/features/campaigns/lists.server";
import { getLocale } from "~/i18n/i18next.server";

export const handle = { titleKey: "campaigns:title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const [campaigns, user] = await Promise.all([listOpenCampaigns(await getLocale(request)), getOptionalUser(request)]);
  return { campaigns, staff: isStaff(user) };
}

export default function CampaignsPage() {
  const { t } = useTranslation("campaigns");
  const { campaigns, staff } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <PageHeader title={t("title")} lead={t("list.lead")}>
        {staff ? (
          <p className="inline-form">
            <Link to="/campaigns/new">{t("list.new")}</Link>
            <Link to="/staff/campaigns">{t("staffList.title")}</Link>
          </p>
        ) : null}
      </PageHeader>
      {campaigns.length === 0 ? (
        <p>{t("list.empty")}</p>
      ) : (
        <ul className="stack">
          {campaigns.map((c) => (
            <li key={c.slug} className="card">
              <h2>
                <Link to={`/campaigns/${c.slug}`}>{c.title}</Link>
              </h2>
              <p className="hint">
                {c.threat} · {c.jurisdiction}
              </p>
              {c.introduction ? <p>{c.introduction.split(/\n{2,}/)[0]}</p> : null}
              <p>
                <Link to={`/campaigns/${c.slug}`}>{t("list.write")}</Link>
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
