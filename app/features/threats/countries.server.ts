import { db } from "~db/connection";
import { listStatements } from "~/features/threats/queries.server";

/** The country page shows the latest few; the full, filterable list is /threats?jurisdiction=XX. */
export const COUNTRY_PAGE_THREATS = 20;
export const COUNTRY_PAGE_STATEMENTS = 10;

export async function getJurisdiction(code: string) {
  if (!/^([A-Z]{2}|EU|INT)$/.test(code)) return undefined;
  return db.selectFrom("jurisdictions").selectAll().where("code", "=", code).executeTakeFirst();
}

async function threatCounts(code: string) {
  const row = await db
    .selectFrom("threats")
    .select((eb) => [
      eb.fn.countAll<number | string>().as("total"),
      eb.fn.sum<number | string | null>(eb.case().when("outcome", "=", "open").then(1).else(0).end()).as("open"),
    ])
    .where("jurisdiction_code", "=", code)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), open: Number(row.open ?? 0) };
}

/** What the country page shows: its threats, statements and chapters. */
export async function getCountryPage(code: string) {
  const jurisdiction = await getJurisdiction(code);
  if (!jurisdiction) return undefined;
  const [threats, statements, chapters, counts] = await Promise.all([
    db
      .selectFrom("threats")
      .select([
        "id",
        "slug",
        "title",
        "short_name",
        "identifier",
        "kind",
        "severity",
        "stage",
        "stage_on",
        "outcome",
        "first_seen_on",
      ])
      .where("jurisdiction_code", "=", code)
      .orderBy("updated_at", "desc")
      .orderBy("id", "desc")
      .limit(COUNTRY_PAGE_THREATS)
      .execute(),
    listStatements({ jurisdiction: code }, COUNTRY_PAGE_STATEMENTS),
    db
      .selectFrom("chapters")
      .select(["id", "name", "kind"])
      .where("jurisdiction_code", "=", code)
      .where("status", "=", "active")
      .orderBy("name")
      .execute(),
    threatCounts(code),
  ]);
  return { jurisdiction, threats, statements, chapters, counts };
}

export async function getJurisdictionSummary(code: string) {
  const jurisdiction = await getJurisdiction(code);
  if (!jurisdiction) return undefined;
  const [counts, statements] = await Promise.all([
    threatCounts(code),
    db
      .selectFrom("policymaker_statements")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("jurisdiction_code", "=", code)
      .executeTakeFirstOrThrow(),
  ]);
  return { jurisdiction, counts, statements: Number(statements.n) };
}
