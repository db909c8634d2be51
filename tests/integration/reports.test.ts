/**
 * The yearly report over HTTP: one number reads the same on the page, in the PDF (text extracted
 * by a PDF reader), the CSV and the API; publishing freezes the figures (a later edit shows a
 * revision note until staff republish); staff texts in two languages follow the reader; bad,
 * huge and hostile input is refused with nothing written; only staff prepare and preview.
 */
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { pdfText } from "../support/pdf-text";
import * as f from "../support/target-fixtures";

const YEAR = 2008;
let server: TestServer;
let staff: Client;
let anonymous: Client;
let lead: Client;

beforeAll(async () => {
  // Every read compares a published report with the live figures (the default is every 10 minutes).
  process.env.REPORT_REVISION_CHECK_MS = "0";
  server = await startTestServer();
  staff = new Client(server.url, "198.51.100.20");
  await staff.login(DEMO.staff);
  lead = new Client(server.url, "198.51.100.21");
  await lead.login(DEMO.chapter_lead);
  anonymous = new Client(server.url, "198.51.100.22");
  await f.threat({ jurisdiction: "LU", categories: ["encryption"], firstSeenOn: "2008-02-01" });
  await f.threat({
    jurisdiction: "LU",
    categories: ["privacy"],
    firstSeenOn: "2007-05-01",
    outcome: "mitigated",
    outcomeOn: "2008-05-01",
  });
});
afterAll(() => server.close());

function form(
  entries: Array<[string, string]>,
): Client["request"] extends (p: string, i: infer I) => unknown ? I : never {
  return {
    method: "POST",
    body: new URLSearchParams(entries),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  };
}

const ALL_SECTIONS: Array<[string, string]> = [
  "targets",
  "threats",
  "policymakers",
  "coalition",
  "ged",
  "advocacy",
  "letters",
].map((s) => ["sections", s]);

async function publish(client: Client, year = YEAR) {
  return client.request(
    `/staff/reports/${year}`,
    form([
      ["intent", "publish"],
      ["confirm", "yes"],
    ]),
  );
}

/** The value a page shows for a figure (its `data-value`). */
function pageValue(html: string, key: string): number {
  const match = new RegExp(`data-figure="${key.replace(".", "\\.")}"[\\s\\S]*?data-value="([\\d.]+)"`).exec(html);
  if (!match) throw new Error(`no figure ${key} on the page`);
  return Number(match[1]);
}

