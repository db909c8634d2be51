import { db } from "~db/connection";

/** Active members by sector and by country, for the directory's counts. */
export async function memberCounts() {
  const [bySector, byCountry, totals] = await Promise.all([
    db
      .selectFrom("coalition_members")
      .select((eb) => ["sector", eb.fn.countAll<number | string>().as("n")])
      .where("status", "=", "active")
      .groupBy("sector")
      .orderBy("sector")
      .execute(),
    db
      .selectFrom("coalition_members")
      .innerJoin("jurisdictions", "jurisdictions.code", "coalition_members.jurisdiction_code")
      .select((eb) => [
        "jurisdictions.code",
        "jurisdictions.name_en",
        "jurisdictions.name_fr",
        eb.fn.countAll<number | string>().as("n"),
      ])
      .where("coalition_members.status", "=", "active")
      .groupBy(["jurisdictions.code", "jurisdictions.name_en", "jurisdictions.name_fr"])
      .execute(),
    db
      .selectFrom("coalition_members")
      .select((eb) => [
        eb.fn.countAll<number | string>().as("members"),
        eb.fn.count<number | string>("jurisdiction_code").distinct().as("countries"),
      ])
      .where("status", "=", "active")
      .executeTakeFirstOrThrow(),
  ]);
  return {
    bySector: bySector.map((r) => ({ sector: r.sector, count: Number(r.n) })),
    byCountry: byCountry
      .map((r) => ({ code: r.code, name_en: r.name_en, name_fr: r.name_fr, count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    members: Number(totals.members),
    countries: Number(totals.countries),
  };
}

export interface GrowthPoint {
  year: number;
  members: number;
  countries: number;
}

/**
 * Members and countries per year, counted by the year each active member joined (cumulative).
 * Years without joins carry the previous totals, so the series has no gaps.
 */
export async function growthByYear(now = new Date()): Promise<GrowthPoint[]> {
  const rows = await db
    .selectFrom("coalition_members")
    .select(["joined_on", "jurisdiction_code"])
    .where("status", "=", "active")
    .where("joined_on", "is not", null)
    .orderBy("joined_on")
    .execute();
  if (rows.length === 0) return [];
  const first = Number(rows[0].joined_on!.slice(0, 4));
  const last = now.getUTCFullYear();
  const points: GrowthPoint[] = [];
  const countries = new Set<string>();
  let members = 0;
  let i = 0;
  for (let year = first; year <= last; year++) {
    while (i < rows.length && Number(rows[i].joined_on!.slice(0, 4)) <= year) {
      members++;
      if (rows[i].jurisdiction_code) countries.add(rows[i].jurisdiction_code!);
      i++;
    }
    points.push({ year, members, countries: countries.size });
  }
  return points;
}
