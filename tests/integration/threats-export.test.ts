/** The staff CSV export of the filtered threat list. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import type { User } from "../../db/schema";
import { recordStep, createThreat } from "../../app/features/threats/mutations.server";
import type { ThreatInput } from "../../app/features/threats/forms";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

const HEADER =
  "slug,jurisdiction,kind,identifier,title,short_name,categories,severity,stage,stage_on,outcome,first_seen_on,updated_at";

let server: TestServer;
let staff: Client;
const slugs: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "10.33.0.1");
  await staff.login(DEMO.staff);
  const actor: User = await db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", DEMO.staff)
    .executeTakeFirstOrThrow();
  const base: ThreatInput = {
    jurisdiction: "NZ",
    kind: "bill",
    title: "",
    categories: ["encryption", "privacy"],
    severity: "high",
    firstSeenOn: "2023-02-01",
    sources: [],
  };
  for (const input of [
    { ...base, title: '=HYPERLINK("https://evil.example","Click")', identifier: "+1 234", shortName: "@SUM(A1)" },
    { ...base, title: 'Loi « numérique », dite "SREN", ligne 1\nligne 2', shortName: "-2+3" },
  ]) {
    const result = await createThreat(actor, input);
    if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
    slugs.push(result.slug);
  }
  const id = (await db.selectFrom("threats").select("id").where("slug", "=", slugs[0]).executeTakeFirstOrThrow()).id;
  await recordStep(actor, id, { intent: "action", occurredOn: "2023-03-01", classification: "committee" });
});
afterAll(() => server.close());

/** Minimal RFC 4180 reader, enough to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += c;
    }
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

describe("GET /threats/export.csv", () => {
  it("gives staff the filtered list as a UTF-8 CSV download with formulas neutralised", async () => {
    const response = await staff.get("/threats/export.csv?jurisdiction=NZ&page=3");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="threats-\d{4}-\d\d-\d\d\.csv"$/,
    );
    expect(response.headers.get("cache-control")).toMatch(/no-store/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
    expect(text.split("\r\n")[0]).toBe(HEADER);
    const [header, ...rows] = parseCsv(text);
    expect(header.join(",")).toBe(HEADER);
    // All pages: the page parameter of the list is ignored.
    expect(rows.map((r) => r[0]).sort()).toEqual([...slugs].sort());
    const formula = rows.find((r) => r[0] === slugs[0])!;
    expect(Object.fromEntries(header.map((h, i) => [h, formula[i]]))).toMatchObject({
      jurisdiction: "NZ",
      kind: "bill",
      identifier: "'+1 234",
      title: `'=HYPERLINK("https://evil.example","Click")`,
      short_name: "'@SUM(A1)",
      categories: "encryption;privacy",
      severity: "high",
      stage: "committee",
      stage_on: "2023-03-01",
      outcome: "open",
      first_seen_on: "2023-02-01",
    });
    const accents = rows.find((r) => r[0] === slugs[1])!;
    expect(accents[4]).toBe('Loi « numérique », dite "SREN", ligne 1\nligne 2');
    expect(accents[5]).toBe("'-2+3");
    expect(accents[8]).toBe("");
    for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it("exports everything without filters", async () => {
    const text = await (await staff.get("/threats/export.csv")).text();
    const total = await db
      .selectFrom("threats")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(parseCsv(text.replace(/^\uFEFF/, "")).length - 1).toBe(Number(total.n));
  });

  it("refuses chapter members and sends the signed-out to sign in", async () => {
    const member = new Client(server.url, "10.33.0.2");
    await member.login(DEMO.chapter_member);
    expect((await member.get("/threats/export.csv")).status).toBe(403);
    const anonymous = await new Client(server.url, "10.33.0.3").get("/threats/export.csv?jurisdiction=NZ");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toBe("/login?redirectTo=%2Fthreats%2Fexport.csv%3Fjurisdiction%3DNZ");
  });
});
