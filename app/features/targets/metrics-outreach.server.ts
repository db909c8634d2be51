/** Metrics about outreach: Global Encryption Day events and reach, letters sent, signatures. */
import { db } from "~db/connection";
import type { EventKind } from "~db/schema";
import type { MetricContext, MetricResult, MetricRow } from "~/features/targets/metric-types";
import { yearBounds } from "~/features/targets/status";

/** Approved events of the year's Global Encryption Day edition (whatever their own dates). */
function editionEvents({ year, filter }: MetricContext) {
  let base = db
    .selectFrom("events as e")
    .innerJoin("event_editions as ed", "ed.id", "e.edition_id")
    .where("ed.year", "=", year)
    .where("e.status", "=", "approved");
  if (filter.kind) base = base.where("e.kind", "=", filter.kind as EventKind);
  if (filter.jurisdiction) base = base.where("e.jurisdiction_code", "=", filter.jurisdiction);
  return base;
}

async function eventRows(context: MetricContext): Promise<MetricRow[]> {
  const events = await editionEvents(context)
    .select([
      "e.id",
      "e.slug",
      "e.title",
      "e.organiser_name",
      "e.jurisdiction_code",
      "e.starts_local",
      "e.attendance",
      "e.online_views",
      "e.media_reach",
      "e.reported_at",
    ])
    .orderBy("e.starts_at")
    .orderBy("e.id")
    .execute();
  return events.map((e) => ({
    key: `event:${e.id}`,
    label: `${e.title} — ${e.organiser_name}`,
    href: `/events/${encodeURIComponent(e.slug)}`,
    date: e.starts_local.slice(0, 10),
    jurisdiction: e.jurisdiction_code,
    tag: e.reported_at ? null : "targets:drill.notReported",
    amount: (e.attendance ?? 0) + (e.online_views ?? 0) + (e.media_reach ?? 0),
    counted: true,
  }));
}

/** Events of the year's edition (matching the kind and jurisdiction filters) approved by staff. */
export async function gedEvents(context: MetricContext): Promise<MetricResult> {
  if (!context.withRows) {
    const row = await editionEvents(context)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return { value: Number(row.n), unit: "count" };
  }
  const rows = await eventRows(context);
  return { value: rows.length, unit: "count", rows };
}

/**
 * People reached by the approved events of the year's edition: the sum of attendance, online views
 * and media reach as reported by each organiser (distinct audiences, so they add up); an event not
 * yet reported adds nothing.
 */
export async function gedReach(context: MetricContext): Promise<MetricResult> {
  if (!context.withRows) {
    const row = await editionEvents(context)
      .select((eb) => [
        eb.fn.sum<number>(eb.fn.coalesce("e.attendance", eb.lit(0))).as("attendance"),
        eb.fn.sum<number>(eb.fn.coalesce("e.online_views", eb.lit(0))).as("online"),
        eb.fn.sum<number>(eb.fn.coalesce("e.media_reach", eb.lit(0))).as("media"),
      ])
      .executeTakeFirstOrThrow();
    return {
      value: Number(row.attendance ?? 0) + Number(row.online ?? 0) + Number(row.media ?? 0),
      unit: "people",
    };
  }
  const rows = await eventRows(context);
  return { value: rows.reduce((sum, r) => sum + (r.amount ?? 0), 0), unit: "people", rows };
}

/** Letters now sent or delivered whose first `sent` transition falls in [from, to). */
export function lettersFirstSentBetween(from: string, to: string) {
  return db
    .selectFrom("campaign_letters as l")
    .innerJoin(
      (eb) =>
        eb
          .selectFrom("campaign_letter_events")
          .select((e) => [
            "campaign_letter_events.letter_id",
            e.fn.min("campaign_letter_events.created_at").as("sent_at"),
          ])
          .where("campaign_letter_events.to_status", "=", "sent")
          .groupBy("campaign_letter_events.letter_id")
          .as("first_sent"),
      (join) => join.onRef("first_sent.letter_id", "=", "l.id"),
    )
    .where("l.status", "in", ["sent", "delivered"])
    .where("first_sent.sent_at", ">=", from)
    .where("first_sent.sent_at", "<", to);
}

