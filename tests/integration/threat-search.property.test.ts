/**
 * The trigram index answers exactly what `LIKE '%…%'` answered: for random queries (unicode,
 * FTS5's operators and quotes, SQL and LIKE metacharacters, substrings of what is stored), the
 * threat list's rows and total equal a plain `LIKE` over `threats.search_text`.
 */
import fc from "fast-check";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { db, getDatabase } from "../../db/connection";
import { trigramMatchIds } from "../../db/dialect";
import { createThreat } from "../../app/features/threats/mutations.server";
import { listThreats } from "../../app/features/threats/queries.server";
import { likeContains } from "../../app/lib/like.server";
import { searchable } from "../../app/lib/search";
import { DEMO } from "../support/app-server";

const SEED = Number(process.env.FUZZ_SEED ?? 20261204);

/** Pieces of text that FTS5's query syntax, SQL or LIKE would read as something else. */
const PIECES = [
  "a",
  "b",
  "c",
  "ab",
  "abc",
  "bca",
  " ",
  "  ",
  "\t",
  "é",
  "E",
  "Ü",
  "ß",
  "ﬁ",
  "İ",
  "ǆ",
  "ｆｔｓ",
  "中文",
  "😀",
  "🔐",
  '"',
  '""',
  "*",
  "-",
  ":",
  "^",
  "(",
  ")",
  "+",
  "NEAR",
  "near",
  "NEAR(a b, 2)",
  "AND",
  "OR",
  "NOT",
  "a:b",
  "search_text:",
  "{search_text}",
  "%",
  "_",
  "\\",
  "'",
  "';",
  "--",
  "/*",
  "\u202e",
  "\u00a0",
  "\u0301",
];
const fragment = fc.array(fc.constantFrom(...PIECES), { minLength: 0, maxLength: 10 }).map((parts) => parts.join(""));
const text = fc.oneof(fragment, fc.fullUnicodeString({ maxLength: 12 }), fc.string({ maxLength: 12 }));

const stored: string[] = [];

beforeAll(async () => {
  const staff = await db.selectFrom("users").selectAll().where("email", "=", DEMO.staff).executeTakeFirstOrThrow();
  const titles = fc.sample(fc.tuple(text, text, text), { numRuns: 60, seed: SEED });
  for (const [i, [title, shortName, summary]] of titles.entries()) {
    const result = await createThreat(staff, {
      jurisdiction: i % 2 ? "FR" : "BE",
      kind: "bill",
      identifier: `FUZZ-${i}`,
      title: `${title}`.trim() || `untitled ${i}`,
      shortName: shortName || undefined,
      summary,
      categories: ["encryption"],
      severity: "high",
      firstSeenOn: "2025-06-01",
      sources: [],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  }
  const rows = await db.selectFrom("threats").select("search_text").execute();
  stored.push(...rows.map((r) => r.search_text));
});

/** Today's answer: LIKE over every row, newest change first, as the list orders. */
async function likeAnswer(q: string): Promise<number[]> {
  const rows = await db
    .selectFrom("threats")
    .select("id")
    .where(likeContains(sql.ref<string>("threats.search_text"), q))
    .orderBy("updated_at", "desc")
    .orderBy("id", "desc")
    .execute();
  return rows.map((r) => r.id);
}

/** A piece of a stored text, so that many queries match something. */
const storedPiece = fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 12 })).map(([which, start, length]) => {
  const chars = [...stored[which % stored.length]];
  const from = chars.length ? start % chars.length : 0;
  return chars.slice(from, from + length).join("");
});
const query = fc.oneof(
  text,
  storedPiece,
  storedPiece.map((piece) => piece.toUpperCase()),
);

describe("threat search through the trigram index", () => {
  it("property: the list's rows and total equal LIKE's for any query", async () => {
    let indexed = 0;
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const expected = await likeAnswer(q);
        const { rows, total } = await listThreats({ q, per_page: 100 });
        expect(total).toBe(expected.length);
        expect(rows.map((r) => r.id)).toEqual(expected.slice(0, 100));
        if (await trigramMatchIds(db, getDatabase().dialect, "threats", searchable(q))) indexed++;
        // With another filter the count is a query of its own: it must agree too.
        const narrowed = await listThreats({ q, jurisdiction: "FR", per_page: 100 });
        const inFrance = await db.selectFrom("threats").select("id").where("jurisdiction_code", "=", "FR").execute();
        const french = new Set(inFrance.map((r) => r.id));
        expect(narrowed.total).toBe(expected.filter((id) => french.has(id)).length);
        expect(narrowed.rows.map((r) => r.id)).toEqual(expected.filter((id) => french.has(id)).slice(0, 100));
      }),
      { numRuns: 300, seed: SEED },
    );
    // On SQLite most queries must have gone through the index, or this compared LIKE with itself.
    if (getDatabase().dialect === "sqlite") expect(indexed).toBeGreaterThan(150);
  });

  it("finds the stored texts by their operators and quotes, which stay characters", async () => {
    const staff = await db.selectFrom("users").selectAll().where("email", "=", DEMO.staff).executeTakeFirstOrThrow();
    const title = 'Quokka "NEAR(x y)" AND -z* ^col:umn OR NOT \'; drop table threats; --';
    const created = await createThreat(staff, {
      jurisdiction: "FR",
      kind: "bill",
      title,
      categories: ["encryption"],
      severity: "high",
      firstSeenOn: "2025-06-01",
      sources: [],
    });
    if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
    for (const q of ['"near(x y)"', "near(x", "and -z*", "-z*", "^col:umn", "or not '", "'; drop table", '"', 'a"q']) {
      const { rows, total } = await listThreats({ q, per_page: 100 });
      const expected = await likeAnswer(q);
      expect(total, q).toBe(expected.length);
      expect(rows.map((r) => r.id)).toEqual(expected);
      if (searchable(title).includes(searchable(q))) expect(rows.map((r) => r.id)).toContain(created.id);
    }
  });
});
