/** The lawmakers import on real and large files: the US Congress list, 5,000 rows, hostile input. */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkImport } from "../../app/features/lawmakers/import.server";
import { HOUSE_DIRECTORY } from "../../app/features/lawmakers/us-congress";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { ROOT } from "../support/paths";

const HEADER = "name,title,body,jurisdiction,constituency,party,email,contact_url,source_url,verified_on";
const US_FILE = path.join(ROOT, "tests/fixtures/us-congress-legislators-current.csv");

let server: TestServer;
let staff: Client;

beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "10.46.0.1");
  await staff.login(DEMO.staff);
});
afterAll(() => server.close());

async function lawmakerCount(): Promise<number> {
  const row = await db
    .selectFrom("lawmakers")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function upload(csv: string | Uint8Array<ArrayBuffer>, intent: "check" | "import") {
  const form = new FormData();
  form.set("intent", intent);
  form.set("file", new File([csv], "lawmakers.csv", { type: "text/csv" }));
  return staff.request("/lawmakers/import", { method: "POST", body: form });
}

async function timedImport(csv: string) {
  const started = performance.now();
  const response = await upload(csv, "import");
  const ms = performance.now() - started;
  expect(response.status, await response.clone().text()).toBe(302);
  const params = new URL(response.headers.get("location") ?? "", server.url).searchParams;
  return {
    ms,
    created: Number(params.get("created")),
    updated: Number(params.get("updated")),
    unchanged: Number(params.get("unchanged")),
  };
}

describe("the US Congress list", () => {
  const csv = fs.readFileSync(US_FILE, "utf8");
  const dataRows = csv.trim().split("\n").length - 1;

  it("is recognised, mapped, and every one of its rows imports without errors; a re-import adds nothing", async () => {
    expect(dataRows).toBe(537);
    const checked = await upload(csv, "check");
    expect(checked.status).toBe(200);
    const html = await checked.text();
    expect(html).toContain("US Congress format detected");
    expect(html).toContain("537 rows: 537 to create, 0 to update, 0 unchanged, 0 with errors.");
    // The two repaired rows are shown with their note.
    expect(html).toContain("the website is used instead");
    expect(html).toContain("the chamber&#x27;s official directory is used");

    const before = await lawmakerCount();
    const first = await timedImport(csv);
    expect(first).toMatchObject({ created: 537, updated: 0, unchanged: 0 });
    expect(await lawmakerCount()).toBe(before + 537);
    const us = await db
      .selectFrom("lawmakers")
      .selectAll()
      .where("jurisdiction_code", "=", "US")
      .where("source_url", "not like", "https://example.org/%")
      .execute();
    expect(us).toHaveLength(537);
    expect(us.filter((l) => l.body === "Senate")).toHaveLength(100);
    expect(us.filter((l) => l.body === "House of Representatives")).toHaveLength(437);
    expect(us.every((l) => l.email === null && l.contact_url?.startsWith("https://"))).toBe(true);
    const byName = (name: string) => us.find((l) => l.name === name)!;
    expect(byName("Maria Cantwell")).toMatchObject({
      title: "Senator",
      body: "Senate",
      constituency: "WA",
      party: "Democrat",
      contact_url: "https://www.cantwell.senate.gov/public/index.cfm/email-maria",
      source_url: "https://www.cantwell.senate.gov",
      verified_on: "2026-06-10",
    });
    expect(byName("Nicholas J. Begich III")).toMatchObject({ title: "Representative", constituency: "AK-AL" });
    expect(byName("Eleanor Holmes Norton")).toMatchObject({ title: "Delegate", constituency: "DC-AL" });
    expect(byName("Pablo José Hernández")).toMatchObject({ title: "Resident Commissioner", constituency: "PR-AL" });
    expect(byName('Jesús G. "Chuy" García').constituency).toMatch(/^IL-\d{2}$/);
    expect(byName("Randy Fine")).toMatchObject({ constituency: "FL-06", contact_url: "https://fine.house.gov" });
    expect(byName("James Gallagher")).toMatchObject({
      constituency: "CA-01",
      contact_url: HOUSE_DIRECTORY,
      source_url: "https://bioguide.congress.gov/search/bio/G000607",
      verified_on: null,
    });
    expect(us.filter((l) => /^[A-Z]{2}-\d{2}$/.test(l.constituency ?? "")).length).toBe(437 - 12);

    const again = await timedImport(csv);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 537 });
    expect(await lawmakerCount()).toBe(before + 537);
    const third = await timedImport(csv);
    console.info(
      `US Congress file (537 rows) through the import route: ${first.ms.toFixed(0)} ms, re-imports ${again.ms.toFixed(0)} ms and ${third.ms.toFixed(0)} ms`,
    );
  });
});