/**
 * Letters to lawmakers now sent or delivered, counted in the year when they were first sent (the
 * letter's first `sent` transition in its log), whatever the campaign. The jurisdiction filter is
 * the lawmaker's. The drill-down lists campaigns, never senders.
 */
export async function lettersSent(context: MetricContext): Promise<MetricResult> {
  const { from, to } = yearBounds(context.year);
  let base = lettersFirstSentBetween(from, to);
  if (context.filter.jurisdiction) {
    const code = context.filter.jurisdiction;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom("lawmakers")
          .select("lawmakers.id")
          .whereRef("lawmakers.id", "=", "l.lawmaker_id")
          .where("lawmakers.jurisdiction_code", "=", code),
      ),
    );
  }
  if (!context.withRows) {
    const row = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return { value: Number(row.n), unit: "count" };
  }
  const campaigns = await base
    .innerJoin("letter_campaigns as c", "c.id", "l.campaign_id")
    .select((eb) => [
      "c.id",
      "c.slug",
      eb.fn.countAll<number>().as("n"),
      eb.fn.min("first_sent.sent_at").as("first"),
      eb
        .selectFrom("campaign_templates as t")
        .select("t.title")
        .whereRef("t.campaign_id", "=", "c.id")
        .orderBy("t.id")
        .limit(1)
        .as("title"),
    ])
    .groupBy(["c.id", "c.slug"])
    .orderBy("c.slug")
    .execute();
  const rows: MetricRow[] = campaigns.map((c) => ({
    key: `campaign:${c.id}`,
    label: c.title ?? c.slug,
    href: `/campaigns/${encodeURIComponent(c.slug)}`,
    date: c.first ? String(c.first).slice(0, 10) : null,
    jurisdiction: null,
    tag: null,
    amount: Number(c.n),
    counted: true,
  }));
  return { value: rows.reduce((sum, r) => sum + (r.amount ?? 0), 0), unit: "count", rows };
}

/**
 * Signatures of open letters that are confirmed now, counted in the year of their confirmation
 * (`confirmed_at`). Kind (organisation / individual) and the signatory's jurisdiction filter them.
 * The drill-down lists letters, never signatories.
 */
export async function signaturesConfirmed(context: MetricContext): Promise<MetricResult> {
  const { from, to } = yearBounds(context.year);
  let base = db
    .selectFrom("signatures as s")
    .where("s.status", "=", "confirmed")
    .where("s.confirmed_at", ">=", from)
    .where("s.confirmed_at", "<", to);
  if (context.filter.kind) base = base.where("s.kind", "=", context.filter.kind as "organisation" | "individual");
  if (context.filter.jurisdiction) base = base.where("s.jurisdiction_code", "=", context.filter.jurisdiction);
  if (!context.withRows) {
    const row = await base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    return { value: Number(row.n), unit: "count" };
  }
  const letters = await base
    .innerJoin("open_letters as o", "o.id", "s.letter_id")
    .select((eb) => [
      "o.id",
      "o.slug",
      eb.fn.countAll<number>().as("n"),
      eb.fn.min("s.confirmed_at").as("first"),
      eb
        .selectFrom("open_letter_texts as t")
        .select("t.title")
        .whereRef("t.letter_id", "=", "o.id")
        .orderBy("t.version", "desc")
        .orderBy("t.id")
        .limit(1)
        .as("title"),
    ])
    .groupBy(["o.id", "o.slug"])
    .orderBy("o.slug")
    .execute();
  const rows: MetricRow[] = letters.map((l) => ({
    key: `letter:${l.id}`,
    label: l.title ?? l.slug,
    href: `/letters/${encodeURIComponent(l.slug)}`,
    date: l.first ? String(l.first).slice(0, 10) : null,
    jurisdiction: null,
    tag: null,
    amount: Number(l.n),
    counted: true,
  }));
  return { value: rows.reduce((sum, r) => sum + (r.amount ?? 0), 0), unit: "count", rows };
}
