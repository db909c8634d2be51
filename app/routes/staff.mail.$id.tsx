import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { notFound, requireIdParam, requireStaff } from "~/features/auth/guards.server";
import { getMailboxMessage } from "~/features/email/mailbox.server";
import { retryOutboxMessage } from "~/features/email/outbox.server";
import { formatDateTime } from "~/lib/format";

export const handle = { titleKey: "mail.messageTitle" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const message = await getMailboxMessage(user, requireIdParam(params.id));
  if (!message) throw notFound();
  const { html: _html, ...rest } = message;
  return { message: rest };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  const id = requireIdParam(params.id);
  if (!(await getMailboxMessage(user, id))) throw notFound();
  await retryOutboxMessage(id);
  return data({ retried: true });
}

export default function MailMessagePage() {
  const { t, i18n } = useTranslation();
  const { message } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <p>
        <Link to="/staff/mail">{t("mail.back")}</Link>
      </p>
      <PageHeader title={message.subject} />
      {actionData?.retried ? (
        <p className="alert alert-success" role="status">
          {t("mail.retried")}
        </p>
      ) : null}
      <dl className="meta">
        <dt>{t("mail.to")}</dt>
        <dd>{message.to_address}</dd>
        <dt>{t("mail.from")}</dt>
        <dd>{message.from_address}</dd>
        {message.reply_to ? (
          <>
            <dt>{t("mail.replyTo")}</dt>
            <dd>{message.reply_to}</dd>
          </>
        ) : null}
        <dt>{t("fields.status")}</dt>
        <dd>
          <span className={`badge badge-${message.status}`}>{t(`mail.status.${message.status}`)}</span>
        </dd>
        <dt>{t("mail.attemptsLabel")}</dt>
        <dd>{message.attempts}</dd>
        {message.last_error ? (
          <>
            <dt>{t("mail.lastError")}</dt>
            <dd>{message.last_error}</dd>
          </>
        ) : null}
        <dt>{t("mail.queuedAt")}</dt>
        <dd>{formatDateTime(message.created_at, i18n.language)}</dd>
      </dl>
      {message.status === "failed" ? (
        <Form method="post">
          <button type="submit">{t("mail.retry")}</button>
        </Form>
      ) : null}
      {message.bodyHidden ? (
        <p className="alert alert-info">
          {t("mail.bodyHidden", {
            kinds: new Intl.ListFormat(i18n.language, { type: "conjunction" }).format(
              message.hiddenLinkKinds.map((kind) => t(`mail.linkKind.${kind}`)),
            ),
          })}
        </p>
      ) : (
        <>
          <h2>{t("mail.asRecipientSees")}</h2>
          <iframe
            title={t("mail.htmlVersion")}
            className="mail-frame"
            sandbox=""
            src={`/staff/mail/${message.id}/html`}
          />
          <h2>{t("mail.textVersion")}</h2>
          <pre className="mail-text">{message.text}</pre>
        </>
      )}
    </div>
  );
}
