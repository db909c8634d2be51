import { z } from "zod";
import { SIGNATURE_STATUSES } from "~/features/letters/constants";
import { idField } from "~/lib/ids";

// Messages are i18n keys: common `validation.*`, or `signatures:validation.*` for this form's own.
// Shared by the browser (Conform's client validation) and the server, so both say the same thing.

export const SIGNATURE_KINDS = ["individual", "organisation"] as const;
export type SignatureKind = (typeof SIGNATURE_KINDS)[number];
export const BLOCKLIST_KINDS = ["email_domain", "ip"] as const;
export type BlocklistKind = (typeof BLOCKLIST_KINDS)[number];

/** A field people never see (hidden by CSS and from assistive technology); bots fill it in. */
export const SIGNATURE_HONEYPOT_FIELD = "website_url";

export function isSignatureHoneypotFilled(formData: FormData): boolean {
  const value = formData.get(SIGNATURE_HONEYPOT_FIELD);
  return typeof value === "string" ? value.trim() !== "" : value !== null;
}

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
// Markup has no place in a name: refusing `<` and `>` keeps "<script>" out of the signatories list.
const MARKUP = /[<>]/;

function text(max: number, requiredMessage?: string) {
  const base = z
    .string({ required_error: requiredMessage ?? "validation.required" })
    .trim()
    .max(max, "signatures:validation.tooLong")
    .refine((v) => !CONTROL_CHARACTERS.test(v), "validation.controlCharacters")
    .refine((v) => !MARKUP.test(v), "signatures:validation.markup");
  return base;
}

const email = z
  .string({ required_error: "validation.email.required" })
  .trim()
  .max(254, "validation.email.tooLong")
  .refine((value) => !/[\r\n]/.test(value), "validation.email.invalid")
  .pipe(z.string().email("validation.email.invalid"));

export const IndividualSignatureSchema = z.object({
  intent: z.literal("individual"),
  name: text(120, "signatures:validation.nameRequired").pipe(z.string().min(1, "signatures:validation.nameRequired")),
  affiliation: text(200).optional(),
  jurisdiction: z
    .string({ required_error: "validation.jurisdiction" })
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{2}|EU|INT)$/, "validation.jurisdiction"),
  email,
  showPublicly: z.boolean().optional().default(false),
});
export type IndividualSignatureInput = z.infer<typeof IndividualSignatureSchema>;

export const OrganisationSignatureSchema = z.object({ intent: z.literal("organisation") });

export const SignSchema = z.discriminatedUnion("intent", [IndividualSignatureSchema, OrganisationSignatureSchema], {
  errorMap: () => ({ message: "validation.intent" }),
});
export type SignInput = z.infer<typeof SignSchema>;

/** Tokens from the mailed links; our tokens are 32 base32 characters. */
export const TokenSchema = z.object({
  token: z
    .string({ required_error: "signatures:validation.token" })
    .trim()
    .max(200, "signatures:validation.token")
    .regex(/^[a-z0-9]+$/, "signatures:validation.token"),
});

export const SignatureFiltersSchema = z.object({
  status: z.enum(SIGNATURE_STATUSES).optional().catch(undefined),
  kind: z.enum(SIGNATURE_KINDS).optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  from: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  to: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()
    .catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type SignatureFilters = z.infer<typeof SignatureFiltersSchema>;

export const ModerationSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("reject"),
      ids: z
        .array(idField(), { required_error: "signatures:validation.selectSome" })
        .min(1, "signatures:validation.selectSome")
        .max(10_000, "validation.tooMany"),
      reason: text(500, "signatures:validation.reasonRequired").pipe(
        z.string().min(1, "signatures:validation.reasonRequired"),
      ),
    }),
    z.object({
      intent: z.literal("block"),
      kind: z.enum(BLOCKLIST_KINDS, { errorMap: () => ({ message: "validation.choose" }) }),
      value: text(254, "validation.required").pipe(z.string().min(1, "validation.required")),
      reason: text(500).optional(),
    }),
    z.object({ intent: z.literal("unblock"), id: idField() }),
  ],
  { errorMap: () => ({ message: "validation.intent" }) },
);
export type ModerationInput = z.infer<typeof ModerationSchema>;
