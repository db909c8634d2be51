import { parseWithZod } from "~/lib/parse-form";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { requireAdmin } from "~/features/auth/guards.server";
import { CreateApiKeySchema } from "~/features/api-keys/forms";
import { ApiKeyForm, NewTokenNotice } from "~/features/api-keys/key-form";
import { createApiKey, listApiKeys } from "~/features/api-keys/keys.server";
import { osdiUrl } from "~/features/osdi/hal.server";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { formatDate, formatDateTime } from "~/lib/format";

export const handle = { titleKey: "apiKeys.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { keys: await listApiKeys(), apiUrl: osdiUrl() };
}

// The token is in this POST's answer only: never in a URL, a redirect or the log.
export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  await enforceRateLimit([["accountWrites", String(admin.id)]]);
  const submission = parseWithZod(await request.formData(), { schema: CreateApiKeySchema });
  if (submission.status !== "success") return data({ result: submission.reply(), created: null }, { status: 400 });
  const { key, token } = await createApiKey(admin, submission.value);
  return data({ result: submission.reply({ resetForm: true }), created: { id: key.id, name: key.name, token } });
}

export default function ApiKeysPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { keys, apiUrl } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <PageHeader title={t("apiKeys.title")} lead={t("apiKeys.lead")} />
      {actionData?.created ? (
        <NewTokenNotice name={actionData.created.name} token={actionData.created.token} apiUrl={apiUrl} />
      ) : null}
      {keys.length === 0 ? (
        <p className="empty-state">{t("apiKeys.none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("apiKeys.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("apiKeys.name")}</th>
                <th scope="col">{t("apiKeys.prefix")}</th>
                <th scope="col">{t("apiKeys.access")}</th>
                <th scope="col">{t("apiKeys.created")}</th>
                <th scope="col">{t("apiKeys.lastUsed")}</th>
                <th scope="col">{t("apiKeys.state")}</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id}>
                  <td>
                    <Link to={`/admin/api-keys/${key.id}`}>{key.name}</Link>
                  </td>
                  <td>
                    <code>{key.prefix}</code>
                  </td>
                  <td>
                    {t(`apiKeys.accessValue.${key.access}`)}
                    {" · "}
                    {key.resources.length
                      ? key.resources.map((r) => t(`apiKeys.resource.${r}`)).join(", ")
                      : t("apiKeys.noResources")}
                  </td>
                  <td>{formatDate(key.createdAt, locale)}</td>
                  <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt, locale) : t("apiKeys.never")}</td>
                  <td>
                    <span className="badge">
                      {key.revokedAt
                        ? t("apiKeys.revoked", { date: formatDate(key.revokedAt, locale) })
                        : t("apiKeys.active")}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="stack" aria-labelledby="new-key-heading">
        <h2 id="new-key-heading">{t("apiKeys.newHeading")}</h2>
        <ApiKeyForm lastResult={actionData?.result} />
      </section>
    </div>
  );
}
