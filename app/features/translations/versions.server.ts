import type { Kysely, Transaction } from "kysely";
import { db } from "~db/connection";
import type { Database, User } from "~db/schema";
import { recordAudit } from "~/features/security/audit.server";
import { CONTENT_FIELDS, type ContentType } from "~/features/translations/content-types";
import type { Original } from "~/features/translations/originals.server";

export interface SavedVersion {
  fields: Record<string, string>;
  /** The original's texts the version was made from. */
  sourceFields: Record<string, string>;
  updatedAt: string;
  updatedBy: string | null;
}

/** A version is stale when its original changed after it was saved and reads differently now. */
export function isStale(original: Original, version: Pick<SavedVersion, "sourceFields" | "updatedAt">): boolean {
  if (original.updatedAt <= version.updatedAt) return false;
  return CONTENT_FIELDS[original.type].some((f) => (version.sourceFields[f.name] ?? "") !== original.fields[f.name]);
}

/** The version of one item in one language, or null when there is none (or only a part of one). */
export async function getVersion(type: ContentType, id: number, locale: string): Promise<SavedVersion | null> {
  const rows = await db
    .selectFrom("content_versions")
    .leftJoin("users", "users.id", "content_versions.updated_by")
    .select([
      "content_versions.field",
      "content_versions.body",
      "content_versions.source_text",
      "content_versions.updated_at",
      "users.name as updated_by_name",
    ])
    .where("content_versions.entity_type", "=", type)
    .where("content_versions.entity_id", "=", id)
    .where("content_versions.locale", "=", locale)
    .execute();
  const fields: Record<string, string> = {};
  const sourceFields: Record<string, string> = {};
  let updatedAt = "";
  let updatedBy: string | null = null;
  for (const row of rows) {
    fields[row.field] = row.body;
    sourceFields[row.field] = row.source_text;
    if (row.updated_at > updatedAt) [updatedAt, updatedBy] = [row.updated_at, row.updated_by_name];
  }
  if (!CONTENT_FIELDS[type].every((f) => f.name in fields)) return null;
  return { fields, sourceFields, updatedAt, updatedBy };
}

/** The languages an item has a version in (for the "Translations: fr · es" links). */
export async function versionLocales(type: ContentType, id: number): Promise<string[]> {
  const rows = await db
    .selectFrom("content_versions")
    .select("locale")
    .distinct()
    .where("entity_type", "=", type)
    .where("entity_id", "=", id)
    .execute();
  return rows.map((r) => r.locale).sort();
}

/** Saves (or replaces) the version of every field of an item in one language, audited. */
export async function saveVersion(
  actor: User,
  original: Original,
  locale: string,
  input: Record<string, string>,
): Promise<void> {
  const now = new Date().toISOString();
  const before = await getVersion(original.type, original.id, locale);
  await db.transaction().execute(async (trx) => {
    for (const { name } of CONTENT_FIELDS[original.type]) {
      const values = {
        entity_type: original.type,
        entity_id: original.id,
        field: name,
        locale,
        body: input[name],
        source_text: original.fields[name],
        updated_by: actor.id,
        created_at: now,
        updated_at: now,
      };
      await trx
        .insertInto("content_versions")
        .values(values)
        .onConflict((oc) =>
          oc.columns(["entity_type", "entity_id", "field", "locale"]).doUpdateSet({
            body: values.body,
            source_text: values.source_text,
            updated_by: actor.id,
            updated_at: now,
          }),
        )
        .execute();
    }
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: before ? "translation.update" : "translation.create",
      entityType: original.type,
      entityId: original.id,
      before: before ? { locale, ...before.fields } : undefined,
      after: { locale, ...input },
    });
  });
}

/** Removes an item's version in one language, audited; false when there was none. */
export async function removeVersion(actor: User, original: Original, locale: string): Promise<boolean> {
  const before = await getVersion(original.type, original.id, locale);
  if (!before) return false;
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom("content_versions")
      .where("entity_type", "=", original.type)
      .where("entity_id", "=", original.id)
      .where("locale", "=", locale)
      .execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "translation.remove",
      entityType: original.type,
      entityId: original.id,
      before: { locale, ...before.fields },
    });
  });
  return true;
}

/** Drops every version of an item that is being deleted, in the deleting transaction. */
export async function removeVersionsOf(
  executor: Kysely<Database> | Transaction<Database>,
  type: ContentType,
  id: number,
): Promise<void> {
  await executor.deleteFrom("content_versions").where("entity_type", "=", type).where("entity_id", "=", id).execute();
}
