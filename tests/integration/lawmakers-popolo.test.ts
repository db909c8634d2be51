/** Lawmakers from Popolo JSON through the real import route, and their divisions in the directory and the API. */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { ROOT } from "../support/paths";

const FIXTURE = fs.readFileSync(path.join(ROOT, "tests/fixtures/popolo-wa-house.json"), "utf8");
const BODY = "Washington House of Representatives";

let server: TestServer;
let staff: Client;
let anonymous: Client;

beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "10.47.0.1");
  anonymous = new Client(server.url, "10.47.0.2");
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

/** The page's text with React's empty comment nodes taken out. */
const plain = async (response: Response) => (await response.text()).replaceAll("<!-- -->", "");

function upload(json: string, intent: "check" | "import", fields: Record<string, string> = {}, name = "wa-house.json") {
  const form = new FormData();
  form.set("intent", intent);
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  form.set("file", new File([json], name, { type: "application/json" }));
  return staff.request("/lawmakers/import", { method: "POST", body: form });
}

async function importFile(json: string, fields: Record<string, string> = {}) {
  const response = await upload(json, "import", fields);
  expect(response.status, await response.clone().text()).toBe(302);
  const params = new URL(response.headers.get("location") ?? "", server.url).searchParams;
  const n = (key: string) => Number(params.get(key));
  return { created: n("created"), updated: n("updated"), unchanged: n("unchanged"), noContact: n("no_contact") };
}

const houseMembers = () => db.selectFrom("lawmakers").selectAll().where("body", "=", BODY).orderBy("name").execute();

