/** Rows for the targets' metrics, inserted directly (each feature's own rules are tested elsewhere). */
import { db } from "../../db/connection";
import { foldName } from "../../app/lib/search";
import type { ActionKind, EventKind } from "../../db/schema";
import type { Category, Outcome, Stance, StatementKind, ThreatKind } from "../../app/lib/vocabularies";

const now = new Date().toISOString();
const stamps = { created_at: now, updated_at: now };
let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

export async function threat(input: {
  jurisdiction: string;
  categories: Category[];
  firstSeenOn: string;
  outcome?: Outcome;
  outcomeOn?: string;
  kind?: ThreatKind;
  severity?: "low" | "medium" | "high" | "critical";
}): Promise<number> {
  const slug = unique("fixture-threat");
  const { id } = await db
    .insertInto("threats")
    .values({
      slug,
      jurisdiction_code: input.jurisdiction,
      kind: input.kind ?? "bill",
      title: `Fixture ${slug}`,
      summary: "",
      severity: input.severity ?? "high",
      first_seen_on: input.firstSeenOn,
      outcome: input.outcome ?? "open",
      outcome_on: input.outcomeOn ?? null,
      search_text: slug,
      ...stamps,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("threat_categories")
    .values(input.categories.map((category) => ({ threat_id: id, category })))
    .execute();
  return id;
}

export async function chapter(input: {
  jurisdiction: string;
  kind?: "chapter" | "sig";
  status?: "active" | "inactive";
  region?: string;
}): Promise<number> {
  const { id } = await db
    .insertInto("chapters")
    .values({
      name: unique("Fixture chapter"),
      jurisdiction_code: input.jurisdiction,
      kind: input.kind ?? "chapter",
      status: input.status ?? "active",
      region: input.region ?? null,
      ...stamps,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function member(input: {
  jurisdiction: string;
  status: "applied" | "active" | "suspended" | "left";
  sector?: string;
  listed?: boolean;
}): Promise<number> {
  const name = unique("Fixture member");
  const { id } = await db
    .insertInto("coalition_members")
    .values({
      name,
      name_folded: foldName(name),
      sector: input.sector ?? "civil_society",
      jurisdiction_code: input.jurisdiction,
      status: input.status,
      public_listing: input.listed === false ? 0 : 1,
      ...stamps,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function action(input: {
  chapterId?: number;
  memberId?: number;
  kind: ActionKind;
  on: string;
  threatId?: number;
  status?: "pending" | "accepted" | "needs_changes" | "withdrawn";
}): Promise<number> {
  const { id } = await db
    .insertInto("advocacy_actions")
    .values({
      chapter_id: input.chapterId ?? null,
      coalition_member_id: input.memberId ?? null,
      kind: input.kind,
      occurred_on: input.on,
      description: "Fixture action",
      threat_id: input.threatId ?? null,
      review_status: input.status ?? "accepted",
      ...stamps,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function statement(input: {
  jurisdiction: string;
  on: string;
  stance: Stance;
  kind: StatementKind;
}): Promise<number> {
  const { id } = await db
    .insertInto("policymaker_statements")
    .values({
      speaker: unique("Fixture speaker"),
      jurisdiction_code: input.jurisdiction,
      stated_on: input.on,
      stance: input.stance,
      kind: input.kind,
      ...stamps,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function edition(year: number, day: string): Promise<number> {
  const { id } = await db
    .insertInto("event_editions")
    .values({ year, day, ...stamps })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

export async function event(input: {
  editionId: number;
  status: "submitted" | "approved" | "changes_requested" | "withdrawn";
  jurisdiction: string;
  kind?: EventKind;
  startsLocal: string;
  endsLocal: string;
  timezone: string;
  startsAt: string;
  endsAt: string;
  report?: { attendance: number | null; online: number | null; media: number | null };
}): Promise<number> {
  const slug = unique("fixture-event");
  const { id } = await db
    .insertInto("events")
    .values({
      edition_id: input.editionId,
      slug,
      title: `Fixture ${slug}`,
      kind: input.kind ?? "other",
      organiser_name: "Fixture organiser",
      jurisdiction_code: input.jurisdiction,
      online: 0,
      starts_local: input.startsLocal,
      ends_local: input.endsLocal,
      timezone: input.timezone,
      starts_at: input.startsAt,
      ends_at: input.endsAt,
      description: "Fixture",
      status: input.status,
      attendance: input.report?.attendance ?? null,
      online_views: input.report?.online ?? null,
      media_reach: input.report?.media ?? null,
      reported_at: input.report ? now : null,
      rsvp_count: 0,
      ...stamps,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/** A campaign with one sender, ready for letters; returns what letters need. */
export async function campaign(threatId: number, lawmakerJurisdiction: string) {
  const lawmaker = await db
    .insertInto("lawmakers")
    .values({
      name: unique("Fixture lawmaker"),
      body: "Fixture house",
      jurisdiction_code: lawmakerJurisdiction,
      match_key: unique("match"),
      ...stamps,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const created = await db
    .insertInto("letter_campaigns")
    .values({
      slug: unique("fixture-campaign"),
      threat_id: threatId,
      status: "open",
      target_mode: "rule",
      sender_picks_constituency: 0,
      sending_address: "letters@example.org",
      ...stamps,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const sender = await db
    .insertInto("campaign_senders")
    .values({ campaign_id: created.id, name: "Fixture sender", locale: "en", status: "confirmed", ...stamps })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { campaignId: created.id, senderId: sender.id, lawmakerId: lawmaker.id };
}

export async function letter(
  c: { campaignId: number; senderId: number; lawmakerId: number },
  status: "queued" | "sent" | "delivered" | "bounced" | "failed",
  transitions: Array<{ to: "queued" | "sent" | "delivered" | "bounced" | "failed"; at: string }>,
): Promise<number> {
  const { id } = await db
    .insertInto("campaign_letters")
    .values({
      campaign_id: c.campaignId,
      sender_id: c.senderId,
      lawmaker_id: c.lawmakerId,
      sender_key: unique("sender-key"),
      subject: "Fixture",
      status,
      status_changed_at: now,
      ...stamps,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const t of transitions) {
    await db
      .insertInto("campaign_letter_events")
      .values({ letter_id: id, to_status: t.to, created_at: t.at })
      .execute();
  }
  return id;
}

export async function openLetter(): Promise<number> {
  const { id } = await db
    .insertInto("open_letters")
    .values({ slug: unique("fixture-letter"), status: "open", current_version: 1, confirmed_count: 0, ...stamps })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("open_letter_texts")
    .values({ letter_id: id, version: 1, language: "en", title: "Fixture letter", body: "Text", ...stamps })
    .execute();
  return id;
}

export async function signature(input: {
  letterId: number;
  kind: "organisation" | "individual";
  status: "pending" | "confirmed" | "withdrawn" | "rejected";
  confirmedAt: string | null;
  jurisdiction?: string;
}): Promise<void> {
  const email = `${unique("signer")}@example.org`;
  await db
    .insertInto("signatures")
    .values({
      letter_id: input.letterId,
      version: 1,
      kind: input.kind,
      name: "Fixture signer",
      jurisdiction_code: input.jurisdiction ?? null,
      email,
      email_normalised: email,
      show_publicly: 0,
      status: input.status,
      confirmed_at: input.confirmedAt,
      ...stamps,
    })
    .execute();
}

export async function target(input: {
  year: number;
  metric: string;
  goal: number;
  filter?: Record<string, string>;
  title?: string;
  manual?: { value: number; unit?: "count" | "percent" | "people"; evidence: string };
}): Promise<number> {
  const { id } = await db
    .insertInto("targets")
    .values({
      year: input.year,
      title: input.title ?? unique("Fixture target"),
      metric: input.metric,
      filter: input.filter ? JSON.stringify(input.filter) : null,
      comparison: "at_least",
      goal: input.goal,
      manual_value: input.manual?.value ?? null,
      manual_unit: input.manual ? (input.manual.unit ?? "count") : null,
      manual_evidence: input.manual?.evidence ?? null,
      position: 1,
      ...stamps,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}
