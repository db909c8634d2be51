/** The published shape of `GET /api/v1/events`; `api.server.ts` returns `z.infer` of it. */
import "zod-openapi/extend";
import { z } from "zod";
import { EVENT_KINDS } from "~/features/events/constants";
import { isoDateTime, jurisdictionCode, pageOf, pageUrl } from "~/lib/api-schemas";

export const ApiEventSchema = z
  .object({
    id: z.number().int().openapi({ description: "The event's number." }),
    title: z.string().openapi({
      description:
        "Its title: in the language asked for (`lang`, else Accept-Language) when it has that version, else the original.",
    }),
    title_language: z.string().openapi({ description: "The language `title` is in (a BCP 47 code).", example: "en" }),
    kind: z.enum(EVENT_KINDS).openapi({ description: "What kind of event it is." }),
    jurisdiction: jurisdictionCode("Where it takes place (or is aimed at, online)."),
    city: z.string().nullable().openapi({ description: "Its city; null online." }),
    online: z.boolean().openapi({ description: "Whether it takes place online." }),
    starts_at: isoDateTime("When it starts, in UTC."),
    ends_at: isoDateTime("When it ends, in UTC."),
    timezone: z.string().openapi({ description: "Its IANA time zone.", example: "Africa/Nairobi" }),
    url: pageUrl("Its page on this site."),
  })
  .strict()
  .openapi({ ref: "Event", description: "An approved Global Encryption Day event." });

export const ApiEventListSchema = pageOf(ApiEventSchema, "The events of this page.");

export type ApiEvent = z.infer<typeof ApiEventSchema>;
export type ApiEventList = z.infer<typeof ApiEventListSchema>;
