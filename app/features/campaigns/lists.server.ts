/**
 * Lists of campaigns: all of them for staff, the open ones for the public; the threat picker.
 */
import { db } from "~db/connection";
import { pickTemplate } from "~/features/campaigns/campaigns.server";

async function titlesFor(ids: number[], locale: string): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("campaign_templates")
    .select(["campaign_id", "language", "title", "introduction"])
    .where("campaign_id", "in", ids)
    .orderBy("id")
    .execute();
  const titles = new Map<number, string>();
  for (const id of ids) {
    const chosen = pickTemplate(
      rows.filter((r) => r.campaign_id === id),
      locale,
    );
    if (chosen) titles.set(id, chosen.title);
  }
  return titles;
}

/** Staff: every campaign, newest first, with its letters counted by state. */
export async function listCampaignsForStaff(locale: string) {
  const campaigns = await db
    .selectFrom("letter_campaigns")
    .innerJoin("threats", "threats.id", "letter_campaigns.threat_id")
    .select([
      "letter_campaigns.id",
      "letter_campaigns.slug",
      "letter_campaigns.status",
      "letter_campaigns.opened_at",
      "letter_campaigns.created_at",
      "threats.short_name",
      "threats.title as threat_title",
    ])
    .orderBy("letter_campaigns.created_at", "desc")
    .orderBy("letter_campaigns.id", "desc")
    .execute();
  const ids = campaigns.map((c) => c.id);
  const [titles, counts] = await Promise.all([
    titlesFor(ids, locale),
    ids.length
      ? db
          .selectFrom("campaign_letters")
          .select((eb) => ["campaign_id", "status", eb.fn.countAll<number | string>().as("n")])
          .where("campaign_id", "in", ids)
          .groupBy(["campaign_id", "status"])
          .execute()
      : Promise.resolve([]),
  ]);
  return campaigns.map((c) => {
    const mine = counts.filter((r) => r.campaign_id === c.id);
    const byStatus = Object.fromEntries(mine.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
    return {
      ...c,
      title: titles.get(c.id) ?? c.slug,
      threat: c.short_name ?? c.threat_title,
      letters: mine.reduce((sum, r) => sum + Number(r.n), 0),
      pending: byStatus.pending_confirmation ?? 0,
      outgoing: (byStatus.queued ?? 0) + (byStatus.sent ?? 0) + (byStatus.delivered ?? 0),
      handed: byStatus.handed_to_sender ?? 0,
    };
  });
}

/** Public: open campaigns, most recently opened first. */
export async function listOpenCampaigns(locale: string) {
  const campaigns = await db
    .selectFrom("letter_campaigns")
    .innerJoin("threats", "threats.id", "letter_campaigns.threat_id")
    .select([
      "letter_campaigns.id",
      "letter_campaigns.slug",
      "letter_campaigns.opened_at",
      "threats.short_name",
      "threats.title as threat_title",
      "threats.jurisdiction_code",
    ])
    .where("letter_campaigns.status", "=", "open")
    .orderBy("letter_campaigns.opened_at", "desc")
    .orderBy("letter_campaigns.id", "desc")
    .limit(200)
    .execute();
  const ids = campaigns.map((c) => c.id);
  const rows = ids.length
    ? await db
        .selectFrom("campaign_templates")
        .select(["campaign_id", "language", "title", "introduction"])
        .where("campaign_id", "in", ids)
        .orderBy("id")
        .execute()
    : [];
  return campaigns.map((c) => {
    const chosen = pickTemplate(
      rows.filter((r) => r.campaign_id === c.id),
      locale,
    );
    return {
      slug: c.slug,
      title: chosen?.title ?? c.slug,
      introduction: chosen?.introduction ?? "",
      threat: c.short_name ?? c.threat_title,
      jurisdiction: c.jurisdiction_code,
    };
  });
}

/** Threats for the staff picker. */
