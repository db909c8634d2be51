/** Staff's writes to a yearly report: section texts and choice, publishing and unpublishing (audited). */
import type { Transaction } from "kysely";
import { db } from "~db/connection";
import type { Database, User } from "~db/schema";
import { recordAudit } from "~/features/security/audit.server";
import { computeReport, forgetRevisionChecks } from "~/features/reports/report.server";
import { REPORT_SECTIONS, type SectionKey } from "~/features/reports/types";

export interface ReportEdit {
  sections: SectionKey[];
  /** section → language → Markdown; an empty text removes that language's text. */
  texts: Partial<Record<SectionKey, Record<string, string>>>;
}

async function ensureRow(trx: Transaction<Database>, year: number, now: string) {
  await trx
    .insertInto("report_publications")
    .values({ year, published: 0, sections: JSON.stringify(REPORT_SECTIONS), created_at: now, updated_at: now })
    .onConflict((oc) => oc.column("year").doNothing())
    .execute();
}

export async function saveReport(actor: User, year: number, edit: ReportEdit): Promise<void> {
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await ensureRow(trx, year, now);
    await trx
      .updateTable("report_publications")
      .set({ sections: JSON.stringify(edit.sections), updated_at: now })
      .where("year", "=", year)
      .execute();
    for (const [section, languages] of Object.entries(edit.texts)) {
      for (const [language, body] of Object.entries(languages ?? {})) {
        if (!body.trim()) {
          await trx
            .deleteFrom("report_section_texts")
            .where("year", "=", year)
            .where("section", "=", section)
            .where("language", "=", language)
            .execute();
          continue;
        }
        await trx
          .insertInto("report_section_texts")
          .values({ year, section, language, body, updated_by: actor.id, created_at: now, updated_at: now })
          .onConflict((oc) =>
            oc.columns(["year", "section", "language"]).doUpdateSet({ body, updated_by: actor.id, updated_at: now }),
          )
          .execute();
      }
    }
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "report.edit",
      entityType: "report",
      entityId: year,
      after: edit,
    });
  });
}

/** Freezes the figures as they are now and makes the year's report public. Republishing refreshes them. */
export async function publishReport(actor: User, year: number, now = new Date()): Promise<void> {
  // Computed before the transaction: a transaction is never held open while other work waits.
  const figures = await computeReport(year, now);
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await ensureRow(trx, year, at);
    await trx
      .updateTable("report_publications")
      .set({
        published: 1,
        published_at: at,
        published_by: actor.id,
        figures: JSON.stringify(figures),
        revised_on: null,
        updated_at: at,
      })
      .where("year", "=", year)
      .execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "report.publish",
      entityType: "report",
      entityId: year,
      after: { publishedAt: at },
    });
  });
  forgetRevisionChecks(year);
}

export async function unpublishReport(actor: User, year: number): Promise<void> {
  const at = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("report_publications")
      .set({ published: 0, figures: null, revised_on: null, updated_at: at })
      .where("year", "=", year)
      .execute();
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: "report.unpublish",
      entityType: "report",
      entityId: year,
    });
  });
}
