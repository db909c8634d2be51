/** Staff CSV import of lawmakers: the dry run, the all-or-nothing import, upserts, scale, hostile files. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkImport } from "../../app/features/lawmakers/import.server";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

const HEADER = "name,title,body,jurisdiction,constituency,party,email,contact_url,source_url,verified_on";

let server: TestServer;
let staff: Client;

beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "10.45.0.1");
  await staff.login(DEMO.staff);
});
afterAll(() => server.close());

async function count(table: "lawmakers" | "audit_log"): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function upload(csv: string | Uint8Array<ArrayBuffer>, intent: "check" | "import", client = staff) {
  const form = new FormData();
  form.set("intent", intent);
  form.set("file", new File([csv], "lawmakers.csv", { type: "text/csv" }));
  return client.request("/lawmakers/import", { method: "POST", body: form });
}

/** Imports through the real route and returns the counts the success page reports. */
async function importFile(csv: string): Promise<{ created: number; updated: number; unchanged: number; ms: number }> {
  const response = await upload(csv, "import");
  expect(response.status, await response.clone().text()).toBe(302);
  const location = new URL(response.headers.get("location") ?? "", server.url);
  expect(location.pathname).toBe("/lawmakers/import");
  const n = (name: string) => Number(location.searchParams.get(name));
  return { created: n("created"), updated: n("updated"), unchanged: n("unchanged"), ms: n("ms") };
}

describe("dry run", () => {
  it("reports each row's errors and what would be created or updated, and writes nothing", async () => {
    const before = await count("lawmakers");
    const audits = await count("audit_log");
    const demo = await db.selectFrom("lawmakers").selectAll().where("email", "is not", null).executeTakeFirstOrThrow();
    const csv = [
      // Columns in another order, an extra column, and a byte-order mark.
      "\uFEFFemail,name,notes,title,body,jurisdiction,constituency,party,contact_url,source_url,verified_on",
      "ok@example.org,Good Person,x,MP,Parliament,FR,Paris 1,,,https://example.org/src,2026-01-31", // 2 create
      "not-an-email,Bad Mail,,MP,Parliament,FR,,,,,", // 3 email.invalid
      "bad@example.org,Bad Place,,MP,Parliament,XX,,,,,", // 4 jurisdiction.unknown
      ",No Contact,,MP,Parliament,FR,,,,,", // 5 create, with no contact yet
      ",Bad Url,,MP,Parliament,FR,,,javascript:alert(1),,", // 6 contact_url.invalid
      "date@example.org,Bad Date,,MP,Parliament,FR,,,,,2026-02-30", // 7 verified_on.invalid
      `long@example.org,${"x".repeat(201)},,MP,Parliament,FR,,,,,`, // 8 name.too_long
      "OK@Example.org,Other Name,,MP,Parliament,FR,,,,,", // 9 email.duplicate of 2
      ",good person,,,parliament,fr,,,https://example.org/c,,", // 10 name.duplicate of 2 (no e-mail)
      `${demo.email!.toUpperCase()},${demo.name},,${demo.title},${demo.body},${demo.jurisdiction_code},${demo.constituency},${demo.party ?? ""},${demo.contact_url ?? ""},${demo.source_url ?? ""},2026-10-01`, // 11 update
      "future@example.org,Future,,MP,Parliament,FR,,,,,2999-01-01", // 12 verified_on.future
      "short@example.org,Short Row", // 13 row.columns + body/jurisdiction required
      ",,,,,,,,,,", // 14: an empty row, skipped
    ].join("\n");
    const report = await checkImport(csv);
    expect(report.fileErrors).toEqual([]);
    expect(report.format).toBe("standard");
    const byLine = Object.fromEntries(report.rows.map((row) => [row.line, row]));
    expect(byLine[2]).toMatchObject({ name: "Good Person", action: "create", errors: [] });
    expect(byLine[3].errors).toEqual(["email.invalid"]);
    expect(byLine[4].errors).toEqual(["jurisdiction.unknown"]);
    expect(byLine[5]).toMatchObject({ action: "create", errors: [], notes: ["contact.none"] });
    expect(byLine[6].errors).toEqual(["contact_url.invalid"]);
    expect(byLine[7].errors).toEqual(["verified_on.invalid"]);
    expect(byLine[8].errors).toEqual(["name.too_long"]);
    expect(byLine[9]).toMatchObject({ errors: ["email.duplicate"], duplicateOf: 2 });
    expect(byLine[10]).toMatchObject({ errors: ["name.duplicate"], duplicateOf: 2 });
    expect(byLine[11]).toMatchObject({ action: "update", changes: ["verified_on"] });
    expect(byLine[12].errors).toEqual(["verified_on.future"]);
    expect(byLine[13].errors).toEqual(["row.columns", "body.required", "jurisdiction.required"]);
    expect(byLine[14]).toBeUndefined();
    expect(report.summary).toEqual({ rows: 12, create: 2, update: 1, unchanged: 0, errors: 9, noContact: 1 });

    // Through the page: the same report, translated, and no Import button for a file with errors.
    const response = await upload(csv, "check");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("12 rows: 2 to create, 1 to update, 0 unchanged, 9 with errors.");
    expect(html).toContain("1 with no contact yet.");
    expect(html).toContain("The same e-mail address is already on line 2.");
    expect(html).toContain("No e-mail or contact URL: imported with no contact yet");
    expect(html).not.toContain('name="csv"');
    expect(await count("lawmakers")).toBe(before);
    expect(await count("audit_log")).toBe(audits);
  });

  it("offers the Import button with the checked file when every row is right", async () => {
    const response = await upload(
      `${HEADER}\nA Person,MP,Parliament,FR,,,a.person@example.org,,,2026-01-01\n`,
      "check",
    );
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("1 row: 1 to create, 0 to update, 0 unchanged, 0 with errors.");
    expect(html).toMatch(/name="csv" value="[A-Za-z0-9+/=]+"/);
    expect(await db.selectFrom("lawmakers").select("id").where("name", "=", "A Person").executeTakeFirst()).toBe(
      undefined,
    );
  });
});

