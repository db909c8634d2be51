import { z } from "zod";
import { httpUrl, optionalText, requiredText } from "~/lib/form-fields";
import { MAX_LENGTH } from "~/features/lawmakers/constants";
import { checkOcdDivisionId, isOcdDivisionId, MAX_OCD_LENGTH } from "~/features/lawmakers/ocd";

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((value) => (value === "" || value === null ? undefined : value), schema.optional());

const jurisdiction = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^([A-Z]{2}|EU|INT)$/, "must be an ISO 3166-1 alpha-2 code, EU or INT");

const division = z
  .string()
  .trim()
  .max(MAX_OCD_LENGTH, `must be at most ${MAX_OCD_LENGTH} characters`)
  .refine(isOcdDivisionId, "must be an Open Civic Data division id, like ocd-division/country:us/state:wa");

export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 50;

/** The directory's and the API's filters (the API accepts a subset, see api.server.ts). */
export const LawmakerFiltersSchema = z.object({
  jurisdiction: optional(jurisdiction).describe(
    "Lawmakers of this jurisdiction: an ISO 3166-1 alpha-2 code, EU or INT (any case).",
  ),
  body: optional(z.string().trim().max(MAX_LENGTH.body, "must be at most 200 characters")).describe(
    "Lawmakers of this body or chamber (its exact name).",
  ),
  party: optional(z.string().trim().max(MAX_LENGTH.party, "must be at most 120 characters")).describe(
    "Lawmakers of this party (its exact name).",
  ),
  constituency: optional(z.string().trim().max(MAX_LENGTH.constituency, "must be at most 200 characters")).describe(
    "Lawmakers of this constituency (its exact name).",
  ),
  q: optional(z.string().trim().max(200, "must be at most 200 characters")).describe(
    "Words to find in the name, title, body, constituency or party.",
  ),
  stale: optional(z.enum(["1"])),
  contact_form_only: optional(z.enum(["1"])),
  /** No contact yet: neither an e-mail nor a contact form (campaigns leave them out). */
  needs_contact: optional(z.enum(["1"])),
  ocd_division_id: optional(division).describe("Lawmakers of exactly this Open Civic Data division."),
  ocd_division_prefix: optional(division).describe(
    "Lawmakers of this division and of every division inside it (`…/state:wa` finds `…/state:wa/cd:7`), by whole segments.",
  ),
  page: optional(z.coerce.number().int().min(1).max(100_000)).describe("The page to answer, from 1."),
  per_page: optional(z.coerce.number().int().min(1).max(MAX_PER_PAGE)).describe(
    `How many lawmakers a page holds (default ${DEFAULT_PER_PAGE}).`,
  ),
});
export type LawmakerFilters = z.infer<typeof LawmakerFiltersSchema>;

/** Lenient parse for the page: a bad value is dropped rather than failing the whole page. */
export function parseFiltersLeniently(params: URLSearchParams): LawmakerFilters {
  const filters: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(LawmakerFiltersSchema.shape)) {
    const parsed = schema.safeParse(params.get(key) ?? undefined);
    if (parsed.success && parsed.data !== undefined) filters[key] = parsed.data;
  }
  return filters as LawmakerFilters;
}

/** One line of text: no line breaks either (names and titles end up in letter headers). */
const NO_BREAK = (v: string | undefined) => v === undefined || !/[\r\n]/.test(v);
const requiredLine = (max: number) => requiredText(max).refine(NO_BREAK, "validation.controlCharacters");
const optionalLine = (max: number) => optionalText(max).refine(NO_BREAK, "validation.controlCharacters");

/**
 * The staff edit form of one lawmaker. An e-mail and a contact form are both optional: without
 * either the lawmaker has no contact yet, as the import allows, and campaigns leave them out.
 */
export const LawmakerSchema = z
  .object({
    name: requiredLine(MAX_LENGTH.name),
    title: optionalLine(MAX_LENGTH.title),
    body: requiredLine(MAX_LENGTH.body),
    jurisdiction: z
      .string({ required_error: "validation.required" })
      .trim()
      .toUpperCase()
      .regex(/^([A-Z]{2}|EU|INT)$/, "validation.jurisdiction"),
    constituency: optionalLine(MAX_LENGTH.constituency),
    party: optionalLine(MAX_LENGTH.party),
    email: z.string().trim().max(MAX_LENGTH.email, "validation.tooLong").email("validation.email.invalid").optional(),
    contactUrl: httpUrl.optional(),
    sourceUrl: httpUrl.optional(),
    verifiedOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date")
      .refine(
        (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
        "validation.date",
      )
      .optional(),
    ocdDivisionId: z
      .string()
      .trim()
      .superRefine((value, ctx) => {
        const problem = checkOcdDivisionId(value, null);
        if (problem) ctx.addIssue({ code: "custom", message: `lawmakers:form.ocd.${problem}` });
      })
      .optional(),
  })
  // Then with the jurisdiction: a country's lawmaker represents a part of that country.
  .superRefine((value, ctx) => {
    if (!value.ocdDivisionId) return;
    // Only the country: a malformed id already has its message from the field.
    const problem = checkOcdDivisionId(value.ocdDivisionId, value.jurisdiction);
    if (problem === "country")
      ctx.addIssue({ code: "custom", path: ["ocdDivisionId"], message: `lawmakers:form.ocd.${problem}` });
  });
export type LawmakerInput = z.infer<typeof LawmakerSchema>;
