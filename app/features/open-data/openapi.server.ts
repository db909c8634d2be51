/**
 * `GET /api/v1/openapi.json`: the OpenAPI 3.1 document of the open-data API, generated from the
 * query-parameter schemas the endpoints parse with and the response schemas their serialisers
 * return. Nothing in it is written by hand but the prose; it is built once per process and address.
 */
import "zod-openapi/extend";
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { loadConfig } from "~/config.server";
import { ApiMemberListSchema } from "~/features/coalition/api-schemas";
import { MemberApiFiltersSchema } from "~/features/coalition/api.server";
import { ApiEventListSchema } from "~/features/events/api-schemas";
import { EventApiFiltersSchema } from "~/features/events/api.server";
import { ApiLawmakerListSchema } from "~/features/lawmakers/api-schemas";
import { LawmakerApiFiltersSchema } from "~/features/lawmakers/api.server";
import { ApiLetterDetailSchema, ApiLetterListSchema, LetterPathSchema } from "~/features/letters/api-schemas";
import { ApiReportSchema, ReportPathSchema } from "~/features/reports/api-schemas";
import { ApiTargetListSchema } from "~/features/targets/api-schemas";
import { TargetApiParamsSchema } from "~/features/targets/forms";
import {
  ApiJurisdictionSchema,
  ApiThreatDetailSchema,
  ApiThreatListSchema,
  ApiThreatsGeoJsonSchema,
  JurisdictionPathSchema,
  ThreatDetailQuerySchema,
  ThreatPathSchema,
} from "~/features/threats/api-schemas";
import { ThreatFiltersSchema } from "~/features/threats/filters";
import { InvalidParametersSchema, NotFoundSchema } from "~/lib/api-schemas";

export const API_VERSION = "1.0.0";

/** The tags, in the order the reference page shows them. */
export const API_TAGS = [
  { name: "threats", description: "Threats to encryption and their timelines." },
  { name: "jurisdictions", description: "Countries, the EU and the international fora." },
  { name: "coalition", description: "The coalition's member organisations and experts." },
  { name: "events", description: "Global Encryption Day events." },
  { name: "letters", description: "Open letters and their signatures." },
  { name: "lawmakers", description: "Lawmakers and their official contact." },
  { name: "targets", description: "The yearly targets and their progress." },
  { name: "reports", description: "The published yearly reports." },
  { name: "meta", description: "This description of the API." },
] as const;

type Tag = (typeof API_TAGS)[number]["name"];

const json = (schema: z.ZodTypeAny) => ({ "application/json": { schema } });

const ok = (description: string, schema: z.ZodTypeAny) => ({ description, content: json(schema) });
const invalid = {
  description: "An unknown parameter, or a value it cannot take: each is named with what is wrong.",
  content: json(InvalidParametersSchema),
};
const notFound = { description: "Nothing is published at this address.", content: json(NotFoundSchema) };
const NO_PARAMETERS = "It takes no query parameter: any is answered with 400.";

/** The OpenAPI document itself, as far as its readers rely on it. */
const DocumentSchema = z
  .object({
    openapi: z.string().openapi({ description: "The OpenAPI version, 3.1.x." }),
    info: z
      .object({
        title: z.string().openapi({ description: "The API's name." }),
        version: z.string().openapi({ description: "The version of this document." }),
      })
      .passthrough()
      .openapi({ description: "What the API is." }),
    paths: z.record(z.object({}).passthrough()).openapi({ description: "Every endpoint, by its path." }),
  })
  .passthrough()
  .openapi({ description: "This OpenAPI 3.1 document." });

function operation(
  tag: Tag,
  operationId: string,
  summary: string,
  description: string,
  example: string,
  rest: Pick<ZodOpenApiOperationObject, "requestParams" | "responses">,
): ZodOpenApiOperationObject {
  // `x-example`: a request that answers, for the reference page (a specification extension).
  return { tags: [tag], operationId, summary, description, "x-example": example, ...rest };
}

