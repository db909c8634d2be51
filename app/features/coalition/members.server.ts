import { sql } from "kysely";
import { z } from "zod";
import { db } from "~db/connection";
import type { User, Executor } from "~db/schema";
import { likeContains } from "~/lib/like.server";
import { foldName, searchable } from "~/lib/search";
import { isStaff } from "~/features/auth/guards.server";
import { recordAudit, recordAudits } from "~/features/security/audit.server";
import { MEMBER_STATUSES, SECTORS, type MemberStatus, type Sector } from "~/lib/vocabularies";
import { nameClashes, requestMemberChange } from "~/features/coalition/member-changes.server";
import type { Result } from "~/lib/result";

export interface MemberInput {
  name: string;
  sector: Sector;
  jurisdiction: string | null;
  website: string | null;
  joinedOn: string | null;
  publicProfile: string | null;
  contactEmail: string | null;
  status?: MemberStatus;
  /** Consent to the public directory; left as it is when not given. */
  publicListing?: boolean;
}

function columns(input: MemberInput) {
  return {
    name: input.name,
    name_folded: foldName(input.name),
    sector: input.sector,
    jurisdiction_code: input.jurisdiction,
    website: input.website,
    joined_on: input.joinedOn,
    public_profile: input.publicProfile,
    contact_email: input.contactEmail,
    search_text: searchable(input.name, input.publicProfile, input.website),
    ...(input.publicListing === undefined ? {} : { public_listing: input.publicListing ? 1 : 0 }),
  };
}

/** Inserts a member in the caller's transaction (approvals, imports) and audits it. */
export async function insertMember(trx: Executor, actor: User | null, input: MemberInput): Promise<number> {
  const now = new Date().toISOString();
  const row = await trx
    .insertInto("coalition_members")
    .values({ ...columns(input), status: input.status ?? "active", created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  await recordAudit(trx, {
    actorUserId: actor?.id ?? null,
    action: "member.create",
    entityType: "coalition_member",
    entityId: row.id,
    after: { ...input, contactEmail: undefined },
  });
  return row.id;
}

const INSERT_BATCH = 500;

/**
 * Inserts many new members (imports) in a few multi-row inserts and audits each one; a round trip
 * per row is slow on a networked database. Names must be distinct once folded (`foldName`).
 */
export async function insertMembers(trx: Executor, actor: User | null, inputs: MemberInput[]): Promise<number[]> {
  const now = new Date().toISOString();
  const idByName = new Map<string, number>();
  for (let i = 0; i < inputs.length; i += INSERT_BATCH) {
    const rows = await trx
      .insertInto("coalition_members")
      .values(
        inputs
          .slice(i, i + INSERT_BATCH)
          .map((input) => ({ ...columns(input), status: input.status ?? "active", created_at: now, updated_at: now })),
      )
      .returning(["id", "name"])
      .execute();
    // RETURNING promises no order: match the rows back by name.
    for (const row of rows) idByName.set(foldName(row.name), row.id);
  }
  const ids = inputs.map((input) => idByName.get(foldName(input.name)) as number);
  await recordAudits(
    trx,
    inputs.map((input, k) => ({
      actorUserId: actor?.id ?? null,
      action: "member.create",
      entityType: "coalition_member",
      entityId: ids[k],
      after: { ...input, contactEmail: undefined },
    })),
  );
  return ids;
}

export async function updateMember(trx: Executor, actor: User, id: number, input: MemberInput): Promise<void> {
  const before = await trx.selectFrom("coalition_members").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  await trx
    .updateTable("coalition_members")
    .set({ ...columns(input), ...(input.status ? { status: input.status } : {}), updated_at: new Date().toISOString() })
    .where("id", "=", id)
    .execute();
  const { search_text: _s, contact_email: _c, ...shown } = before;
  await recordAudit(trx, {
    actorUserId: actor.id,
    action: "member.update",
    entityType: "coalition_member",
    entityId: id,
    before: shown,
    after: { ...input, contactEmail: undefined },
  });
}

/** The member whose name folds to the same as `name` (names are unique once folded), if any. */
export async function findMemberByName(trx: Executor, name: string) {
  return trx
    .selectFrom("coalition_members")
    .select(["id", "name"])
    .where("name_folded", "=", foldName(name))
    .executeTakeFirst();
}

export const MemberFiltersSchema = z.object({
  sector: z.enum(SECTORS).optional().describe("Members of this sector."),
  jurisdiction: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{2}|EU|INT)$/)
    .optional()
    .describe("Members based in this jurisdiction: an ISO 3166-1 alpha-2 code, EU or INT (any case)."),
  year: z.coerce.number().int().min(1990).max(2100).optional(),
  q: z.string().trim().max(200).optional().describe("Words to find in the name, public profile or website."),
  status: z.enum(MEMBER_STATUSES).optional(),
  page: z.coerce.number().int().min(1).max(100_000).optional().describe("The page to answer, from 1."),
  per_page: z.coerce.number().int().min(1).max(100).optional().describe("How many members a page holds (default 30)."),
});
export type MemberFilters = z.infer<typeof MemberFiltersSchema>;

