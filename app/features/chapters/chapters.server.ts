import { db } from "../../../db/connection";

export async function listChapters() {
  return db
    .selectFrom("chapters")
    .innerJoin("jurisdictions", "jurisdictions.code", "chapters.jurisdiction_code")
    .select([
      "chapters.id",
      "chapters.name",
      "chapters.kind",
      "chapters.status",
      "chapters.jurisdiction_code",
      "jurisdictions.name_en",
      "jurisdictions.name_fr",
    ])
    .where("chapters.status", "=", "active")
    .orderBy("chapters.name")
    .execute();
}
