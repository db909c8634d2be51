/** The published shape of `GET /api/v1/coalition/members`; `api.server.ts` returns `z.infer` of it. */
import "zod-openapi/extend";
import { z } from "zod";
import { isoDate, jurisdictionCode, pageOf, pageUrl } from "~/lib/api-schemas";
import { SECTORS } from "~/lib/vocabularies";

export const ApiMemberSchema = z
  .object({
    id: z.number().int().openapi({ description: "The member's number." }),
    name: z.string().openapi({ description: "The organisation's or expert's name." }),
    sector: z.string().openapi({ description: `Its sector: ${SECTORS.map((s) => `\`${s}\``).join(", ")}.` }),
    jurisdiction: jurisdictionCode("Where it is based.").nullable(),
    website: z.string().nullable().openapi({ description: "Its website." }),
    joined_on: isoDate("When it joined the coalition.").nullable(),
    url: pageUrl("Its profile on this site."),
  })
  .strict()
  .openapi({ ref: "CoalitionMember", description: "An active member of the coalition." });

export const ApiMemberListSchema = pageOf(ApiMemberSchema, "The members of this page.");

export type ApiMember = z.infer<typeof ApiMemberSchema>;
export type ApiMemberList = z.infer<typeof ApiMemberListSchema>;
