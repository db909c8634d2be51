import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { ConfirmedLetters } from "~/features/campaigns/confirmed-letters";
import { SENDER_CONFIRM_DAYS } from "~/features/campaigns/constants";
import { checkCampaignToken, confirmSender, type ConfirmResult } from "~/features/campaigns/confirm.server";
import { TokenSchema } from "~/features/campaigns/schema";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { clientIp } from "~/features/security/request.server";

export const handle = { titleKey: "campaigns:confirm.title" };

// GET only looks, so mail scanners that prefetch the link send nothing; the page's button POSTs.
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const found = await checkCampaignToken(token);
  return {
    token: found && !found.expired ? token : null,
    name: found?.name ?? null,
    confirmed: found?.confirmed ?? false,
    expired: found?.expired ?? false,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ip = clientIp(context);
  await enforceRateLimit([
    ["publicFormBurst", ip],
    ["publicFormSustained", ip],
  ]);
  const parsed = TokenSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data<ConfirmResult>({ ok: false, reason: "invalid" }, 400);
  const result = await confirmSender(parsed.data.token);
  return data<ConfirmResult>(result, result.ok ? 200 : 400);
}

export default function ConfirmLettersPage() {
  const { t } = useTranslation("campaigns");
  const { token, name, confirmed, expired } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (result?.ok) {
    return (
      <div className="narrow stack">
        <PageHeader title={t("confirm.doneTitle")} lead={result.campaignTitle} />
        <ConfirmedLetters letters={result.letters} />
        <p>
          <Link to={`/campaigns/${result.campaignSlug}`}>{t("confirm.backToCampaign")}</Link>
        </p>
      </div>
    );
  }
  if (!token || result) {
    return (
      <div className="narrow stack">
        <PageHeader title={t("confirm.title")} />
        <p className="alert alert-error" role="alert">
          {result && !result.ok && result.reason === "notOpen"
            ? t("confirm.notOpen")
            : (result && !result.ok && result.reason === "expired") || (!result && expired)
              ? t("confirm.expired", { count: SENDER_CONFIRM_DAYS })
              : t("confirm.invalid")}
        </p>
        <p>
          <Link to="/campaigns">{t("list.all")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow stack">
      <PageHeader title={t("confirm.title")} lead={t(confirmed ? "confirm.leadAgain" : "confirm.lead", { name })} />
      <Form method="post">
        <input type="hidden" name="token" value={token} />
        <button type="submit">{t(confirmed ? "confirm.submitAgain" : "confirm.submit")}</button>
      </Form>
    </div>
  );
}
