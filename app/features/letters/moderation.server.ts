/**
 * Staff work on a letter's signatures: the moderation list, bulk reject, the blocklist and the
 * CSV export of confirmed signatures.
 */
import { stringify } from "csv-stringify/sync";
import { sql, type SqlBool } from "kysely";
import { db } from "~db/connection";
import type { SignatureStatus, User } from "~db/schema";
import { likeContains } from "~/lib/like.server";
import { recordAudit } from "~/features/security/audit.server";
import { neutraliseFormula } from "~/lib/spreadsheet";
import type { SignatureFilters } from "~/features/letters/forms";
import type { FieldErrors } from "~/lib/field-errors";
import { countSignatures, type CountedSignature } from "~/features/letters/signature-counts.server";
import type { Nothing, Result } from "~/lib/result";
import { type BlocklistKind, type SignatureKind } from "~/lib/vocabularies";
import { GMAIL_DOMAINS } from "~/lib/email-address";
import { NOTHING_WAITING, toWaiting, type Waiting } from "~/lib/waiting";
import { hashIp } from "~/features/letters/signature-abuse.server";

export const MODERATION_PAGE_SIZE = 50;

export interface ModerationRow {
  id: number;
  kind: SignatureKind;
  name: string;
  affiliation: string | null;
  jurisdiction_code: string | null;
  email: string | null;
  status: SignatureStatus;
  version: number;
  show_publicly: number;
  ip_hash: string | null;
  created_at: string;
  confirmed_at: string | null;
  rejection_reason: string | null;
}

function filtered(letterId: number, filters: SignatureFilters) {
  let query = db.selectFrom("signatures").where("letter_id", "=", letterId);
  if (filters.status) query = query.where("status", "=", filters.status);
  if (filters.kind) query = query.where("kind", "=", filters.kind);
  if (filters.from) query = query.where("created_at", ">=", filters.from);
  if (filters.to) query = query.where("created_at", "<", nextDay(filters.to));
  if (filters.q) {
    const q = filters.q;
    query = query.where((eb) =>
      eb.or([
        likeContains(sql<string>`lower(${sql.ref("name")})`, q),
        likeContains(sql<string>`lower(coalesce(${sql.ref("affiliation")}, ''))`, q),
        likeContains(sql<string>`coalesce(${sql.ref("email_normalised")}, '')`, q),
        eb("ip_hash", "=", q),
      ]),
    );
  }
  return query;
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Date(date.getTime() + 86_400_000).toISOString().slice(0, 10);
}

export async function listSignatures(letterId: number, filters: SignatureFilters) {
  const page = filters.page ?? 1;
  const [rows, count, byStatus] = await Promise.all([
    filtered(letterId, filters)
      .select([
        "id",
        "kind",
        "name",
        "affiliation",
        "jurisdiction_code",
        "email",
        "status",
        "version",
        "show_publicly",
        "ip_hash",
        "created_at",
        "confirmed_at",
        "rejection_reason",
      ])
      .orderBy("created_at", "desc")
      .orderBy("id", "desc")
      .limit(MODERATION_PAGE_SIZE)
      .offset((page - 1) * MODERATION_PAGE_SIZE)
      .execute(),
    filtered(letterId, filters)
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("signatures")
      .select(["status", (eb) => eb.fn.countAll<number | string>().as("n")])
      .where("letter_id", "=", letterId)
      .groupBy("status")
      .execute(),
  ]);
  const counts = { pending: 0, confirmed: 0, withdrawn: 0, rejected: 0 } as Record<SignatureStatus, number>;
  for (const row of byStatus) counts[row.status] = Number(row.n);
  return { rows: rows as ModerationRow[], total: Number(count.n), page, perPage: MODERATION_PAGE_SIZE, counts };
}

/**
 * Rejects the selected pending or confirmed signatures of this letter (others are left alone),
 * spends their tokens and takes the confirmed ones out of the counts, in one transaction. Returns
 * how many changed.
 */
export async function rejectSignatures(
  actor: Pick<User, "id">,
  letterId: number,
  ids: number[],
  reason: string,
  now = new Date(),
): Promise<number> {
  const stamp = now.toISOString();
  const unique = [...new Set(ids)];
  const rejected = {
    status: "rejected" as const,
    rejected_at: stamp,
    rejection_reason: reason,
    confirm_token_hash: null,
    withdraw_token_hash: null,
    updated_at: stamp,
  };
  return db.transaction().execute(async (trx) => {
    let changed = 0;
    const uncounted: CountedSignature[] = [];
    // Bounded chunks keep each statement under the databases' parameter limits.
    for (let i = 0; i < unique.length; i += 500) {
      const chunk = unique.slice(i, i + 500);
      // Pending ones first: one confirmed meanwhile is then caught by the second statement.
      const pending = await trx
        .updateTable("signatures")
        .set(rejected)
        .where("letter_id", "=", letterId)
        .where("id", "in", chunk)
        .where("status", "=", "pending")
        .executeTakeFirst();
      const confirmed = await trx
        .updateTable("signatures")
        .set(rejected)
        .where("letter_id", "=", letterId)
        .where("id", "in", chunk)
        .where("status", "=", "confirmed")
        .returning(["jurisdiction_code", "kind", "show_publicly"])
        .execute();
      uncounted.push(...confirmed);
      changed += Number(pending.numUpdatedRows) + confirmed.length;
    }
    // Last: confirmations lock their signature before the counts, so this order cannot deadlock.
    await countSignatures(trx, letterId, uncounted, -1, stamp);
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "signature.reject",
      entityType: "open_letter",
      entityId: letterId,
      after: { ids: unique, changed, reason },
    });
    return changed;
  });
}

