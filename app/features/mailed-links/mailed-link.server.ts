/**
 * The pages behind the one-time links we mail (confirm a signature, withdraw it, confirm an
 * application, an RSVP, a campaign's letters). GET only looks, so mail scanners that prefetch the
 * link change nothing; the page's one button POSTs the token back.
 */
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { clientIp } from "~/features/security/request.server";

/** Every mailed token is lower-case letters and digits (see randomToken); anything else is refused unread. */
const MailedTokenSchema = z.object({
  token: z
    .string()
    .trim()
    .max(200)
    .regex(/^[a-z0-9]+$/),
});

export type LinkRefusal = { ok: false; reason: string };

/**
 * `look` reads what the page shows about the token (a name, a title) without changing anything;
 * the page offers its button only when the token was found and `usable` says it still works.
 */
export function mailedLinkLoader<Found>(
  look: (token: string) => Promise<Found | null>,
  usable: (found: Found) => boolean = () => true,
) {
  return async ({ request }: LoaderFunctionArgs) => {
    const token = new URL(request.url).searchParams.get("token") ?? "";
    const found = await look(token);
    return { token: found !== null && usable(found) ? token : null, found };
  };
}

/** Rate-limited like every public form; a malformed token is refused as invalid without a lookup. */
export function mailedLinkAction<Outcome extends { ok: true } | LinkRefusal>(use: (token: string) => Promise<Outcome>) {
  return async ({ request, context }: ActionFunctionArgs) => {
    const ip = clientIp(context);
    await enforceRateLimit([
      ["publicFormBurst", ip],
      ["publicFormSustained", ip],
    ]);
    const parsed = MailedTokenSchema.safeParse(Object.fromEntries(await request.formData()));
    const outcome: Outcome | { ok: false; reason: "invalid" } = parsed.success
      ? await use(parsed.data.token)
      : { ok: false, reason: "invalid" };
    return data(outcome, outcome.ok ? 200 : 400);
  };
}
