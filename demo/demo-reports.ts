/**
 * The demo's published 2024 impact report, with a text per section in English and French.
 * Its figures are frozen by the first read (the seed runs on a handle of its own, before the app's
 * database is open). TEXTS ARE ILLUSTRATIVE.
 */
import type { Kysely } from "kysely";
import { REPORT_SECTIONS } from "../app/features/reports/types";
import type { Database } from "../db/schema";

const YEAR = 2024;

const TEXTS: Record<string, { en: string; fr: string }> = {
  targets: {
    en: "We set ourselves measurable targets at the start of the year. Here is how far we came.",
    fr: "Nous nous sommes fixé des objectifs mesurables en début d'année. Voici où nous en sommes arrivés.",
  },
  threats: {
    en: "Bills that would weaken encryption kept coming back. Chapters and partners tracked each one.",
    fr: "Les projets de loi qui affaibliraient le chiffrement sont revenus sans cesse. Sections et partenaires ont suivi chacun d'eux.",
  },
  coalition: {
    en: "The **Global Encryption Coalition** kept growing across sectors and countries.",
    fr: "La **Coalition mondiale pour le chiffrement** a continué de grandir, dans tous les secteurs et tous les pays.",
  },
  ged: {
    en: "Global Encryption Day brought people together on every continent.",
    fr: "La Journée mondiale du chiffrement a rassemblé des personnes sur tous les continents.",
  },
};

export async function seedDemoReports(db: Kysely<Database>): Promise<void> {
  const now = new Date().toISOString();
  await db
    .insertInto("report_publications")
    .values({
      year: YEAR,
      published: 1,
      published_at: now,
      published_by: null,
      figures: null,
      sections: JSON.stringify(REPORT_SECTIONS),
      created_at: now,
      updated_at: now,
    })
    .onConflict((oc) => oc.column("year").doNothing())
    .execute();
  for (const [section, text] of Object.entries(TEXTS)) {
    for (const language of ["en", "fr"] as const) {
      await db
        .insertInto("report_section_texts")
        .values({
          year: YEAR,
          section,
          language,
          body: text[language],
          updated_by: null,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.columns(["year", "section", "language"]).doNothing())
        .execute();
    }
  }
}
