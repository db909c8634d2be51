import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect } from "~/components/filter-select";
import { PageHeader } from "~/components/layout";
import { Pagination } from "~/components/pagination";
import { requireAdmin } from "~/features/auth/guards.server";
import { listUsers, parseUserFilters, USERS_PER_PAGE } from "~/features/users/users.server";
import { ROLES } from "~/lib/vocabularies";

export const handle = { titleKey: "users.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const filters = parseUserFilters(new URL(request.url));
  const { rows, total } = await listUsers(filters);
  return { users: rows, total, filters, perPage: USERS_PER_PAGE };
}

export default function UsersPage() {
  const { t } = useTranslation();
  const { users, total, filters, perPage } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title={t("users.title")} lead={t("users.lead")}>
        <Link to="/staff/invitations">{t("users.inviteLink")}</Link>
      </PageHeader>
      <Form method="get" className="filters" role="search">
        <div className="field">
          <label htmlFor="q">{t("users.search")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} />
        </div>
        <FilterSelect
          anyLabel={t("users.allRoles")}
          name="role"
          label={t("fields.role")}
          value={filters.role}
          options={ROLES.map((role) => [role, t(`roles.${role}`)])}
        />
        <button type="submit">{t("actions.filter")}</button>
      </Form>
      {users.length === 0 ? (
        <p className="empty-state">{t("users.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("users.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("fields.name")}</th>
                <th scope="col">{t("fields.email")}</th>
                <th scope="col">{t("fields.role")}</th>
                <th scope="col">{t("fields.status")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id}>
                  <td>
                    <Link to={`/admin/users/${user.id}`}>{user.name}</Link>
                  </td>
                  <td>{user.email}</td>
                  <td>
                    {t(`roles.${user.role}`)}
                    {(user.chapter_name ?? user.organisation_name)
                      ? ` · ${user.chapter_name ?? user.organisation_name}`
                      : ""}
                  </td>
                  <td>
                    <span className="badge">{t(`users.status.${user.status}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={filters.page} perPage={perPage} total={total} />
    </div>
  );
}