describe("a Popolo file", () => {
  it("is detected, previewed, imported once, and a re-import changes nothing", async () => {
    const before = await count("lawmakers");
    const audits = await count("audit_log");
    const checked = await upload(FIXTURE, "check");
    expect(checked.status).toBe(200);
    const html = await plain(checked);
    expect(html).toContain(
      `Popolo JSON: 5 persons in the file; the current members of ${BODY} (US) are read as rows; 1 without a current membership are left out.`,
    );
    expect(html).toContain("4 rows: 4 to create, 0 to update, 0 unchanged, 0 with errors. 1 with no contact yet.");
    expect(html).toContain("Chen Morales");
    expect(html).not.toContain("Dana Whitfield");
    // The dry run wrote nothing, and its Import button carries the file and how to read it.
    expect(await count("lawmakers")).toBe(before);
    expect(await count("audit_log")).toBe(audits);

    expect(await importFile(FIXTURE)).toEqual({ created: 4, updated: 0, unchanged: 0, noContact: 1 });
    const members = await houseMembers();
    expect(members.map((m) => m.name)).toEqual(["Ada Okonkwo", "Bruno Lindqvist", "Chen Morales", "Eitan Baptiste"]);
    expect(members[0]).toMatchObject({
      title: null,
      jurisdiction_code: "US",
      constituency: "District 1",
      party: "Democratic",
      email: "ada.okonkwo@leg.example.org",
      contact_url: null,
      source_url: "https://leg.example.org/house/members/1",
      verified_on: "2026-09-01",
      ocd_division_id: "ocd-division/country:us/state:wa/sldl:1",
    });
    // Stored lower-cased, as the CSV path does.
    expect(members[1]).toMatchObject({ email: "bruno.lindqvist@leg.example.org", party: "Republican" });
    // No contact: imported, flagged "no contact yet" like a CSV row.
    expect(members[2]).toMatchObject({
      email: null,
      contact_url: null,
      ocd_division_id: "ocd-division/country:us/state:wa/sldl:3",
    });
    const directory = await (await staff.get("/lawmakers?needs_contact=1&q=Chen+Morales")).text();
    expect(directory.replaceAll("<!-- -->", "")).toContain("1 lawmaker matches.");
    expect(directory).toContain("No contact yet");
    expect(members[3]).toMatchObject({
      title: "Representative",
      constituency: "District 4",
      contact_url: "https://leg.example.org/house/members/5/contact",
    });
    const audit = await db
      .selectFrom("audit_log")
      .select("after_json")
      .where("action", "=", "lawmaker.import")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? "{}")).toMatchObject({
      format: "popolo",
      legislature: "a1b2c3d4-0000-4000-8000-000000000001",
      created: 4,
    });

    expect(await importFile(FIXTURE)).toEqual({ created: 0, updated: 0, unchanged: 4, noContact: 1 });
    expect(await count("lawmakers")).toBe(before + 4);

    // A later file: Bruno changes party; the CSV rules update, not duplicate.
    const later = FIXTURE.replace(
      '"area_id": "area/wa-house-2",\n      "legislative_period_id": "term/69",\n      "on_behalf_of_id": "party/republican"',
      '"area_id": "area/wa-house-2",\n      "legislative_period_id": "term/69",\n      "on_behalf_of_id": "party/democratic"',
    );
    expect(later).not.toBe(FIXTURE);
    expect(await importFile(later)).toMatchObject({ created: 0, updated: 1, unchanged: 3 });
    expect((await houseMembers())[1].party).toBe("Democratic");
  });

  it("is read as Popolo when the form says so, and refused as such when it is not JSON", async () => {
    const refused = await upload("name,title\nx,y\n", "check", { format: "popolo" }, "list.csv");
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("The file is not valid JSON.");
    // Said to be CSV, a JSON file is read as CSV (and has none of the columns).
    const asCsv = await upload(FIXTURE, "check", { format: "csv" });
    expect(await asCsv.text()).toContain("The first line lacks the columns");
  });

  it("asks for the legislature when there are several, and imports the one named", async () => {
    const file = JSON.parse(FIXTURE) as { organizations: unknown[]; persons: Array<Record<string, unknown>> };
    file.organizations.push({ id: "senate/wa", name: "Washington State Senate", classification: "legislature" });
    const json = JSON.stringify(file);
    const asked = await upload(json, "check");
    expect(asked.status).toBe(400);
    expect(await asked.text()).toContain(
      "The Popolo file has several legislatures: write one&#x27;s id or name in Legislature and check again. In the file: Washington House of Representatives (a1b2c3d4-0000-4000-8000-000000000001); Washington State Senate (senate/wa).",
    );
    const named = await upload(json, "check", { legislature: BODY });
    expect(named.status).toBe(200);
    const html = await plain(named);
    // Nothing new: the same members (one of them changed party in the previous test's later file).
    expect(html).toContain("4 rows: 0 to create");
    expect(html).toMatch(/<input type="hidden" name="legislature" value="Washington House of Representatives"\/>/);
  });

  it("skips invalid persons and gives them back as CSV of our columns, or refuses the whole file", async () => {
    const file = JSON.parse(FIXTURE) as {
      persons: Array<Record<string, unknown>>;
      areas: Array<Record<string, unknown>>;
      posts: Array<Record<string, unknown>>;
    };
    file.persons[0].name = "Ada Okonkwo\r\nBcc: everyone@example.org";
    file.persons[0].email = "skip.ada@leg.example.org";
    file.persons[1].name = "<img src=x onerror=alert(1)> Bruno";
    file.persons[1].contact_details = [{ type: "email", value: "skip.bruno@leg.example.org" }];
    file.persons[2].name = { first: "Chen" };
    file.areas[3].id = "ocd-division/country:us/state:WA/sldl:4";
    file.posts[0].area_id = file.areas[3].id;
    const json = JSON.stringify(file);
    const before = await count("lawmakers");
    const audits = await count("audit_log");

    const all = await upload(json, "import");
    expect(all.status).toBe(400);
    const refusal = await plain(all);
    expect(refusal).toContain("Nothing was imported");
    expect(refusal).toContain("The name contains a line break.");
    expect(refusal).toContain("This person&#x27;s entry has a value of the wrong type, or too long.");
    // An area id in capitals is not taken for a division (Eitan's post points at it).
    expect(refusal).toContain("the division is left empty");
    expect(refusal).toContain("&lt;img src=x onerror=alert(1)&gt; Bruno");
    expect(refusal).not.toContain("<img src=x");
    expect(await count("lawmakers")).toBe(before);
    expect(await count("audit_log")).toBe(audits);

    const skipping = await upload(json, "import", { mode: "skip" });
    expect(skipping.status).toBe(200);
    const done = await plain(skipping);
    expect(done).toContain("2 skipped.");
    const href = /href="(data:text\/csv;charset=utf-8;base64,[^"]+)"/.exec(done)?.[1] ?? "";
    const csv = Buffer.from(href.split(",")[1] ?? "", "base64")
      .toString("utf8")
      .replace(/^\uFEFF/, "");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "name,title,body,jurisdiction,constituency,party,email,contact_url,source_url,verified_on,ocd_division_id,errors",
    );
    expect(lines).toHaveLength(4); // the header, Ada's two physical lines, Chen
    expect(csv).toContain("The name contains a line break.");
    expect(csv).toContain("7f3c2a10-1d4e-4b8a-9c61-0a2b3c4d5e03");
    // HTML in a name is text, as in a CSV: stored as given (a new lawmaker: new name, new e-mail).
    const bruno = await db
      .selectFrom("lawmakers")
      .selectAll()
      .where("email", "=", "skip.bruno@leg.example.org")
      .executeTakeFirst();
    expect(bruno?.name).toBe("<img src=x onerror=alert(1)> Bruno");
    const eitan = await db
      .selectFrom("lawmakers")
      .selectAll()
      .where("name", "=", "Eitan Baptiste")
      .executeTakeFirstOrThrow();
    // The known division stays when a file gives none.
    expect(eitan.ocd_division_id).toBe("ocd-division/country:us/state:wa/sldl:4");
  });

  it("refuses hostile files as a whole, writing nothing", async () => {
    const before = await count("lawmakers");
    const audits = await count("audit_log");
    const cases: Array<[string, string]> = [
      ['{"persons": [], "__proto__": {"admin": true}}', "a key named __proto__, constructor or prototype"],
      [`{"persons": ${"[".repeat(10_000)}${"]".repeat(10_000)}}`, "nested too deeply"],
      ['{"persons": [{"id": 1}], "memberships": {"x": 1}}', "at memberships."],
      ['{"persons": "everyone"}', "at persons."],
      ["[1, 2, 3]", "it has no persons list"],
      ['{"persons": [', "The file is not valid JSON."],
      [`{"persons": [], "organizations": [{"id": "o", "name": "${"x".repeat(50_000)}"}]}`, "at organizations[0].name."],
      [
        `{"persons": [${Array.from({ length: 20_001 }, (_, i) => `{"id":"p${i}"}`).join(",")}]}`,
        "more than 20,000 rows",
      ],
    ];
    for (const [json, message] of cases) {
      for (const mode of ["all", "skip"]) {
        const response = await upload(json, "import", { mode });
        expect(response.status, message).toBe(400);
        expect(await response.text(), message).toContain(message);
      }
    }
    const tooLarge = await upload(`{"persons": [], "x": "${"x".repeat(4 * 1024 * 1024)}"}`, "check");
    expect(tooLarge.status).toBe(400);
    expect(await tooLarge.text()).toContain("The file is larger than the limit (4 MB).");
    expect(await count("lawmakers")).toBe(before);
    expect(await count("audit_log")).toBe(audits);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});

