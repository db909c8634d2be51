import { getFormProps, useForm } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxGroup, Field, FormErrors } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { getApiKey } from "~/features/api-keys/keys.server";
import { notFound, requireAdmin, requireIdParam } from "~/features/auth/guards.server";
import { listEndpoints, registerEndpoint } from "~/features/webhooks/endpoints.server";
import { WebhookEndpointSchema } from "~/features/webhooks/forms";
import { EndpointStatus, SecretField, useMissingEvents } from "~/features/webhooks/webhook-parts";
import { formatDateTime } from "~/lib/format";
import { parseWithZod } from "~/lib/parse-form";
import { WEBHOOK_EVENT_TYPES } from "~/lib/vocabularies";

export const handle = { titleKey: "webhooks:title" };

async function requireKey(request: Request, id: string | undefined) {
  const actor = await requireAdmin(request);
  const key = await getApiKey(requireIdParam(id));
  if (!key) throw notFound();
  return { actor, key };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { key } = await requireKey(request, params.id);
  return {
    key: { id: key.id, name: key.name, prefix: key.prefix, resources: key.resources, revoked: key.revokedAt !== null },
    endpoints: await listEndpoints(key.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, key } = await requireKey(request, params.id);
  const submission = parseWithZod(await request.formData(), { schema: WebhookEndpointSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), secret: null }, { status: 400 });
  const registered = await registerEndpoint(actor, key.id, submission.value);
  if (!registered.ok) {
    const { "": formErrors, ...fieldErrors } = registered.fieldErrors;
    return data({ result: submission.reply({ fieldErrors, formErrors }), secret: null }, { status: 400 });
  }
  return data({ result: submission.reply({ resetForm: true }), secret: registered.secret });
}

export default function WebhooksPage() {
  const { t, i18n } = useTranslation("webhooks");
  const { key, endpoints } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const missingEvents = useMissingEvents(key.resources);
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: WebhookEndpointSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="stack">
      <p>
        <Link to={`/admin/api-keys/${key.id}`}>{t("backToKey")}</Link>
      </p>
      <PageHeader title={t("title")} lead={t("lead", { name: key.name, prefix: key.prefix })} />
      {key.revoked ? (
        <p className="alert alert-error" role="status">
          {t("keyRevoked")}
        </p>
      ) : null}
      {actionData?.secret ? (
        <div className="alert alert-success stack" role="status">
          <p>{t("register.done")}</p>
          <SecretField secret={actionData.secret} />
        </div>
      ) : null}

      <section aria-labelledby="endpoints-heading" className="stack">
        <h2 id="endpoints-heading">{t("list.heading")}</h2>
        {endpoints.length === 0 ? <p>{t("list.empty")}</p> : null}
        <ul className="webhook-list">
          {endpoints.map((endpoint) => {
            const missing = missingEvents(endpoint.events);
            return (
              <li key={endpoint.id} className="card stack">
                <h3 className="webhook-url">{endpoint.url}</h3>
                <dl className="meta webhook-meta">
                  <dt>{t("list.status")}</dt>
                  <dd>
                    <EndpointStatus endpoint={endpoint} />
                  </dd>
                  <dt>{t("list.events")}</dt>
                  <dd>{endpoint.events.map((event) => t(`events.${event}`)).join(" · ")}</dd>
                  <dt>{t("list.created")}</dt>
                  <dd>{formatDateTime(endpoint.createdAt, i18n.language)}</dd>
                  <dt>{t("list.queue")}</dt>
                  <dd>
                    {endpoint.pending} / {endpoint.failed}
                  </dd>
                </dl>
                {missing.length > 0 ? (
                  <p className="hint">{t("eventsMissing", { events: missing.join(", ") })}</p>
                ) : null}
                <p>
                  <Link to={`/admin/api-keys/${key.id}/webhooks/${endpoint.id}`}>{t("list.open")}</Link>
                </p>
              </li>
            );
          })}
        </ul>
      </section>

      {key.revoked ? null : (
        <section className="card narrow" aria-labelledby="register-heading">
          <h2 id="register-heading">{t("register.heading")}</h2>
          <Form method="post" {...getFormProps(form)}>
            <FormErrors id={form.errorId} errors={form.errors} />
            <input type="hidden" name="intent" value="register" />
            <Field label={t("register.url")} hint={t("register.urlHint")} meta={fields.url} type="url" />
            <CheckboxGroup
              legend={t("register.events")}
              meta={fields.events}
              options={WEBHOOK_EVENT_TYPES.map((value) => ({ value, label: t(`events.${value}`) }))}
            />
            <button type="submit">{t("register.submit")}</button>
          </Form>
        </section>
      )}
    </div>
  );
}
