import type { Kysely } from "kysely";
import { lawmakerEmailKey, lawmakerMatchKey, lawmakerSearchText } from "../app/features/lawmakers/identity";
import type { Database } from "../db/schema";

interface DemoLawmaker {
  name: string;
  title: string;
  body: string;
  jurisdiction_code: string;
  constituency: string | null;
  party: string | null;
  /** Fictional: example.org addresses; null when only a contact form is published. */
  email: string | null;
  contact_url: string | null;
  verified_on: string;
  /** The constituency's Open Civic Data division id, where the demo has one. */
  ocd_division_id: string | null;
}

const US_STATES = ["WA", "MN", "CA", "NY", "TX", "OR"];
const FIRST = [
  "Alex",
  "Jordan",
  "Morgan",
  "Riley",
  "Casey",
  "Taylor",
  "Jamie",
  "Avery",
  "Quinn",
  "Robin",
  "Sydney",
  "Drew",
];
const LAST = [
  "Rivera",
  "Okafor",
  "Nguyen",
  "Lindqvist",
  "Haddad",
  "Moreau",
  "Kowalski",
  "Banerjee",
  "Silva",
  "Tanaka",
  "Osei",
  "Ferreira",
];

/** A few dozen fictional lawmakers: US senators and representatives, Kenyan MPs, EU MEPs, UK MPs. */
export function demoLawmakers(): DemoLawmaker[] {
  const rows: DemoLawmaker[] = [];
  let n = 0;
  const person = () => `${FIRST[n % FIRST.length]} ${LAST[(n + Math.floor(n / FIRST.length)) % LAST.length]} (demo)`;
  for (const state of US_STATES) {
    for (let seat = 0; seat < 2; seat++, n++) {
      rows.push({
        name: person(),
        title: "Senator",
        body: "Senate",
        jurisdiction_code: "US",
        constituency: state,
        party: seat === 0 ? "Democrat" : "Republican",
        // Every third US senator publishes only a contact form, as many real ones do.
        email: n % 3 === 2 ? null : `senator.${state.toLowerCase()}${seat + 1}@example.org`,
        contact_url: `https://example.org/senate/${state.toLowerCase()}/${seat + 1}/contact`,
        verified_on: n % 7 === 6 ? "2024-02-01" : "2026-09-15",
        ocd_division_id: `ocd-division/country:us/state:${state.toLowerCase()}`,
      });
    }
    for (let district = 1; district <= 2; district++, n++) {
      const code = `${state}-${String(district).padStart(2, "0")}`;
      rows.push({
        name: person(),
        title: "Representative",
        body: "House of Representatives",
        jurisdiction_code: "US",
        constituency: code,
        party: district === 1 ? "Democrat" : "Republican",
        email: n % 4 === 3 ? null : `rep.${code.toLowerCase()}@example.org`,
        contact_url: `https://example.org/house/${code.toLowerCase()}/contact`,
        verified_on: n % 9 === 8 ? "2023-11-20" : "2026-08-30",
        ocd_division_id: `ocd-division/country:us/state:${state.toLowerCase()}/cd:${district}`,
      });
    }
  }
  for (const constituency of ["Nairobi West", "Mombasa Island", "Kisumu Central", "Nakuru Town"]) {
    rows.push({
      name: person(),
      title: "Member of Parliament",
      body: "National Assembly",
      jurisdiction_code: "KE",
      constituency,
      party: n++ % 2 === 0 ? "Independent" : "Demo Alliance",
      email: `mp.${constituency.toLowerCase().replace(/\s+/g, "-")}@example.org`,
      contact_url: null,
      verified_on: "2026-05-02",
      ocd_division_id: null,
    });
  }
  const euCountries: Record<string, string> = { Germany: "de", France: "fr", Ireland: "ie", Poland: "pl" };
  for (const constituency of ["Germany", "France", "Ireland", "Poland"]) {
    rows.push({
      name: person(),
      title: "Member of the European Parliament",
      body: "European Parliament",
      jurisdiction_code: "EU",
      constituency,
      party: n++ % 2 === 0 ? "Greens/EFA" : "Renew Europe",
      email: `mep.${constituency.toLowerCase()}@example.org`,
      contact_url: "https://example.org/europarl/contact",
      verified_on: "2026-03-10",
      ocd_division_id: `ocd-division/country:${euCountries[constituency]}`,
    });
  }
  for (const constituency of ["Holborn and St Pancras", "Brighton Pavilion", "Edinburgh North"]) {
    n++;
    rows.push({
      name: person(),
      title: "MP",
      body: "House of Commons",
      jurisdiction_code: "GB",
      constituency,
      party: null,
      email: null,
      contact_url: `https://example.org/commons/${constituency.toLowerCase().replace(/\s+/g, "-")}/contact`,
      verified_on: "2025-06-01",
      ocd_division_id: null,
    });
  }
  return rows;
}

/** Inserts the demo lawmakers once (keyed like the CSV import: e-mail, else name + body + jurisdiction). */
export async function seedDemoLawmakers(db: Kysely<Database>): Promise<void> {
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const lawmaker of demoLawmakers()) {
      const matchKey = lawmakerMatchKey(lawmaker);
      const exists = await trx
        .selectFrom("lawmakers")
        .select("id")
        .where("match_key", "=", matchKey)
        .executeTakeFirst();
      if (exists) continue;
      await trx
        .insertInto("lawmakers")
        .values({
          ...lawmaker,
          email_normalised: lawmakerEmailKey(lawmaker.email),
          source_url: "https://example.org/demo-directory",
          match_key: matchKey,
          search_text: lawmakerSearchText(lawmaker),
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  });
}
