import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm-action";
import { ErrorList } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { Pagination } from "~/components/pagination";
import { TableScroll } from "~/components/table-scroll";
import { getApiKey } from "~/features/api-keys/keys.server";
import { notFound, requireAdmin, requireIdParam } from "~/features/auth/guards.server";
import {
  deleteEndpoint,
  listDeliveries,
  listEndpoints,
  revealSecret,
  sendTestEvent,
  setEndpointEnabled,
} from "~/features/webhooks/endpoints.server";
import { DELIVERIES_PER_PAGE } from "~/features/webhooks/constants";
import { EndpointStatus, SecretField, useMissingEvents } from "~/features/webhooks/webhook-parts";
import { formatDateTime } from "~/lib/format";
import { parsePage } from "~/lib/paging";

export const handle = { titleKey: "webhooks:endpointTitle" };

async function requireEndpoint(request: Request, params: { id?: string; endpointId?: string }) {
  const actor = await requireAdmin(request);
  const key = await getApiKey(requireIdParam(params.id));
  if (!key) throw notFound();
  const endpointId = requireIdParam(params.endpointId);
  const endpoint = (await listEndpoints(key.id)).find((e) => e.id === endpointId);
  if (!endpoint) throw notFound();
  return { actor, key, endpoint };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { key, endpoint } = await requireEndpoint(request, params);
  const page = parsePage(new URL(request.url).searchParams);
  const log = await listDeliveries(key.id, endpoint.id, page);
  if (!log) throw notFound();
  return {
    key: { id: key.id, name: key.name, prefix: key.prefix, resources: key.resources },
    endpoint,
    page,
    ...log,
  };
}

type ActionResult = { message: string | null; secret: string | null; errors?: string[] };

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, key, endpoint } = await requireEndpoint(request, params);
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "reveal") {
    return data<ActionResult>({ message: null, secret: await revealSecret(actor, key.id, endpoint.id) });
  }
  if (intent === "test") {
    await sendTestEvent(actor, key.id, endpoint.id);
    return data<ActionResult>({ message: "test.queued", secret: null });
  }
  if (formData.get("confirm") !== "yes")
    return data<ActionResult>({ message: null, secret: null, errors: ["validation.confirm"] }, { status: 400 });
  if (intent === "enable" || intent === "disable") {
    await setEndpointEnabled(actor, key.id, endpoint.id, intent === "enable");
    return data<ActionResult>({ message: intent === "enable" ? "enabled" : "disabled", secret: null });
  }
  if (intent === "delete") {
    await deleteEndpoint(actor, key.id, endpoint.id);
    return redirect(`/admin/api-keys/${key.id}/webhooks`);
  }
  return data<ActionResult>({ message: null, secret: null, errors: ["validation.intent"] }, { status: 400 });
}

export default function WebhookEndpointPage() {
  const { t, i18n } = useTranslation("webhooks");
  const { key, endpoint, rows, total, page } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const missing = useMissingEvents(key.resources)(endpoint.events);
  const time = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <div className="stack">
      <p>
        <Link to={`/admin/api-keys/${key.id}/webhooks`}>{t("backToList")}</Link>
      </p>
      <PageHeader title={t("endpointTitle")} lead={t("lead", { name: key.name, prefix: key.prefix })} />
      {actionData?.message ? (
        <p className="alert alert-success" role="status">
          {t(actionData.message)}
        </p>
      ) : null}
      <ErrorList errors={actionData?.errors} />
      <p className="webhook-url">
        <strong>{endpoint.url}</strong>
      </p>
      <dl className="meta webhook-meta">
        <dt>{t("list.status")}</dt>
        <dd>
          <EndpointStatus endpoint={endpoint} />
        </dd>
        <dt>{t("list.events")}</dt>
        <dd>{endpoint.events.map((event) => t(`events.${event}`)).join(" · ")}</dd>
        <dt>{t("list.created")}</dt>
        <dd>
          {time(endpoint.createdAt)}
          {endpoint.createdByName ? ` · ${endpoint.createdByName}` : ""}
        </dd>
      </dl>
      {missing.length > 0 ? <p className="hint">{t("eventsMissing", { events: missing.join(", ") })}</p> : null}

      <section className="card narrow stack" aria-labelledby="secret-heading">
        <h2 id="secret-heading">{t("secret.heading")}</h2>
        {actionData?.secret ? (
          <SecretField secret={actionData.secret} />
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="reveal" />
            <button type="submit" className="secondary">
              {t("secret.show")}
            </button>
          </Form>
        )}
      </section>

      <div className="card narrow stack">
        <Form method="post">
          <input type="hidden" name="intent" value="test" />
          <button type="submit">{t("test.send")}</button>
        </Form>
        {endpoint.enabled ? (
          <ConfirmAction
            label={t("disable")}
            question={t("disableQuestion")}
            confirmLabel={t("disableConfirm")}
            intent="disable"
          />
        ) : (
          <ConfirmAction
            label={t("enable")}
            question={t("enableQuestion")}
            confirmLabel={t("enableConfirm")}
            intent="enable"
          />
        )}
        <ConfirmAction
          label={t("delete")}
          question={t("deleteQuestion")}
          confirmLabel={t("deleteConfirm")}
          intent="delete"
        />
      </div>

      <section aria-labelledby="log-heading" className="stack">
        <h2 id="log-heading">{t("log.heading")}</h2>
        {rows.length === 0 ? (
          <p>{t("log.empty")}</p>
        ) : (
          <TableScroll label={t("log.label")}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("log.time")}</th>
                  <th scope="col">{t("log.event")}</th>
                  <th scope="col">{t("log.status")}</th>
                  <th scope="col">{t("log.attempts")}</th>
                  <th scope="col">{t("log.code")}</th>
                  <th scope="col">{t("log.messageId")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id}>
                    <td>{time(row.deliveredAt ?? row.createdAt)}</td>
                    <td>{t(`events.${row.eventType}`, { defaultValue: row.eventType })}</td>
                    <td>
                      <span className={`badge badge-${row.status === "delivered" ? "sent" : row.status}`}>
                        {t(`delivery.${row.status}`)}
                      </span>
                      {row.status === "pending" && row.attempts > 0 ? (
                        <span className="hint"> {t("log.next", { time: time(row.nextAttemptAt) })}</span>
                      ) : null}
                    </td>
                    <td>{row.attempts}</td>
                    <td>
                      {row.lastStatusCode ?? ""}
                      {row.lastError ? <code> {row.lastError}</code> : null}
                      {row.lastStatusCode === null && !row.lastError ? t("log.none") : ""}
                    </td>
                    <td>
                      <code>{row.messageId}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        <Pagination page={page} perPage={DELIVERIES_PER_PAGE} total={total} />
      </section>
    </div>
  );
}
