/**
 * What the public campaign page shows: the campaign's text, the threat it is about, who the
 * letters go to, and the places a sender can pick.
 */
import { db } from "~db/connection";
import { loadConfig } from "~/config.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { getCampaignBySlug, pickTemplate, templatesOf } from "~/features/campaigns/campaigns.server";
import { placeValue } from "~/features/campaigns/recipient-rules";
import { candidateLawmakers, fallbackLawmaker } from "~/features/campaigns/recipients.server";
import { templateVariables } from "~/features/campaigns/template";

/** Beyond this many, the page names the first ones and counts the rest. */
const NAMED_RECIPIENTS = 30;

export async function campaignPage(slug: string, locale: string) {
  const campaign = await getCampaignBySlug(slug);
  if (!campaign) return null;
  const [templates, threat, candidates, fallback] = await Promise.all([
    templatesOf(campaign.id),
    db
      .selectFrom("threats")
      .select(["slug", "title", "short_name", "summary", "jurisdiction_code"])
      .where("id", "=", campaign.threat_id)
      .executeTakeFirstOrThrow(),
    candidateLawmakers(campaign),
    fallbackLawmaker(campaign),
  ]);
  const template = pickTemplate(templates, locale);
  const picks = campaign.sender_picks_constituency === 1;
  const places = picks
    ? [
        ...new Map(
          candidates
            .filter((l) => l.constituency)
            .map((l) => {
              const value = placeValue({ jurisdiction: l.jurisdiction_code, constituency: l.constituency ?? "" });
              return [value, { value, label: `${l.jurisdiction_code} · ${l.constituency}` }] as const;
            }),
        ).values(),
      ].sort((a, b) => a.label.localeCompare(b.label, "en", { numeric: true }))
    : null;
  const named = (picks ? [] : candidates.length ? candidates : fallback ? [fallback] : []).slice(0, NAMED_RECIPIENTS);
  return {
    id: campaign.id,
    slug: campaign.slug,
    status: campaign.status,
    language: template?.language ?? locale,
    title: template?.title ?? campaign.slug,
    introduction: template?.introduction ?? "",
    asksNote: template ? templateVariables(template.body_template).includes("sender.personal_note") : false,
    asksLocality: template ? templateVariables(template.body_template).includes("sender.locality") : false,
    threat: {
      slug: threat.slug,
      title: threat.title,
      shortName: threat.short_name,
      jurisdiction: threat.jurisdiction_code,
      summaryHtml: renderMarkdown(threat.summary),
    },
    picks,
    places,
    recipients: named.map((l) => ({ id: l.id, name: l.name, title: l.title, constituency: l.constituency })),
    recipientCount: picks ? candidates.length : candidates.length || (fallback ? 1 : 0),
  };
}

/** A campaign's absolute URL, the link its senders pass on. */
export function campaignUrl(slug: string, appUrl = loadConfig().appUrl): string {
  return `${appUrl}/campaigns/${encodeURIComponent(slug)}`;
}
