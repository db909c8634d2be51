import { db } from "../../db/connection";

let campaignSeq = 0;

/** A campaign straight in the database, by explicit list, with one English template (open unless told). */
export async function createListCampaign(
  lawmakers: number[],
  options: { subjects?: string[]; body?: string; status?: "open" | "paused" | "closed" | "draft" } = {},
): Promise<{ id: number; slug: string }> {
  const now = new Date().toISOString();
  const threat = await db.selectFrom("threats").select("id").orderBy("id").executeTakeFirstOrThrow();
  const slug = `campaign-test-${++campaignSeq}-${Date.now()}`;
  const row = await db
    .insertInto("letter_campaigns")
    .values({
      slug,
      threat_id: threat.id,
      status: options.status ?? "open",
      target_mode: "list",
      rule_jurisdiction_code: null,
      rule_body: null,
      rule_constituencies: null,
      sender_picks_constituency: 0,
      fallback_lawmaker_id: null,
      sending_address: "Campaign desk <desk@example.org>",
      created_by: null,
      opened_at: now,
      closed_at: null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("campaign_templates")
    .values({
      campaign_id: row.id,
      language: "en",
      title: `Test campaign ${campaignSeq}`,
      introduction: "Write now.",
      subject_variants: JSON.stringify(options.subjects ?? ["To {{lawmaker.name}} from {{sender.name}}"]),
      body_template:
        options.body ?? "Dear {{lawmaker.name}},\n\n{{sender.personal_note}}\n\n{{sender.name}}, {{sender.locality}}",
      created_at: now,
      updated_at: now,
    })
    .execute();
  if (lawmakers.length) {
    await db
      .insertInto("campaign_targets")
      .values(lawmakers.map((lawmaker_id) => ({ campaign_id: row.id, lawmaker_id })))
      .execute();
  }
  return { id: row.id, slug };
}
