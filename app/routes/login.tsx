import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { authenticate } from "~/features/auth/accounts.server";
import { getSession, requireAnonymous } from "~/features/auth/guards.server";
import { safeRedirect } from "~/features/auth/redirect";
import { LoginSchema } from "~/features/auth/schema";
import { commitSessionCookie, createSession, invalidateSession } from "~/features/auth/session.server";
import { enforceRateLimit, resetRateLimit } from "~/features/security/rate-limit.server";
import { clientIp } from "~/features/security/request.server";

export const handle = { titleKey: "login.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const email = String(formData.get("email") ?? "")
    .trim()
    .toLowerCase()
    .slice(0, 254);
  await enforceRateLimit([
    ["loginPerIp", clientIp(context)],
    ["loginPerAccount", email],
  ]);
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const user = await authenticate(submission.value.email, submission.value.password);
  if (!user) {
    return data(submission.reply({ formErrors: ["auth.invalidCredentials"], hideFields: ["password"] }), {
      status: 400,
    });
  }
  await resetRateLimit("loginPerAccount", email);
  // A fresh session on every sign-in; any session the browser already had is ended.
  const previous = await getSession(request);
  if (previous) await invalidateSession(previous.sessionId);
  const { token, expiresAt } = await createSession(user.id);
  return redirect(safeRedirect(submission.value.redirectTo), {
    headers: { "Set-Cookie": await commitSessionCookie(token, expiresAt) },
  });
}

export default function LoginPage() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const notice = searchParams.get("notice");
  return (
    <div className="narrow">
      <PageHeader title={t("login.title")} lead={t("login.lead")} />
      {notice === "reset" ? (
        <p className="alert alert-success" role="status">
          {t("login.resetDone")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
        <Field label={t("fields.email")} meta={fields.email} type="email" autoComplete="email" />
        <Field label={t("fields.password")} meta={fields.password} type="password" autoComplete="current-password" />
        <button type="submit">{t("login.submit")}</button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("login.forgot")}</Link>
      </p>
      <p className="muted">{t("login.noSignup")}</p>
    </div>
  );
}
