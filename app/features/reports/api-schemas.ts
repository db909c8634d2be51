/** The published shape of `GET /api/v1/reports/{year}`; `apiReport` returns `z.infer` of it. */
import "zod-openapi/extend";
import { z } from "zod";
import { REPORT_SECTIONS } from "~/features/reports/types";
import { isoDate, isoDateTime, pageUrl } from "~/lib/api-schemas";
import { UNITS } from "~/lib/vocabularies";

export const ApiReportSchema = z
  .object({
    year: z.number().int().openapi({ description: "The report's year." }),
    state: z.enum(["published", "draft"]).openapi({ description: "Always `published`: drafts are not served." }),
    published_at: isoDateTime("When it was published.").nullable(),
    revised_on: isoDate("The day its live figures were first seen to differ from the published ones.").nullable(),
    url: pageUrl("Its page on this site."),
    figures: z
      .array(
        z
          .object({
            section: z.enum(REPORT_SECTIONS).openapi({ description: "The section it belongs to." }),
            figure: z.string().openapi({ description: "The figure's key.", example: "threats.new" }),
            value: z.number().openapi({ description: "Its value, as published." }),
            previous_year: z.number().nullable().openapi({ description: "The same figure for the year before." }),
            unit: z.enum([...UNITS, "days"]).openapi({ description: "Its unit." }),
          })
          .strict(),
      )
      .openapi({ description: "The figures of the sections it shows." }),
  })
  .strict()
  .openapi({ ref: "Report", description: "A published yearly report's figures." });

export const ReportPathSchema = z.object({
  year: z
    .string()
    .regex(/^\d{4}$/)
    .openapi({ description: "The report's year.", example: "2024" }),
});

export type ApiReport = z.infer<typeof ApiReportSchema>;
