/** Letters, campaigns and actions pick a linked threat from a searchable list of titles. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import type { User } from "../../db/schema";
import { createThreat } from "../../app/features/threats/mutations.server";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
let staff: Client;
let lead: Client;
const made: Record<"first" | "second" | "other", { id: number; slug: string }> = {} as never;

async function newThreat(staffUser: User, title: string, identifier: string, firstSeenOn: string) {
  const result = await createThreat(staffUser, {
    jurisdiction: "US",
    kind: "bill",
    title,
    identifier,
    categories: ["encryption"],
    severity: "high",
    firstSeenOn,
    sources: [],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return { id: result.id, slug: result.slug };
}

/** The options of the select named `name` in a page, as [value, label] pairs. */
function optionsOf(html: string, name: string): Array<[string, string]> {
  const select = new RegExp(`<select[^>]*name="${name.replace(/[[\].]/g, "\\$&")}"[^>]*>([\\s\\S]*?)</select>`).exec(
    html,
  );
  if (!select) throw new Error(`no select named ${name}`);
  return [...select[1].matchAll(/<option[^>]*value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
}

const letterForm = (title: string) =>
  new URLSearchParams([
    ["texts[0].language", "en"],
    ["texts[0].title", title],
    ["texts[0].body", "Hello"],
  ]);

const letterCount = async () => (await db.selectFrom("open_letters").select("id").execute()).length;

beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "10.42.0.1");
  lead = new Client(server.url, "10.42.0.2");
  await staff.login(DEMO.staff);
  await lead.login(DEMO.chapter_lead);
  const staffUser = await db.selectFrom("users").selectAll().where("email", "=", DEMO.staff).executeTakeFirstOrThrow();
  made.first = await newThreat(staffUser, "Picker Duplicate Act", "PD.1", "2021-02-03");
  made.second = await newThreat(staffUser, "Picker Duplicate Act", "PD.2", "2024-05-06");
  made.other = await newThreat(staffUser, "Picker Lonely Bill", "PL.9", "2022-01-01");
});
afterAll(() => server.close());

describe("the picker's options", () => {
  it("lists titles on the letter form, repeated ones with identifier and year, valued by address name", async () => {
    const options = optionsOf(await (await staff.get("/letters/new")).text(), "threats");
    expect(options).toContainEqual([made.first.slug, "Picker Duplicate Act (PD.1, 2021)"]);
    expect(options).toContainEqual([made.second.slug, "Picker Duplicate Act (PD.2, 2024)"]);
    expect(options).toContainEqual([made.other.slug, "Picker Lonely Bill"]);
  });

  it("filters the list on a GET round-trip (?threat_q=), keeping the search in the box", async () => {
    const html = await (await staff.get("/letters/new?threat_q=picker+DUPLICATE")).text();
    expect(optionsOf(html, "threats").map(([value]) => value)).toEqual([made.first.slug, made.second.slug]);
    expect(html).toMatch(/<input[^>]*name="threat_q"[^>]*value="picker DUPLICATE"/);
    expect(html).toContain("2 threats match the search.");
  });

  it("offers chapter people the same list of titles on the action form, valued by id", async () => {
    const options = optionsOf(await (await lead.get("/actions/new?threat_q=lonely")).text(), "threatId");
    expect(options).toEqual([
      ["", "No linked threat"],
      [String(made.other.id), "Picker Lonely Bill"],
    ]);
  });

  it("offers staff the list on the campaign form, the chosen threat kept whatever the search", async () => {
    const html = await (await staff.get(`/campaigns/new?threat=${made.other.id}&threat_q=duplicate`)).text();
    const values = optionsOf(html, "threat").map(([value]) => value);
    // The search form carries the preselection over to the next search.
    expect(html).toMatch(
      new RegExp(
        `<form id="campaign-threat-search"[^>]*><input type="hidden" name="threat" value="${made.other.id}"/>`,
      ),
    );
    expect(values).toEqual(["", String(made.first.id), String(made.second.id), String(made.other.id)].sort());
  });
});

describe("what the picker posts", () => {
  it("links every chosen threat of a letter (one value per choice)", async () => {
    const form = letterForm("Picker letter");
    form.append("threats", made.first.slug);
    form.append("threats", made.other.slug);
    const response = await staff.request("/letters/new", {
      method: "POST",
      body: form,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(302);
    const slug = response.headers.get("location")!.replace("/letters/", "");
    const letter = await db.selectFrom("open_letters").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
    const links = await db
      .selectFrom("open_letter_threats")
      .select("threat_id")
      .where("letter_id", "=", letter.id)
      .orderBy("threat_id")
      .execute();
    expect(links.map((l) => l.threat_id)).toEqual([made.first.id, made.other.id].sort((a, b) => a - b));
    // The edit form comes back with both chosen.
    const edit = await (await staff.get(`/letters/${slug}/edit`)).text();
    const selected = [...edit.matchAll(/<option[^>]*value="([^"]*)"[^>]*selected=""/g)].map((m) => m[1]);
    expect(selected).toEqual(expect.arrayContaining([made.first.slug, made.other.slug]));
  });

  it("refuses an unknown threat with a field error and a 400, writing nothing", async () => {
    const before = await letterCount();
    const form = letterForm("Unknown threat letter");
    form.append("threats", "no-such-threat-anywhere");
    const response = await staff.request("/letters/new", {
      method: "POST",
      body: form,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("No threat has this address name.");
    expect(await letterCount()).toBe(before);

    const action = await lead.post("/actions/new", {
      kind: "meeting",
      occurredOn: "2026-03-03",
      description: "Met the committee clerk.",
      threatId: "2147483000",
    });
    expect(action.status).toBe(400);
    expect(await action.text()).toContain("Choose a threat from the list.");
  });
});
