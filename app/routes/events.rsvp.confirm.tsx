import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { checkRsvpToken, confirmRsvp } from "~/features/events/rsvp.server";
import { TokenSchema } from "~/features/events/schema";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { clientIp } from "~/features/security/request.server";

export const handle = { titleKey: "events:confirm.title" };

/** The page behind the mailed link. GET only looks (mail scanners prefetch links); the button POSTs. */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const found = await checkRsvpToken(token);
  return { token: found ? token : null, found };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ip = clientIp(context);
  await enforceRateLimit([
    ["publicFormBurst", ip],
    ["publicFormSustained", ip],
  ]);
  const parsed = TokenSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return data({ ok: false as const, reason: "invalid", eventSlug: null }, 400);
  const result = await confirmRsvp(parsed.data.token);
  if (!result.ok) return data({ ok: false as const, reason: result.reason as string, eventSlug: null }, 400);
  return data({ ok: true as const, reason: null, eventSlug: result.eventSlug });
}

export default function ConfirmRsvpPage() {
  const { t } = useTranslation("events");
  const { token, found } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (actionData?.ok) {
    return (
      <div className="narrow stack">
        <PageHeader title={t("confirm.doneTitle")} />
        <p className="alert alert-success" role="status">
          {t("confirm.done")}
        </p>
        <p>
          <Link to={`/events/${actionData.eventSlug}`}>{t("detail.backToEvent")}</Link>
        </p>
      </div>
    );
  }
  if (!token || !found || actionData) {
    return (
      <div className="narrow stack">
        <PageHeader title={t("confirm.title")} />
        <p className="alert alert-error" role="alert">
          {actionData?.reason === "closed" ? t("confirm.closed") : t("confirm.invalid")}
        </p>
        <p>
          <Link to="/events">{t("detail.back")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow stack">
      <PageHeader title={t("confirm.title")} lead={t("confirm.lead", { name: found.name, title: found.eventTitle })} />
      <Form method="post">
        <input type="hidden" name="token" value={token} />
        <button type="submit">{t("confirm.submit")}</button>
      </Form>
      <p>
        <Link to={`/events/${found.eventSlug}`}>{t("detail.backToEvent")}</Link>
      </p>
    </div>
  );
}
