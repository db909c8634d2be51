import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { SecondFactorSchema, TotpCodeSchema } from "~/features/auth/forms";
import { completeSignIn } from "~/features/auth/sign-in.server";
import {
  clearPendingSignIn,
  confirmEnrolment,
  hasTwoFactor,
  readPendingSignIn,
  startEnrolment,
  verifySecondFactor,
} from "~/features/auth/two-factor.server";
import { EnrolmentForm, RecoveryCodes, SecondFactorForm } from "~/features/auth/two-factor-ui";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { clientIp } from "~/features/security/request.server";

export const handle = { titleKey: "twoFactor.title" };

async function requirePending(request: Request) {
  const pending = await readPendingSignIn(request);
  if (!pending) throw redirect("/login?notice=expired", { headers: { "Set-Cookie": await clearPendingSignIn() } });
  const user = { id: pending.userId, email: pending.email };
  // Enrolled meanwhile (another tab): the code is asked, not a new enrolment.
  const purpose = pending.purpose === "enrol" && (await hasTwoFactor(user.id)) ? "verify" : pending.purpose;
  return { ...pending, purpose, user };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const pending = await requirePending(request);
  if (pending.purpose === "verify") return { purpose: "verify" as const, enrolment: null };
  const enrolment = await startEnrolment(pending.user);
  return { purpose: "enrol" as const, enrolment: enrolment && { secret: enrolment.secret, qrSvg: enrolment.qrSvg } };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const pending = await requirePending(request);
  await enforceRateLimit([["twoFactorPerUser", String(pending.userId)]]);
  const formData = await request.formData();
  const ip = clientIp(context);
  const headers = new Headers();
  if (pending.purpose === "enrol") {
    const submission = parseWithZod(formData, { schema: TotpCodeSchema });
    if (submission.status !== "success") return data({ result: submission.reply(), codes: null }, { status: 400 });
    const codes = await confirmEnrolment(pending.userId, submission.value.code);
    if (!codes) {
      return data(
        { result: submission.reply({ fieldErrors: { code: ["validation.totp.wrong"] } }), codes: null },
        { status: 400 },
      );
    }
    headers.append("Set-Cookie", await clearPendingSignIn());
    headers.append("Set-Cookie", await completeSignIn(request, pending.userId, ip));
    return data({ result: null, codes, continueTo: pending.redirectTo }, { headers });
  }
  const submission = parseWithZod(formData, { schema: SecondFactorSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), codes: null }, { status: 400 });
  if (!(await verifySecondFactor(pending.userId, submission.value.code))) {
    return data(
      { result: submission.reply({ fieldErrors: { code: ["validation.totp.wrong"] } }), codes: null },
      { status: 400 },
    );
  }
  headers.append("Set-Cookie", await clearPendingSignIn());
  headers.append("Set-Cookie", await completeSignIn(request, pending.userId, ip));
  return redirect(pending.redirectTo, { headers });
}

export default function TwoFactorSignInPage() {
  const { t } = useTranslation();
  const { purpose, enrolment } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData?.codes) {
    return (
      <div className="narrow">
        <PageHeader title={t("twoFactor.title")} />
        <RecoveryCodes
          codes={actionData.codes}
          continueTo={"continueTo" in actionData ? actionData.continueTo : "/account"}
        />
      </div>
    );
  }
  const lastResult = actionData?.result;
  return (
    <div className="narrow">
      <PageHeader
        title={t("twoFactor.title")}
        lead={purpose === "enrol" ? t("twoFactor.enrolRequiredLead") : t("twoFactor.verifyLead")}
      />
      {purpose === "enrol" && enrolment ? (
        <EnrolmentForm enrolment={enrolment} lastResult={lastResult} />
      ) : (
        <SecondFactorForm lastResult={lastResult} />
      )}
    </div>
  );
}
