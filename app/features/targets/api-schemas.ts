/** The published shape of `GET /api/v1/targets`; `apiTargets` returns `z.infer` of it. */
import "zod-openapi/extend";
import { z } from "zod";
import { UNITS } from "~/lib/vocabularies";

export const ApiTargetSchema = z
  .object({
    id: z.number().int().openapi({ description: "The target's number." }),
    title: z.string().openapi({ description: "Its title." }),
    metric: z.string().openapi({ description: "What it counts: a metric of the catalogue, or `manual`." }),
    goal: z.number().openapi({ description: "The value to reach." }),
    value: z.number().openapi({ description: "The value reached (the year-end snapshot for a past year)." }),
    unit: z.enum(UNITS).openapi({ description: "The unit of `goal` and `value`." }),
    met: z.boolean().openapi({ description: "Whether the goal is reached." }),
  })
  .strict()
  .openapi({ ref: "Target", description: "A yearly target and its progress." });

export const ApiTargetListSchema = z
  .object({ data: z.array(ApiTargetSchema).openapi({ description: "The year's targets, in their order." }) })
  .strict();

export type ApiTarget = z.infer<typeof ApiTargetSchema>;
export type ApiTargetList = z.infer<typeof ApiTargetListSchema>;
