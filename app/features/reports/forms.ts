/** The staff form of a yearly report: sections shown and their texts, per language. */
import { z } from "zod";
import { SUPPORTED_LOCALES } from "~/i18n/config";
import { REPORT_SECTIONS } from "~/features/reports/types";

export const MAX_TEXT_LENGTH = 5_000;

const text = z
  .string()
  .max(MAX_TEXT_LENGTH, "reports:staff.tooLong")
  .refine((value) => !/[\0-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(value), "reports:staff.controlCharacters")
  .optional();
const languages = z
  .object(
    Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, text])) as Record<
      (typeof SUPPORTED_LOCALES)[number],
      typeof text
    >,
  )
  .optional();

export const ReportEditSchema = z.object({
  sections: z
    .array(z.enum(REPORT_SECTIONS), { required_error: "reports:staff.pickSection" })
    .min(1, "reports:staff.pickSection"),
  texts: z
    .object(
      Object.fromEntries(REPORT_SECTIONS.map((s) => [s, languages])) as Record<
        (typeof REPORT_SECTIONS)[number],
        typeof languages
      >,
    )
    .optional(),
});

export type ReportEditInput = z.infer<typeof ReportEditSchema>;
