/**
 * The shapes every `/api/v1` endpoint shares: the error answers and the pagination block. Response
 * schemas are the published contract (the OpenAPI document is generated from them) and the
 * serialisers' return types (`z.infer`), so the two cannot drift.
 */
import "zod-openapi/extend";
import { z } from "zod";

export const NotFoundSchema = z
  .object({ error: z.literal("not_found").openapi({ description: "The error's code." }) })
  .strict()
  .openapi({ ref: "NotFound", description: "Nothing is published at this address." });

export const InvalidParametersSchema = z
  .object({
    error: z.literal("invalid_parameters").openapi({ description: "The error's code." }),
    parameters: z
      .record(z.string().openapi({ description: "What is wrong with this parameter." }))
      .openapi({ description: "Each unknown or invalid query parameter, with what is wrong with it." }),
  })
  .strict()
  .openapi({ ref: "InvalidParameters", description: "A query parameter is unknown or has a value it cannot take." });

export type ApiNotFound = z.infer<typeof NotFoundSchema>;
export type ApiInvalidParameters = z.infer<typeof InvalidParametersSchema>;

export const PageMetaSchema = z
  .object({
    page: z.number().int().min(1).openapi({ description: "The page answered (from 1)." }),
    per_page: z.number().int().min(1).openapi({ description: "The most items a page holds." }),
    total: z.number().int().min(0).openapi({ description: "How many items match, on all pages." }),
  })
  .strict()
  .openapi({ ref: "PageMeta", description: "Pagination." });

/** A paginated list: `{ data: [item…], meta: { page, per_page, total } }`. */
export function pageOf<T extends z.ZodTypeAny>(item: T, description: string) {
  return z.object({ data: z.array(item).openapi({ description }), meta: PageMetaSchema }).strict();
}

/** An ISO 3166-1 alpha-2 code, `EU` or `INT`, as every answer names a jurisdiction. */
export const jurisdictionCode = (description = "The jurisdiction: an ISO 3166-1 alpha-2 code, EU or INT.") =>
  z.string().openapi({ description, example: "KE" });

/** The absolute address of a public page of the site. */
export const pageUrl = (description: string) => z.string().url().openapi({ description });

/** A `YYYY-MM-DD` date. */
export const isoDate = (description: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .openapi({ description, example: "2024-10-21" });

/** An ISO 8601 date and time in UTC. */
export const isoDateTime = (description: string) => z.string().openapi({ description, format: "date-time" });
