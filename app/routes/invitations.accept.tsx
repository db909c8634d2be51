import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, NewPasswordFields } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { getSession } from "~/features/auth/guards.server";
import { acceptInvitation, getOpenInvitation } from "~/features/auth/invitations.server";
import { isCommonPassword } from "~/features/auth/password.server";
import { createAcceptInvitationSchema } from "~/features/auth/forms";
import { commitSessionCookie, createSession, invalidateSession } from "~/features/auth/session.server";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { clientIp } from "~/features/security/request.server";

export { forwardLoaderHeaders as headers } from "~/features/security/headers";

export const handle = { titleKey: "invite.acceptTitle" };

const ClientSchema = createAcceptInvitationSchema();

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const invitation = await getOpenInvitation(token);
  return data({ token, invitation: invitation ?? null }, { headers: { "Referrer-Policy": "no-referrer" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  await enforceRateLimit([["publicFormBurst", clientIp(context)]]);
  const formData = await request.formData();
  const token = String(formData.get("token") ?? "");
  const email = (await getOpenInvitation(token))?.email;
  const submission = parseWithZod(formData, { schema: createAcceptInvitationSchema(isCommonPassword, { email }) });
  const hideFields = ["password", "confirmPassword"];
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  const userId = await acceptInvitation(token, { name: submission.value.name, password: submission.value.password });
  if (!userId) return data(submission.reply({ formErrors: ["invite.expired"], hideFields }), { status: 400 });
  const previous = await getSession(request);
  if (previous) await invalidateSession(previous.sessionId);
  const { token: sessionToken, expiresAt } = await createSession(userId, new Date(), {
    userAgent: request.headers.get("User-Agent"),
    ip: clientIp(context),
  });
  return redirect("/account", { headers: { "Set-Cookie": await commitSessionCookie(sessionToken, expiresAt) } });
}

export default function AcceptInvitationPage() {
  const { t } = useTranslation();
  const { token, invitation } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { name: invitation?.name ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ClientSchema }),
    shouldValidate: "onBlur",
  });
  if (!invitation) {
    return (
      <div className="narrow">
        <PageHeader title={t("invite.acceptTitle")} />
        <p className="alert alert-error">{t("invite.expired")}</p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <PageHeader title={t("invite.acceptTitle")} lead={t("invite.acceptLead", { email: invitation.email })} />
      <dl className="meta">
        <dt>{t("fields.role")}</dt>
        <dd>{t(`roles.${invitation.role}`)}</dd>
        {invitation.scopeName ? (
          <>
            <dt>{t("account.scope")}</dt>
            <dd>{invitation.scopeName}</dd>
          </>
        ) : null}
      </dl>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="token" value={token} />
        <Field label={t("fields.name")} meta={fields.name} type="text" autoComplete="name" />
        <NewPasswordFields
          password={fields.password}
          confirmPassword={fields.confirmPassword}
          hint={t("account.passwordRules")}
        />
        <button type="submit">{t("invite.acceptSubmit")}</button>
      </Form>
    </div>
  );
}
