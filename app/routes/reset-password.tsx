import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, NewPasswordFields } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { isCommonPassword } from "~/features/auth/password.server";
import { isResetTokenUsable, resetPassword, resetTokenEmail } from "~/features/auth/password-reset.server";
import { createNewPasswordSchema } from "~/features/auth/forms";
import { clearSessionCookie } from "~/features/auth/session.server";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { clientIp } from "~/features/security/request.server";

export { forwardLoaderHeaders as headers } from "~/features/security/headers";

export const handle = { titleKey: "reset.title" };

const ClientSchema = createNewPasswordSchema();

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return data({ token, usable: await isResetTokenUsable(token) }, { headers: { "Referrer-Policy": "no-referrer" } });
}

export async function action({ request, context }: ActionFunctionArgs) {
  await enforceRateLimit([["resetPerIp", clientIp(context)]]);
  const formData = await request.formData();
  const token = String(formData.get("token") ?? "");
  const email = (await resetTokenEmail(token)) ?? undefined;
  const submission = parseWithZod(formData, { schema: createNewPasswordSchema(isCommonPassword, { email }) });
  const hideFields = ["password", "confirmPassword"];
  if (submission.status !== "success") return data(submission.reply({ hideFields }), { status: 400 });
  if (!(await resetPassword(token, submission.value.password))) {
    return data(submission.reply({ formErrors: ["reset.expired"], hideFields }), { status: 400 });
  }
  return redirect("/login?notice=reset", { headers: { "Set-Cookie": await clearSessionCookie() } });
}

export default function ResetPasswordPage() {
  const { t } = useTranslation();
  const { token, usable } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ClientSchema }),
    shouldValidate: "onBlur",
  });
  if (!usable) {
    return (
      <div className="narrow">
        <PageHeader title={t("reset.title")} />
        <p className="alert alert-error">{t("reset.expired")}</p>
        <Link to="/forgot-password">{t("reset.askAgain")}</Link>
      </div>
    );
  }
  return (
    <div className="narrow">
      <PageHeader title={t("reset.title")} lead={t("account.passwordRules")} />
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="token" value={token} />
        <NewPasswordFields password={fields.password} confirmPassword={fields.confirmPassword} />
        <button type="submit">{t("reset.submit")}</button>
      </Form>
    </div>
  );
}
