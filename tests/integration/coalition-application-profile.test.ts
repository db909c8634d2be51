/**
 * The public profile an applicant writes apart from their motivation: bounded and checked like other
 * text, shown to staff next to the motivation, and the only one of the two that the public sees.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { lastMailTo, tokenFrom } from "../support/mailbox";

let server: TestServer;
let staff: Client;
beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "198.51.100.210");
  await staff.login(DEMO.staff);
});
afterAll(() => server.close());

let nextIp = 1;
const visitor = () => new Client(server.url, `198.51.100.${100 + nextIp++}`);

const MOTIVATION = "Our board asked us to join after the scanning bill; we want help with lobbying.";
const PROFILE = "Open Wire Lab builds free encrypted messaging tools for newsrooms.";

function form(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    kind: "organisation",
    name: "Open Wire Lab",
    sector: "civil_society",
    jurisdiction: "DE",
    contactName: "Jonas Weber",
    contactEmail: "jonas@openwire.example.org",
    motivation: MOTIVATION,
    publicProfile: PROFILE,
    consentPublic: "on",
    ...overrides,
  };
}

const count = async () =>
  Number(
    (
      await db
        .selectFrom("coalition_applications")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("an application's public profile", () => {
  it("is a field of the form, empty and with its hint", async () => {
    const html = await (await visitor().get("/coalition/apply")).text();
    expect(html).toMatch(/<textarea[^>]*name="publicProfile"[^>]*><\/textarea>/);
    expect(html).toContain("Public profile");
    expect(html).toContain("at most 2000 characters");
  });

  it("is refused with 400 when too long, missing while asking to be listed, or with control characters", async () => {
    const before = await count();
    const cases: Array<[Record<string, string>, string]> = [
      [{ publicProfile: "p".repeat(2001) }, "This is too long."],
      [{ publicProfile: "" }, "Write a public profile to be listed in the directory"],
      [{ publicProfile: "   " }, "Write a public profile to be listed in the directory"],
      [{ publicProfile: "Bell\u0007" }, ""],
    ];
    for (const [overrides, message] of cases) {
      const response = await visitor().post(
        "/coalition/apply",
        form({ contactEmail: "bad@example.org", ...overrides }),
      );
      expect(response.status, JSON.stringify(overrides).slice(0, 80)).toBe(400);
      if (message) expect(await response.text()).toContain(message);
    }
    expect(await count()).toBe(before);
    // Not asking to be listed: the profile may stay empty.
    const unlisted = await visitor().post(
      "/coalition/apply",
      form({ contactEmail: "unlisted@example.org", name: "Unlisted Org", publicProfile: "", consentPublic: "" }),
    );
    expect(unlisted.status).toBe(200);
    expect(await count()).toBe(before + 1);
  });

  it("reaches the staff next to the motivation, and only the profile reaches the public page", async () => {
    const applicant = visitor();
    expect((await applicant.post("/coalition/apply", form())).status).toBe(200);
    const token = tokenFrom((await lastMailTo("jonas@openwire.example.org"))!.text);
    expect((await applicant.post("/coalition/apply/confirm", { token })).status).toBe(200);
    const row = await db
      .selectFrom("coalition_applications")
      .selectAll()
      .where("contact_email", "=", "jonas@openwire.example.org")
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ motivation: MOTIVATION, public_profile: PROFILE, status: "pending" });

    const queue = await (await staff.get("/staff/applications")).text();
    const card = queue.slice(queue.indexOf("Open Wire Lab"));
    expect(card).toContain(MOTIVATION);
    expect(card).toContain(PROFILE);
    expect(card.indexOf(MOTIVATION)).toBeLessThan(card.indexOf(PROFILE));

    const approved = await staff.post("/staff/applications", { applicationId: String(row.id), decision: "approve" });
    expect(approved.status).toBe(200);
    const member = await db
      .selectFrom("coalition_members")
      .selectAll()
      .where("name", "=", "Open Wire Lab")
      .executeTakeFirstOrThrow();
    expect(member.public_profile).toBe(PROFILE);

    const page = await new Client(server.url, "198.51.100.250").get(`/coalition/${member.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(PROFILE);
    expect(html).not.toContain(MOTIVATION);
  });
});
