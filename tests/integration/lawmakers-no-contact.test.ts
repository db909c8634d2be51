/**
 * Lawmakers with no contact yet (no e-mail, no contact form): imported flagged, listed with a
 * "needs contact" filter, left out of campaigns until a later import or an edit gives a contact;
 * and the two import modes: all or nothing, or the valid rows with the others given back as CSV.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  candidateLawmakers,
  listLawmakersForPicker,
  recipientsForSender,
} from "../../app/features/campaigns/recipients.server";
import { lawmakerCounts, listLawmakers } from "../../app/features/lawmakers/lawmakers.server";
import { parseCsv } from "../../app/lib/csv-import.server";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { createListCampaign } from "../support/campaign-factory";

const HEADER = "name,title,body,jurisdiction,constituency,party,email,contact_url,source_url,verified_on";

let server: TestServer;
let staff: Client;
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "10.46.0.1");
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

function upload(csv: string, intent: "check" | "import", mode?: "all" | "skip") {
  const form = new FormData();
  form.set("intent", intent);
  if (mode) form.set("mode", mode);
  form.set("file", new File([csv], "lawmakers.csv", { type: "text/csv" }));
  return staff.request("/lawmakers/import", { method: "POST", body: form });
}

const byName = (name: string) => db.selectFrom("lawmakers").selectAll().where("name", "=", name).executeTakeFirst();

/** The skipped rows' CSV from the result page's download link (a data: URL). */
function skippedCsvOf(html: string): { text: string; records: string[][] } {
  const match = /href="data:text\/csv;charset=utf-8;base64,([A-Za-z0-9+/=]+)"/.exec(html);
  expect(match, "a download link with the skipped rows").not.toBeNull();
  const text = Buffer.from(match![1], "base64").toString("utf8");
  return { text, records: parseCsv(text.replace(/^\uFEFF/, "")).map((record) => record.cells) };
}

