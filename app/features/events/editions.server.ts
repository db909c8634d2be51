/** Global Encryption Day editions: one per year, with its day and an optional theme (staff). */
import { db } from "~db/connection";
import type { User } from "~db/schema";
import type { FieldErrors } from "~/lib/field-errors";
import { recordAudit } from "~/features/security/audit.server";
import type { EditionInput } from "~/features/events/forms";

export function listEditions() {
  return db.selectFrom("event_editions").select(["id", "year", "day", "theme"]).orderBy("year", "desc").execute();
}

export function editionForYear(year: number) {
  if (!Number.isInteger(year)) return Promise.resolve(undefined);
  return db
    .selectFrom("event_editions")
    .select(["id", "year", "day", "theme"])
    .where("year", "=", year)
    .executeTakeFirst();
}

function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/** Creates an edition, or updates the one named by `editionId`. */
export async function saveEdition(user: User, input: EditionInput): Promise<FieldErrors | null> {
  if (!isRealDay(input.day)) return { day: ["validation.date"] };
  if (Number(input.day.slice(0, 4)) !== input.year) return { day: ["events:validation.dayInYear"] };
  const clash = await editionForYear(input.year);
  if (clash && clash.id !== input.editionId) return { year: ["events:validation.yearTaken"] };
  const now = new Date().toISOString();
  const values = { year: input.year, day: input.day, theme: input.theme || null };
  if (input.editionId !== undefined) {
    const before = await db
      .selectFrom("event_editions")
      .select(["id", "year", "day", "theme"])
      .where("id", "=", input.editionId)
      .executeTakeFirst();
    if (!before) return { editionId: ["events:validation.noSuchEdition"] };
    // Events belong to the edition of their year: an edition keeps its year once it has events.
    if (before.year !== input.year) {
      const used = await db.selectFrom("events").select("id").where("edition_id", "=", before.id).executeTakeFirst();
      if (used) return { year: ["events:validation.yearLocked"] };
    }
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable("event_editions")
        .set({ ...values, updated_at: now })
        .where("id", "=", before.id)
        .execute();
      await recordAudit(trx, {
        actorUserId: user.id,
        action: "event_edition.update",
        entityType: "event_edition",
        entityId: before.id,
        before,
        after: values,
      });
    });
    return null;
  }
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("event_editions")
      .values({ ...values, created_at: now, updated_at: now })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: user.id,
      action: "event_edition.create",
      entityType: "event_edition",
      entityId: row.id,
      after: values,
    });
  });
  return null;
}
