import { z } from "zod";
import { httpUrl, optionalText, requiredText } from "~/lib/form-fields";
import { APPLICATION_KINDS, SECTORS } from "~/lib/vocabularies";
import { idField } from "~/lib/ids";

// Messages are i18n keys (common `validation.*`, or `applications:…` for this form's own).

/** A field people never see (hidden by CSS and from assistive technology); bots fill it in. */
export const HONEYPOT_FIELD = "website_url";

export function isHoneypotFilled(formData: FormData): boolean {
  const value = formData.get(HONEYPOT_FIELD);
  return typeof value === "string" ? value.trim() !== "" : value !== null;
}

const choose = { errorMap: () => ({ message: "validation.choose" }) };

const email = z
  .string({ required_error: "validation.email.required" })
  .trim()
  .max(254, "validation.email.tooLong")
  .refine((value) => !/[\r\n]/.test(value), "validation.email.invalid")
  .pipe(z.string().email("validation.email.invalid"))
  .transform((value) => value.toLowerCase());

/** A few paragraphs for the directory: the applicant's public profile. */
export const PUBLIC_PROFILE_MAX = 2000;

export const ApplicationSchema = z
  .object({
    kind: z.enum(APPLICATION_KINDS, choose),
    name: requiredText(200),
    sector: z.enum(SECTORS, choose),
    jurisdiction: z
      .string({ required_error: "validation.jurisdiction" })
      .trim()
      .toUpperCase()
      .regex(/^([A-Z]{2}|EU|INT)$/, "validation.jurisdiction"),
    website: httpUrl.optional(),
    contactName: requiredText(120),
    contactEmail: email,
    /** For the staff only. */
    motivation: requiredText(4000),
    /** For the directory: required when the applicant asks to be listed. */
    publicProfile: optionalText(PUBLIC_PROFILE_MAX),
    consentPublic: z.boolean().optional().default(false),
  })
  .superRefine((value, ctx) => {
    if (value.consentPublic && !value.publicProfile)
      ctx.addIssue({ code: "custom", path: ["publicProfile"], message: "applications:validation.profileRequired" });
  });
export type ApplicationInput = z.infer<typeof ApplicationSchema>;

export const DecisionSchema = z.discriminatedUnion(
  "decision",
  [
    z.object({ applicationId: idField(), decision: z.literal("approve") }),
    z.object({
      applicationId: idField(),
      decision: z.literal("decline"),
      reason: requiredText(2000, "applications:validation.reasonRequired"),
    }),
  ],
  { errorMap: () => ({ message: "validation.intent" }) },
);
export type DecisionInput = z.infer<typeof DecisionSchema>;

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
