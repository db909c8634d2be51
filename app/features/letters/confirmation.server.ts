/**
 * Confirming and withdrawing signatures through their mailed links (POST only; GET pages only
 * look). The letter's counts change in the same transaction.
 */
import { db } from "~db/connection";
import { sha256Hex } from "~/features/auth/tokens.server";
import { countSignatures } from "~/features/letters/signature-counts.server";
import type { Result } from "~/lib/result";
import { letterUrl } from "~/features/letters/letter-page.server";
import { enqueueSignatureConfirmed } from "~/features/webhooks/events.server";

function tokenHash(token: string): string | null {
  return /^[a-z0-9]{16,64}$/.test(token) ? sha256Hex(token) : null;
}

export interface TokenLookup {
  letterSlug: string;
  name: string;
}

/** Read-only: whether a mailed link is still good, for the page its GET opens. */
export async function checkSignatureToken(kind: "confirm" | "withdraw", token: string): Promise<TokenLookup | null> {
  const hash = tokenHash(token);
  if (!hash) return null;
  const row = await db
    .selectFrom("signatures")
    .innerJoin("open_letters", "open_letters.id", "signatures.letter_id")
    .select(["open_letters.slug", "signatures.name"])
    .where(kind === "confirm" ? "signatures.confirm_token_hash" : "signatures.withdraw_token_hash", "=", hash)
    .where("signatures.status", "in", kind === "confirm" ? ["pending"] : ["pending", "confirmed"])
    .executeTakeFirst();
  return row ? { letterSlug: row.slug, name: row.name } : null;
}

export type TokenActionResult = Result<{ letterSlug: string }, { reason: "invalid" | "closed" }>;

/** pending → confirmed, the counts + 1, the confirm token spent. */
export async function confirmSignature(token: string, now = new Date()): Promise<TokenActionResult> {
  const hash = tokenHash(token);
  if (!hash) return { ok: false, reason: "invalid" };
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx): Promise<TokenActionResult> => {
    const row = await trx
      .selectFrom("signatures")
      .innerJoin("open_letters", "open_letters.id", "signatures.letter_id")
      .select([
        "signatures.id",
        "signatures.letter_id",
        "open_letters.slug",
        "open_letters.status as letter_status",
        "open_letters.opens_on",
        "open_letters.closes_on",
      ])
      .where("signatures.confirm_token_hash", "=", hash)
      .where("signatures.status", "=", "pending")
      .executeTakeFirst();
    if (!row) return { ok: false, reason: "invalid" };
    // Once a letter closes its count is final: late confirmations no longer change it.
    if (row.letter_status !== "open" || (row.closes_on && stamp.slice(0, 10) > row.closes_on.slice(0, 10))) {
      return { ok: false, reason: "closed" };
    }
    // The token is checked again: a replacement of the pending signature (new details, new link)
    // committed since the read must not be confirmed through the earlier link.
    const confirmed = await trx
      .updateTable("signatures")
      .set({ status: "confirmed", confirmed_at: stamp, confirm_token_hash: null, updated_at: stamp })
      .where("id", "=", row.id)
      .where("status", "=", "pending")
      .where("confirm_token_hash", "=", hash)
      .returning(["jurisdiction_code", "kind", "show_publicly"])
      .executeTakeFirst();
    if (!confirmed) return { ok: false, reason: "invalid" };
    await countSignatures(trx, row.letter_id, [confirmed], +1, stamp);
    await enqueueSignatureConfirmed(trx, row.id, stamp);
    return { ok: true, letterSlug: row.slug };
  });
}

/** confirmed → withdrawn (counts − 1) or pending → withdrawn; the row is kept as history. */
export async function withdrawSignature(token: string, now = new Date()): Promise<TokenActionResult> {
  const hash = tokenHash(token);
  if (!hash) return { ok: false, reason: "invalid" };
  const stamp = now.toISOString();
  return db.transaction().execute(async (trx): Promise<TokenActionResult> => {
    const row = await trx
      .selectFrom("signatures")
      .innerJoin("open_letters", "open_letters.id", "signatures.letter_id")
      .select(["signatures.id", "signatures.letter_id", "signatures.status", "open_letters.slug"])
      .where("signatures.withdraw_token_hash", "=", hash)
      .where("signatures.status", "in", ["pending", "confirmed"])
      .executeTakeFirst();
    if (!row) return { ok: false, reason: "invalid" };
    const withdrawn = await trx
      .updateTable("signatures")
      .set({
        status: "withdrawn",
        withdrawn_at: stamp,
        confirm_token_hash: null,
        withdraw_token_hash: null,
        updated_at: stamp,
      })
      .where("id", "=", row.id)
      .where("status", "=", row.status)
      .where("withdraw_token_hash", "=", hash)
      .returning(["jurisdiction_code", "kind", "show_publicly"])
      .executeTakeFirst();
    if (!withdrawn) return { ok: false, reason: "invalid" };
    if (row.status === "confirmed") await countSignatures(trx, row.letter_id, [withdrawn], -1, stamp);
    return { ok: true, letterSlug: row.slug };
  });
}

/** Confirms, and on success adds what the page offers to pass on: the letter's URL and title. */
export async function confirmSignatureToShare(
  token: string,
): Promise<TokenActionResult | (Extract<TokenActionResult, { ok: true }> & { share: { url: string; title: string } })> {
  const result = await confirmSignature(token);
  if (!result.ok) return result;
  const text = await db
    .selectFrom("open_letters")
    .innerJoin("open_letter_texts", "open_letter_texts.letter_id", "open_letters.id")
    .select("open_letter_texts.title")
    .where("open_letters.slug", "=", result.letterSlug)
    .orderBy("open_letter_texts.version", "desc")
    .orderBy("open_letter_texts.id")
    .executeTakeFirst();
  return { ...result, share: { url: letterUrl(result.letterSlug), title: text?.title ?? result.letterSlug } };
}
