import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { requireAnonymous } from "~/features/auth/guards.server";
import { requestPasswordReset } from "~/features/auth/password-reset.server";
import { ForgotPasswordSchema } from "~/features/auth/forms";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { clientIp } from "~/features/security/request.server";

export const handle = { titleKey: "forgot.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  await enforceRateLimit([["resetPerIp", clientIp(context)]]);
  const submission = parseWithZod(formData, { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  await enforceRateLimit([["resetPerAccount", submission.value.email]]);
  await requestPasswordReset(submission.value.email);
  return data({ result: submission.reply({ resetForm: true }), sent: true });
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="narrow">
      <PageHeader title={t("forgot.title")} lead={t("forgot.lead")} />
      {actionData?.sent ? (
        <p className="alert alert-info" role="status">
          {t("forgot.sent")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <Field label={t("fields.email")} meta={fields.email} type="email" autoComplete="email" />
        <button type="submit">{t("forgot.submit")}</button>
      </Form>
    </div>
  );
}
