/**
 * What the staff campaign form needs: its pickers and its values for an existing campaign.
 */
import { db } from "~db/connection";
import type { CampaignFormDefaults } from "~/features/campaigns/campaign-form";
import {
  defaultSendingAddress,
  templatesOf,
  type CampaignRow,
  type CampaignTemplate,
} from "~/features/campaigns/campaigns.server";
import { threatTitleOf } from "~/features/campaigns/sending.server";
import { listThreatPickerOptions } from "~/features/threats/picker.server";
import {
  candidateLawmakers,
  fallbackLawmaker,
  getLawmaker,
  listLawmakersForPicker,
} from "~/features/campaigns/recipients.server";
import { renderSubject, renderTemplate, sampleValues } from "~/features/campaigns/template";
import { ruleConstituenciesFromJson } from "~/features/campaigns/recipient-rules";

export async function formPickers() {
  const [threats, lawmakers] = await Promise.all([listThreatPickerOptions(), listLawmakersForPicker()]);
  return { threats, lawmakers };
}

export function newCampaignDefaults(threatId?: number): CampaignFormDefaults {
  return {
    threat: threatId ? String(threatId) : undefined,
    recipientMode: "rule",
    sendingAddress: defaultSendingAddress(),
  };
}

export function campaignDefaults(
  campaign: CampaignRow,
  templates: CampaignTemplate[],
  recipientIds: number[],
): CampaignFormDefaults {
  const texts = (language: string) => {
    const found = templates.find((t) => t.language === language);
    return found
      ? {
          title: found.title,
          introduction: found.introduction,
          subjects: found.subjects.join("\n"),
          body: found.body_template,
        }
      : undefined;
  };
  return {
    threat: String(campaign.threat_id),
    recipientMode: campaign.target_mode,
    ruleJurisdiction: campaign.rule_jurisdiction_code ?? undefined,
    ruleBody: campaign.rule_body ?? undefined,
    ruleConstituencies: ruleConstituenciesFromJson(campaign.rule_constituencies).join("\n"),
    senderPicksConstituency: campaign.sender_picks_constituency === 1,
    lawmakers: recipientIds.map(String),
    fallback: campaign.fallback_lawmaker_id ? String(campaign.fallback_lawmaker_id) : undefined,
    sendingAddress: campaign.sending_address,
    en: texts("en"),
    fr: texts("fr"),
  };
}

export interface StaffPreview {
  language: string;
  languages: string[];
  lawmakerId: number | null;
  subjects: string[];
  body: string;
}

/**
 * The letter as a sender would get it (with sample sender details) for one lawmaker: the one
 * asked for, else the first target, else the fallback.
 */
export async function staffPreview(
  campaign: CampaignRow,
  options: { lawmakerId: number | null; language: string | null },
): Promise<StaffPreview | null> {
  const templates = await templatesOf(campaign.id);
  const template = templates.find((t) => t.language === options.language) ?? templates[0];
  if (!template) return null;
  let lawmaker = options.lawmakerId ? await getLawmaker(options.lawmakerId) : null;
  if (!lawmaker) lawmaker = (await candidateLawmakers(campaign))[0] ?? (await fallbackLawmaker(campaign));
  if (!lawmaker) return null;
  const threat = await db
    .selectFrom("threats")
    .select(["title", "short_name"])
    .where("id", "=", campaign.threat_id)
    .executeTakeFirstOrThrow();
  const values = sampleValues(lawmaker, threatTitleOf(threat));
  try {
    return {
      language: template.language,
      languages: templates.map((t) => t.language),
      lawmakerId: lawmaker.id,
      subjects: template.subjects.map((s) => renderSubject(s, values)),
      body: renderTemplate(template.body_template, values),
    };
  } catch {
    return null;
  }
}
