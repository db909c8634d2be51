/** The staff lawmaker directory, the edit page, the open-data API and the lookups for campaigns. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staleBefore } from "../../app/features/lawmakers/constants";
import { getLawmaker, listJurisdictionBodies } from "../../app/features/lawmakers/lawmakers.server";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
let staff: Client;
let anonymous: Client;

beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "10.47.0.1");
  await staff.login(DEMO.staff);
  anonymous = new Client(server.url, "10.47.0.2");
});
afterAll(() => server.close());

/** The directory's table rows as text, one string per lawmaker (tags stripped). */
function tableRows(html: string): string[] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
    m[1]
      .replace(/<[^>]+>/g, " ")
      .replace(/\s+/g, " ")
      .trim(),
  );
}

function matching(html: string): number {
  const match = /([\d,]+) lawmakers? match/.exec(html);
  expect(match, "the count line").not.toBeNull();
  return Number(match![1].replace(/,/g, ""));
}

describe("the staff directory", () => {
  it("lists every lawmaker with counts, and flags the stale ones in words", async () => {
    const all = await db.selectFrom("lawmakers").selectAll().execute();
    const cutoff = staleBefore();
    const stale = all.filter((l) => !l.verified_on || l.verified_on < cutoff);
    expect(stale.length).toBeGreaterThan(0);
    expect(stale.length).toBeLessThan(all.length);

    const html = await (await staff.get("/lawmakers?per_page=100")).text();
    expect(matching(html)).toBe(all.length);
    expect(html).toContain(`not verified since ${cutoff}`);
    const rows = tableRows(html);
    expect(rows).toHaveLength(all.length);
    for (const lawmaker of all) {
      const row = rows.find((r) => r.includes(lawmaker.name));
      expect(row, lawmaker.name).toBeDefined();
      expect(row!.includes("Stale"), `${lawmaker.name} verified ${lawmaker.verified_on}`).toBe(
        stale.includes(lawmaker),
      );
    }
    // The flag is text, tied to the explanation for screen readers.
    expect(html).toMatch(/<span class="badge badge-pending" aria-describedby="stale-explained">Stale<\/span>/);

    const onlyStale = await (await staff.get("/lawmakers?stale=1&per_page=100")).text();
    expect(matching(onlyStale)).toBe(stale.length);
    expect(tableRows(onlyStale).every((r) => r.includes("Stale"))).toBe(true);
  });

  it("filters by jurisdiction, body, party, search and contact-form-only, and paginates", async () => {
    const count = async (where: (q: ReturnType<typeof base>) => ReturnType<typeof base>) =>
      Number(
        (
          await where(base())
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const base = () => db.selectFrom("lawmakers");

    const senate = await count((q) => q.where("jurisdiction_code", "=", "US").where("body", "=", "Senate"));
    expect(senate).toBeGreaterThan(0);
    const html = await (await staff.get("/lawmakers?jurisdiction=US&body=Senate")).text();
    expect(matching(html)).toBe(senate);
    expect(tableRows(html).every((r) => r.includes("Senate"))).toBe(true);

    const formOnly = await count((q) => q.where("email", "is", null));
    const forms = await (await staff.get("/lawmakers?contact_form_only=1&per_page=100")).text();
    expect(matching(forms)).toBe(formOnly);
    expect(tableRows(forms).every((r) => r.includes("Contact form only"))).toBe(true);

    const greens = await count((q) => q.where("party", "=", "Greens/EFA"));
    expect(matching(await (await staff.get("/lawmakers?party=Greens%2FEFA")).text())).toBe(greens);

    // Search: constituency and name, accents and case folded.
    const nairobi = await (await staff.get("/lawmakers?q=NAIROBI")).text();
    expect(matching(nairobi)).toBe(1);
    expect(tableRows(nairobi)[0]).toContain("Nairobi West");
    const someone = await db.selectFrom("lawmakers").select("name").orderBy("id").executeTakeFirstOrThrow();
    const byName = await (await staff.get(`/lawmakers?q=${encodeURIComponent(someone.name.slice(0, 8))}`)).text();
    expect(tableRows(byName).some((r) => r.includes(someone.name))).toBe(true);
    // LIKE's wildcards are literal.
    expect(matching(await (await staff.get("/lawmakers?q=%25")).text())).toBe(0);

    const total = await count((q) => q);
    const page1 = tableRows(await (await staff.get("/lawmakers?per_page=10")).text());
    const page2 = tableRows(await (await staff.get("/lawmakers?per_page=10&page=2")).text());
    expect(page1).toHaveLength(10);
    expect(page2.length).toBe(Math.min(10, total - 10));
    expect(page1.some((r) => page2.includes(r))).toBe(false);
    // A bad filter value is dropped, not a failure.
    expect((await staff.get("/lawmakers?jurisdiction=%3Cx%3E&page=-1")).status).toBe(200);
  });
});

describe("in French", () => {
  it("translates the directory, the import report and the edit page, with no key left raw", async () => {
    const french = { "Accept-Language": "fr" };
    const directory = await (await staff.get("/lawmakers?stale=1", french)).text();
    expect(directory).toContain("Parlementaires");
    expect(directory).toContain("À revérifier");
    const lawmaker = await db.selectFrom("lawmakers").select("id").executeTakeFirstOrThrow();
    const edit = await (await staff.get(`/lawmakers/${lawmaker.id}`, french)).text();
    expect(edit).toContain("Retour aux parlementaires");
    const form = new FormData();
    form.set("intent", "check");
    form.set(
      "file",
      new File(
        ["name,title,body,jurisdiction,constituency,party,email,contact_url,source_url,verified_on\nX,,A,XX,,,,,,\n"],
        "x.csv",
      ),
    );
    const report = await (
      await staff.request("/lawmakers/import", { method: "POST", body: form, headers: french })
    ).text();
    expect(report).toContain("Juridiction inconnue");
    expect(report).toContain("Tout ou rien : ne rien importer");
    for (const html of [directory, edit, report])
      expect(html).not.toMatch(/>(directory|import|form|columns)\.[a-z_.]+</i);
  });
});

describe("editing a lawmaker", () => {
  it("saves a valid form, audits the change and keeps the search text current", async () => {
    const lawmaker = await db
      .selectFrom("lawmakers")
      .selectAll()
      .where("jurisdiction_code", "=", "KE")
      .executeTakeFirstOrThrow();
    const form = {
      name: "Wanjiku Otieno",
      title: "Member of Parliament",
      body: lawmaker.body,
      jurisdiction: "KE",
      constituency: "Westlands",
      party: "",
      email: "W.Otieno@Example.org",
      contactUrl: "",
      sourceUrl: "https://example.org/parliament",
      verifiedOn: new Date().toISOString().slice(0, 10),
    };
    const response = await staff.post(`/lawmakers/${lawmaker.id}`, form);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`/lawmakers/${lawmaker.id}?saved=1`);
    const after = await db.selectFrom("lawmakers").selectAll().where("id", "=", lawmaker.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      name: "Wanjiku Otieno",
      constituency: "Westlands",
      party: null,
      email: "w.otieno@example.org",
      email_normalised: "w.otieno@example.org",
    });
    expect(after.search_text).toContain("westlands");
    const audit = await db
      .selectFrom("audit_log")
      .select(["before_json", "after_json"])
      .where("action", "=", "lawmaker.update")
      .where("entity_id", "=", String(lawmaker.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.before_json!)).toMatchObject({ name: lawmaker.name });
    expect(JSON.parse(audit.after_json!)).toMatchObject({ name: "Wanjiku Otieno" });
    const page = await (await staff.get(`/lawmakers/${lawmaker.id}?saved=1`)).text();
    expect(page).toContain("Saved.");
    expect(page).not.toContain("Stale");
  });

  it("refuses bad input with field messages and writes nothing", async () => {
    const [one, other] = await db.selectFrom("lawmakers").selectAll().where("email", "is not", null).limit(2).execute();
    const valid = {
      name: one.name,
      title: one.title ?? "",
      body: one.body,
      jurisdiction: one.jurisdiction_code,
      constituency: one.constituency ?? "",
      party: one.party ?? "",
      email: one.email ?? "",
      contactUrl: one.contact_url ?? "",
      sourceUrl: one.source_url ?? "",
      verifiedOn: one.verified_on ?? "",
    };
    const cases: Array<[Record<string, string>, string]> = [
      [{ email: "nope" }, "Enter a valid e-mail address"],
      [{ contactUrl: "javascript:alert(1)" }, ""],
      [{ verifiedOn: "2026-02-30" }, ""],
      [{ name: "" }, ""],
      [{ name: "Two\r\nlines" }, ""],
      [{ jurisdiction: "XX" }, ""],
      [{ email: other.email!.toUpperCase() }, "Another lawmaker already has this e-mail address."],
    ];
    for (const [change, message] of cases) {
      const response = await staff.post(`/lawmakers/${one.id}`, { ...valid, ...change });
      expect(response.status, JSON.stringify(change)).toBe(400);
      if (message) expect(await response.text()).toContain(message);
    }
    const after = await db.selectFrom("lawmakers").selectAll().where("id", "=", one.id).executeTakeFirstOrThrow();
    expect(after).toEqual(one);
    const chapterLead = new Client(server.url, "10.47.0.3");
    await chapterLead.login(DEMO.chapter_lead);
    expect((await chapterLead.post(`/lawmakers/${one.id}`, { ...valid, name: "Hijacked" })).status).toBe(403);
    expect((await getLawmaker(one.id))?.name).toBe(one.name);
  });
});