describe("a row with no e-mail and no contact URL", () => {
  it("is imported flagged, shown in the list and on its page, and found by the needs-contact filter", async () => {
    const name = `Newly Elected ${run}`;
    const csv = `${HEADER}\n${name},Representative,House of Representatives,US,WA-11,,,,,\n`;
    const check = await (await upload(csv, "check")).text();
    expect(check).toContain("1 row: 1 to create, 0 to update, 0 unchanged, 0 with errors.");
    expect(check).toContain("1 with no contact yet.");
    expect(check).toContain("No e-mail or contact URL: imported with no contact yet");

    const response = await upload(csv, "import");
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!, server.url);
    expect(location.searchParams.get("no_contact")).toBe("1");
    const done = await (await staff.get(location.pathname + location.search)).text();
    expect(done).toContain("1 lawmaker has no contact yet.");

    const lawmaker = (await byName(name))!;
    expect(lawmaker).toMatchObject({ email: null, contact_url: null, constituency: "WA-11" });

    const filtered = await listLawmakers({ needs_contact: "1", per_page: 100, q: run });
    expect(filtered.rows.map((row) => row.name)).toEqual([name]);
    const withContact = await listLawmakers({ contact_form_only: "1", per_page: 100, q: run });
    expect(withContact.rows).toEqual([]);
    const counts = await lawmakerCounts();
    expect(counts.needsContact).toBeGreaterThanOrEqual(1);

    const list = await (await staff.get(`/lawmakers?needs_contact=1&q=${encodeURIComponent(run)}`)).text();
    expect(list).toContain("1 lawmaker matches.");
    expect(list).toContain(name);
    expect(list).toContain("No contact yet");
    expect(list).toMatch(/<input[^>]*name="needs_contact"[^>]*checked/);
    const everyone = await (await staff.get(`/lawmakers?q=${encodeURIComponent(run)}`)).text();
    expect(everyone).toContain("No contact yet");
    const page = await (await staff.get(`/lawmakers/${lawmaker.id}`)).text();
    expect(page).toContain("No contact yet");
    expect(page).toContain("letter campaigns leave them out");
    const french = await (await staff.get(`/lawmakers?needs_contact=1&q=${run}`, { "Accept-Language": "fr" })).text();
    expect(french).toContain("Pas encore de contact");
  });

  it("loses the flag when a later import gives an e-mail, and keeps a known contact when a row gives none", async () => {
    const name = `Later Mail ${run}`;
    const bare = `${HEADER}\n${name},MP,National Assembly,KE,Kibra,,,,,\n`;
    expect((await upload(bare, "import")).status).toBe(302);
    expect((await listLawmakers({ needs_contact: "1", q: name })).total).toBe(1);

    const withMail = `${HEADER}\n${name},MP,National Assembly,KE,Kibra,,later.${run}@example.org,,,\n`;
    expect((await upload(withMail, "import")).status).toBe(302);
    expect((await listLawmakers({ needs_contact: "1", q: name })).total).toBe(0);
    expect(await byName(name)).toMatchObject({ email: `later.${run}@example.org` });

    // The bare row again: the lawmaker keeps the address, and so is still reachable.
    expect((await upload(bare, "check")).status).toBe(200);
    const again = await upload(bare, "import");
    expect(new URL(again.headers.get("location")!, server.url).searchParams.get("unchanged")).toBe("1");
    expect(await byName(name)).toMatchObject({ email: `later.${run}@example.org` });

    // A contact form and no e-mail on a lawmaker with neither: also kept by a bare row.
    const formName = `Later Form ${run}`;
    await upload(`${HEADER}\n${formName},MP,National Assembly,KE,,,,https://example.org/${run}/form,,\n`, "import");
    await upload(`${HEADER}\n${formName},MP,National Assembly,KE,,,,,,\n`, "import");
    expect(await byName(formName)).toMatchObject({ contact_url: `https://example.org/${run}/form` });
  });

  it("loses the flag when staff add a contact form on its page, and an edit may leave it without one", async () => {
    const name = `Edited Later ${run}`;
    await upload(`${HEADER}\n${name},MP,National Assembly,KE,Lang'ata,,,,,\n`, "import");
    const lawmaker = (await byName(name))!;
    const form = {
      name,
      title: "MP",
      body: "National Assembly",
      jurisdiction: "KE",
      constituency: "Lang'ata",
      party: "",
      email: "",
      contactUrl: "",
      sourceUrl: "",
      verifiedOn: "",
    };
    // Saving another change without a contact is allowed: the lawmaker stays flagged.
    expect((await staff.post(`/lawmakers/${lawmaker.id}`, { ...form, party: "Demo" })).status).toBe(302);
    expect(await byName(name)).toMatchObject({ party: "Demo", email: null, contact_url: null });
    expect(await (await staff.get(`/lawmakers/${lawmaker.id}`)).text()).toContain("No contact yet");

    const saved = await staff.post(`/lawmakers/${lawmaker.id}`, {
      ...form,
      contactUrl: `https://example.org/${run}/c`,
    });
    expect(saved.status).toBe(302);
    expect((await listLawmakers({ needs_contact: "1", q: name })).total).toBe(0);
    expect(await (await staff.get(`/lawmakers/${lawmaker.id}`)).text()).not.toContain("No contact yet");
  });
});

