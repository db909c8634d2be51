/** Staff CSV import of coalition members (dry run, then one transaction) and the staff CSV export. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkImport, importMembers } from "../../app/features/coalition/import.server";
import { CsvSyntaxError, parseCsv } from "../../app/lib/csv-import.server";
import { foldName } from "../../app/lib/search";
import { db } from "../../db/connection";
import type { User } from "../../db/schema";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

const HEADER = "name,sector,jurisdiction,website,joined_on,contact_email";
const DEMO_ORG = "Open Networks Foundation (demo)";

let server: TestServer;
let staff: Client;
let actor: User;

beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "10.44.0.1");
  await staff.login(DEMO.staff);
  actor = await db.selectFrom("users").selectAll().where("email", "=", DEMO.staff).executeTakeFirstOrThrow();
});
afterAll(() => server.close());

async function memberCount(): Promise<number> {
  const row = await db
    .selectFrom("coalition_members")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function auditCount(): Promise<number> {
  const row = await db
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function upload(
  client: Client,
  csv: string | Uint8Array<ArrayBuffer>,
  intent: "check" | "import",
  name = "members.csv",
): Promise<Response> {
  const form = new FormData();
  form.set("intent", intent);
  form.set("file", new File([csv], name, { type: "text/csv" }));
  return client.request("/coalition/import", { method: "POST", body: form });
}

/** Minimal RFC 4180 reader for the export (CRLF records), independent of the one under test. */
function readCsv(text: string): string[][] {
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
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

describe("parseCsv (RFC 4180)", () => {
  it("reads quoted cells, doubled quotes, line breaks inside quotes and every line ending", () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\n1,,3\r4,5,6\n\n"",last,\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ["a", "b", "c"] },
      { line: 2, cells: ["x, y", 'say "hi"', "two\nlines"] },
      { line: 4, cells: ["1", "", "3"] },
      { line: 5, cells: ["4", "5", "6"] },
      { line: 7, cells: ["", "last", ""] },
    ]);
  });

  it("keeps a quote inside an unquoted cell, and reads a last record without a line ending", () => {
    expect(parseCsv('a 5" disk,b\nc,d')).toEqual([
      { line: 1, cells: ['a 5" disk', "b"] },
      { line: 2, cells: ["c", "d"] },
    ]);
  });

  it("counts CRLF inside a quoted cell as one line", () => {
    expect(parseCsv('"a\r\nb",c\r\nd,e').map((r) => r.line)).toEqual([1, 3]);
  });

  it("refuses a quote left open and text after a closing quote, naming the line", () => {
    expect(() => parseCsv('a,b\n"open,c\nd,e')).toThrowError(CsvSyntaxError);
    try {
      parseCsv('a,b\n"open,c\nd,e');
    } catch (error) {
      expect(error).toMatchObject({ code: "unterminated_quote", line: 2 });
    }
    try {
      parseCsv('a,b\nc,d\n"x"y,z');
    } catch (error) {
      expect(error).toMatchObject({ code: "bad_quote", line: 3 });
    }
  });
});

