/** schema.org `Legislation` of a threat (a bill, regulation, draft rule, court case or process). */
import { siteUrl, type JsonLdValue } from "~/lib/json-ld";

export interface ThreatForJsonLd {
  slug: string;
  title: string;
  short_name: string | null;
  identifier: string | null;
  summary: string;
  first_seen_on: string;
  jurisdiction_name_en: string;
  steps: ReadonlyArray<{ occurred_on: string }>;
}

export function threatJsonLd(threat: ThreatForJsonLd, appUrl: string): JsonLdValue {
  const first = threat.steps.map((s) => s.occurred_on).sort()[0];
  return {
    "@context": "https://schema.org",
    "@type": "Legislation",
    name: threat.title,
    alternateName: threat.short_name ?? undefined,
    legislationIdentifier: threat.identifier ?? undefined,
    legislationJurisdiction: threat.jurisdiction_name_en,
    legislationDate: first ?? threat.first_seen_on,
    description: threat.summary.slice(0, 1_000),
    url: siteUrl(appUrl, `/threats/${encodeURIComponent(threat.slug)}`),
  };
}
