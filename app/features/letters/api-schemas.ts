/** The published shapes of `GET /api/v1/letters` and `/letters/{slug}`; `letters-api.server.ts` returns them. */
import "zod-openapi/extend";
import { z } from "zod";
import { isoDateTime, pageUrl } from "~/lib/api-schemas";
import { LETTER_STATUSES } from "~/lib/vocabularies";

/** Drafts are never published, so the API's statuses are the others. */
const status = z.enum(LETTER_STATUSES).openapi({
  description: "`open` while it can be signed, then `closed`, then `delivered`; drafts are not published.",
});

const slug = z.string().openapi({ description: "Its key in addresses (`/letters/{slug}`)." });
const title = z.string().openapi({ description: "Its title, in its first language." });

export const ApiLetterListItemSchema = z
  .object({
    slug,
    title,
    status,
    confirmed: z.number().int().min(0).openapi({ description: "Confirmed signatures." }),
    url: pageUrl("Its page on this site."),
  })
  .strict()
  .openapi({ ref: "LetterSummary", description: "A public open letter." });

export const ApiLetterListSchema = z
  .object({
    data: z.array(ApiLetterListItemSchema).openapi({ description: "Every public letter, the newest first." }),
  })
  .strict();

export const ApiLetterDetailSchema = z
  .object({
    slug,
    title,
    status,
    goal: z.number().int().nullable().openapi({ description: "The signature goal, if it has one." }),
    signatures: z
      .object({
        confirmed: z.number().int().min(0).openapi({ description: "Confirmed signatures." }),
        organisations: z.number().int().min(0).openapi({ description: "Of which organisations." }),
        individuals: z.number().int().min(0).openapi({ description: "Of which individuals." }),
        by_jurisdiction: z
          .record(z.number().int().min(0))
          .openapi({ description: "Confirmed signatures per signer's jurisdiction code." }),
      })
      .strict()
      .openapi({ description: "Its counts." }),
    versions: z
      .array(
        z
          .object({
            number: z.number().int().min(1).openapi({ description: "The version's number." }),
            created_at: isoDateTime("When it was made."),
          })
          .strict(),
      )
      .openapi({ description: "The versions of its text (each signature records the one it signed)." }),
  })
  .strict()
  .openapi({ ref: "Letter", description: "A public open letter with its counts and versions." });

export const LetterPathSchema = z.object({
  slug: z.string().openapi({
    description: "The letter's slug, as in its `url`.",
    example: "global-encryption-day-2026-keep-end-to-end-encryption",
  }),
});

export type ApiLetterListItem = z.infer<typeof ApiLetterListItemSchema>;
export type ApiLetterList = z.infer<typeof ApiLetterListSchema>;
export type ApiLetterDetail = z.infer<typeof ApiLetterDetailSchema>;
