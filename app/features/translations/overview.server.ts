import { db } from "~db/connection";
import { SUPPORTED_LOCALES, type Locale } from "~/i18n/config";
import { CONTENT_FIELDS, CONTENT_TYPES, type ContentType } from "~/features/translations/content-types";
import { listOriginals, type Original } from "~/features/translations/originals.server";
import { isStale } from "~/features/translations/versions.server";

export const OVERVIEW_PER_PAGE = 25;

export interface OverviewRow {
  type: ContentType;
  id: number;
  label: string;
  locale: Locale;
  publicPath: string;
  /** For a stale version: when the original last changed, and when the version was saved. */
  originalChangedAt?: string;
  versionSavedAt?: string;
}

interface VersionSummary {
  sourceFields: Record<string, string>;
  updatedAt: string;
  fields: number;
}

async function versionSummaries(type: ContentType): Promise<Map<string, VersionSummary>> {
  const rows = await db
    .selectFrom("content_versions")
    .select(["entity_id", "locale", "field", "source_text", "updated_at"])
    .where("entity_type", "=", type)
    .execute();
  const byKey = new Map<string, VersionSummary>();
  for (const row of rows) {
    const key = `${row.entity_id}:${row.locale}`;
    const summary = byKey.get(key) ?? { sourceFields: {}, updatedAt: "", fields: 0 };
    summary.sourceFields[row.field] = row.source_text;
    summary.fields += 1;
    if (row.updated_at > summary.updatedAt) summary.updatedAt = row.updated_at;
    byKey.set(key, summary);
  }
  return byKey;
}

const hasText = (original: Original) => Object.values(original.fields).some((text) => text.trim() !== "");

/**
 * For each language and type, the items with no version in it and the versions whose original
 * changed since; `missing` is one page of the filtered list, `stale` all of it.
 */
export async function translationOverview(filters: { type?: ContentType; locale?: Locale; page?: number }) {
  const types = filters.type ? [filters.type] : [...CONTENT_TYPES];
  const locales = filters.locale ? [filters.locale] : [...SUPPORTED_LOCALES];
  const counts = Object.fromEntries(
    SUPPORTED_LOCALES.map((locale) => [
      locale,
      Object.fromEntries(CONTENT_TYPES.map((type) => [type, { missing: 0, stale: 0 }])),
    ]),
  ) as Record<Locale, Record<ContentType, { missing: number; stale: number }>>;
  const missing: OverviewRow[] = [];
  const stale: OverviewRow[] = [];
  for (const type of CONTENT_TYPES) {
    const [originals, versions] = await Promise.all([listOriginals(type), versionSummaries(type)]);
    const fieldCount = CONTENT_FIELDS[type].length;
    for (const locale of SUPPORTED_LOCALES) {
      for (const original of originals) {
        if (original.ownLocales.includes(locale) || !hasText(original)) continue;
        const version = versions.get(`${original.id}:${locale}`);
        const row: OverviewRow = {
          type,
          id: original.id,
          label: original.label,
          locale,
          publicPath: original.publicPath,
        };
        const shown = types.includes(type) && locales.includes(locale);
        if (!version || version.fields < fieldCount) {
          counts[locale][type].missing += 1;
          if (shown) missing.push(row);
        } else if (isStale(original, version)) {
          counts[locale][type].stale += 1;
          if (shown) stale.push({ ...row, originalChangedAt: original.updatedAt, versionSavedAt: version.updatedAt });
        }
      }
    }
  }
  const page = Math.min(filters.page ?? 1, Math.max(1, Math.ceil(missing.length / OVERVIEW_PER_PAGE)));
  return {
    counts,
    missing: {
      rows: missing.slice((page - 1) * OVERVIEW_PER_PAGE, page * OVERVIEW_PER_PAGE),
      total: missing.length,
      page,
      perPage: OVERVIEW_PER_PAGE,
    },
    stale,
  };
}

export interface CampaignGap {
  slug: string;
  title: string;
  locale: Locale;
}

/**
 * Letter campaigns keep a template per language in their own table (written in the campaign form,
 * where the variables are checked): the campaigns not closed yet that lack one in a language.
 */
export async function campaignTemplateGaps(locale?: Locale): Promise<CampaignGap[]> {
  const rows = await db
    .selectFrom("letter_campaigns")
    .innerJoin("campaign_templates", "campaign_templates.campaign_id", "letter_campaigns.id")
    .select(["letter_campaigns.id", "letter_campaigns.slug", "campaign_templates.language", "campaign_templates.title"])
    .where("letter_campaigns.status", "!=", "closed")
    .orderBy("letter_campaigns.id", "desc")
    .orderBy("campaign_templates.id")
    .execute();
  const campaigns = new Map<number, { slug: string; title: string; languages: Set<string> }>();
  for (const row of rows) {
    const campaign = campaigns.get(row.id) ?? { slug: row.slug, title: row.title, languages: new Set<string>() };
    campaign.languages.add(row.language);
    campaigns.set(row.id, campaign);
  }
  const gaps: CampaignGap[] = [];
  for (const wanted of locale ? [locale] : SUPPORTED_LOCALES) {
    for (const campaign of campaigns.values()) {
      if (!campaign.languages.has(wanted)) gaps.push({ slug: campaign.slug, title: campaign.title, locale: wanted });
    }
  }
  return gaps;
}