describe("dry run", () => {
  it("reports each kind of error on its own line and writes nothing", async () => {
    const before = await memberCount();
    const audits = await auditCount();
    const csv = [
      // Columns in another order, an extra column, and a byte-order mark.
      "\uFEFFcontact_email,jurisdiction,notes,name,joined_on,website,sector",
      "a@example.org,FR,ignored,Good New Org,2024-01-31,https://good.example,civil_society", // 2 ok
      "b@example.org,FR,,,2024-01-31,,industry", // 3 name.required
      `,FR,,${"x".repeat(201)},,,industry`, // 4 name.too_long
      ",FR,,Sector Org,,,bakery", // 5 sector.invalid
      ",XX,,Place Org,,,academia", // 6 jurisdiction.unknown
      ",fr,,Web Org,,javascript:alert(1),academia", // 7 website.invalid
      ",FR,,Date Org,2024-02-30,,academia", // 8 joined_on.invalid
      "not-an-email,FR,,Mail Org,,,academia", // 9 contact_email.invalid
      '"x@example.org\r\nBcc: y@example.org",FR,,Header Org,,,academia', // 10 contact_email.line_break (2 lines)
      ",FR,,good new org,,,other", // 12 name.duplicate of 2
      `,FR,,${DEMO_ORG.toUpperCase()},,,civil_society`, // 13 update of the demo member
      ",FR,,Short Row", // 14 row.columns
      ",,,,,,", // 15: an empty row, skipped
      ",,,No Sector,,,", // 16 sector.required, jurisdiction.required
    ].join("\n");
    const report = await checkImport(csv);
    expect(report.fileErrors).toEqual([]);
    const byLine = Object.fromEntries(report.rows.map((row) => [row.line, row]));
    expect(byLine[2]).toMatchObject({ name: "Good New Org", action: "create", errors: [] });
    expect(byLine[3]).toMatchObject({ action: "error", errors: ["name.required"] });
    expect(byLine[4]).toMatchObject({ action: "error", errors: ["name.too_long"] });
    expect(byLine[5]).toMatchObject({ name: "Sector Org", action: "error", errors: ["sector.invalid"] });
    expect(byLine[6]).toMatchObject({ errors: ["jurisdiction.unknown"] });
    expect(byLine[7]).toMatchObject({ errors: ["website.invalid"] });
    expect(byLine[8]).toMatchObject({ errors: ["joined_on.invalid"] });
    expect(byLine[9]).toMatchObject({ errors: ["contact_email.invalid"] });
    expect(byLine[10]).toMatchObject({ name: "Header Org", errors: ["contact_email.line_break"] });
    expect(byLine[12]).toMatchObject({ errors: ["name.duplicate"], duplicateOf: 2 });
    expect(byLine[13]).toMatchObject({ action: "update", errors: [] });
    expect(byLine[14]).toMatchObject({ errors: ["row.columns", "sector.required"] });
    expect(byLine[15]).toBeUndefined();
    expect(byLine[16]).toMatchObject({ errors: ["sector.required", "jurisdiction.required"] });
    expect(report.summary).toEqual({ rows: 13, create: 1, update: 1, errors: 11 });
    expect(await memberCount()).toBe(before);
    expect(await auditCount()).toBe(audits);
  });

  it("reports problems with the file as a whole", async () => {
    expect((await checkImport("")).fileErrors).toEqual([{ code: "file.empty" }]);
    expect((await checkImport(`${HEADER}\n`)).fileErrors).toEqual([{ code: "file.empty" }]);
    expect((await checkImport("name,sector,website\nA,other,")).fileErrors).toEqual([
      { code: "header.missing", line: 1, columns: ["jurisdiction", "joined_on", "contact_email"] },
    ]);
    expect((await checkImport(`${HEADER},name\nA,other,FR,,,,B`)).fileErrors).toEqual([
      { code: "header.duplicate", line: 1, columns: ["name"] },
    ]);
    expect((await checkImport(`${HEADER}\nA,other,FR,,,\n"B,other,FR,,,\n`)).fileErrors).toEqual([
      { code: "file.unterminated_quote", line: 3 },
    ]);
  });

  it("shows the report on the page, escaped, without writing", async () => {
    const before = await memberCount();
    const csv = `${HEADER}\n<script>alert(1)</script>,civil_society,FR,,,\nFine Org,nope,FR,,,\n`;
    const response = await upload(staff, csv, "check");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("2 rows: 1 to create, 0 to update, 1 with errors.");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("Unknown sector");
    // A file with errors cannot be imported from the report.
    expect(html).not.toContain('name="csv"');
    expect(await memberCount()).toBe(before);
  });

  it("refuses a file that is too large or not UTF-8", async () => {
    const big = `${HEADER}\n${"A,other,FR,,,\n".repeat(200_000)}`;
    const tooLarge = await upload(staff, big, "check");
    expect(tooLarge.status).toBe(400);
    expect(await tooLarge.text()).toContain("larger than 2 MB");
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode(`${HEADER}\nCaf`),
      0xe9,
      ...new TextEncoder().encode(",other,FR,,,\n"),
    ]);
    const notUtf8 = await upload(staff, latin1, "check");
    expect(notUtf8.status).toBe(400);
    expect(await notUtf8.text()).toContain("not UTF-8");
    const none = await upload(staff, "", "check");
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Choose a CSV file.");
  });
});