describe("divisions in the directory and the API", () => {
  type Api = { data: Array<{ name: string; ocd_division_id: string | null }>; meta: { total: number } };
  const api = async (query: string) => {
    const response = await anonymous.get(`/api/v1/lawmakers?${query}`);
    return { status: response.status, body: (await response.json()) as Api & { parameters?: Record<string, string> } };
  };

  it("filters on one division exactly, or on a division and everything inside it", async () => {
    const exact = await api("ocd_division_id=ocd-division/country:us/state:wa/sldl:3");
    expect(exact.status).toBe(200);
    expect(exact.body.data.map((l) => l.ocd_division_id)).toEqual(["ocd-division/country:us/state:wa/sldl:3"]);

    const wa = await api(`ocd_division_prefix=${encodeURIComponent("ocd-division/country:us/state:wa")}&per_page=100`);
    const expected = await db
      .selectFrom("lawmakers")
      .select("ocd_division_id")
      .where((eb) =>
        eb.or([
          eb("ocd_division_id", "=", "ocd-division/country:us/state:wa"),
          eb("ocd_division_id", "like", "ocd-division/country:us/state:wa/%"),
        ]),
      )
      .execute();
    // The demo's WA senators and districts, and the imported state house.
    expect(wa.body.meta.total).toBe(expected.length);
    expect(wa.body.data.some((l) => l.ocd_division_id === "ocd-division/country:us/state:wa")).toBe(true);
    expect(wa.body.data.some((l) => l.ocd_division_id === "ocd-division/country:us/state:wa/sldl:1")).toBe(true);
    expect(wa.body.data.every((l) => /^ocd-division\/country:us\/state:wa(\/|$)/.test(l.ocd_division_id ?? ""))).toBe(
      true,
    );

    // Whole segments: state:w is not a prefix of state:wa; a LIKE wildcard is literal.
    expect((await api("ocd_division_prefix=ocd-division/country:us/state:w")).body.meta.total).toBe(0);
    expect((await api("ocd_division_prefix=ocd-division/country:us/state:w_")).body.meta.total).toBe(0);

    const bad = await api("ocd_division_prefix=state:wa");
    expect(bad.status).toBe(400);
    expect(bad.body.parameters?.ocd_division_prefix).toContain("Open Civic Data division id");

    // The staff directory has the same filter.
    const page = await (
      await staff.get(
        `/lawmakers?ocd_division_prefix=${encodeURIComponent("ocd-division/country:us/state:wa")}&body=${encodeURIComponent(BODY)}`,
      )
    ).text();
    const house = await db
      .selectFrom("lawmakers")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("body", "=", BODY)
      .where("ocd_division_id", "like", "ocd-division/country:us/state:wa/%")
      .executeTakeFirstOrThrow();
    expect(Number(house.n)).toBeGreaterThanOrEqual(4);
    expect(page.replaceAll("<!-- -->", "")).toContain(`${house.n} lawmakers match.`);
  });

  it("is edited on the lawmaker's page, checked against the jurisdiction", async () => {
    const ada = await db
      .selectFrom("lawmakers")
      .selectAll()
      .where("name", "=", "Ada Okonkwo")
      .executeTakeFirstOrThrow();
    const html = await (await staff.get(`/lawmakers/${ada.id}`)).text();
    expect(html).toContain('value="ocd-division/country:us/state:wa/sldl:1"');
    const form = (ocd: string) => ({
      name: ada.name,
      body: ada.body,
      jurisdiction: "US",
      email: ada.email ?? "",
      ocdDivisionId: ocd,
    });
    const wrong = await staff.post(`/lawmakers/${ada.id}`, form("ocd-division/country:ca/province:on"));
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("This division is in another country than the lawmaker");
    const malformed = await staff.post(`/lawmakers/${ada.id}`, form("WA-1"));
    expect(malformed.status).toBe(400);
    expect(await malformed.text()).toContain("Write an Open Civic Data division id");
    const saved = await staff.post(`/lawmakers/${ada.id}`, form("ocd-division/country:us/state:wa/sldl:10"));
    expect(saved.status).toBe(302);
    const after = await db
      .selectFrom("lawmakers")
      .select("ocd_division_id")
      .where("id", "=", ada.id)
      .executeTakeFirstOrThrow();
    expect(after.ocd_division_id).toBe("ocd-division/country:us/state:wa/sldl:10");
    const audit = await db
      .selectFrom("audit_log")
      .select(["before_json", "after_json"])
      .where("action", "=", "lawmaker.update")
      .where("entity_id", "=", String(ada.id))
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? "{}")).toMatchObject({
      ocd_division_id: "ocd-division/country:us/state:wa/sldl:10",
    });
  });

  it("gives a country's own division in the jurisdictions API", async () => {
    const us = (await (await anonymous.get("/api/v1/jurisdictions/US")).json()) as Record<string, unknown>;
    expect(us.ocd_division_id).toBe("ocd-division/country:us");
  });
});