function filtered(filters: MemberFilters) {
  // The public directory: members who agreed to be listed.
  let query = db
    .selectFrom("coalition_members")
    .where("coalition_members.status", "=", filters.status ?? "active")
    .where("coalition_members.public_listing", "=", 1);
  if (filters.sector) query = query.where("coalition_members.sector", "=", filters.sector);
  if (filters.jurisdiction) query = query.where("coalition_members.jurisdiction_code", "=", filters.jurisdiction);
  if (filters.year) {
    query = query
      .where("coalition_members.joined_on", ">=", `${filters.year}-01-01`)
      .where("coalition_members.joined_on", "<", `${filters.year + 1}-01-01`);
  }
  if (filters.q) query = query.where(likeContains(sql.ref<string>("coalition_members.search_text"), filters.q));
  return query;
}

/** Public directory rows: never the private contact. */
export async function listMembers(filters: MemberFilters) {
  const perPage = filters.per_page ?? 30;
  const page = filters.page ?? 1;
  const [rows, count] = await Promise.all([
    filtered(filters)
      .leftJoin("jurisdictions", "jurisdictions.code", "coalition_members.jurisdiction_code")
      .select([
        "coalition_members.id",
        "coalition_members.name",
        "coalition_members.sector",
        "coalition_members.jurisdiction_code",
        "coalition_members.website",
        "coalition_members.joined_on",
        "coalition_members.status",
        "jurisdictions.name_en",
        "jurisdictions.name_fr",
      ])
      .orderBy("coalition_members.name")
      .orderBy("coalition_members.id")
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
    filtered(filters)
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n), page, perPage };
}

export async function getMember(id: number) {
  return db
    .selectFrom("coalition_members")
    .leftJoin("jurisdictions", "jurisdictions.code", "coalition_members.jurisdiction_code")
    .selectAll("coalition_members")
    .select(["jurisdictions.name_en", "jurisdictions.name_fr"])
    .where("coalition_members.id", "=", id)
    .executeTakeFirst();
}

export async function jurisdictionExists(code: string): Promise<boolean> {
  return !!(await db.selectFrom("jurisdictions").select("code").where("code", "=", code).executeTakeFirst());
}

export interface ProfileInput {
  name: string;
  sector: Sector;
  jurisdiction: string;
  website?: string;
  publicProfile?: string;
}

/** `pendingReview`: a representative's change of name or website now waits for staff. */
export type SaveProfileResult = Result<{ pendingReview: boolean }, { fieldErrors: Record<string, string[]> }>;

const NAME_TAKEN = { name: ["coalition:profile.nameTaken"] };

/**
 * Saves the public profile; the status, joined date and private contact stay as they are. Staff
 * changes apply at once. A representative's sector, country and profile text apply at once too, but
 * a new public name or website is held as a pending change until staff approve it (so nobody signs
 * letters under another organisation's name): the directory, the API and new signatures keep the
 * approved ones meanwhile. Names are unique once folded for case and accents.
 */
export async function saveProfile(actor: User, id: number, input: ProfileInput): Promise<SaveProfileResult> {
  if (!(await jurisdictionExists(input.jurisdiction))) {
    return { ok: false, fieldErrors: { jurisdiction: ["validation.jurisdiction"] } };
  }
  const current = await db.selectFrom("coalition_members").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const name = input.name.trim();
  const website = input.website || null;
  const base = {
    sector: input.sector,
    jurisdiction: input.jurisdiction,
    joinedOn: current.joined_on,
    publicProfile: input.publicProfile || null,
    contactEmail: current.contact_email,
  };
  if (isStaff(actor)) {
    if (await nameClashes(db, name, id, false)) return { ok: false, fieldErrors: NAME_TAKEN };
    await db.transaction().execute((trx) => updateMember(trx, actor, id, { ...base, name, website }));
    return { ok: true, pendingReview: false };
  }
  return db.transaction().execute(async (trx): Promise<SaveProfileResult> => {
    const requested = await requestMemberChange(trx, actor, current, { name, website });
    if (!requested.ok) return { ok: false, fieldErrors: NAME_TAKEN };
    await updateMember(trx, actor, id, { ...base, name: current.name, website: current.website });
    return { ok: true, pendingReview: requested.pending };
  });
}

/** Staff suspend a member, record that it left, or reactivate it. */
export async function setMemberStatus(actor: User, id: number, status: MemberStatus): Promise<void> {
  const before = await db
    .selectFrom("coalition_members")
    .select("status")
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("coalition_members")
      .set({ status, updated_at: new Date().toISOString() })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "member.status",
      entityType: "coalition_member",
      entityId: id,
      before,
      after: { status },
    });
  });
}
