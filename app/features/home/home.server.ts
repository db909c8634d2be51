/**
 * The front door: what someone can do now (sign an open letter, write to lawmakers, join an event)
 * and what moved (the threats that changed last, this year's targets), each a few rows from the
 * features that own them. Anonymous views are micro-cached like the other public pages; every
 * write empties the home area (see server/page-cache-areas.ts).
 */
import { jurisdictionName } from "~/features/jurisdictions/names";
import { listOpenCampaigns } from "~/features/campaigns/lists.server";
import { listEditions } from "~/features/events/editions.server";
import { nextEdition } from "~/features/events/edition-days";
import { parseEventFilters } from "~/features/events/filters";
import { listApprovedEvents } from "~/features/events/public.server";
import { describeWhen } from "~/features/events/time.server";
import { listLetters } from "~/features/letters/letter-page.server";
import { evaluateYear } from "~/features/targets/progress.server";
import { currentYear } from "~/features/targets/status";
import { listThreats } from "~/features/threats/queries.server";
import { jurisdictionNames } from "~/features/targets/view.server";

const LETTERS = 3;
const CAMPAIGNS = 3;
const THREATS = 5;
const EVENTS = 4;
const TARGETS = 4;

export async function getHomePage(locale: string, now = new Date()) {
  const year = currentYear(now);
  const [letters, campaigns, threats, editions, targets] = await Promise.all([
    listLetters({ includeDrafts: false, locale, perPage: LETTERS }),
    listOpenCampaigns(locale),
    listThreats({ page: 1, per_page: THREATS }),
    listEditions(),
    evaluateYear(year, now),
  ]);
  const edition = nextEdition(editions, now) ?? null;
  const events = edition
    ? await listApprovedEvents(edition.id, parseEventFilters(new URLSearchParams()), 1, EVENTS, locale)
    : { rows: [], total: 0 };
  const names = await jurisdictionNames(
    [...events.rows.map((e) => e.jurisdiction_code), ...campaigns.map((c) => c.jurisdiction)],
    locale,
  );
  return {
    letters: letters.rows.filter((l) => l.status === "open"),
    campaigns: campaigns.slice(0, CAMPAIGNS).map((c) => ({
      slug: c.slug,
      title: c.title,
      threat: c.threat,
      jurisdiction: names[c.jurisdiction] ?? c.jurisdiction,
    })),
    threats: threats.rows.map((t) => ({
      slug: t.slug,
      title: t.short_name || t.title,
      jurisdiction: t.jurisdiction_code,
      jurisdictionName: jurisdictionName(
        { code: t.jurisdiction_code, name_en: t.jurisdiction_name_en, name_fr: t.jurisdiction_name_fr },
        locale,
      ),
      stage: t.stage,
      stageOn: t.stage_on,
      updatedAt: t.updated_at,
    })),
    edition: edition ? { year: edition.year, day: edition.day, total: events.total } : null,
    events: events.rows.map((e) => ({
      slug: e.slug,
      title: e.title,
      lang: e.title_lang,
      place: e.online ? null : [e.city, names[e.jurisdiction_code] ?? e.jurisdiction_code].filter(Boolean).join(", "),
      online: e.online === 1,
      when: describeWhen(e, locale).date,
    })),
    year,
    targets: {
      total: targets.length,
      met: targets.filter((t) => t.status === "met").length,
      onTrack: targets.filter((t) => t.status === "on_track").length,
      shown: targets.slice(0, TARGETS).map((t) => ({
        id: t.target.id,
        title: t.target.title,
        status: t.status,
        progress: t.progress,
      })),
    },
  };
}
