import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { ConfirmSchema } from "~/features/coalition/application-schema";
import { checkConfirmToken, confirmApplication } from "~/features/coalition/applications.server";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { clientIp } from "~/features/security/request.server";

export const handle = { titleKey: "applications:confirm.title" };

// GET only looks: mail scanners that prefetch the link confirm nothing. The button POSTs.
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const application = await checkConfirmToken(token);
  return { token: application ? token : null, name: application?.name ?? null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ip = clientIp(context);
  await enforceRateLimit([
    ["publicFormBurst", ip],
    ["publicFormSustained", ip],
  ]);
  const parsed = ConfirmSchema.safeParse(Object.fromEntries(await request.formData()));
  const confirmed = parsed.success ? await confirmApplication(parsed.data.token) : false;
  return data({ confirmed }, { status: confirmed ? 200 : 400 });
}

export default function ConfirmApplicationPage() {
  const { t } = useTranslation("applications");
  const { token, name } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();

  if (actionData?.confirmed) {
    return (
      <div className="narrow stack">
        <PageHeader title={t("confirm.doneTitle")} />
        <p className="alert alert-success" role="status">
          {t("confirm.done")}
        </p>
        <p>
          <a href="/coalition">{t("apply.backToDirectory")}</a>
        </p>
      </div>
    );
  }
  if (!token || actionData) {
    return (
      <div className="narrow stack">
        <PageHeader title={t("confirm.title")} />
        <p className="alert alert-error" role="alert">
          {t("confirm.invalid")}
        </p>
        <p>
          <a href="/coalition/apply">{t("confirm.applyAgain")}</a>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow stack">
      <PageHeader title={t("confirm.title")} lead={t("confirm.lead", { name })} />
      <Form method="post">
        <input type="hidden" name="token" value={token} />
        <button type="submit">{t("confirm.submit")}</button>
      </Form>
    </div>
  );
}
