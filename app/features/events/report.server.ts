/**
 * After an event starts, its organiser reports attendance, online views and media reach. These are
 * distinct audiences, so an edition's reach is their sum; `expected_reach` is a forecast and is
 * never added to reported figures.
 */
import { db } from "~db/connection";
import type { User } from "~db/schema";
import { recordAudit } from "~/features/security/audit.server";
import { EVENT_KINDS, type EventKind } from "~/features/events/constants";
import type { EventRow } from "~/features/events/events.server";
import type { ReportInput } from "~/features/events/forms";

export function canReport(event: Pick<EventRow, "status" | "starts_at">, now = new Date()): boolean {
  return event.status === "approved" && event.starts_at <= now.toISOString();
}

export async function reportEvent(user: User, event: EventRow, input: ReportInput, now = new Date()): Promise<boolean> {
  if (!canReport(event, now)) return false;
  const stamp = now.toISOString();
  const values = {
    attendance: input.attendance ?? null,
    online_views: input.onlineViews ?? null,
    media_reach: input.mediaReach ?? null,
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("events")
      .set({ ...values, reported_at: stamp, updated_at: stamp })
      .where("id", "=", event.id)
      .execute();
    await recordAudit(trx, {
      actorUserId: user.id,
      action: "event.report",
      entityType: "event",
      entityId: event.id,
      before: { attendance: event.attendance, online_views: event.online_views, media_reach: event.media_reach },
      after: values,
    });
  });
  return true;
}

export interface KindTotals {
  kind: EventKind;
  events: number;
  reported: number;
  attendance: number;
  online_views: number;
  media_reach: number;
  reach: number;
}

export interface EditionTotals {
  events: number;
  countries: number;
  reported: number;
  attendance: number;
  online_views: number;
  media_reach: number;
  /** Reported audiences only. */
  reach: number;
  /** The organisers' forecasts, shown apart. */
  expected: number;
  byKind: KindTotals[];
}

/** An edition's approved events: how many, in how many countries, and whom they reached. */
export async function editionTotals(editionId: number): Promise<EditionTotals> {
  const rows = await db
    .selectFrom("events")
    .select((eb) => [
      "kind",
      eb.fn.countAll<number>().as("events"),
      eb.fn.count<number>("reported_at").as("reported"),
      eb.fn.sum<number>("attendance").as("attendance"),
      eb.fn.sum<number>("online_views").as("online_views"),
      eb.fn.sum<number>("media_reach").as("media_reach"),
      eb.fn.sum<number>("expected_reach").as("expected"),
    ])
    .where("edition_id", "=", editionId)
    .where("status", "=", "approved")
    .groupBy("kind")
    .execute();
  const countries = await db
    .selectFrom("events")
    .select((eb) => eb.fn.count<number>("jurisdiction_code").distinct().as("n"))
    .where("edition_id", "=", editionId)
    .where("status", "=", "approved")
    // The EU and international fora are not countries.
    .where("jurisdiction_code", "not in", ["EU", "INT"])
    .executeTakeFirstOrThrow();
  const byKind: KindTotals[] = EVENT_KINDS.map((kind) => {
    const row = rows.find((r) => r.kind === kind);
    const attendance = Number(row?.attendance ?? 0);
    const online = Number(row?.online_views ?? 0);
    const media = Number(row?.media_reach ?? 0);
    return {
      kind,
      events: Number(row?.events ?? 0),
      reported: Number(row?.reported ?? 0),
      attendance,
      online_views: online,
      media_reach: media,
      reach: attendance + online + media,
    };
  }).filter((k) => k.events > 0);
  const sum = (field: keyof Omit<KindTotals, "kind">) => byKind.reduce((total, k) => total + k[field], 0);
  return {
    events: sum("events"),
    countries: Number(countries.n),
    reported: sum("reported"),
    attendance: sum("attendance"),
    online_views: sum("online_views"),
    media_reach: sum("media_reach"),
    reach: sum("reach"),
    expected: rows.reduce((total, r) => total + Number(r.expected ?? 0), 0),
    byKind,
  };
}
