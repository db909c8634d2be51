/**
 * The published shape of `GET /api/v1/lawmakers`: the one place a lawmaker's public fields are
 * declared (`serializeLawmaker` returns `z.infer` of it, the OpenAPI document is generated from it).
 */
import "zod-openapi/extend";
import { z } from "zod";
import { jurisdictionCode, pageOf } from "~/lib/api-schemas";

export const ApiLawmakerSchema = z
  .object({
    id: z.number().int().openapi({ description: "The lawmaker's number." }),
    name: z.string().openapi({ description: "Their name." }),
    title: z.string().nullable().openapi({ description: "Their title, e.g. Senator." }),
    body: z.string().openapi({ description: "The body or chamber they sit in." }),
    jurisdiction: jurisdictionCode(),
    constituency: z.string().nullable().openapi({ description: "The constituency they represent." }),
    party: z.string().nullable().openapi({ description: "Their party." }),
    ocd_division_id: z.string().nullable().openapi({
      description:
        "The constituency as an Open Civic Data division id (`ocd-division/country:us/state:wa/cd:7`), when known.",
    }),
    url: z.string().nullable().openapi({
      description: "Their official contact: the official contact form, else `mailto:` the official address.",
    }),
  })
  .strict()
  .openapi({ ref: "Lawmaker", description: "A lawmaker and their official contact." });

export const ApiLawmakerListSchema = pageOf(ApiLawmakerSchema, "The lawmakers of this page.");

export type ApiLawmaker = z.infer<typeof ApiLawmakerSchema>;
export type ApiLawmakerList = z.infer<typeof ApiLawmakerListSchema>;