export async function listBlocklist() {
  return db
    .selectFrom("signature_blocklist")
    .select(["id", "kind", "value", "reason", "created_at"])
    .orderBy("kind")
    .orderBy("value")
    .execute();
}

/** Normalises a blocklist value: a bare domain (lower case, no `@`), or an IP address as typed. */
export function blocklistValue(kind: BlocklistKind, raw: string): string | null {
  const value = raw.trim().toLowerCase();
  if (kind === "email_domain") {
    const domain = value.replace(/^.*@/, "");
    return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) ? domain : null;
  }
  return /^[0-9a-f:.]{2,45}$/.test(value) ? value : null;
}

export async function addToBlocklist(
  actor: Pick<User, "id">,
  kind: BlocklistKind,
  raw: string,
  reason: string | undefined,
): Promise<Result<Nothing, { fieldErrors: FieldErrors }>> {
  const value = blocklistValue(kind, raw);
  if (!value) return { ok: false, fieldErrors: { value: [`signatures:validation.blockValue.${kind}`] } };
  const stamp = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("signature_blocklist")
      .values({ kind, value, reason: reason || null, created_by: actor.id, created_at: stamp, updated_at: stamp })
      .onConflict((oc) => oc.columns(["kind", "value"]).doNothing())
      .returning("id")
      .executeTakeFirst();
    if (row) {
      await recordAudit(trx, {
        actorUserId: actor.id,
        action: "signature_blocklist.add",
        entityType: "signature_blocklist",
        entityId: row.id,
        after: { kind, value, reason },
      });
    }
  });
  return { ok: true };
}

export async function removeFromBlocklist(actor: Pick<User, "id">, id: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom("signature_blocklist").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return;
    await trx.deleteFrom("signature_blocklist").where("id", "=", id).execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "signature_blocklist.remove",
      entityType: "signature_blocklist",
      entityId: id,
      before: { kind: row.kind, value: row.value, reason: row.reason },
    });
  });
}

/** `%@domain` or `%.domain` for LIKE with ESCAPE '\\': the domain's own wildcards match literally. */
function domainSuffix(separator: "@" | ".", domain: string): string {
  return `%${separator}${domain.replace(/[\\%_]/g, (c) => `\\${c}`)}`;
}

/**
 * Flagged signatures for the staff inbox: pending or confirmed signatures on letters still open or
 * closed (not yet delivered) from an address or e-mail domain that was blocked after they signed
 * (a signature from a blocked one is never stored). They wait until staff reject them; `letterSlug`
 * is the letter of the oldest, whose moderation page the inbox links to.
 */
export async function flaggedSignaturesWaiting(): Promise<Waiting & { letterSlug: string | null }> {
  const blocked = await db.selectFrom("signature_blocklist").select(["kind", "value"]).execute();
  if (blocked.length === 0) return { ...NOTHING_WAITING, letterSlug: null };
  const ipHashes = blocked.filter((b) => b.kind === "ip").map((b) => hashIp(b.value));
  // Gmail addresses are stored normalised to gmail.com.
  const domains = [
    ...new Set(
      blocked
        .filter((b) => b.kind === "email_domain")
        .map((b) => (GMAIL_DOMAINS.includes(b.value) ? "gmail.com" : b.value)),
    ),
  ];
  const flagged = db
    .selectFrom("signatures")
    .innerJoin("open_letters", "open_letters.id", "signatures.letter_id")
    .where("open_letters.status", "in", ["open", "closed"])
    .where("signatures.status", "in", ["pending", "confirmed"])
    .where((eb) =>
      eb.or([
        ...(ipHashes.length ? [eb("signatures.ip_hash", "in", ipHashes)] : []),
        ...domains.flatMap((domain) => [
          sql<SqlBool>`${sql.ref("signatures.email_normalised")} like ${domainSuffix("@", domain)} escape '\\'`,
          sql<SqlBool>`${sql.ref("signatures.email_normalised")} like ${domainSuffix(".", domain)} escape '\\'`,
        ]),
      ]),
    );
  const row = await flagged
    .select((eb) => [
      eb.fn.countAll<number | string>().as("n"),
      eb.fn.min<string | null>("signatures.created_at").as("oldest"),
    ])
    .executeTakeFirst();
  const waiting = toWaiting(row);
  if (waiting.count === 0) return { ...waiting, letterSlug: null };
  const oldest = await flagged
    .select("open_letters.slug")
    .orderBy("signatures.created_at")
    .orderBy("signatures.id")
    .limit(1)
    .executeTakeFirst();
  return { ...waiting, letterSlug: oldest?.slug ?? null };
}

export const SIGNATURES_CSV_COLUMNS = [
  "name",
  "affiliation",
  "country",
  "kind",
  "version",
  "confirmed_at",
  "email",
] as const;

/**
 * The staff export of confirmed signatures, e-mails included (staff only): UTF-8 with a BOM,
 * CRLF lines, cells that a spreadsheet would run as a formula neutralised.
 */
export async function confirmedSignaturesCsv(letterId: number): Promise<string> {
  const rows = await db
    .selectFrom("signatures")
    .select(["name", "affiliation", "jurisdiction_code", "kind", "version", "confirmed_at", "email"])
    .where("letter_id", "=", letterId)
    .where("status", "=", "confirmed")
    .orderBy("kind", "desc") // organisations first
    .orderBy("confirmed_at")
    .orderBy("id")
    .execute();
  const records = rows.map((row) =>
    [
      row.name,
      row.affiliation ?? "",
      row.jurisdiction_code ?? "",
      row.kind,
      String(row.version),
      row.confirmed_at ?? "",
      row.email ?? "",
    ].map(neutraliseFormula),
  );
  return stringify([[...SIGNATURES_CSV_COLUMNS], ...records], { bom: true, record_delimiter: "windows" });
}
