/**
 * OSDI advocacy campaigns (the public letter campaigns: every one but drafts) and their outreaches:
 * one per confirmed sender, with the lawmakers their letters went to as targets. The letters'
 * bodies and the sender's note are not published here.
 */
import { db } from "~db/connection";
import { loadConfig } from "~/config.server";
import { collection, compact, identifiers, link, ORIGIN_SYSTEM, osdiDate } from "~/features/osdi/hal.server";
import { whereModified } from "~/features/osdi/modified.server";
import { senderPerson } from "~/features/osdi/people.server";
import type { CollectionQuery } from "~/features/osdi/query";

const campaignPath = (id: number) => `/advocacy_campaigns/${id}`;

interface CampaignRow {
  id: number;
  slug: string;
  created_at: string;
  updated_at: string;
}

async function campaignDetails(ids: number[]) {
  if (!ids.length) return { texts: new Map<number, { title: string; introduction: string }>(), counts: new Map() };
  const [templates, counts] = await Promise.all([
    db
      .selectFrom("campaign_templates")
      .select(["campaign_id", "title", "introduction"])
      .where("campaign_id", "in", ids)
      .orderBy("id")
      .execute(),
    db
      .selectFrom("campaign_senders")
      .select((eb) => ["campaign_id", eb.fn.countAll<number>().as("n")])
      .where("campaign_id", "in", ids)
      .where("status", "=", "confirmed")
      .groupBy("campaign_id")
      .execute(),
  ]);
  const texts = new Map<number, { title: string; introduction: string }>();
  for (const row of templates) if (!texts.has(row.campaign_id)) texts.set(row.campaign_id, row);
  return { texts, counts: new Map(counts.map((c) => [c.campaign_id, Number(c.n)])) };
}

function campaign(row: CampaignRow, details: Awaited<ReturnType<typeof campaignDetails>>) {
  const path = campaignPath(row.id);
  const text = details.texts.get(row.id);
  return compact({
    identifiers: identifiers(`advocacy_campaign-${row.id}`),
    origin_system: ORIGIN_SYSTEM,
    created_date: osdiDate(row.created_at),
    modified_date: osdiDate(row.updated_at),
    name: row.slug,
    title: text?.title ?? row.slug,
    description: text?.introduction,
    browser_url: `${loadConfig().appUrl}/campaigns/${encodeURIComponent(row.slug)}`,
    type: "email",
    total_outreaches: (details.counts.get(row.id) as number | undefined) ?? 0,
    _links: {
      self: link(path),
      "osdi:outreaches": link(`${path}/outreaches`),
    },
  });
}

function publicCampaigns() {
  return db.selectFrom("letter_campaigns").where("status", "!=", "draft");
}

const CAMPAIGN_COLUMNS = ["id", "slug", "created_at", "updated_at"] as const;

export async function listAdvocacyCampaigns(query: CollectionQuery, filterParam?: string) {
  const base = whereModified(publicCampaigns(), "updated_at", query.modified);
  const [rows, count] = await Promise.all([
    base
      .select(CAMPAIGN_COLUMNS)
      .orderBy("id")
      .limit(query.perPage)
      .offset((query.page - 1) * query.perPage)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const details = await campaignDetails(rows.map((r) => r.id));
  const items = rows.map((row) => campaign(row, details));
  return collection("advocacy_campaigns", "/advocacy_campaigns", query, Number(count.n), items, filterParam);
}

export async function getAdvocacyCampaign(id: number) {
  const row = await publicCampaigns().select(CAMPAIGN_COLUMNS).where("id", "=", id).executeTakeFirst();
  return row ? campaign(row, await campaignDetails([row.id])) : undefined;
}

export async function publicCampaignId(id: number): Promise<number | undefined> {
  return (await publicCampaigns().select("id").where("id", "=", id).executeTakeFirst())?.id;
}

// ---- Outreaches -----------------------------------------------------------------------------

const SENDER_COLUMNS = [
  "id",
  "campaign_id",
  "name",
  "email",
  "locality",
  "jurisdiction_code",
  "scrubbed_at",
  "confirmed_at",
  "created_at",
  "updated_at",
] as const;

interface SenderRow {
  id: number;
  campaign_id: number;
  name: string;
  email: string | null;
  locality: string | null;
  jurisdiction_code: string | null;
  scrubbed_at: string | null;
  confirmed_at: string | null;
  created_at: string;
  updated_at: string;
}

async function targetsOf(senderIds: number[]) {
  const targets = new Map<number, Array<Record<string, string>>>();
  if (!senderIds.length) return targets;
  const rows = await db
    .selectFrom("campaign_letters")
    .innerJoin("lawmakers", "lawmakers.id", "campaign_letters.lawmaker_id")
    .select(["campaign_letters.sender_id", "lawmakers.name", "lawmakers.title", "lawmakers.body"])
    .where("campaign_letters.sender_id", "in", senderIds)
    .orderBy("campaign_letters.id")
    .execute();
  for (const row of rows) {
    const list = targets.get(row.sender_id) ?? [];
    list.push(
      compact({ title: row.title ?? undefined, given_name: row.name, organization: row.body }) as Record<
        string,
        string
      >,
    );
    targets.set(row.sender_id, list);
  }
  return targets;
}

function outreach(row: SenderRow, targets: Array<Record<string, string>>, withPerson: boolean) {
  const path = `${campaignPath(row.campaign_id)}/outreaches/${row.id}`;
  // Once a sender's details are erased there is no person left to link to.
  const person = row.scrubbed_at ? undefined : senderPerson(row);
  return compact({
    identifiers: identifiers(`outreach-${row.id}`),
    origin_system: ORIGIN_SYSTEM,
    created_date: osdiDate(row.created_at),
    modified_date: osdiDate(row.updated_at),
    action_date: osdiDate(row.confirmed_at ?? row.created_at),
    type: "email",
    targets,
    _links: compact({
      self: link(path),
      "osdi:advocacy_campaign": link(campaignPath(row.campaign_id)),
      "osdi:person": person ? person._links.self : undefined,
    }),
    _embedded: withPerson && person ? { "osdi:person": person } : undefined,
  });
}

function confirmedSenders(campaignId: number) {
  return db.selectFrom("campaign_senders").where("campaign_id", "=", campaignId).where("status", "=", "confirmed");
}

export async function listOutreaches(
  campaignId: number,
  query: CollectionQuery,
  withPerson: boolean,
  filterParam?: string,
) {
  const base = whereModified(confirmedSenders(campaignId), "updated_at", query.modified);
  const [rows, count] = await Promise.all([
    base
      .select(SENDER_COLUMNS)
      .orderBy("id")
      .limit(query.perPage)
      .offset((query.page - 1) * query.perPage)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const targets = await targetsOf(rows.map((r) => r.id));
  const items = rows.map((row) => outreach(row, targets.get(row.id) ?? [], withPerson));
  return collection("outreaches", `${campaignPath(campaignId)}/outreaches`, query, Number(count.n), items, filterParam);
}

export async function getOutreach(campaignId: number, senderId: number, withPerson: boolean) {
  const row = await confirmedSenders(campaignId).select(SENDER_COLUMNS).where("id", "=", senderId).executeTakeFirst();
  if (!row) return undefined;
  const targets = await targetsOf([row.id]);
  return outreach(row, targets.get(row.id) ?? [], withPerson);
}
