/**
 * The lawmaker directory: the staff list with its filters, one lawmaker, the staff edit, and the
 * lookups other areas use (letter campaigns target lawmakers by jurisdiction and body).
 */
import { sql, type SqlBool } from "kysely";
import { db } from "~db/connection";
import type { User } from "~db/schema";
import { likeContains } from "~/lib/like.server";
import { recordAudit } from "~/features/security/audit.server";
import { staleBefore } from "~/features/lawmakers/constants";
import { lawmakerEmailKey, lawmakerMatchKey, lawmakerSearchText } from "~/features/lawmakers/identity";
import { ocdCountry } from "~/features/lawmakers/ocd";
import { DEFAULT_PER_PAGE, type LawmakerFilters, type LawmakerInput } from "~/features/lawmakers/forms";
import type { LawmakerValues } from "~/features/lawmakers/validate-row";

const COLUMNS = [
  "lawmakers.id",
  "lawmakers.name",
  "lawmakers.title",
  "lawmakers.body",
  "lawmakers.jurisdiction_code",
  "lawmakers.constituency",
  "lawmakers.party",
  "lawmakers.email",
  "lawmakers.contact_url",
  "lawmakers.source_url",
  "lawmakers.verified_on",
  "lawmakers.ocd_division_id",
  "lawmakers.updated_at",
] as const;

/** A LIKE pattern's literal text: its own `%`, `_` and `\` match themselves. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filtered(filters: LawmakerFilters, now: Date) {
  let query = db.selectFrom("lawmakers");
  if (filters.jurisdiction) query = query.where("lawmakers.jurisdiction_code", "=", filters.jurisdiction);
  if (filters.body) query = query.where("lawmakers.body", "=", filters.body);
  if (filters.party) query = query.where("lawmakers.party", "=", filters.party);
  if (filters.constituency) query = query.where("lawmakers.constituency", "=", filters.constituency);
  if (filters.ocd_division_id) query = query.where("lawmakers.ocd_division_id", "=", filters.ocd_division_id);
  if (filters.ocd_division_prefix) {
    const prefix = filters.ocd_division_prefix;
    // The division itself and those inside it, by whole segments (`state:wa` is not `state:wash`).
    query = query.where((eb) =>
      eb.or([
        eb("lawmakers.ocd_division_id", "=", prefix),
        sql<SqlBool>`${sql.ref("lawmakers.ocd_division_id")} like ${`${escapeLike(prefix)}/%`} escape '\\'`,
      ]),
    );
  }
  if (filters.q) query = query.where(likeContains(sql.ref<string>("lawmakers.search_text"), filters.q));
  if (filters.stale) {
    const cutoff = staleBefore(now);
    query = query.where((eb) =>
      eb.or([eb("lawmakers.verified_on", "is", null), eb("lawmakers.verified_on", "<", cutoff)]),
    );
  }
  if (filters.contact_form_only) {
    query = query.where("lawmakers.email", "is", null).where("lawmakers.contact_url", "is not", null);
  }
  if (filters.needs_contact) {
    query = query.where("lawmakers.email", "is", null).where("lawmakers.contact_url", "is", null);
  }
  return query;
}

export type LawmakerRow = Awaited<ReturnType<typeof listLawmakers>>["rows"][number];

/** A page of lawmakers, ordered by jurisdiction, body and name, with the number matching. */
export async function listLawmakers(filters: LawmakerFilters, now: Date = new Date()) {
  const perPage = filters.per_page ?? DEFAULT_PER_PAGE;
  const page = filters.page ?? 1;
  const [rows, count] = await Promise.all([
    filtered(filters, now)
      .select(COLUMNS)
      .orderBy("lawmakers.jurisdiction_code")
      .orderBy("lawmakers.body")
      .orderBy("lawmakers.name")
      .orderBy("lawmakers.id")
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
    filtered(filters, now)
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), page, perPage };
}

