import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect } from "~/components/filter-select";
import { PageHeader } from "~/components/layout";
import { Pagination } from "~/components/pagination";
import { requireStaff } from "~/features/auth/guards.server";
import { listOutbox, outboxCounts } from "~/features/email/outbox.server";
import { loadConfig } from "~/config.server";
import { parsePage } from "~/lib/paging";
import { OUTBOX_STATUSES, type OutboxStatus } from "~/lib/vocabularies";
import { formatDateTime } from "~/lib/format";

export const handle = { titleKey: "mail.title" };
const PER_PAGE = 25;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const url = new URL(request.url);
  const statusParam = url.searchParams.get("status");
  const status = (OUTBOX_STATUSES as readonly string[]).includes(statusParam ?? "")
    ? (statusParam as OutboxStatus)
    : undefined;
  const page = parsePage(url.searchParams);
  const [{ rows, total }, counts] = await Promise.all([
    listOutbox({ status, page, perPage: PER_PAGE }),
    outboxCounts(),
  ]);
  return { rows, total, counts, status: status ?? null, page, devMailbox: !loadConfig().resendApiKey };
}

export default function MailPage() {
  const { t, i18n } = useTranslation();
  const { rows, total, counts, status, page, devMailbox } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title={t("mail.title")} lead={devMailbox ? t("mail.devLead") : t("mail.liveLead")} />
      <Form method="get" className="filters">
        <FilterSelect
          anyLabel={t("mail.allStatuses")}
          name="status"
          label={t("fields.status")}
          value={status}
          options={OUTBOX_STATUSES.map((s) => [s, `${t(`mail.status.${s}`)} (${counts[s] ?? 0})`])}
        />
        <button type="submit">{t("actions.filter")}</button>
      </Form>
      {rows.length === 0 ? (
        <p className="empty-state">{t("mail.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("mail.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("mail.subject")}</th>
                <th scope="col">{t("mail.to")}</th>
                <th scope="col">{t("fields.status")}</th>
                <th scope="col">{t("mail.queuedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <Link to={`/staff/mail/${row.id}`}>{row.subject}</Link>
                  </td>
                  <td>{row.to_address}</td>
                  <td>
                    <span className={`badge badge-${row.status}`}>
                      {devMailbox && row.status === "pending" ? t("mail.heldHere") : t(`mail.status.${row.status}`)}
                    </span>
                    {row.last_error ? (
                      <span className="muted"> · {t("mail.attempts", { count: row.attempts })}</span>
                    ) : null}
                  </td>
                  <td>{formatDateTime(row.created_at, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} perPage={PER_PAGE} total={total} />
    </div>
  );
}