describe("campaign targets", () => {
  it("leave out lawmakers with no contact yet: by rule, by list, as fallback and in the pickers", async () => {
    const jurisdiction = "GH";
    const body = `Parliament ${run}`;
    await upload(
      [
        HEADER,
        `Reachable ${run},MP,${body},${jurisdiction},Accra-01,,reach.${run}@example.org,,,`,
        `By Form ${run},MP,${body},${jurisdiction},Accra-02,,,https://example.org/${run}/form,,`,
        `Unreachable ${run},MP,${body},${jurisdiction},Accra-01,,,,,`,
      ].join("\n"),
      "import",
    );
    const [reachable, byForm, unreachable] = await Promise.all(
      [`Reachable ${run}`, `By Form ${run}`, `Unreachable ${run}`].map(async (n) => (await byName(n))!),
    );
    const rule = {
      id: 0,
      target_mode: "rule" as const,
      rule_jurisdiction_code: jurisdiction,
      rule_body: body,
      rule_constituencies: null,
      sender_picks_constituency: 0,
      fallback_lawmaker_id: null,
    };
    expect((await candidateLawmakers(rule)).map((l) => l.id)).toEqual([byForm.id, reachable.id]);
    const inAccra = await recipientsForSender(
      { ...rule, sender_picks_constituency: 1 },
      { jurisdiction, constituency: "Accra-01" },
    );
    expect(inAccra.map((l) => l.id)).toEqual([reachable.id]);
    // The unreachable one is no fallback either: a sender with nobody to write to gets nobody.
    const nobody = await recipientsForSender(
      { ...rule, sender_picks_constituency: 1, fallback_lawmaker_id: unreachable.id },
      { jurisdiction, constituency: "Accra-09" },
    );
    expect(nobody).toEqual([]);

    const campaign = await createListCampaign([reachable.id, unreachable.id]);
    const listed = await candidateLawmakers({ ...rule, id: campaign.id, target_mode: "list" });
    expect(listed.map((l) => l.id)).toEqual([reachable.id]);
    const picker = (await listLawmakersForPicker()).map((l) => l.id);
    expect(picker).toContain(reachable.id);
    expect(picker).not.toContain(unreachable.id);

    // Once an import gives the unreachable one an address, the campaign writes to them too.
    await upload(
      `${HEADER}\nUnreachable ${run},MP,${body},${jurisdiction},Accra-01,,u.${run}@example.org,,,`,
      "import",
    );
    const now = await candidateLawmakers({ ...rule, id: campaign.id, target_mode: "list" });
    expect(now.map((l) => l.id).sort()).toEqual([reachable.id, unreachable.id].sort());
  });
});