/** Counts for the directory's header: all, stale, reachable only through a contact form, no contact yet. */
export async function lawmakerCounts(now: Date = new Date()) {
  const cutoff = staleBefore(now);
  const row = await db
    .selectFrom("lawmakers")
    .select((eb) => [
      eb.fn.countAll<number | string>().as("total"),
      eb.fn
        .sum<number | string | null>(
          eb
            .case()
            .when(eb.or([eb("verified_on", "is", null), eb("verified_on", "<", cutoff)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as("stale"),
      eb.fn
        .sum<number | string | null>(
          eb
            .case()
            .when(eb.and([eb("email", "is", null), eb("contact_url", "is not", null)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as("contact_form_only"),
      eb.fn
        .sum<number | string | null>(
          eb
            .case()
            .when(eb.and([eb("email", "is", null), eb("contact_url", "is", null)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as("needs_contact"),
    ])
    .executeTakeFirstOrThrow();
  return {
    total: Number(row.total),
    stale: Number(row.stale ?? 0),
    contactFormOnly: Number(row.contact_form_only ?? 0),
    needsContact: Number(row.needs_contact ?? 0),
  };
}

/** One lawmaker, every column but the internal keys; undefined when there is none. */
export async function getLawmaker(id: number) {
  return db.selectFrom("lawmakers").select(COLUMNS).where("lawmakers.id", "=", id).executeTakeFirst();
}

/** Every jurisdiction + body pair that has lawmakers, with how many (campaign targets). */
export async function listJurisdictionBodies(): Promise<Array<{ jurisdiction: string; body: string; count: number }>> {
  const rows = await db
    .selectFrom("lawmakers")
    .select((eb) => ["jurisdiction_code", "body", eb.fn.countAll<number | string>().as("n")])
    .groupBy(["jurisdiction_code", "body"])
    .orderBy("jurisdiction_code")
    .orderBy("body")
    .execute();
  return rows.map((row) => ({ jurisdiction: row.jurisdiction_code, body: row.body, count: Number(row.n) }));
}

/** The distinct parties, for the directory's filter. */
export async function listParties(): Promise<string[]> {
  const rows = await db
    .selectFrom("lawmakers")
    .select("party")
    .distinct()
    .where("party", "is not", null)
    .orderBy("party")
    .execute();
  return rows.map((row) => row.party).filter((party): party is string => party !== null);
}

function valuesOf(input: LawmakerInput): LawmakerValues {
  return {
    name: input.name,
    title: input.title || null,
    body: input.body,
    jurisdiction_code: input.jurisdiction,
    constituency: input.constituency || null,
    party: input.party || null,
    email: input.email ? input.email.toLowerCase() : null,
    contact_url: input.contactUrl || null,
    source_url: input.sourceUrl || null,
    verified_on: input.verifiedOn || null,
    ocd_division_id: input.ocdDivisionId ? input.ocdDivisionId.normalize("NFC") : null,
  };
}

/**
 * Saves the staff edit of one lawmaker and audits what changed. Field errors (an unknown
 * jurisdiction, an e-mail already another lawmaker's) come back instead of being written.
 */
export async function updateLawmaker(
  actor: User,
  id: number,
  input: LawmakerInput,
): Promise<Record<string, string[]> | null> {
  const values = valuesOf(input);
  const email = lawmakerEmailKey(values.email);
  return db.transaction().execute(async (trx): Promise<Record<string, string[]> | null> => {
    const known = await trx
      .selectFrom("jurisdictions")
      .select("code")
      .where("code", "=", values.jurisdiction_code)
      .executeTakeFirst();
    if (!known) return { jurisdiction: ["validation.jurisdiction"] };
    // EU and INT lawmakers may represent any country's division, as long as the hub knows it.
    const country = values.ocd_division_id ? ocdCountry(values.ocd_division_id) : null;
    if (country && country !== values.jurisdiction_code) {
      const exists = await trx
        .selectFrom("jurisdictions")
        .select("code")
        .where("code", "=", country)
        .executeTakeFirst();
      if (!exists) return { ocdDivisionId: ["lawmakers:form.ocd.unknown_country"] };
    }
    if (email) {
      const other = await trx
        .selectFrom("lawmakers")
        .select("id")
        .where("email_normalised", "=", email)
        .where("id", "!=", id)
        .executeTakeFirst();
      if (other) return { email: ["lawmakers:form.emailTaken"] };
    }
    const before = await trx
      .selectFrom("lawmakers")
      .select(COLUMNS)
      .where("lawmakers.id", "=", id)
      .executeTakeFirstOrThrow();
    const changed = (Object.keys(values) as Array<keyof LawmakerValues>).filter(
      (column) => (before[column] ?? null) !== values[column],
    );
    if (!changed.length) return null;
    await trx
      .updateTable("lawmakers")
      .set({
        ...values,
        email_normalised: email,
        match_key: lawmakerMatchKey(values),
        search_text: lawmakerSearchText(values),
        updated_at: new Date().toISOString(),
      })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "lawmaker.update",
      entityType: "lawmaker",
      entityId: id,
      before: Object.fromEntries(changed.map((c) => [c, before[c]])),
      after: Object.fromEntries(changed.map((c) => [c, values[c]])),
    });
    return null;
  });
}