describe("import", () => {
  it("writes nothing when one row is wrong, and everything in one go when none is", async () => {
    const before = await count("lawmakers");
    const bad = `${HEADER}\nAll Or One,MP,Parliament,FR,,,all.or.one@example.org,,,\nBroken,MP,Parliament,FR,,,nope,,,\n`;
    const refused = await upload(bad, "import");
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain("Nothing was imported");
    expect(html).toContain("The e-mail address is not valid.");
    expect(await count("lawmakers")).toBe(before);

    const good = bad.replace(",nope,", ",broken@example.org,");
    expect(await importFile(good)).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(await count("lawmakers")).toBe(before + 2);
    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "after_json"])
      .where("action", "=", "lawmaker.import")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    const after = JSON.parse(audit.after_json!) as { created_ids: number[] };
    expect(after).toMatchObject({ rows: 2, created: 2, updated: 0 });
    const created = await db
      .selectFrom("lawmakers")
      .select("id")
      .where("email", "in", ["all.or.one@example.org", "broken@example.org"])
      .execute();
    expect(after.created_ids.sort()).toEqual(created.map((row) => row.id).sort());
    const page = await (await staff.get("/lawmakers/import?created=2&updated=0&unchanged=0&ms=120")).text();
    expect(page).toContain("Import done in 0.1 s: 2 lawmakers created, 0 updated, 0 unchanged.");
  });

  it("updates on re-import instead of duplicating: by e-mail first, else by name + body + jurisdiction", async () => {
    const first = [
      HEADER,
      "Ana Souza,Deputada,Câmara dos Deputados,BR,SP,PT,ana.souza@example.org,,,2026-01-10",
      "Bruno Lima,Deputado,Câmara dos Deputados,BR,RJ,PL,,https://example.org/bruno,,2026-01-10",
    ].join("\n");
    const before = await count("lawmakers");
    expect(await importFile(first)).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(await importFile(first)).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    const second = [
      HEADER,
      // Renamed, same e-mail (case differs): matched by e-mail.
      "Ana Souza Martins,Deputada,Câmara dos Deputados,BR,SP,PT,Ana.Souza@example.org,,,2026-02-01",
      // Same name, body, jurisdiction (case and accents aside), new party and an e-mail now.
      "BRUNO LIMA,Deputado,Camara dos Deputados,br,RJ,Novo,bruno.lima@example.org,https://example.org/bruno,,2026-02-01",
    ].join("\n");
    const report = await checkImport(second);
    expect(report.rows.map((r) => [r.action, r.changes])).toEqual([
      ["update", ["name", "verified_on"]],
      ["update", ["name", "body", "party", "email", "verified_on"]],
    ]);
    expect(await importFile(second)).toMatchObject({ created: 0, updated: 2, unchanged: 0 });
    expect(await count("lawmakers")).toBe(before + 2);
    const ana = await db
      .selectFrom("lawmakers")
      .selectAll()
      .where("email_normalised", "=", "ana.souza@example.org")
      .executeTakeFirstOrThrow();
    expect(ana).toMatchObject({ name: "Ana Souza Martins", verified_on: "2026-02-01" });
    expect(ana.search_text).toContain("ana souza martins");
    const bruno = await db
      .selectFrom("lawmakers")
      .selectAll()
      .where("email_normalised", "=", "bruno.lima@example.org")
      .executeTakeFirstOrThrow();
    expect(bruno).toMatchObject({ party: "Novo", jurisdiction_code: "BR" });
    // The update is audited with what changed.
    const audit = await db
      .selectFrom("audit_log")
      .select(["before_json", "after_json"])
      .where("action", "=", "lawmaker.import_update")
      .where("entity_id", "=", String(bruno.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!)).toMatchObject({ party: "PL", email: null });
    expect(JSON.parse(audit.after_json!)).toMatchObject({ party: "Novo", email: "bruno.lima@example.org" });

    // An empty e-mail cell keeps the known address (public lists often leave it out).
    const third = second.replace(",bruno.lima@example.org,", ",,");
    expect((await checkImport(third)).summary).toMatchObject({ create: 0, update: 0, unchanged: 2 });
  });

  it("refuses two rows that would update the same lawmaker, and an ambiguous name", async () => {
    await importFile(
      [
        HEADER,
        "Chris Doe,MP,Assembly,GH,North,,chris.north@example.org,,,2026-01-01",
        "Chris Doe,MP,Assembly,GH,South,,chris.south@example.org,,,2026-01-01",
        "Dana Roe,MP,Assembly,GH,East,,dana@example.org,,,2026-01-01",
      ].join("\n"),
    );
    const report = await checkImport(
      [
        HEADER,
        "Chris Doe,MP,Assembly,GH,West,,,https://example.org/chris,,2026-01-01",
        "Dana Roe,MP,Assembly,GH,East,,dana@example.org,,,2026-03-01",
        "Dana Roe,MP,Assembly,GH,East,,dana.new@example.org,,,2026-03-01",
      ].join("\n"),
    );
    expect(report.rows.map((r) => r.errors)).toEqual([["row.ambiguous"], [], ["row.same_lawmaker"]]);
    expect(report.rows[2].duplicateOf).toBe(3);
  });
});
