import { parseWithZod } from "~/lib/parse-form";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm-action";
import { ErrorList } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { notFound, requireAdmin, requireIdParam } from "~/features/auth/guards.server";
import { RevokeApiKeySchema } from "~/features/api-keys/forms";
import { getApiKey, listApiKeyUsage, revokeApiKey } from "~/features/api-keys/keys.server";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { formatDate, formatDateTime } from "~/lib/format";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const key = await getApiKey(requireIdParam(params.id));
  if (!key) throw notFound();
  return { key, usage: await listApiKeyUsage(key.id), pageTitle: key.name };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const id = requireIdParam(params.id);
  await enforceRateLimit([["accountWrites", String(admin.id)]]);
  const submission = parseWithZod(await request.formData(), { schema: RevokeApiKeySchema });
  if (submission.status !== "success") {
    return data({ errors: Object.values(submission.error ?? {}).flatMap((e) => e ?? []), revoked: false }, 400);
  }
  if (!(await revokeApiKey(admin, id))) throw notFound();
  return data({ errors: [] as string[], revoked: true });
}

/** One key: what it may do, its use per day, and revoking it (a second step confirms). */
export default function ApiKeyPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { key, usage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <p>
        <Link to="/admin/api-keys">{t("apiKeys.back")}</Link>
      </p>
      <PageHeader title={key.name} />
      {actionData?.revoked ? (
        <p className="alert alert-success" role="status">
          {t("apiKeys.revokedNotice")}
        </p>
      ) : null}
      <ErrorList errors={actionData?.errors} className="alert alert-error" />
      <section className="card" aria-labelledby="key-details">
        <h2 id="key-details">{t("apiKeys.details")}</h2>
        <dl className="meta">
          <dt>{t("apiKeys.prefix")}</dt>
          <dd>
            <code>{key.prefix}</code>
          </dd>
          <dt>{t("apiKeys.access")}</dt>
          <dd>{t(`apiKeys.accessValue.${key.access}`)}</dd>
          <dt>{t("apiKeys.resources")}</dt>
          <dd>
            {key.resources.length
              ? key.resources.map((r) => t(`apiKeys.resource.${r}`)).join(", ")
              : t("apiKeys.noResources")}
          </dd>
          <dt>{t("apiKeys.created")}</dt>
          <dd>
            {formatDateTime(key.createdAt, locale)}
            {key.createdByName ? ` · ${key.createdByName}` : ""}
          </dd>
          <dt>{t("apiKeys.lastUsed")}</dt>
          <dd>{key.lastUsedAt ? formatDateTime(key.lastUsedAt, locale) : t("apiKeys.never")}</dd>
          <dt>{t("apiKeys.state")}</dt>
          <dd>
            {key.revokedAt ? t("apiKeys.revoked", { date: formatDate(key.revokedAt, locale) }) : t("apiKeys.active")}
          </dd>
        </dl>
        <Link to={`/admin/api-keys/${key.id}/webhooks`}>{t("webhooks:title")}</Link>
      </section>
      <section aria-labelledby="key-usage">
        <h2 id="key-usage">{t("apiKeys.usageHeading")}</h2>
        {usage.length === 0 ? (
          <p className="empty-state">{t("apiKeys.usageNone")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("apiKeys.usageHeading")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("apiKeys.day")}</th>
                  <th scope="col">{t("apiKeys.requests")}</th>
                  <th scope="col">{t("apiKeys.writes")}</th>
                </tr>
              </thead>
              <tbody>
                {usage.map((row) => (
                  <tr key={row.day}>
                    <td>{row.day}</td>
                    <td>{row.requests}</td>
                    <td>{row.writes}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {key.revokedAt ? (
        <p className="muted">{t("apiKeys.alreadyRevoked")}</p>
      ) : (
        <ConfirmAction
          label={t("apiKeys.revoke")}
          question={t("apiKeys.revokeQuestion", { name: key.name })}
          confirmLabel={t("apiKeys.revokeConfirm")}
          intent="revoke"
        />
      )}
    </div>
  );
}