describe("scale", () => {
  it("imports 5,000 rows in a few seconds, and re-imports them without duplicating", async () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => {
      const n = String(i).padStart(4, "0");
      const email = i % 3 === 0 ? "" : `member${n}@parliament.example.org`;
      const contact = i % 3 === 0 ? `https://parliament.example.org/members/${n}/contact` : "";
      return `Member ${n} Nakamura,Member of Parliament,House of Councillors,JP,District ${i % 47},Party ${i % 7},${email},${contact},https://parliament.example.org/members,2026-0${(i % 9) + 1}-15`;
    });
    const csv = `${HEADER}\n${rows.join("\n")}\n`;
    const before = await lawmakerCount();

    const startedCheck = performance.now();
    const checked = await upload(csv, "check");
    const checkMs = performance.now() - startedCheck;
    expect(checked.status).toBe(200);
    expect(await checked.text()).toContain("5,000 rows: 5,000 to create, 0 to update, 0 unchanged, 0 with errors.");

    const first = await timedImport(csv);
    expect(first).toMatchObject({ created: 5_000, updated: 0 });
    expect(await lawmakerCount()).toBe(before + 5_000);
    const again = await timedImport(csv);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 5_000 });
    const changed = await timedImport(
      csv.replaceAll("House of Councillors,JP,District 1,", "House of Councillors,JP,Tokyo 1,"),
    );
    expect(changed.created).toBe(0);
    expect(changed.updated).toBeGreaterThan(100);
    expect(await lawmakerCount()).toBe(before + 5_000);
    console.info(
      `5,000 rows: dry run ${checkMs.toFixed(0)} ms, import ${first.ms.toFixed(0)} ms, ` +
        `re-import unchanged ${again.ms.toFixed(0)} ms, re-import with ${changed.updated} updates ${changed.ms.toFixed(0)} ms`,
    );
    // Generous bound on a shared two-core machine; it takes about a second.
    expect(first.ms).toBeLessThan(15_000);
    expect(checkMs).toBeLessThan(15_000);
  });
});

describe("hostile input", () => {
  it("stores HTML as text and shows it escaped; refuses formulas, line breaks and control characters", async () => {
    const rows = [
      `"<script>alert(1)</script> Évelyne Ærø",MP,"Assemblée nationale",FR,"Paris <b>1</b>",,,https://example.org/x,,2026-01-01`,
      `"=HYPERLINK(""https://evil.example"",""x"")",MP,Assemblée,FR,,,f1@example.org,,,`,
      `Safe Name,MP,Assemblée,FR,"@SUM(A1)",,f2@example.org,,,`,
      `"Two\r\nLines",MP,Assemblée,FR,,,f3@example.org,,,`,
      `"Tab\u0007Bell",MP,Assemblée,FR,,,f4@example.org,,,`,
      `Header Inject,MP,Assemblée,FR,,,"x@example.org\r\nBcc: y@example.org",,,`,
      `'; DROP TABLE lawmakers; --,MP,Assemblée,FR,,,f5@example.org,,,`,
      // Decomposed accents: stored composed (NFC).
      `Jose\u0301 Nu\u0301n\u0303ez,MP,Assemblée,FR,,,f6@example.org,,,`,
    ];
    const csv = [HEADER, ...rows].join("\n");
    const report = await checkImport(csv);
    expect(report.rows.map((r) => r.errors)).toEqual([
      [],
      ["name.formula"],
      ["constituency.formula"],
      ["name.line_break"],
      ["name.control"],
      ["email.line_break"],
      [],
      [],
    ]);
    expect(await timedImport([HEADER, rows[0], rows[6], rows[7]].join("\n"))).toMatchObject({ created: 3 });
    const html = await (await staff.get("/lawmakers?jurisdiction=FR")).text();
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; Évelyne Ærø");
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("Paris &lt;b&gt;1&lt;/b&gt;");
    expect(await lawmakerCount()).toBeGreaterThan(0);
    const nfc = await db
      .selectFrom("lawmakers")
      .select("name")
      .where("email", "=", "f6@example.org")
      .executeTakeFirst();
    expect(nfc?.name).toBe("José Núñez".normalize("NFC"));
    const api = (await (await new Client(server.url).get("/api/v1/lawmakers?jurisdiction=FR")).json()) as {
      data: Array<{ name: string }>;
    };
    expect(api.data.map((l) => l.name)).toContain("<script>alert(1)</script> Évelyne Ærø");
  });

  it("refuses files that are too large, too long, not UTF-8, badly quoted or without the columns", async () => {
    const tooLarge = await upload(`${HEADER}\n${"x".repeat(4 * 1024 * 1024)}`, "check");
    expect(tooLarge.status).toBe(400);
    expect(await tooLarge.text()).toContain("The file is larger than the limit (4 MB).");

    const tooMany = `${HEADER}\n${"A,B,C,FR,,,,https://e.example,,\n".repeat(20_001)}`;
    const refused = await upload(tooMany, "check");
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("The file has more than 20,000 rows: split it.");

    const latin1 = new Uint8Array([
      ...Buffer.from(`${HEADER}\nJos`),
      0xe9,
      ...Buffer.from(",MP,A,FR,,,,https://e.example,,\n"),
    ]);
    const notUtf8 = await upload(latin1, "check");
    expect(notUtf8.status).toBe(400);
    expect(await notUtf8.text()).toContain("not UTF-8");

    const unterminated = await upload(`${HEADER}\n"Open,MP,A,FR,,,,https://e.example,,\n`, "import");
    expect(unterminated.status).toBe(400);
    expect(await unterminated.text()).toContain("never closed");

    const noHeader = await upload("Jane,MP,Senate,US,WA,,jane@example.org,,,\n", "check");
    expect(noHeader.status).toBe(400);
    expect(await noHeader.text()).toContain("The first line lacks the columns");

    const none = await upload("", "check");
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Choose a CSV file.");
  });

  it("is staff work", async () => {
    const member = new Client(server.url, "10.46.0.2");
    await member.login(DEMO.chapter_lead);
    const form = new FormData();
    form.set("intent", "import");
    form.set("file", new File([`${HEADER}\nX,MP,A,FR,,,x9@example.org,,,\n`], "x.csv"));
    const response = await member.request("/lawmakers/import", { method: "POST", body: form });
    expect(response.status).toBe(403);
    expect(await db.selectFrom("lawmakers").select("id").where("email", "=", "x9@example.org").executeTakeFirst()).toBe(
      undefined,
    );
  });
});