describe("import", () => {
  it("creates and updates in one go, and importing the same file again updates instead of duplicating", async () => {
    const csv = [
      HEADER,
      "Import Alpha,academia,FR,https://alpha.example,2023-05-01,Contact@Alpha.example",
      `${DEMO_ORG.toLowerCase()},civil_society,DE,https://example.org/new-site,2021-10-21,`,
      "Import Beta,industry,KE,,,",
    ].join("\r\n");
    const before = await memberCount();
    const demoBefore = await db
      .selectFrom("coalition_members")
      .selectAll()
      .where("name", "=", DEMO_ORG)
      .executeTakeFirstOrThrow();

    const response = await upload(staff, csv, "import");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/coalition/import?created=2&updated=1");
    expect(await memberCount()).toBe(before + 2);
    const alpha = await db
      .selectFrom("coalition_members")
      .selectAll()
      .where("name", "=", "Import Alpha")
      .executeTakeFirstOrThrow();
    expect(alpha).toMatchObject({
      sector: "academia",
      jurisdiction_code: "FR",
      website: "https://alpha.example",
      joined_on: "2023-05-01",
      contact_email: "contact@alpha.example",
      status: "active",
    });
    const demoAfter = await db
      .selectFrom("coalition_members")
      .selectAll()
      .where("id", "=", demoBefore.id)
      .executeTakeFirstOrThrow();
    // Updated, but the public profile and the status are kept.
    expect(demoAfter.website).toBe("https://example.org/new-site");
    expect(demoAfter.public_profile).toBe(demoBefore.public_profile);
    expect(demoAfter.status).toBe(demoBefore.status);
    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "after_json"])
      .where("action", "=", "member.import")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toEqual({ rows: 3, created: 2, updated: 1 });

    const page = await (await staff.get(response.headers.get("location")!)).text();
    expect(page).toContain("Import done: 2 members created, 1 updated.");

    const again = await upload(staff, csv, "import");
    expect(again.headers.get("location")).toBe("/coalition/import?created=0&updated=3");
    expect(await memberCount()).toBe(before + 2);
  });

  it("imports the checked file from the report's Import button", async () => {
    const csv = `${HEADER}\nReport Button Org,other,BR,,2020-02-29,\n`;
    const checked = await upload(staff, csv, "check");
    const html = await checked.text();
    const value = /name="csv" value="([A-Za-z0-9+/=]+)"/.exec(html)?.[1];
    expect(value).toBeTruthy();
    expect(
      await db.selectFrom("coalition_members").select("id").where("name", "=", "Report Button Org").executeTakeFirst(),
    ).toBeUndefined();
    const form = new FormData();
    form.set("intent", "import");
    form.set("csv", value!);
    const response = await staff.request("/coalition/import", { method: "POST", body: form });
    expect(response.status).toBe(302);
    const row = await db
      .selectFrom("coalition_members")
      .select(["jurisdiction_code", "joined_on"])
      .where("name", "=", "Report Button Org")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ jurisdiction_code: "BR", joined_on: "2020-02-29" });
  });

  it("writes nothing at all when any row has an error, even without a dry run", async () => {
    const before = await memberCount();
    const audits = await auditCount();
    const csv = `${HEADER}\nShould Not Exist,other,FR,,,\nBroken,other,FR,ftp://x.example,,\n`;
    const response = await upload(staff, csv, "import");
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("Nothing was imported");
    expect(html).toContain("not an http(s) address");
    expect(await memberCount()).toBe(before);
    expect(await auditCount()).toBe(audits);
    const outcome = await importMembers(actor, csv);
    expect(outcome.ok).toBe(false);
    expect(await memberCount()).toBe(before);
  });

  it("stores hostile cells as plain data and refuses line breaks", async () => {
    const csv = [
      HEADER,
      '"<img src=x onerror=alert(1)>",other,FR,,,',
      '"=HYPERLINK(""https://evil.example"",""Click"")",other,FR,,,',
      '"Robert\'); DROP TABLE coalition_members;--",other,FR,,,',
      "+Plus Org,other,FR,,,",
    ].join("\n");
    const response = await upload(staff, csv, "import");
    expect(response.status).toBe(302);
    const names = (
      await db.selectFrom("coalition_members").select("name").orderBy("id", "desc").limit(4).execute()
    ).map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "<img src=x onerror=alert(1)>",
        '=HYPERLINK("https://evil.example","Click")',
        "Robert'); DROP TABLE coalition_members;--",
        "+Plus Org",
      ]),
    );
    const report = await checkImport(`${HEADER}\n"Two\nLines",other,FR,,,\n"Bell\u0007",other,FR,,,\n`);
    expect(report.rows.map((r) => [r.line, r.errors])).toEqual([
      [2, ["name.line_break"]],
      [4, ["name.control"]],
    ]);
  });

  it("checks and imports 5,000 rows in a few seconds", async () => {
    const lines = [HEADER];
    for (let i = 0; i < 5_000; i++) {
      lines.push(
        `Bulk Member ${i},${i % 2 ? "industry" : "academia"},${i % 3 ? "FR" : "KE"},https://m${i}.example,2022-01-01,m${i}@bulk.example`,
      );
    }
    const csv = lines.join("\n");
    const before = await memberCount();
    let started = performance.now();
    const checked = await upload(staff, csv, "check");
    expect(checked.status).toBe(200);
    expect(await checked.text()).toContain("5,000 rows: 5,000 to create");
    expect(performance.now() - started).toBeLessThan(10_000);
    started = performance.now();
    const response = await upload(staff, csv, "import");
    expect(response.headers.get("location")).toBe("/coalition/import?created=5000&updated=0");
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(await memberCount()).toBe(before + 5_000);
  }, 30_000);

  it("is staff work: other roles get 403 and write nothing, the signed-out are sent to sign in", async () => {
    const before = await memberCount();
    const csv = `${HEADER}\nIntruder Org,other,FR,,,\n`;
    for (const [who, ip] of [
      ["coalition_member", "10.44.1.1"],
      ["chapter_lead", "10.44.1.2"],
      ["chapter_member", "10.44.1.3"],
    ] as const) {
      const client = new Client(server.url, ip);
      await client.login(DEMO[who]);
      expect((await upload(client, csv, "import")).status).toBe(403);
      expect((await upload(client, csv, "check")).status).toBe(403);
    }
    expect((await upload(new Client(server.url, "10.44.1.9"), csv, "import")).status).toBe(302);
    expect(await memberCount()).toBe(before);
  });
});

