import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireStaff } from "~/features/auth/guards.server";
import { confirmedSignaturesCsv } from "~/features/letters/moderation.server";
import { findLetterBySlug } from "~/features/letters/signing-letter.server";

/** Staff: the confirmed signatures of a letter as CSV, e-mail addresses included. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const letter = await findLetterBySlug(params.slug ?? "");
  if (!letter) throw notFound();
  const day = new Date().toISOString().slice(0, 10);
  return new Response(await confirmedSignaturesCsv(letter.id), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="signatures-${letter.slug}-${day}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
