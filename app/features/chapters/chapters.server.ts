import { stringify } from "csv-stringify/sync";
import { sql } from "kysely";
import { db } from "~db/connection";
import type { User } from "~db/schema";
import type { FieldErrors } from "~/lib/field-errors";
import { recordAudit } from "~/features/security/audit.server";
import { neutraliseFormula } from "~/lib/spreadsheet";
import type { ChapterFilters, ChapterInput } from "~/features/chapters/forms";
import type { Result } from "~/lib/result";

/** The public list: active chapters with their country and kind. */
export async function listChapters() {
  return db
    .selectFrom("chapters")
    .innerJoin("jurisdictions", "jurisdictions.code", "chapters.jurisdiction_code")
    .select([
      "chapters.id",
      "chapters.name",
      "chapters.kind",
      "chapters.status",
      "chapters.jurisdiction_code",
      "jurisdictions.name_en",
      "jurisdictions.name_fr",
    ])
    .where("chapters.status", "=", "active")
    .orderBy("chapters.name")
    .execute();
}

/** `[from, to)` of a calendar year as ISO dates, so the index on occurred_on serves the range. */
export function yearRange(year: number): [string, string] {
  return [`${year}-01-01`, `${year + 1}-01-01`];
}

/** Staff: every chapter matching the filters, with its member count and accepted actions in `year`. */
export async function listChaptersForStaff(filters: ChapterFilters, year: number) {
  const [from, to] = yearRange(year);
  // One grouped pass over the year's accepted actions (the review index serves it), joined to the
  // chapters: a count per chapter row would scan the year once per chapter.
  const accepted = db
    .selectFrom("advocacy_actions")
    .select(["chapter_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("review_status", "=", "accepted")
    .where("occurred_on", ">=", from)
    .where("occurred_on", "<", to)
    .where("chapter_id", "is not", null)
    .groupBy("chapter_id");
  const members = db
    .selectFrom("users")
    .select(["chapter_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("status", "=", "active")
    .where("chapter_id", "is not", null)
    .groupBy("chapter_id");
  let query = db
    .selectFrom("chapters")
    .innerJoin("jurisdictions", "jurisdictions.code", "chapters.jurisdiction_code")
    .leftJoin(accepted.as("accepted"), "accepted.chapter_id", "chapters.id")
    .leftJoin(members.as("members"), "members.chapter_id", "chapters.id")
    .select([
      "chapters.id",
      "chapters.name",
      "chapters.kind",
      "chapters.status",
      "chapters.region",
      "chapters.jurisdiction_code",
      "jurisdictions.name_en",
      "jurisdictions.name_fr",
      "accepted.n as accepted_count",
      "members.n as member_count",
    ]);
  if (filters.region) query = query.where("chapters.region", "=", filters.region);
  if (filters.jurisdiction) query = query.where("chapters.jurisdiction_code", "=", filters.jurisdiction);
  if (filters.kind) query = query.where("chapters.kind", "=", filters.kind);
  if (filters.status) query = query.where("chapters.status", "=", filters.status);
  const rows = await query.orderBy("chapters.name").limit(2000).execute();
  return rows.map((r) => ({
    ...r,
    accepted_count: Number(r.accepted_count ?? 0),
    member_count: Number(r.member_count ?? 0),
  }));
}
export type StaffChapterRow = Awaited<ReturnType<typeof listChaptersForStaff>>[number];

const CSV_COLUMNS = [
  "id",
  "name",
  "kind",
  "status",
  "region",
  "jurisdiction_code",
  "jurisdiction",
  "members",
  "year",
  "accepted_actions",
] as const;

/** UTF-8 with a byte-order mark, CRLF lines, formula-like cells neutralised (as the threat export). */
export function chaptersCsv(rows: StaffChapterRow[], year: number): string {
  const records = rows.map((r) =>
    [
      String(r.id),
      r.name,
      r.kind,
      r.status,
      r.region ?? "",
      r.jurisdiction_code,
      r.name_en,
      String(r.member_count),
      String(year),
      String(r.accepted_count),
    ].map(neutraliseFormula),
  );
  return stringify([[...CSV_COLUMNS], ...records], { bom: true, record_delimiter: "windows" });
}

export async function getChapter(id: number) {
  return db
    .selectFrom("chapters")
    .innerJoin("jurisdictions", "jurisdictions.code", "chapters.jurisdiction_code")
    .selectAll("chapters")
    .select(["jurisdictions.name_en", "jurisdictions.name_fr"])
    .where("chapters.id", "=", id)
    .executeTakeFirst();
}

async function checkChapter(input: ChapterInput, exceptId?: number): Promise<FieldErrors | null> {
  const [jurisdiction, sameName] = await Promise.all([
    db.selectFrom("jurisdictions").select("code").where("code", "=", input.jurisdiction).executeTakeFirst(),
    db
      .selectFrom("chapters")
      .select("id")
      .where("name", "=", input.name)
      .$if(exceptId !== undefined, (q) => q.where("id", "!=", exceptId ?? -1))
      .executeTakeFirst(),
  ]);
  const errors: FieldErrors = {};
  if (!jurisdiction) errors.jurisdiction = ["validation.jurisdiction"];
  if (sameName) errors.name = ["actions:validation.chapterNameTaken"];
  return Object.keys(errors).length ? errors : null;
}

function columns(input: ChapterInput) {
  return {
    name: input.name,
    jurisdiction_code: input.jurisdiction,
    kind: input.kind,
    status: input.status,
    region: input.region ?? null,
  };
}

export async function createChapter(
  actor: User,
  input: ChapterInput,
): Promise<Result<{ id: number }, { fieldErrors: FieldErrors }>> {
  const problems = await checkChapter(input);
  if (problems) return { ok: false, fieldErrors: problems };
  const now = new Date().toISOString();
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("chapters")
      .values({ ...columns(input), created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "chapter.create",
      entityType: "chapter",
      entityId: row.id,
      after: columns(input),
    });
    return row.id;
  });
  return { ok: true, id };
}

export async function updateChapter(actor: User, id: number, input: ChapterInput): Promise<FieldErrors | null> {
  const problems = await checkChapter(input, id);
  if (problems) return problems;
  const before = await db.selectFrom("chapters").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("chapters")
      .set({ ...columns(input), updated_at: now })
      .where("id", "=", id)
      .execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "chapter.update",
      entityType: "chapter",
      entityId: id,
      before: {
        name: before.name,
        jurisdiction_code: before.jurisdiction_code,
        kind: before.kind,
        status: before.status,
        region: before.region,
      },
      after: columns(input),
    });
  });
  return null;
}

/** The threats tracked in the chapter's country (or forum), newest first. */
export async function listChapterThreats(jurisdictionCode: string) {
  return db
    .selectFrom("threats")
    .select(["id", "slug", "title", "short_name", "stage", "outcome", "severity", "first_seen_on"])
    .where("jurisdiction_code", "=", jurisdictionCode)
    .orderBy("first_seen_on", "desc")
    .limit(50)
    .execute();
}

/** Accepted actions per year and kind: what the chapter's yearly report counts. */
export async function chapterYearlySummary(chapterId: number) {
  const year = sql<string>`substr(${sql.ref("occurred_on")}, 1, 4)`;
  const rows = await db
    .selectFrom("advocacy_actions")
    .select([year.as("year"), "kind", (eb) => eb.fn.countAll<number>().as("n")])
    .where("chapter_id", "=", chapterId)
    .where("review_status", "=", "accepted")
    .groupBy([year, "kind"])
    .execute();
  return rows.map((r) => ({ year: String(r.year), kind: r.kind, count: Number(r.n) }));
}
