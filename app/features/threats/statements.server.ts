import { db } from "~db/connection";
import type { User } from "~db/schema";
import type { FieldErrors } from "~/lib/field-errors";
import { recordAudit } from "~/features/security/audit.server";
import type { StatementInput } from "~/features/threats/forms";

export async function createStatement(actor: User, input: StatementInput): Promise<FieldErrors | null> {
  const jurisdiction = await db
    .selectFrom("jurisdictions")
    .select("code")
    .where("code", "=", input.jurisdiction)
    .executeTakeFirst();
  if (!jurisdiction) return { jurisdiction: ["validation.jurisdiction"] };
  let threatId: number | null = null;
  if (input.threatSlug) {
    const threat = await db.selectFrom("threats").select("id").where("slug", "=", input.threatSlug).executeTakeFirst();
    if (!threat) return { threatSlug: ["validation.relatedThreat"] };
    threatId = threat.id;
  }
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("policymaker_statements")
      .values({
        speaker: input.speaker,
        speaker_role: input.speakerRole || null,
        body: input.body || null,
        jurisdiction_code: input.jurisdiction,
        stated_on: input.statedOn,
        stance: input.stance,
        kind: input.kind,
        quote: input.quote || null,
        url: input.url || null,
        threat_id: threatId,
        created_by: actor.id,
        created_at: now,
        updated_at: now,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "statement.create",
      entityType: "policymaker_statement",
      entityId: row.id,
      after: input,
    });
  });
  return null;
}
