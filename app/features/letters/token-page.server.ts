import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { clientIp } from "~/features/security/request.server";
import { checkSignatureToken, confirmSignature, withdrawSignature } from "~/features/letters/confirmation.server";
import { TokenSchema } from "~/features/letters/signature-schema";

type Kind = "confirm" | "withdraw";
const ACTIONS = { confirm: confirmSignature, withdraw: withdrawSignature } as const;

/**
 * The pages behind the links in a signer's mail. GET only looks, so mail scanners that prefetch
 * the link change nothing; the page's button POSTs.
 */
export function tokenPageLoader(kind: Kind) {
  return async ({ request }: LoaderFunctionArgs) => {
    const token = new URL(request.url).searchParams.get("token") ?? "";
    const found = await checkSignatureToken(kind, token);
    return { token: found ? token : null, name: found?.name ?? null, letterSlug: found?.letterSlug ?? null };
  };
}

export function tokenPageAction(kind: Kind) {
  return async ({ request, context }: ActionFunctionArgs) => {
    const ip = clientIp(context);
    await enforceRateLimit([
      ["publicFormBurst", ip],
      ["publicFormSustained", ip],
    ]);
    const parsed = TokenSchema.safeParse(Object.fromEntries(await request.formData()));
    if (!parsed.success) return data({ ok: false as const, reason: "invalid" as string, letterSlug: null }, 400);
    const result = await ACTIONS[kind](parsed.data.token);
    if (!result.ok) return data({ ok: false as const, reason: result.reason as string, letterSlug: null }, 400);
    return data({ ok: true as const, reason: null, letterSlug: result.letterSlug });
  };
}
