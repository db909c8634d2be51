/**
 * Loads the lawmakers a campaign can write to and applies the rules of recipient-rules.ts. A
 * lawmaker with no contact yet (neither an e-mail nor a contact form) is never one of them: not a
 * target of a rule or a list, not a fallback, not offered in the pickers.
 */
import { db } from "~db/connection";
import type { LetterCampaignsTable, Executor } from "~db/schema";
import {
  constituencyChoices,
  matchesRule,
  resolveRecipients,
  ruleConstituenciesFromJson,
  type SenderPlace,
  type RecipientRule,
} from "~/features/campaigns/recipient-rules";

export interface Recipient {
  id: number;
  name: string;
  title: string | null;
  body: string;
  jurisdiction_code: string;
  constituency: string | null;
  email: string | null;
  contact_url: string | null;
}

const LAWMAKER_COLUMNS = [
  "lawmakers.id",
  "lawmakers.name",
  "lawmakers.title",
  "lawmakers.body",
  "lawmakers.jurisdiction_code",
  "lawmakers.constituency",
  "lawmakers.email",
  "lawmakers.contact_url",
] as const;

type RecipientSettings = Pick<
  LetterCampaignsTable,
  | "target_mode"
  | "rule_jurisdiction_code"
  | "rule_body"
  | "rule_constituencies"
  | "sender_picks_constituency"
  | "fallback_lawmaker_id"
> & { id: number };

export function ruleOf(campaign: RecipientSettings): RecipientRule {
  return {
    jurisdiction: campaign.rule_jurisdiction_code,
    body: campaign.rule_body,
    constituencies: ruleConstituenciesFromJson(campaign.rule_constituencies),
  };
}

/** Every lawmaker the campaign's rule or list names, before the sender's constituency. */
export async function candidateLawmakers(campaign: RecipientSettings, executor: Executor = db): Promise<Recipient[]> {
  if (campaign.target_mode === "list") {
    return executor
      .selectFrom("campaign_targets")
      .innerJoin("lawmakers", "lawmakers.id", "campaign_targets.lawmaker_id")
      .select(LAWMAKER_COLUMNS)
      .where("campaign_targets.campaign_id", "=", campaign.id)
      .where((eb) => eb.or([eb("lawmakers.email", "is not", null), eb("lawmakers.contact_url", "is not", null)]))
      .orderBy("lawmakers.jurisdiction_code")
      .orderBy("lawmakers.body")
      .orderBy("lawmakers.name")
      .execute();
  }
  const rule = ruleOf(campaign);
  let query = executor
    .selectFrom("lawmakers")
    .select(LAWMAKER_COLUMNS)
    .where((eb) => eb.or([eb("lawmakers.email", "is not", null), eb("lawmakers.contact_url", "is not", null)]));
  if (rule.jurisdiction) query = query.where("lawmakers.jurisdiction_code", "=", rule.jurisdiction);
  if (rule.body) query = query.where("lawmakers.body", "=", rule.body);
  const rows = await query
    .orderBy("lawmakers.jurisdiction_code")
    .orderBy("lawmakers.body")
    .orderBy("lawmakers.name")
    .execute();
  // The constituency prefixes are matched in code: the same rule as the sender's pick.
  return rows.filter((l) => matchesRule(l, rule));
}

export async function fallbackLawmaker(
  campaign: RecipientSettings,
  executor: Executor = db,
): Promise<Recipient | null> {
  if (campaign.fallback_lawmaker_id === null) return null;
  const row = await executor
    .selectFrom("lawmakers")
    .select(LAWMAKER_COLUMNS)
    .where("lawmakers.id", "=", campaign.fallback_lawmaker_id)
    .where((eb) => eb.or([eb("lawmakers.email", "is not", null), eb("lawmakers.contact_url", "is not", null)]))
    .executeTakeFirst();
  return row ?? null;
}

/** The lawmakers one sender writes to (see resolveRecipients). */
export async function recipientsForSender(
  campaign: RecipientSettings,
  place: SenderPlace | null,
  executor: Executor = db,
): Promise<Recipient[]> {
  const [candidates, fallback] = await Promise.all([
    candidateLawmakers(campaign, executor),
    fallbackLawmaker(campaign, executor),
  ]);
  return resolveRecipients(candidates, {
    senderPicksConstituency: campaign.sender_picks_constituency === 1,
    place,
    fallback,
  });
}

export async function placeChoices(campaign: RecipientSettings): Promise<ReturnType<typeof constituencyChoices>> {
  return constituencyChoices(await candidateLawmakers(campaign));
}

/** Lawmakers for the staff pickers (explicit list, fallback, preview). */
export async function listLawmakersForPicker(): Promise<
  Array<Pick<Recipient, "id" | "name" | "jurisdiction_code" | "body" | "constituency">>
> {
  return db
    .selectFrom("lawmakers")
    .select(["id", "name", "jurisdiction_code", "body", "constituency"])
    .where((eb) => eb.or([eb("email", "is not", null), eb("contact_url", "is not", null)]))
    .orderBy("jurisdiction_code")
    .orderBy("body")
    .orderBy("name")
    .limit(5000)
    .execute();
}

export async function getLawmaker(id: number): Promise<Recipient | null> {
  const row = await db
    .selectFrom("lawmakers")
    .select(LAWMAKER_COLUMNS)
    .where("lawmakers.id", "=", id)
    .executeTakeFirst();
  return row ?? null;
}
