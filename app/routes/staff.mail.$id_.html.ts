import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireIdParam, requireStaff } from "~/features/auth/guards.server";
import { getMailboxMessage } from "~/features/email/mailbox.server";

/** The e-mail's HTML on its own, for the sandboxed frame on the message page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const message = await getMailboxMessage(user, requireIdParam(params.id));
  if (!message || message.bodyHidden) throw notFound();
  return new Response(message.html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "no-store",
      // Stricter than the site: no scripts at all, inline styles only, framed only by us.
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
      "X-Frame-Options": "SAMEORIGIN",
    },
  });
}
