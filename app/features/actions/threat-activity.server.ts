/** What the threat page lists besides the threat itself: one query per section. */
import { db } from "~db/connection";

/**
 * Accepted advocacy actions linked to the threat, by chapters and coalition members, newest first.
 * A member that did not consent to the public listing is not named (see decision 0011).
 */
export async function listThreatAdvocacy(threatId: number) {
  const rows = await db
    .selectFrom("advocacy_actions")
    .leftJoin("chapters", "chapters.id", "advocacy_actions.chapter_id")
    .leftJoin("coalition_members", "coalition_members.id", "advocacy_actions.coalition_member_id")
    .select([
      "advocacy_actions.id",
      "advocacy_actions.kind",
      "advocacy_actions.occurred_on",
      "advocacy_actions.outcome",
      "advocacy_actions.evidence_url",
      "advocacy_actions.chapter_id",
      "chapters.name as chapter_name",
      "advocacy_actions.coalition_member_id",
      "coalition_members.name as organisation_name",
      "coalition_members.public_listing",
      "coalition_members.status as organisation_status",
    ])
    .where("advocacy_actions.threat_id", "=", threatId)
    .where("advocacy_actions.review_status", "=", "accepted")
    .orderBy("advocacy_actions.occurred_on", "desc")
    .orderBy("advocacy_actions.id", "desc")
    .limit(200)
    .execute();
  return rows.map(({ public_listing, organisation_status, ...row }) => {
    const named = !row.coalition_member_id || (public_listing === 1 && organisation_status === "active");
    return named ? row : { ...row, coalition_member_id: null, organisation_name: null };
  });
}

/** Letter campaigns on the threat that people can see (not drafts), titled in the reader's language or English. */
export async function listThreatCampaigns(threatId: number, language: string) {
  const rows = await db
    .selectFrom("letter_campaigns")
    .leftJoin("campaign_templates as own", (join) =>
      join.onRef("own.campaign_id", "=", "letter_campaigns.id").on("own.language", "=", language),
    )
    .leftJoin("campaign_templates as en", (join) =>
      join.onRef("en.campaign_id", "=", "letter_campaigns.id").on("en.language", "=", "en"),
    )
    .select([
      "letter_campaigns.id",
      "letter_campaigns.slug",
      "letter_campaigns.status",
      "letter_campaigns.opened_at",
      "own.title as own_title",
      "en.title as en_title",
    ])
    .where("letter_campaigns.threat_id", "=", threatId)
    .where("letter_campaigns.status", "in", ["open", "paused", "closed"])
    .orderBy("letter_campaigns.id", "desc")
    .limit(50)
    .execute();
  return rows.map((r) => ({ id: r.id, slug: r.slug, status: r.status, title: r.own_title ?? r.en_title ?? r.slug }));
}
