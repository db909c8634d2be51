import { z } from "zod";
import { db } from "~db/connection";
import type { User } from "~db/schema";
import type { FieldErrors } from "~/lib/field-errors";
import { isStaff } from "~/features/auth/guards.server";
import { recordAudit } from "~/features/security/audit.server";
import { RATINGS, type Rating } from "~/lib/vocabularies";
import { optionalText } from "~/lib/form-fields";
import type { Result } from "~/lib/result";

export async function listActiveProperties() {
  return db
    .selectFrom("impact_properties")
    .select(["id", "key", "kind", "name_en", "name_fr", "position"])
    .where("active", "=", 1)
    .orderBy("kind", "desc")
    .orderBy("position")
    .execute();
}

/** Staff assess any threat; a chapter lead only threats in their chapter's country. */
export async function canAssess(user: User, threatJurisdiction: string): Promise<boolean> {
  if (isStaff(user)) return true;
  if (user.role !== "chapter_lead" || !user.chapter_id) return false;
  const chapter = await db
    .selectFrom("chapters")
    .select("jurisdiction_code")
    .where("id", "=", user.chapter_id)
    .executeTakeFirst();
  return chapter?.jurisdiction_code === threatJurisdiction;
}

const rating = z.enum(RATINGS, { errorMap: () => ({ message: "validation.choose" }) });
const note = optionalText(1000);

/** Reads `rating-<propertyId>` and `note-<propertyId>` for every active property. */
export async function parseAssessmentForm(
  formData: FormData,
): Promise<
  Result<
    { summary: string | undefined; ratings: Array<{ propertyId: number; rating: Rating; note: string | undefined }> },
    { fieldErrors: FieldErrors }
  >
> {
  const properties = await listActiveProperties();
  const fieldErrors: FieldErrors = {};
  const ratings: Array<{ propertyId: number; rating: Rating; note: string | undefined }> = [];
  for (const property of properties) {
    const r = rating.safeParse(formData.get(`rating-${property.id}`));
    const n = note.safeParse(formData.get(`note-${property.id}`) ?? undefined);
    if (!r.success) fieldErrors[`rating-${property.id}`] = [r.error.issues[0]?.message ?? "validation.choose"];
    if (!n.success) fieldErrors[`note-${property.id}`] = [n.error.issues[0]?.message ?? "validation.tooLong"];
    if (r.success && n.success) ratings.push({ propertyId: property.id, rating: r.data, note: n.data || undefined });
  }
  const summary = optionalText(5000).safeParse(formData.get("summary") ?? undefined);
  if (!summary.success) fieldErrors.summary = [summary.error.issues[0]?.message ?? "validation.tooLong"];
  if (Object.keys(fieldErrors).length || !summary.success) return { ok: false, fieldErrors };
  return { ok: true, summary: summary.data || undefined, ratings };
}

export async function saveAssessment(
  actor: User,
  threatId: number,
  input: {
    summary: string | undefined;
    ratings: Array<{ propertyId: number; rating: Rating; note: string | undefined }>;
  },
): Promise<void> {
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("impact_assessments")
      .select("id")
      .where("threat_id", "=", threatId)
      .executeTakeFirst();
    const before = existing
      ? await trx
          .selectFrom("impact_ratings")
          .select(["property_id", "rating", "note"])
          .where("assessment_id", "=", existing.id)
          .execute()
      : null;
    const assessmentId = existing
      ? existing.id
      : (
          await trx
            .insertInto("impact_assessments")
            .values({
              threat_id: threatId,
              assessed_by: actor.id,
              summary: input.summary ?? null,
              created_at: now,
              updated_at: now,
            })
            .returning("id")
            .executeTakeFirstOrThrow()
        ).id;
    await trx
      .updateTable("impact_assessments")
      .set({ summary: input.summary ?? null, assessed_by: actor.id, updated_at: now })
      .where("id", "=", assessmentId)
      .execute();
    await trx.deleteFrom("impact_ratings").where("assessment_id", "=", assessmentId).execute();
    if (input.ratings.length) {
      await trx
        .insertInto("impact_ratings")
        .values(
          input.ratings.map((r) => ({
            assessment_id: assessmentId,
            property_id: r.propertyId,
            rating: r.rating,
            note: r.note ?? null,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    }
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "threat.assessment",
      entityType: "threat",
      entityId: threatId,
      before,
      after: input,
    });
  });
}