describe("import modes", () => {
  const names = { good: `Good Row ${run}`, none: `No Contact Row ${run}`, bad: `Bad Row ${run}` };
  const csv = [
    `${HEADER},notes`,
    `${names.good},MP,Parliament,FR,Paris 1,,good.${run}@example.org,,,2026-01-01,keep`,
    `${names.none},MP,Parliament,FR,Paris 2,,,,,,`,
    `${names.bad},MP,Parliament,XX,Paris 3,,not-an-email,,,,"=HYPERLINK(""http://evil.example"")"`,
    `=1+1,MP,Parliament,FR,,,formula.${run}@example.org,,,,`,
  ].join("\n");

  it("all or nothing: a file with one invalid row is refused and nothing is written", async () => {
    const [lawmakers, audits] = [await count("lawmakers"), await count("audit_log")];
    const check = await (await upload(csv, "check", "all")).text();
    expect(check).toContain("4 rows: 2 to create, 0 to update, 0 unchanged, 2 with errors.");
    expect(check).toContain("Correct the rows with errors");
    expect(check).not.toContain('name="csv"');
    const refused = await upload(csv, "import", "all");
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Nothing was imported");
    expect(await count("lawmakers")).toBe(lawmakers);
    expect(await count("audit_log")).toBe(audits);
    // No mode at all is all or nothing too.
    expect((await upload(csv, "import")).status).toBe(400);
    expect(await count("lawmakers")).toBe(lawmakers);
  });

  it("skipping: the dry run offers to import the valid rows, and sends the mode back with the file", async () => {
    const html = await (await upload(csv, "check", "skip")).text();
    expect(html).toContain("The rows with errors will be skipped");
    expect(html).toContain("Import the valid rows (2 to create, 0 to update) and skip 2");
    expect(html).toMatch(/name="csv" value="[A-Za-z0-9+/=]+"/);
    expect(html).toMatch(/type="hidden" name="mode" value="skip"/);
    expect(html).toContain('<input type="radio" name="mode" checked="" value="skip"/>');
    expect(await byName(names.good)).toBeUndefined();
  });

  it("skipping: imports the valid rows, counts them, and gives the skipped rows back as CSV with their errors", async () => {
    const lawmakers = await count("lawmakers");
    const response = await upload(csv, "import", "skip");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/Import done in [\d.]+ s: 2 created, 0 updated, 0 unchanged, 2 skipped\./);
    expect(html).toContain("1 lawmaker has no contact yet.");
    expect(html).toContain("Download the 2 skipped rows with their errors (CSV)");
    expect(html).toMatch(/download="lawmakers-skipped-\d{4}-\d{2}-\d{2}\.csv"/);
    expect(await count("lawmakers")).toBe(lawmakers + 2);
    expect(await byName(names.good)).toMatchObject({ email: `good.${run}@example.org` });
    expect(await byName(names.none)).toMatchObject({ email: null, contact_url: null });
    expect(await byName(names.bad)).toBeUndefined();

    const { text, records } = skippedCsvOf(html);
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(text).toContain("\r\n");
    expect(records[0]).toEqual([...HEADER.split(","), "notes", "errors"]);
    expect(records).toHaveLength(3);
    const [bad, formula] = records.slice(1);
    // The original cells, a formula neutralised, and the errors in words.
    expect(bad.slice(0, 7)).toEqual([names.bad, "MP", "Parliament", "XX", "Paris 3", "", "not-an-email"]);
    expect(bad[10]).toBe(`'=HYPERLINK("http://evil.example")`);
    expect(bad[11]).toBe(
      "Unknown jurisdiction: use an ISO 3166 alpha-2 code, EU or INT. The e-mail address is not valid.",
    );
    expect(formula[0]).toBe("'=1+1");
    expect(formula[11]).toBe("The name starts with = + or @ and would run as a spreadsheet formula.");

    const audit = await db
      .selectFrom("audit_log")
      .select("after_json")
      .where("action", "=", "lawmaker.import")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json!)).toMatchObject({
      mode: "skip",
      created: 2,
      skipped: 2,
      skipped_lines: [4, 5],
    });
    expect(audit.after_json).not.toContain("not-an-email");

    // In French, the errors column speaks French.
    const french = new FormData();
    french.set("intent", "import");
    french.set("mode", "skip");
    french.set("file", new File([csv], "lawmakers.csv", { type: "text/csv" }));
    const fr = await staff.request("/lawmakers/import", {
      method: "POST",
      body: french,
      headers: { "Accept-Language": "fr" },
    });
    const frHtml = await fr.text();
    expect(frHtml).toContain("2 ignorés");
    expect(skippedCsvOf(frHtml).records[1][11]).toContain("L'adresse e-mail n'est pas valide.");
  });

  it("skipping with nothing to skip redirects like any import; a file the reader refuses writes nothing", async () => {
    const name = `Clean Skip ${run}`;
    const clean = await upload(`${HEADER}\n${name},MP,Parliament,FR,,,clean.${run}@example.org,,,\n`, "import", "skip");
    expect(clean.status).toBe(302);
    expect(new URL(clean.headers.get("location")!, server.url).searchParams.get("skipped")).toBe("0");
    const page = await (
      await staff.get(
        new URL(clean.headers.get("location")!, server.url).pathname +
          "?created=1&updated=0&unchanged=0&skipped=0&ms=5",
      )
    ).text();
    expect(page).toContain("1 created, 0 updated, 0 unchanged, 0 skipped.");

    const lawmakers = await count("lawmakers");
    const broken = await upload(`${HEADER}\n"Open quote,MP,Parliament,FR,,,,,,\n`, "import", "skip");
    expect(broken.status).toBe(400);
    expect(await broken.text()).toContain("is never closed");
    const missing = await upload(`name,body\nSomeone,Parliament\n`, "import", "skip");
    expect(missing.status).toBe(400);
    expect(await count("lawmakers")).toBe(lawmakers);
  });
});
