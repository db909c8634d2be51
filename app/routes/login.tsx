import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { authenticate } from "~/features/auth/accounts.server";
import { requireAnonymous } from "~/features/auth/guards.server";
import { beginLoginAttempt, recordLoginFailure, recordLoginSuccess } from "~/features/auth/login-throttle.server";
import { landingPath } from "~/features/auth/landing";
import { safeRedirect } from "~/features/auth/redirect";
import { LoginSchema } from "~/features/auth/forms";
import { completeSignIn } from "~/features/auth/sign-in.server";
import { commitPendingSignIn, hasTwoFactor, twoFactorRequired } from "~/features/auth/two-factor.server";
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
  const ip = clientIp(context);
  const attempt = await beginLoginAttempt(email, ip);
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const user = await authenticate(submission.value.email, submission.value.password);
  if (!user) {
    await recordLoginFailure(attempt);
    return data(submission.reply({ formErrors: ["auth.invalidCredentials"], hideFields: ["password"] }), {
      status: 400,
    });
  }
  await recordLoginSuccess(attempt);
  // A page that sent them here wins; otherwise their landing page (chapter people: their log).
  const redirectTo = safeRedirect(submission.value.redirectTo, landingPath(user));
  // With a second factor (or one to set up first), no session yet: a signed, short-lived state.
  const enrolled = await hasTwoFactor(user.id);
  if (enrolled || twoFactorRequired(user)) {
    return redirect("/login/two-factor", {
      headers: { "Set-Cookie": await commitPendingSignIn(user, enrolled ? "verify" : "enrol", redirectTo) },
    });
  }
  return redirect(redirectTo, { headers: { "Set-Cookie": await completeSignIn(request, user.id, ip) } });
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
      {notice === "expired" ? (
        <p className="alert alert-info" role="status">
          {t("twoFactor.pendingExpired")}
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