describe("GET /coalition/export.csv", () => {
  it("gives staff every member, any status, with the contact, as CSV with formulas neutralised", async () => {
    const suspended = await db
      .insertInto("coalition_members")
      .values({
        name: "-Suspended Formula Org",
        name_folded: foldName("-Suspended Formula Org"),
        sector: "industry",
        jurisdiction_code: "KE",
        website: null,
        joined_on: "2019-03-04",
        status: "suspended",
        public_profile: null,
        contact_email: "=cmd@evil.example",
        created_at: new Date().toISOString(),
        updated_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(suspended.id).toBeGreaterThan(0);
    const response = await staff.get("/coalition/export.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="coalition-members-\d{4}-\d\d-\d\d\.csv"$/,
    );
    expect(response.headers.get("cache-control")).toMatch(/no-store/);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = readCsv(new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1));
    expect(header.join(",")).toBe("name,sector,jurisdiction,website,joined_on,status,contact_email");
    expect(rows.length).toBe(await memberCount());
    expect(rows.find((r) => r[0] === "'-Suspended Formula Org")).toEqual([
      "'-Suspended Formula Org",
      "industry",
      "KE",
      "",
      "2019-03-04",
      "suspended",
      "'=cmd@evil.example",
    ]);
    expect(rows.find((r) => r[0] === "Import Alpha")?.[6]).toBe("contact@alpha.example");
    expect(rows.find((r) => r[0].startsWith("'=HYPERLINK"))?.[0]).toBe(`'=HYPERLINK("https://evil.example","Click")`);
  });

  it("is for staff only", async () => {
    const member = new Client(server.url, "10.44.2.1");
    await member.login(DEMO.coalition_member);
    expect((await member.get("/coalition/export.csv")).status).toBe(403);
    expect((await new Client(server.url, "10.44.2.2").get("/coalition/export.csv")).status).toBe(302);
  });
});