describe("one figure, four outputs", () => {
  it("the demo's published 2024 report says the same numbers on the page, in the PDF, the CSV and the API", async () => {
    const page = await (await anonymous.get("/reports/2024")).text();
    const api = (await (await anonymous.get("/api/v1/reports/2024")).json()) as {
      state: string;
      figures: Array<{ figure: string; value: number; previous_year: number | null }>;
    };
    expect(api.state).toBe("published");
    const csvResponse = await anonymous.get("/reports/2024/figures.csv");
    expect(csvResponse.headers.get("content-type")).toContain("text/csv");
    const rows = parse((await csvResponse.text()).replace(/^\uFEFF/, ""), { columns: true }) as Array<
      Record<string, string>
    >;
    const pdfResponse = await anonymous.get("/reports/2024/report.pdf");
    expect(pdfResponse.headers.get("content-type")).toBe("application/pdf");
    const pdf = (await pdfText(new Uint8Array(await pdfResponse.arrayBuffer()))).join("\n");

    const headline = [
      "threats.tracked",
      "threats.decided",
      "coalition.members",
      "ged.events",
      "ged.reach",
      "advocacy.actions",
    ];
    const names: Record<string, string> = {
      "threats.tracked": "Threats tracked",
      "threats.decided": "Threats decided",
      "coalition.members": "Members at year end",
      "ged.events": "Events",
      "ged.reach": "People reached",
      "advocacy.actions": "Advocacy actions",
    };
    for (const key of headline) {
      const fromApi = api.figures.find((x) => x.figure === key)!;
      const fromCsv = rows.find((r) => r.key === key)!;
      expect(fromCsv, key).toBeDefined();
      expect(pageValue(page, key), key).toBe(fromApi.value);
      expect(Number(fromCsv.value), key).toBe(fromApi.value);
      expect(fromCsv.previous_year === "" ? null : Number(fromCsv.previous_year), key).toBe(fromApi.previous_year);
      const printed = new Intl.NumberFormat("en").format(fromApi.value);
      expect(pdf, key).toContain(`${names[key]}: ${printed}`);
    }
    // The demo data has real figures: the report is not a page of zeros.
    expect(api.figures.find((x) => x.figure === "ged.reach")!.value).toBeGreaterThan(1_000_000);
    expect(rows[0]).toHaveProperty("definition");
    expect(rows.every((r) => r.definition.length > 0)).toBe(true);
  });

  it("draws each breakdown as an SVG image whose label carries the figures, with a table", async () => {
    const page = await (await anonymous.get("/reports/2024")).text();
    expect(page).toMatch(/<svg[^>]*role="img"[^>]*aria-label="Threats by outcome: Mitigated \d+/);
    expect(page).toContain("<table");
  });
});

describe("publishing", () => {
  it("a year not published is a 404 to the public and a draft to staff", async () => {
    expect((await anonymous.get(`/reports/${YEAR}`)).status).toBe(404);
    expect((await anonymous.get(`/api/v1/reports/${YEAR}`)).status).toBe(404);
    const draft = await staff.get(`/reports/${YEAR}`);
    expect(draft.status).toBe(200);
    expect(await draft.text()).toContain("Draft — figures still moving");
  });

  it("freezes the figures; a later change shows a revision note until staff republish", async () => {
    expect((await publish(staff)).status).toBe(302);
    const first = await (await anonymous.get(`/reports/${YEAR}`)).text();
    expect(pageValue(first, "threats.tracked")).toBe(2);
    expect(first).not.toContain("Figures revised");

    await f.threat({ jurisdiction: "LU", categories: ["encryption"], firstSeenOn: "2008-09-01" });
    const later = await (await anonymous.get(`/reports/${YEAR}`)).text();
    expect(pageValue(later, "threats.tracked")).toBe(2);
    expect(later).toContain("Figures revised on");
    const api = (await (await anonymous.get(`/api/v1/reports/${YEAR}`)).json()) as { revised_on: string | null };
    expect(api.revised_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    expect((await publish(staff)).status).toBe(302);
    const again = await (await anonymous.get(`/reports/${YEAR}`)).text();
    expect(pageValue(again, "threats.tracked")).toBe(3);
    expect(again).not.toContain("Figures revised");

    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "report")
      .where("entity_id", "=", String(YEAR))
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["report.publish", "report.publish"]);
  });

  it("unpublishing takes the report and its downloads off the public site", async () => {
    expect((await publish(staff, 2007)).status).toBe(302);
    expect((await anonymous.get("/reports/2007")).status).toBe(200);
    const response = await staff.request(
      "/staff/reports/2007",
      form([
        ["intent", "unpublish"],
        ["confirm", "yes"],
      ]),
    );
    expect(response.status).toBe(302);
    for (const path of [
      "/reports/2007",
      "/reports/2007/report.pdf",
      "/reports/2007/figures.csv",
      "/api/v1/reports/2007",
    ]) {
      expect((await anonymous.get(path)).status, path).toBe(404);
    }
  });

  it("publishing needs the confirmation, and only staff may", async () => {
    expect((await staff.request("/staff/reports/2006", form([["intent", "publish"]]))).status).toBe(400);
    expect(
      (
        await lead.request(
          "/staff/reports/2006",
          form([
            ["intent", "publish"],
            ["confirm", "yes"],
          ]),
        )
      ).status,
    ).toBe(403);
    expect(
      (
        await anonymous.request(
          "/staff/reports/2006",
          form([
            ["intent", "publish"],
            ["confirm", "yes"],
          ]),
        )
      ).status,
    ).toBe(302);
    const row = await db.selectFrom("report_publications").selectAll().where("year", "=", 2006).executeTakeFirst();
    expect(row).toBeUndefined();
  });
});