const PATHS: ZodOpenApiPathsObject = {
  "/api/v1/threats": {
    get: operation(
      "threats",
      "listThreats",
      "List threats",
      "Threats to encryption, the last changed first, filtered and paginated.",
      "/api/v1/threats?category=encryption&outcome=open&per_page=10",
      {
        requestParams: { query: ThreatFiltersSchema },
        responses: { 200: ok("A page of threats.", ApiThreatListSchema), 400: invalid },
      },
    ),
  },
  "/api/v1/threats/{slug}": {
    get: operation(
      "threats",
      "getThreat",
      "One threat",
      "A threat with its timeline, policymakers' statements and Internet impact assessment.",
      "/api/v1/threats/{slug}",
      {
        requestParams: { path: ThreatPathSchema, query: ThreatDetailQuerySchema },
        responses: { 200: ok("The threat.", ApiThreatDetailSchema), 400: invalid, 404: notFound },
      },
    ),
  },
  "/api/v1/threats.geojson": {
    get: operation(
      "threats",
      "threatsGeoJson",
      "Open threats on a map",
      "Open threats by jurisdiction as GeoJSON (RFC 7946), one feature per jurisdiction.",
      "/api/v1/threats.geojson",
      {
        responses: {
          200: {
            description: "A GeoJSON feature collection.",
            content: { "application/geo+json": { schema: ApiThreatsGeoJsonSchema } },
          },
        },
      },
    ),
  },
  "/api/v1/jurisdictions/{code}": {
    get: operation(
      "jurisdictions",
      "getJurisdiction",
      "One jurisdiction",
      `A jurisdiction's name and its threat and statement counts. ${NO_PARAMETERS}`,
      "/api/v1/jurisdictions/{code}",
      {
        requestParams: { path: JurisdictionPathSchema },
        responses: { 200: ok("The jurisdiction.", ApiJurisdictionSchema), 400: invalid, 404: notFound },
      },
    ),
  },
  "/api/v1/coalition/members": {
    get: operation(
      "coalition",
      "listCoalitionMembers",
      "List coalition members",
      "Active members of the coalition, filtered and paginated. An empty parameter is no filter.",
      "/api/v1/coalition/members?sector=civil_society",
      {
        requestParams: { query: MemberApiFiltersSchema },
        responses: { 200: ok("A page of members.", ApiMemberListSchema), 400: invalid },
      },
    ),
  },
  "/api/v1/events": {
    get: operation(
      "events",
      "listEvents",
      "List events",
      "Approved Global Encryption Day events, filtered and paginated.",
      "/api/v1/events?online=false",
      {
        requestParams: { query: EventApiFiltersSchema },
        responses: { 200: ok("A page of events.", ApiEventListSchema), 400: invalid },
      },
    ),
  },
  "/api/v1/letters": {
    get: operation(
      "letters",
      "listLetters",
      "List open letters",
      `Every public open letter (open, closed or delivered) with its confirmed signatures. ${NO_PARAMETERS}`,
      "/api/v1/letters",
      { responses: { 200: ok("The letters.", ApiLetterListSchema), 400: invalid } },
    ),
  },
  "/api/v1/letters/{slug}": {
    get: operation(
      "letters",
      "getLetter",
      "One open letter",
      `A public open letter, its signatures by kind and jurisdiction, and its versions. ${NO_PARAMETERS}`,
      "/api/v1/letters/{slug}",
      {
        requestParams: { path: LetterPathSchema },
        responses: { 200: ok("The letter.", ApiLetterDetailSchema), 400: invalid, 404: notFound },
      },
    ),
  },
  "/api/v1/lawmakers": {
    get: operation(
      "lawmakers",
      "listLawmakers",
      "List lawmakers",
      "Lawmakers and their official contact, filtered and paginated.",
      "/api/v1/lawmakers?jurisdiction=CA",
      {
        requestParams: { query: LawmakerApiFiltersSchema },
        responses: { 200: ok("A page of lawmakers.", ApiLawmakerListSchema), 400: invalid },
      },
    ),
  },
  "/api/v1/targets": {
    get: operation(
      "targets",
      "listTargets",
      "A year's targets",
      "A year's targets with the value reached: live for this year, the year-end snapshot for a past one.",
      "/api/v1/targets?year=2024",
      {
        requestParams: { query: TargetApiParamsSchema },
        responses: { 200: ok("The year's targets.", ApiTargetListSchema), 400: invalid },
      },
    ),
  },
  "/api/v1/reports/{year}": {
    get: operation(
      "reports",
      "getReport",
      "A yearly report",
      "The figures of a published yearly report, as published. An unpublished year is 404.",
      "/api/v1/reports/{year}",
      {
        requestParams: { path: ReportPathSchema },
        responses: { 200: ok("The report's figures.", ApiReportSchema), 404: notFound },
      },
    ),
  },
  "/api/v1/openapi.json": {
    get: operation(
      "meta",
      "getOpenApiDocument",
      "This document",
      "The OpenAPI 3.1 description of this API.",
      "/api/v1/openapi.json",
      { responses: { 200: ok("The OpenAPI document.", DocumentSchema) } },
    ),
  },
};

export type OpenApiDocument = ReturnType<typeof createDocument>;

const built = new Map<string, OpenApiDocument>();

/** The document for the site at `appUrl`; built on first use, then served from memory. */
export function openApiDocument(appUrl = loadConfig().appUrl): OpenApiDocument {
  let document = built.get(appUrl);
  if (!document) {
    document = createDocument({
      openapi: "3.1.0",
      info: {
        title: "Encryption advocacy hub: open data",
        version: API_VERSION,
        description:
          "Public, read-only data of the hub: threats to encryption per country, the coalition's members, " +
          "Global Encryption Day events, open letters, lawmakers, yearly targets and reports. No key is " +
          "needed; answers are JSON, cacheable for a minute and readable from any origin.",
      },
      servers: [{ url: appUrl }],
      tags: API_TAGS.map((tag) => ({ ...tag })),
      paths: PATHS,
    });
    built.set(appUrl, document);
  }
  return document;
}
