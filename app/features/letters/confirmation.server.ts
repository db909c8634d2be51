/**
 * Confirming and withdrawing signatures through their mailed links (POST only; GET pages only
 * look). The letter's confirmed count changes in the same transaction.
 */
import { db } from "~db/connection";
import { sha256Hex } from "~/features/auth/tokens.server";
import { adjustCount } from "~/features/letters/signing-letter.server";
import type { Result } from "~/lib/result";

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

/** pending → confirmed, the count + 1, the confirm token spent. */
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
    const updated = await trx
      .updateTable("signatures")
      .set({ status: "confirmed", confirmed_at: stamp, confirm_token_hash: null, updated_at: stamp })
      .where("id", "=", row.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { ok: false, reason: "invalid" };
    await adjustCount(trx, row.letter_id, +1, stamp);
    return { ok: true, letterSlug: row.slug };
  });
}

/** confirmed → withdrawn (count − 1) or pending → withdrawn; the row is kept as history. */
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
    const updated = await trx
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
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { ok: false, reason: "invalid" };
    if (row.status === "confirmed") await adjustCount(trx, row.letter_id, -1, stamp);
    return { ok: true, letterSlug: row.slug };
  });
}
