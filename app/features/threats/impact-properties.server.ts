import { z } from "zod";
import { db } from "~db/connection";
import type { User } from "~db/schema";
import { recordAudit } from "~/features/security/audit.server";
import { requiredText } from "~/lib/form-fields";
import { idField } from "~/lib/ids";

export async function listAllProperties() {
  return db.selectFrom("impact_properties").selectAll().orderBy("kind", "desc").orderBy("position").execute();
}

export const PropertySchema = z.object({
  propertyId: idField(),
  nameEn: requiredText(200),
  nameFr: requiredText(200),
  position: z.coerce.number().int().min(0).max(999),
  active: z.enum(["on"]).optional(),
});

/** Admins rename, reorder and retire the assessment properties; ratings already given stay. */
export async function updateProperty(actor: User, input: z.infer<typeof PropertySchema>): Promise<boolean> {
  const before = await db
    .selectFrom("impact_properties")
    .selectAll()
    .where("id", "=", input.propertyId)
    .executeTakeFirst();
  if (!before) return false;
  const after = {
    name_en: input.nameEn,
    name_fr: input.nameFr,
    position: input.position,
    active: input.active ? 1 : 0,
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("impact_properties")
      .set({ ...after, updated_at: new Date().toISOString() })
      .where("id", "=", input.propertyId)
      .execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "impact_property.update",
      entityType: "impact_property",
      entityId: input.propertyId,
      before,
      after,
    });
  });
  return true;
}
