import { z } from "zod";

// Messages are i18n keys (see components/forms.tsx).
const boundedText = (max: number, requiredMessage = "validation.required") =>
  z
    .string({ required_error: requiredMessage })
    .trim()
    .max(max, "validation.tooLong")
    .refine((v) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(v), "validation.controlCharacters");

/**
 * Required text: present, not blank once trimmed, bounded, no control characters but tab and
 * newlines. Conform turns an empty string into `undefined`, so every stage names its message.
 */
export const requiredText = (max: number, requiredMessage = "validation.required") =>
  boundedText(max, requiredMessage).pipe(z.string({ required_error: requiredMessage }).min(1, requiredMessage));
export const optionalText = (max: number) => boundedText(max).optional();

export const isoDate = z
  .string({ required_error: "validation.required" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date")
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    "validation.date",
  );

export const httpUrl = z
  .string()
  .trim()
  .max(2000, "validation.tooLong")
  .url("validation.url")
  .refine((v) => /^https?:\/\//i.test(v), "validation.url");
