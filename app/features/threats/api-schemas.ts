/**
 * The published shapes of the threat and jurisdiction answers of `/api/v1`. The serialisers in
 * `api.server.ts` and `geojson.server.ts` return `z.infer` of these, and the OpenAPI document is
 * generated from them.
 */
import "zod-openapi/extend";
import { z } from "zod";
import { SUPPORTED_LOCALES } from "~/i18n/config";
import { isoDate, isoDateTime, jurisdictionCode, pageOf, pageUrl } from "~/lib/api-schemas";
import {
  CATEGORIES,
  CLASSIFICATIONS,
  IMPACT_PROPERTY_KINDS,
  OUTCOMES,
  RATINGS,
  SEVERITIES,
  STANCES,
  STATEMENT_KINDS,
  THREAT_KINDS,
} from "~/lib/vocabularies";

const stage = z
  .enum(CLASSIFICATIONS)
  .nullable()
  .openapi({ description: "The stage, from the latest dated step of its timeline; null before any step." });

export const ApiThreatSchema = z
  .object({
    id: z.number().int().openapi({ description: "The threat's number." }),
    slug: z
      .string()
      .openapi({ description: "Its key in addresses (`/threats/{slug}`).", example: "us-earn-it-act-2023" }),
    jurisdiction: jurisdictionCode(),
    kind: z.enum(THREAT_KINDS).openapi({ description: "What kind of instrument it is." }),
    identifier: z.string().nullable().openapi({ description: "Its official identifier, e.g. `S.1207` or `C-63`." }),
    title: z.string().openapi({ description: "Its full title." }),
    short_name: z.string().nullable().openapi({ description: "The name it is known by." }),
    categories: z.array(z.enum(CATEGORIES)).openapi({ description: "What it threatens." }),
    severity: z.enum(SEVERITIES).openapi({ description: "How much harm it would do." }),
    stage,
    outcome: z.enum(OUTCOMES).openapi({ description: "Whether it has been mitigated (`open` while it is fought)." }),
    first_seen_on: isoDate("When it was first seen."),
    updated_at: isoDateTime("When it last changed."),
    url: pageUrl("Its page on this site."),
  })
  .strict()
  .openapi({ ref: "Threat", description: "A bill, regulation, draft rule, court case or international process." });

export const ApiThreatListSchema = pageOf(ApiThreatSchema, "The threats of this page, the last changed first.");

export const ApiStatementSchema = z
  .object({
    id: z.number().int().openapi({ description: "The statement's number." }),
    speaker: z.string().openapi({ description: "Who spoke." }),
    role: z.string().nullable().openapi({ description: "The speaker's role." }),
    body: z.string().nullable().openapi({ description: "The body they spoke for." }),
    jurisdiction: jurisdictionCode(),
    date: isoDate("When it was said."),
    stance: z.enum(STANCES).openapi({ description: "Its stance on encryption." }),
    kind: z
      .enum(STATEMENT_KINDS)
      .openapi({ description: "A statement, a delegation's position or an adopted policy." }),
    quote: z.string().nullable().openapi({ description: "What was said." }),
    url: z.string().nullable().openapi({ description: "Where it was published." }),
  })
  .strict()
  .openapi({ ref: "Statement", description: "A policymaker's public statement." });

export const ApiThreatDetailSchema = ApiThreatSchema.extend({
  summary: z.string().openapi({
    description:
      "A summary, in Markdown: in the language asked for (`lang`, else Accept-Language) when it has that version, else the original.",
  }),
  summary_language: z.string().openapi({ description: "The language `summary` is in (a BCP 47 code).", example: "en" }),
  original_language: z.string().openapi({ description: "The language the threat was written in.", example: "en" }),
  actions: z
    .array(
      z
        .object({
          date: isoDate("When it happened."),
          classification: z.enum(CLASSIFICATIONS).openapi({ description: "The stage this step marks." }),
          note: z.string().nullable().openapi({ description: "What happened." }),
          source: z.string().nullable().openapi({ description: "Where it is recorded." }),
        })
        .strict(),
    )
    .openapi({ description: "The timeline, oldest step first." }),
  statements: z.array(ApiStatementSchema).openapi({ description: "Statements about it, the newest first." }),
  assessment: z
    .object({
      summary: z.string().nullable().openapi({ description: "The assessment's conclusion." }),
      updated_at: isoDateTime("When it was last revised."),
      ratings: z
        .array(
          z
            .object({
              property: z.string().openapi({ description: "The property's key." }),
              kind: z.enum(IMPACT_PROPERTY_KINDS).openapi({
                description: "A critical property of the Internet way of networking, or an enabler of trust.",
              }),
              name: z.string().openapi({ description: "The property's name (English)." }),
              rating: z.enum(RATINGS).openapi({ description: "The impact on it." }),
              note: z.string().nullable().openapi({ description: "Why." }),
            })
            .strict(),
        )
        .openapi({ description: "One rating per property." }),
    })
    .strict()
    .nullable()
    .openapi({ description: "Its Internet impact assessment, if there is one." }),
})
  .strict()
  .openapi({ ref: "ThreatDetail", description: "A threat with its timeline, statements and impact assessment." });