describe("section texts", () => {
  it("staff write a text in English and French; the reader gets theirs, sanitised", async () => {
    const response = await staff.request(
      `/staff/reports/${YEAR}`,
      form([
        ["intent", "save"],
        ...ALL_SECTIONS,
        ["texts.threats.en", "Bills **kept coming back**. <script>alert(1)</script>"],
        ["texts.threats.fr", "Les projets de loi sont revenus. ' OR 1=1 --"],
      ]),
    );
    expect(response.status).toBe(302);
    const en = await (await anonymous.get(`/reports/${YEAR}`, { "Accept-Language": "en" })).text();
    expect(en).toContain("<strong>kept coming back</strong>");
    expect(en).not.toContain("<script>alert(1)</script>");
    const fr = await (await anonymous.get(`/reports/${YEAR}`, { "Accept-Language": "fr" })).text();
    expect(fr).toMatch(/Les projets de loi sont revenus\. (&#x27;|&#39;|') OR 1=1 --/);
    expect(fr).toMatch(/Rapport d(&#x27;|&#39;|')impact 2008/);
    expect(fr).not.toContain("kept coming back");
    const pdf = (
      await pdfText(
        new Uint8Array(
          await (await anonymous.get(`/reports/${YEAR}/report.pdf`, { "Accept-Language": "fr" })).arrayBuffer(),
        ),
      )
    ).join("\n");
    expect(pdf).toContain("Les projets de loi sont revenus.");
  });

  it("hides a section staff unticked, everywhere", async () => {
    const sections = ALL_SECTIONS.filter(([, s]) => s !== "letters");
    expect((await staff.request(`/staff/reports/${YEAR}`, form([["intent", "save"], ...sections]))).status).toBe(302);
    const page = await (await anonymous.get(`/reports/${YEAR}`)).text();
    expect(page).not.toContain('id="letters"');
    const api = (await (await anonymous.get(`/api/v1/reports/${YEAR}`)).json()) as {
      figures: Array<{ section: string }>;
    };
    expect(api.figures.some((x) => x.section === "letters")).toBe(false);
    expect(api.figures.some((x) => x.section === "threats")).toBe(true);
    // The five-year overview of /reports leaves the hidden section's figures out for that year.
    const overview = await (await anonymous.get("/reports")).text();
    const row = /<th scope="row">Confirmed signatures<\/th>([\s\S]*?)<\/tr>/.exec(overview)?.[1] ?? "";
    const years = [...overview.matchAll(/<th scope="col" class="numeric">(\d{4})<\/th>/g)].map((m) => m[1]);
    const cells = [...row.matchAll(/<td class="numeric">([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(years).toContain(String(YEAR));
    expect(cells[years.indexOf(String(YEAR))]).toBe("—");
    expect(cells[years.indexOf("2024")]).not.toBe("—");
  });

  it("refuses a text too long, no section, or an unknown section, and writes nothing", async () => {
    const before = await db.selectFrom("report_section_texts").select(["section", "language", "body"]).execute();
    const cases: Array<Array<[string, string]>> = [
      [["intent", "save"], ...ALL_SECTIONS, ["texts.ged.en", "x".repeat(5_001)]],
      [
        ["intent", "save"],
        ["texts.ged.en", "no sections"],
      ],
      [
        ["intent", "save"],
        ["sections", "everything"],
        ["texts.ged.en", "bad section"],
      ],
      [["intent", "save"], ...ALL_SECTIONS, ["texts.ged.en", "nul \0 byte"]],
    ];
    for (const entries of cases) {
      const response = await staff.request(`/staff/reports/${YEAR}`, form(entries));
      expect(response.status).toBe(400);
    }
    const tooLong = await staff.request(`/staff/reports/${YEAR}`, form(cases[0]!));
    expect(await tooLong.text()).toContain("At most 5,000 characters.");
    const after = await db.selectFrom("report_section_texts").select(["section", "language", "body"]).execute();
    expect(after).toEqual(before);
  });
});
