import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { TokenSchema } from "~/features/letters/signature-schema";
import { checkSignatureToken, confirmSignature } from "~/features/letters/confirmation.server";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { clientIp } from "~/features/security/request.server";

export const handle = { titleKey: "signatures:confirm.title" };

// GET only looks: mail scanners that prefetch the link change nothing. The button POSTs.
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const found = await checkSignatureToken("confirm", token);
  return { token: found ? token : null, name: found?.name ?? null, letterSlug: found?.letterSlug ?? null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ip = clientIp(context);
  await enforceRateLimit([
    ["publicFormBurst", ip],
    ["publicFormSustained", ip],
  ]);
  const parsed = TokenSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ ok: false as const, reason: "invalid" as const, letterSlug: null }, 400);
  const result = await confirmSignature(parsed.data.token);
  if (!result.ok) return data({ ok: false as const, reason: result.reason, letterSlug: null }, 400);
  return data({ ok: true as const, reason: null, letterSlug: result.letterSlug });
}

export default function ConfirmSignaturePage() {
  const { t } = useTranslation("signatures");
  const { token, name, letterSlug } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();

  if (actionData?.ok) {
    return (
      <div className="narrow stack">
        <PageHeader title={t("confirm.doneTitle")} />
        <p className="alert alert-success" role="status">
          {t("confirm.done")}
        </p>
        <p>
          <Link to={`/letters/${encodeURIComponent(actionData.letterSlug)}`}>{t("page.backToLetter")}</Link>
        </p>
      </div>
    );
  }
  if (!token || actionData) {
    return (
      <div className="narrow stack">
        <PageHeader title={t("confirm.title")} />
        <p className="alert alert-error" role="alert">
          {actionData?.reason === "closed" ? t("confirm.closed") : t("confirm.invalid")}
        </p>
        <p>
          <Link to="/letters">{t("page.allLetters")}</Link>
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
      {letterSlug ? (
        <p>
          <Link to={`/letters/${encodeURIComponent(letterSlug)}`}>{t("page.backToLetter")}</Link>
        </p>
      ) : null}
    </div>
  );
}
