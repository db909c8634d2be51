import { z } from "zod";
import { httpUrl } from "~/lib/form-fields";
import { SECTORS } from "~/lib/vocabularies";
import { idField } from "~/lib/ids";

// Messages are i18n keys (common `validation.*`, or `applications:…` for this form's own).
export const APPLICATION_KINDS = ["organisation", "individual_expert"] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];
export const APPLICATION_STATUSES = ["unconfirmed", "pending", "approved", "declined"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** A field people never see (hidden by CSS and from assistive technology); bots fill it in. */
export const HONEYPOT_FIELD = "website_url";

export function isHoneypotFilled(formData: FormData): boolean {
  const value = formData.get(HONEYPOT_FIELD);
  return typeof value === "string" ? value.trim() !== "" : value !== null;
}

/**
 * Required text: present, not blank once trimmed, bounded, no control characters but tab and
 * newlines. Conform turns an empty string into `undefined`, so every stage names its message.
 */
function requiredText(max: number, requiredMessage = "validation.required") {
  return z
    .string({ required_error: requiredMessage })
    .trim()
    .max(max, "validation.tooLong")
    .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), "validation.controlCharacters")
    .pipe(z.string({ required_error: requiredMessage }).min(1, requiredMessage));
}

const choose = { errorMap: () => ({ message: "validation.choose" }) };

const email = z
  .string({ required_error: "validation.email.required" })
  .trim()
  .max(254, "validation.email.tooLong")
  .refine((value) => !/[\r\n]/.test(value), "validation.email.invalid")
  .pipe(z.string().email("validation.email.invalid"))
  .transform((value) => value.toLowerCase());

export const ApplicationSchema = z.object({
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
  motivation: requiredText(4000),
  consentPublic: z.boolean().optional().default(false),
});
export type ApplicationInput = z.infer<typeof ApplicationSchema>;

export const ConfirmSchema = z.object({
  token: z.string({ required_error: "validation.required" }).max(200),
});

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
