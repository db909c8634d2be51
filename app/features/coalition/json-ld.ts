/** schema.org `Organization` of a coalition member, for its public page. */
import { siteUrl, type JsonLdValue } from "~/lib/json-ld";

export interface MemberForJsonLd {
  id: number;
  name: string;
  website: string | null;
  jurisdiction_code: string | null;
  public_profile: string | null;
  sector: string;
}

export function memberJsonLd(member: MemberForJsonLd, appUrl: string): JsonLdValue {
  const individual = member.sector === "individual_expert";
  return {
    "@context": "https://schema.org",
    "@type": individual ? "Person" : "Organization",
    name: member.name,
    url: member.website ?? undefined,
    sameAs: siteUrl(appUrl, `/coalition/${member.id}`),
    description: member.public_profile?.slice(0, 1_000) ?? undefined,
    address:
      member.jurisdiction_code && member.jurisdiction_code.length === 2
        ? { "@type": "PostalAddress", addressCountry: member.jurisdiction_code }
        : undefined,
  };
}
