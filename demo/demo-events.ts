import type { Kysely } from "kysely";
import { isEditionPast } from "../app/features/events/edition-days";
import { localToUtc } from "../app/features/events/time.server";
import type { Database } from "../db/schema";
import { EDITIONS, EVENTS } from "./demo-events.data";

function utc(local: string, zone: string): string {
  const result = localToUtc(local, zone);
  if (!result.ok) throw new Error(`demo event time ${local} ${zone}: ${result.reason}`);
  return result.utc;
}

/** The coming edition's year: this year's, until its day (21 October) is over, then next year's. */
export function comingDemoYear(now = new Date()): number {
  const year = now.getUTCFullYear();
  return isEditionPast({ day: `${year}-10-21` }, now) ? year + 1 : year;
}

/**
 * Editions 2022–2026 and the coming one (opened ahead of its day, without events), and events for
 * 2025 and 2026. Idempotent: existing years and slugs are kept.
 */
export async function seedDemoEvents(db: Kysely<Database>): Promise<void> {
  const now = new Date().toISOString();
  const coming = comingDemoYear();
  const all = EDITIONS.some((e) => e.year === coming) ? EDITIONS : [...EDITIONS, { year: coming, theme: null }];
  for (const edition of all) {
    await db
      .insertInto("event_editions")
      .values({
        year: edition.year,
        day: `${edition.year}-10-21`,
        theme: edition.theme,
        created_at: now,
        updated_at: now,
      })
      .onConflict((oc) => oc.column("year").doNothing())
      .execute();
  }
  const editions = new Map(
    (await db.selectFrom("event_editions").select(["id", "year"]).execute()).map((e) => [e.year, e.id]),
  );
  const chapters = new Map(
    (await db.selectFrom("chapters").select(["id", "name"]).execute()).map((c) => [c.name, c.id]),
  );
  const organisation = await db
    .selectFrom("coalition_members")
    .select(["id", "name"])
    .where("name", "=", "Open Networks Foundation (demo)")
    .executeTakeFirst();
  const users = await db.selectFrom("users").select(["id", "email"]).execute();
  const userId = (email: string) => users.find((u) => u.email === email)?.id ?? null;
  const staffId = userId("staff@example.org");

  for (const event of EVENTS) {
    const exists = await db.selectFrom("events").select("id").where("slug", "=", event.slug).executeTakeFirst();
    if (exists) continue;
    const editionId = editions.get(Number(event.start.slice(0, 4)));
    if (editionId === undefined) continue;
    let chapterId: number | null = null;
    let memberId: number | null = null;
    let organiserName: string;
    let submittedBy: number | null;
    if ("chapter" in event.by) {
      chapterId = chapters.get(event.by.chapter) ?? null;
      if (chapterId === null) continue;
      organiserName = event.by.chapter;
      submittedBy = event.by.chapter === "Kenya Chapter" ? userId("chapter@example.org") : null;
    } else if ("organisation" in event.by) {
      if (!organisation) continue;
      memberId = organisation.id;
      organiserName = organisation.name;
      submittedBy = userId("member@example.org");
    } else {
      organiserName = event.by.staff;
      submittedBy = staffId;
    }
    const status = event.status ?? "approved";
    const reviewed = status === "approved" || status === "changes_requested";
    const startsAt = utc(event.start, event.tz);
    const endsAt = utc(event.end, event.tz);
    await db
      .insertInto("events")
      .values({
        edition_id: editionId,
        slug: event.slug,
        title: event.title,
        original_locale: event.language ?? "en",
        kind: event.kind,
        chapter_id: chapterId,
        coalition_member_id: memberId,
        organiser_name: organiserName,
        submitted_by: submittedBy,
        jurisdiction_code: event.jurisdiction,
        city: event.city,
        online: event.online ? 1 : 0,
        starts_local: event.start,
        ends_local: event.end,
        timezone: event.tz,
        starts_at: startsAt,
        ends_at: endsAt,
        description: event.description,
        registration_url: status === "approved" ? `https://example.org/events/${event.slug}` : null,
        expected_reach: event.expected ?? null,
        status,
        review_comment: event.comment ?? null,
        reviewed_by: reviewed ? staffId : null,
        reviewed_at: reviewed ? now : null,
        attendance: event.report?.[0] ?? null,
        online_views: event.report?.[1] ?? null,
        media_reach: event.report?.[2] ?? null,
        reported_at: event.report ? endsAt : null,
        rsvp_count: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
}