export const ApiJurisdictionSchema = z
  .object({
    code: jurisdictionCode("Its code: ISO 3166-1 alpha-2, EU or INT."),
    name: z.string().openapi({ description: "Its name (English)." }),
    ocd_division_id: z.string().nullable().openapi({
      description: "The country's Open Civic Data division (`ocd-division/country:fr`); null for EU and INT.",
    }),
    open_threats: z.number().int().min(0).openapi({ description: "Threats still open there." }),
    threats_total: z.number().int().min(0).openapi({ description: "Every threat tracked there." }),
    statements: z.number().int().min(0).openapi({ description: "Policymakers' statements recorded there." }),
  })
  .strict()
  .openapi({ ref: "Jurisdiction", description: "A country, the EU or the international fora, with its counts." });

const GeoThreatSchema = z
  .object({
    slug: z.string().openapi({ description: "The threat's key." }),
    title: z.string().openapi({ description: "Its title." }),
    severity: z.enum(SEVERITIES).openapi({ description: "How much harm it would do." }),
    stage,
    url: pageUrl("Its page on this site."),
  })
  .strict();

export const ApiThreatsGeoJsonSchema = z
  .object({
    type: z.literal("FeatureCollection"),
    attribution: z.string().openapi({ description: "Where the points come from (an RFC 7946 foreign member)." }),
    features: z
      .array(
        z
          .object({
            type: z.literal("Feature"),
            id: z.string().openapi({ description: "The jurisdiction's code." }),
            geometry: z
              .object({
                type: z.literal("Point"),
                coordinates: z
                  .tuple([z.number(), z.number()])
                  .openapi({ description: "Longitude and latitude (WGS 84)." }),
              })
              .strict()
              .nullable()
              .openapi({
                description: "A representative point of the country; null for the EU and international fora.",
              }),
            properties: z
              .object({
                jurisdiction: jurisdictionCode(),
                name: z.string().openapi({ description: "The jurisdiction's name (English)." }),
                url: pageUrl("The jurisdiction's page on this site."),
                active_threats: z.number().int().min(1).openapi({ description: "How many threats are open there." }),
                highest_severity: z.enum(SEVERITIES).openapi({ description: "The highest severity among them." }),
                threats: z.array(GeoThreatSchema).openapi({ description: "The open threats." }),
              })
              .strict(),
          })
          .strict(),
      )
      .openapi({ description: "One feature per jurisdiction with open threats." }),
  })
  .strict()
  .openapi({ description: "Open threats by jurisdiction, as a GeoJSON feature collection (RFC 7946)." });

export type ApiThreat = z.infer<typeof ApiThreatSchema>;
export type ApiThreatList = z.infer<typeof ApiThreatListSchema>;
export type ApiStatement = z.infer<typeof ApiStatementSchema>;
export type ApiThreatDetail = z.infer<typeof ApiThreatDetailSchema>;
export type ApiJurisdiction = z.infer<typeof ApiJurisdictionSchema>;
export type ApiThreatsGeoJson = z.infer<typeof ApiThreatsGeoJsonSchema>;

/** The path parameters of the threat and jurisdiction endpoints. */
export const ThreatPathSchema = z.object({
  slug: z.string().openapi({ description: "The threat's slug, as in its `url`.", example: "us-earn-it-act-2023" }),
});
export const JurisdictionPathSchema = z.object({
  code: z.string().openapi({ description: "An ISO 3166-1 alpha-2 code, EU or INT (any case).", example: "KE" }),
});

/** The query parameters of `GET /api/v1/threats/:slug`. */
export const ThreatDetailQuerySchema = z.object({
  lang: z
    .enum(SUPPORTED_LOCALES, { errorMap: () => ({ message: "unknown language" }) })
    .optional()
    .openapi({
      description:
        "The language of the summary: its version in that language when there is one, else the original (default: Accept-Language).",
    }),
});
