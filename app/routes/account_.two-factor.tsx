import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { requireSession } from "~/features/auth/guards.server";
import { verifyPassword } from "~/features/auth/password.server";
import { ReauthenticateWithCodeSchema } from "~/features/auth/forms";
import { confirmEnrolment, startEnrolment, twoFactorRequired } from "~/features/auth/two-factor.server";
import { EnrolmentForm, RecoveryCodes } from "~/features/auth/two-factor-ui";
import { enforceRateLimit } from "~/features/security/rate-limit.server";

export const handle = { titleKey: "twoFactor.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireSession(request);
  // Null once two-step sign-in is on (also right after the action turned it on: the page then
  // shows the recovery codes).
  const enrolment = await startEnrolment(user);
  return {
    required: twoFactorRequired(user),
    enrolment: enrolment && { secret: enrolment.secret, qrSvg: enrolment.qrSvg },
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, twoFactorEnabled } = await requireSession(request);
  if (twoFactorEnabled) throw redirect("/account");
  await enforceRateLimit([["twoFactorPerUser", String(user.id)]]);
  const submission = parseWithZod(await request.formData(), { schema: ReauthenticateWithCodeSchema });
  if (submission.status !== "success")
    return data({ result: submission.reply({ hideFields: ["currentPassword"] }), codes: null }, { status: 400 });
  if (!(await verifyPassword(user.password_hash, submission.value.currentPassword))) {
    return data(
      {
        result: submission.reply({
          fieldErrors: { currentPassword: ["validation.password.wrongCurrent"] },
          hideFields: ["currentPassword"],
        }),
        codes: null,
      },
      { status: 400 },
    );
  }
  const codes = await confirmEnrolment(user.id, submission.value.code);
  if (!codes) {
    return data(
      {
        result: submission.reply({ fieldErrors: { code: ["validation.totp.wrong"] }, hideFields: ["currentPassword"] }),
        codes: null,
      },
      { status: 400 },
    );
  }
  return data({ result: null, codes });
}

export default function AccountTwoFactorPage() {
  const { t } = useTranslation();
  const { required, enrolment } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="narrow">
      <PageHeader
        title={t("twoFactor.title")}
        lead={required ? t("twoFactor.enrolRequiredLead") : t("twoFactor.enrolOptionalLead")}
      />
      {actionData?.codes ? (
        <RecoveryCodes codes={actionData.codes} continueTo="/account" />
      ) : enrolment ? (
        <EnrolmentForm enrolment={enrolment} lastResult={actionData?.result} askPassword />
      ) : (
        <Link to="/account">{t("twoFactor.continue")}</Link>
      )}
    </div>
  );
}
