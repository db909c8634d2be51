/**
 * schema.org JSON-LD on every public event, threat and coalition member page: parsed as a search
 * engine would, with the page's CSP nonce, the fields the types need, and no way for a hostile
 * title to end the script element.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
let client: Client;

beforeAll(async () => {
  server = await startTestServer();
  client = new Client(server.url, "198.51.100.40");
});
afterAll(() => server.close());

interface Page {
  blocks: Array<Record<string, unknown>>;
  html: string;
  nonce: string | undefined;
}

async function page(path: string): Promise<Page> {
  const response = await client.get(path);
  expect(response.status, path).toBe(200);
  const html = await response.text();
  const policy = response.headers.get("content-security-policy") ?? "";
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  const blocks = [
    ...html.matchAll(/<script type="application\/ld\+json"( nonce="([^"]*)")?>([\s\S]*?)<\/script>/g),
  ].map((m) => {
    expect(m[2], `${path}: the JSON-LD carries the page's nonce`).toBe(nonce);
    return JSON.parse(m[3]!) as Record<string, unknown>;
  });
  return { blocks, html, nonce };
}

async function all<T>(path: string): Promise<T[]> {
  const body = (await (await client.get(path)).json()) as { data: T[] };
  return body.data;
}

const isoWithOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?([+-]\d{2}:\d{2}|Z)$/;

describe("JSON-LD", () => {
  it("every approved event page describes an Event with offset dates, a place or a virtual location, an organiser", async () => {
    const events = await all<{ url: string; title: string; online: boolean; timezone: string }>(
      "/api/v1/events?per_page=100",
    );
    expect(events.length).toBeGreaterThan(5);
    for (const event of events) {
      const path = new URL(event.url).pathname;
      const { blocks } = await page(path);
      expect(blocks, path).toHaveLength(1);
      const ld = blocks[0]!;
      expect(ld["@context"]).toBe("https://schema.org");
      expect(ld["@type"]).toBe("Event");
      expect(ld.name).toBe(event.title);
      expect(ld.startDate, path).toMatch(isoWithOffset);
      expect(ld.endDate, path).toMatch(isoWithOffset);
      expect(Date.parse(ld.endDate as string)).toBeGreaterThanOrEqual(Date.parse(ld.startDate as string));
      expect(ld.eventAttendanceMode).toBe(
        event.online ? "https://schema.org/OnlineEventAttendanceMode" : "https://schema.org/OfflineEventAttendanceMode",
      );
      expect((ld.location as { "@type": string })["@type"]).toBe(event.online ? "VirtualLocation" : "Place");
      expect((ld.organizer as { name: string }).name.length).toBeGreaterThan(0);
      expect(ld.url).toBe(event.url);
    }
  });

  it("an event's start carries its own zone's offset (Nairobi is UTC+3)", async () => {
    const event = (await all<{ url: string; timezone: string; starts_at: string }>("/api/v1/events?per_page=100")).find(
      (e) => e.timezone === "Africa/Nairobi",
    )!;
    const { blocks } = await page(new URL(event.url).pathname);
    expect(blocks[0]!.startDate).toMatch(/\+03:00$/);
    expect(Date.parse(blocks[0]!.startDate as string)).toBe(Date.parse(event.starts_at));
  });

  it("every threat page describes Legislation with its identifier, jurisdiction and date", async () => {
    const threats = await all<{ slug: string; title: string; identifier: string | null }>(
      "/api/v1/threats?per_page=100",
    );
    expect(threats.length).toBeGreaterThan(10);
    for (const threat of threats) {
      const { blocks } = await page(`/threats/${threat.slug}`);
      expect(blocks).toHaveLength(1);
      const ld = blocks[0]!;
      expect(ld["@type"]).toBe("Legislation");
      expect(ld.name).toBe(threat.title);
      expect(ld.legislationIdentifier ?? null).toBe(threat.identifier);
      expect(typeof ld.legislationJurisdiction).toBe("string");
      expect(ld.legislationDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it("every listed coalition member's page describes the Organization (a Person for an individual expert)", async () => {
    const members = await all<{ id: number; name: string; sector: string; website: string | null }>(
      "/api/v1/coalition/members?per_page=100",
    );
    expect(members.length).toBeGreaterThan(5);
    for (const member of members) {
      const { blocks } = await page(`/coalition/${member.id}`);
      expect(blocks).toHaveLength(1);
      const ld = blocks[0]!;
      expect(ld["@type"]).toBe(member.sector === "individual_expert" ? "Person" : "Organization");
      expect(ld.name).toBe(member.name);
      expect(ld.url ?? null).toBe(member.website);
    }
  });

  it("a hostile title stays data: the script element is not closed early and the JSON still parses", async () => {
    const now = new Date().toISOString();
    const title = `</script><script>alert(1)</script><!-- "quoted" & \u2028 line`;
    await db
      .insertInto("threats")
      .values({
        slug: "hostile-json-ld-title",
        jurisdiction_code: "FR",
        kind: "bill",
        identifier: "</script>",
        title,
        short_name: null,
        summary: "<img src=x onerror=alert(1)>",
        severity: "low",
        first_seen_on: "2025-01-01",
        stage: null,
        stage_on: null,
        outcome: "open",
        outcome_reason: null,
        outcome_on: null,
        search_text: "hostile",
        created_at: now,
        updated_at: now,
      })
      .execute();
    const { blocks, html } = await page("/threats/hostile-json-ld-title");
    expect(blocks[0]!.name).toBe(title);
    expect(blocks[0]!.legislationIdentifier).toBe("</script>");
    expect(html).not.toContain("</script><script>alert(1)");
    expect(html).not.toContain("<img src=x onerror");
  });

  it("a member not listed publicly, and an event not approved, have no public page and so no JSON-LD", async () => {
    const hidden = await db
      .selectFrom("coalition_members")
      .select("id")
      .where("public_listing", "=", 0)
      .executeTakeFirst();
    if (hidden) expect((await client.get(`/coalition/${hidden.id}`)).status).toBe(404);
    const pending = await db.selectFrom("events").select("slug").where("status", "!=", "approved").executeTakeFirst();
    if (pending) expect((await client.get(`/events/${pending.slug}`)).status).toBe(404);
  });
});