describe("GET /api/v1/lawmakers", () => {
  it("publishes exactly the contract: official contact as url, nothing else", async () => {
    const response = await anonymous.get("/api/v1/lawmakers?jurisdiction=US&body=Senate&per_page=5");
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    const body = (await response.json()) as {
      data: Array<Record<string, unknown>>;
      meta: Record<string, unknown>;
    };
    expect(Object.keys(body)).toEqual(["data", "meta"]);
    const senators = await db
      .selectFrom("lawmakers")
      .selectAll()
      .where("jurisdiction_code", "=", "US")
      .where("body", "=", "Senate")
      .orderBy("name")
      .orderBy("id")
      .execute();
    expect(body.meta).toEqual({ page: 1, per_page: 5, total: senators.length });
    expect(body.data).toHaveLength(5);
    for (const item of body.data) {
      expect(Object.keys(item).sort()).toEqual(
        ["body", "constituency", "id", "jurisdiction", "name", "ocd_division_id", "party", "title", "url"].sort(),
      );
      const row = senators.find((s) => s.id === item.id)!;
      expect(item).toEqual({
        id: row.id,
        name: row.name,
        title: row.title,
        body: "Senate",
        jurisdiction: "US",
        constituency: row.constituency,
        party: row.party,
        ocd_division_id: row.ocd_division_id,
        url: row.contact_url ?? `mailto:${row.email}`,
      });
    }
    expect(body.data.map((d) => d.name)).toEqual(senators.slice(0, 5).map((s) => s.name));
    // Only an e-mail: the url is mailto:.
    const kenya = (await (await anonymous.get("/api/v1/lawmakers?jurisdiction=KE")).json()) as {
      data: Array<{ url: string }>;
    };
    expect(kenya.data.length).toBeGreaterThan(0);
    expect(kenya.data.every((d) => d.url.startsWith("mailto:") && d.url.endsWith("@example.org"))).toBe(true);
    const page2 = (await (
      await anonymous.get("/api/v1/lawmakers?jurisdiction=US&body=Senate&per_page=5&page=2")
    ).json()) as {
      data: Array<{ id: number }>;
      meta: { page: number };
    };
    expect(page2.meta.page).toBe(2);
    expect(page2.data.map((d) => d.id)).toEqual(senators.slice(5, 10).map((s) => s.id));
  });

  it("answers 400 naming each bad parameter", async () => {
    const cases: Array<[string, string[]]> = [
      ["jurisdiction=USA", ["jurisdiction"]],
      ["per_page=1000", ["per_page"]],
      ["page=0", ["page"]],
      ["stale=1", ["stale"]],
      ["colour=red&page=x", ["colour", "page"]],
      [`body=${"b".repeat(300)}`, ["body"]],
      ["__proto__=1", ["__proto__"]],
    ];
    for (const [query, names] of cases) {
      const response = await anonymous.get(`/api/v1/lawmakers?${query}`);
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { error: string; parameters: Record<string, string> };
      expect(body.error).toBe("invalid_parameters");
      expect(Object.keys(body.parameters).sort()).toEqual(names.sort());
    }
  });
});

describe("lookups for letter campaigns", () => {
  it("lists jurisdiction + body pairs with counts, and finds one lawmaker", async () => {
    const pairs = await listJurisdictionBodies();
    const rows = await db.selectFrom("lawmakers").select(["jurisdiction_code", "body"]).execute();
    expect(pairs.reduce((sum, p) => sum + p.count, 0)).toBe(rows.length);
    const us = pairs.find((p) => p.jurisdiction === "US" && p.body === "Senate");
    expect(us?.count).toBe(rows.filter((r) => r.jurisdiction_code === "US" && r.body === "Senate").length);
    expect(await getLawmaker(999_999)).toBeUndefined();
  });
});
