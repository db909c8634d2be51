import { z } from "zod";
import { httpUrl, optionalText, requiredText } from "~/lib/form-fields";
import { idField } from "~/lib/ids";
import { SECTORS } from "~/lib/vocabularies";

/** What a member representative may change on their organisation's public profile. */
export const ProfileSchema = z.object({
  name: requiredText(200),
  sector: z.enum(SECTORS, { errorMap: () => ({ message: "validation.choose" }) }),
  jurisdiction: z
    .string({ required_error: "validation.required" })
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{2}|EU|INT)$/, "validation.jurisdiction"),
  website: httpUrl.optional(),
  publicProfile: optionalText(4000),
});

/** A staff decision on a representative's pending change of name or website. */
export const MemberChangeDecisionSchema = z.object({
  changeId: idField(),
  decision: z.enum(["approve", "reject"], { errorMap: () => ({ message: "validation.intent" }) }),
  comment: optionalText(2000),
});
