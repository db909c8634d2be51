import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { Pagination } from "~/components/pagination";
import { requireStaff } from "~/features/auth/guards.server";
import { AUDIT_PER_PAGE, listAudit } from "~/features/security/audit.server";
import { parsePage } from "~/lib/paging";
import { formatDateTime } from "~/lib/format";

export const handle = { titleKey: "audit.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const page = parsePage(new URL(request.url).searchParams);
  return { ...(await listAudit(page)), page, perPage: AUDIT_PER_PAGE };
}

export default function AuditPage() {
  const { t, i18n } = useTranslation();
  const { rows, total, page, perPage } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title={t("audit.title")} lead={t("audit.lead")} />
      {rows.length === 0 ? (
        <p className="empty-state">{t("audit.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("audit.change")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>{formatDateTime(row.created_at, i18n.language)}</td>
                  <td>{row.actor_name ?? t("audit.system")}</td>
                  <td>
                    <code>{row.action}</code> · {row.entity_type} {row.entity_id ? `#${row.entity_id}` : ""}
                  </td>
                  <td>
                    {row.before_json ? <div className="muted">{row.before_json}</div> : null}
                    {row.after_json ? <div>{row.after_json}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} perPage={perPage} total={total} />
    </div>
  );
}
