import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { lastMailTo, tokenFrom } from "../support/mailbox";

let server: TestServer;
let staff: Client;
beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "198.51.100.200");
  await staff.login(DEMO.staff);
});
afterAll(() => server.close());

// Each client gets its own address: the public form is rate-limited per IP.
let nextIp = 1;
const visitor = () => new Client(server.url, `198.51.100.${nextIp++}`);

function applicationForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    kind: "organisation",
    name: "Digital Rights Collective",
    sector: "civil_society",
    jurisdiction: "BR",
    website: "https://rights.example.org",
    contactName: "Ana Souza",
    contactEmail: "ana@rights.example.org",
    motivation: "We train journalists to use end-to-end encrypted messaging.\n\nWe want to add our voice.",
    publicProfile: "A collective of Brazilian journalists and lawyers defending private messaging.",
    consentPublic: "on",
    ...overrides,
  };
}

const applicationsTo = (email: string) =>
  db.selectFrom("coalition_applications").selectAll().where("contact_email", "=", email).execute();
const countRows = async (table: "coalition_applications" | "outbox" | "coalition_members") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Applies and confirms through the real pages; returns the application row. */
async function appliedAndConfirmed(overrides: Record<string, string>) {
  const form = applicationForm(overrides);
  const client = visitor();
  expect((await client.post("/coalition/apply", form)).status).toBe(200);
  const token = tokenFrom((await lastMailTo(form.contactEmail))!.text);
  expect((await client.post("/coalition/apply/confirm", { token })).status).toBe(200);
  const [row] = await applicationsTo(form.contactEmail);
  expect(row.status).toBe("pending");
  return row;
}

describe("coalition applications", () => {
  it("apply → confirmation mail → GET confirms nothing → POST confirms → staff approve: member and invitation", async () => {
    const applicant = visitor();
    const form = await applicant.get("/coalition/apply");
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain('name="website_url"');
    expect(formHtml).toContain('name="consentPublic"');

    const sent = await applicant.post("/coalition/apply", applicationForm());
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain("Check your e-mail");

    const [row] = await applicationsTo("ana@rights.example.org");
    expect(row).toMatchObject({
      status: "unconfirmed",
      kind: "organisation",
      jurisdiction_code: "BR",
      consent_public: 1,
      locale: "en",
      confirmed_at: null,
    });
    const mail = await lastMailTo("ana@rights.example.org");
    expect(mail?.template).toBe("application-confirm");
    expect(mail?.subject).toContain("Digital Rights Collective");
    expect(mail?.text).toContain(`${server.url}/coalition/apply/confirm?token=`);
    const token = tokenFrom(mail!.text);
    // Only the hash is stored.
    expect(row.confirm_token_hash).not.toContain(token);

    // A link scanner prefetching the link changes nothing.
    const page = await visitor().get(`/coalition/apply/confirm?token=${token}`);
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    expect(pageHtml).toContain('method="post"');
    expect(pageHtml).toContain("Confirm the application");
    // The child route replaces the application form.
    expect(pageHtml).not.toContain('name="contactEmail"');
    expect((await applicationsTo("ana@rights.example.org"))[0].status).toBe("unconfirmed");

    const confirmed = await applicant.post("/coalition/apply/confirm", { token });
    expect(confirmed.status).toBe(200);
    expect(await confirmed.text()).toContain("Application confirmed");
    const [pending] = await applicationsTo("ana@rights.example.org");
    expect(pending.status).toBe("pending");
    expect(pending.confirmed_at).not.toBeNull();

    // Single use.
    expect((await applicant.post("/coalition/apply/confirm", { token })).status).toBe(400);
    expect(await (await applicant.get(`/coalition/apply/confirm?token=${token}`)).text()).toContain("no longer valid");

    const queue = await staff.get("/staff/applications");
    expect(queue.status).toBe(200);
    const queueHtml = await queue.text();
    expect(queueHtml).toContain("Digital Rights Collective");
    expect(queueHtml).toContain("ana@rights.example.org");

    const approved = await staff.post("/staff/applications", {
      applicationId: String(pending.id),
      decision: "approve",
    });
    expect(approved.status).toBe(200);
    expect(await approved.text()).toContain("The application was approved");

    const [done] = await applicationsTo("ana@rights.example.org");
    expect(done.status).toBe("approved");
    expect(done.reviewed_by).not.toBeNull();
    expect(done.member_id).not.toBeNull();
    const member = await db
      .selectFrom("coalition_members")
      .selectAll()
      .where("id", "=", done.member_id!)
      .executeTakeFirstOrThrow();
    expect(member).toMatchObject({
      name: "Digital Rights Collective",
      sector: "civil_society",
      jurisdiction_code: "BR",
      website: "https://rights.example.org",
      status: "active",
      joined_on: new Date().toISOString().slice(0, 10),
      contact_email: "ana@rights.example.org",
    });
    expect(member.public_profile).toBe(
      "A collective of Brazilian journalists and lawyers defending private messaging.",
    );

    const mails = await db
      .selectFrom("outbox")
      .select(["template", "text"])
      .where("to_address", "=", "ana@rights.example.org")
      .orderBy("id")
      .execute();
    expect(mails.map((m) => m.template)).toEqual(["application-confirm", "application-decided", "invitation"]);
    const invitation = await db
      .selectFrom("invitations")
      .selectAll()
      .where("email", "=", "ana@rights.example.org")
      .executeTakeFirstOrThrow();
    expect(invitation).toMatchObject({ role: "coalition_member", coalition_member_id: member.id, name: "Ana Souza" });
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("action", "=", "application.approve")
      .where("entity_id", "=", String(pending.id))
      .executeTakeFirst();
    expect(audit?.after_json).toContain(String(member.id));

    // A second decision on the same application is refused, and changes nothing.
    const again = await staff.post("/staff/applications", {
      applicationId: String(pending.id),
      decision: "decline",
      reason: "x",
    });
    expect(again.status).toBe(400);
    expect((await applicationsTo("ana@rights.example.org"))[0].status).toBe("approved");
  });

  it("keeps the public profile private without consent", async () => {
    const row = await appliedAndConfirmed({
      name: "Private Expert",
      kind: "individual_expert",
      sector: "individual_expert",
      contactEmail: "private.expert@example.net",
      consentPublic: "",
    });
    expect(row.consent_public).toBe(0);
    expect(
      (await staff.post("/staff/applications", { applicationId: String(row.id), decision: "approve" })).status,
    ).toBe(200);
    const member = await db
      .selectFrom("coalition_members")
      .selectAll()
      .where("name", "=", "Private Expert")
      .executeTakeFirstOrThrow();
    expect(member.public_profile).toBeNull();
  });

  it("declining needs a reason, which the applicant receives", async () => {
    const row = await appliedAndConfirmed({
      name: "Decline Me Ltd",
      contactEmail: "decline@example.com",
      sector: "industry",
    });
    const outboxBefore = await countRows("outbox");

    const noReason = await staff.post("/staff/applications", {
      applicationId: String(row.id),
      decision: "decline",
      reason: "  ",
    });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("Give a reason");
    expect((await applicationsTo("decline@example.com"))[0].status).toBe("pending");
    expect(await countRows("outbox")).toBe(outboxBefore);

    const declined = await staff.post("/staff/applications", {
      applicationId: String(row.id),
      decision: "decline",
      reason: "The coalition gathers organisations working on encryption.",
    });
    expect(declined.status).toBe(200);
    const [done] = await applicationsTo("decline@example.com");
    expect(done).toMatchObject({
      status: "declined",
      decline_reason: "The coalition gathers organisations working on encryption.",
      member_id: null,
    });
    const mail = await lastMailTo("decline@example.com");
    expect(mail?.template).toBe("application-decided");
    expect(mail?.text).toContain("The coalition gathers organisations working on encryption.");
    expect(
      await db.selectFrom("invitations").select("id").where("email", "=", "decline@example.com").executeTakeFirst(),
    ).toBeUndefined();
    expect(
      await db
        .selectFrom("audit_log")
        .select("id")
        .where("action", "=", "application.decline")
        .where("entity_id", "=", String(row.id))
        .executeTakeFirst(),
    ).toBeDefined();
  });

  it("approves even when the contact already has an account, and says the invitation failed", async () => {
    const row = await appliedAndConfirmed({ name: "Existing Contact Org", contactEmail: DEMO.chapter_member });
    const response = await staff.post("/staff/applications", { applicationId: String(row.id), decision: "approve" });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("could not be invited");
    expect(html).toContain("An account with this e-mail address already exists.");
    const [done] = await applicationsTo(DEMO.chapter_member);
    expect(done.status).toBe("approved");
    expect(done.member_id).not.toBeNull();
  });

  it("answers a filled honeypot like a success, and writes nothing", async () => {
    const [applications, outbox] = [await countRows("coalition_applications"), await countRows("outbox")];
    const response = await visitor().post(
      "/coalition/apply",
      applicationForm({ contactEmail: "bot@spam.example", website_url: "https://spam.example" }),
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Check your e-mail");
    expect(await countRows("coalition_applications")).toBe(applications);
    expect(await countRows("outbox")).toBe(outbox);
  });

  it("gives a duplicate (same normalised e-mail) the same answer and writes no second row", async () => {
    const first = await visitor().post(
      "/coalition/apply",
      applicationForm({ contactEmail: "j.doe@gmail.com", name: "Doe Lab" }),
    );
    expect(first.status).toBe(200);
    const outbox = await countRows("outbox");
    for (const contactEmail of ["J.Doe@Gmail.com", "jdoe+coalition@googlemail.com"]) {
      const again = await visitor().post("/coalition/apply", applicationForm({ contactEmail, name: "Doe Lab again" }));
      expect(again.status).toBe(200);
      expect(await again.text()).toContain("Check your e-mail");
    }
    const rows = await db
      .selectFrom("coalition_applications")
      .select("id")
      .where("name", "in", ["Doe Lab", "Doe Lab again"])
      .execute();
    expect(rows).toHaveLength(1);
    expect(await countRows("outbox")).toBe(outbox);
  });

  it("does not count an expired unconfirmed application, and its link no longer confirms", async () => {
    const client = visitor();
    await client.post("/coalition/apply", applicationForm({ contactEmail: "late@example.org", name: "Late Org" }));
    const token = tokenFrom((await lastMailTo("late@example.org"))!.text);
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000).toISOString();
    await db
      .updateTable("coalition_applications")
      .set({ created_at: eightDaysAgo })
      .where("contact_email", "=", "late@example.org")
      .execute();

    expect(await (await client.get(`/coalition/apply/confirm?token=${token}`)).text()).toContain("no longer valid");
    expect((await client.post("/coalition/apply/confirm", { token })).status).toBe(400);
    expect((await applicationsTo("late@example.org"))[0].status).toBe("unconfirmed");

    // The contact may apply again.
    await visitor().post("/coalition/apply", applicationForm({ contactEmail: "late@example.org", name: "Late Org" }));
    expect(await applicationsTo("late@example.org")).toHaveLength(2);
  });

  it("rejects bad input with 400 and field messages, writing nothing", async () => {
    const before = [await countRows("coalition_applications"), await countRows("outbox")];
    const cases: Array<[Record<string, string>, string]> = [
      [{ name: "" }, "This field is required."],
      [{ name: "   " }, "This field is required."],
      [{ contactEmail: "not-an-address" }, "Enter a valid e-mail address"],
      [{ sector: "spies" }, "Choose one of the options."],
      [{ kind: "government_agency" }, "Choose one of the options."],
      [{ jurisdiction: "XX" }, "Choose a country or forum from the list."],
      [{ jurisdiction: "not a country" }, "Choose a country or forum from the list."],
      [{ website: "javascript:alert(1)" }, "Enter a full web address"],
      [{ motivation: "" }, "This field is required."],
    ];
    for (const [overrides, message] of cases) {
      const response = await visitor().post(
        "/coalition/apply",
        applicationForm({ contactEmail: "bad@example.org", ...overrides }),
      );
      expect(response.status, JSON.stringify(overrides)).toBe(400);
      expect(await response.text(), JSON.stringify(overrides)).toContain(message);
    }
    const empty = await visitor().post("/coalition/apply", {});
    expect(empty.status).toBe(400);
    expect([await countRows("coalition_applications"), await countRows("outbox")]).toEqual(before);
  });

  it("survives hostile input: escaped or refused, never a 500", async () => {
    const before = await countRows("coalition_applications");
    const hostile: Array<Record<string, string>> = [
      { contactEmail: "crlf@example.org\r\nBcc: victim@example.org" },
      { contactEmail: "crlf@example.org%0d%0aBcc:victim@example.org" },
      { name: "x".repeat(10_000) },
      { motivation: "y".repeat(10_000) },
      { contactName: "Null\u0000Byte" },
      { name: "Bell\u0007" },
      { website: `https://example.org/${"z".repeat(10_000)}` },
    ];
    for (const overrides of hostile) {
      const response = await visitor().post(
        "/coalition/apply",
        applicationForm({ contactEmail: "hostile@example.org", ...overrides }),
      );
      expect(response.status, JSON.stringify(overrides).slice(0, 120)).toBe(400);
    }
    expect(await countRows("coalition_applications")).toBe(before);

    const script = await visitor().post(
      "/coalition/apply",
      applicationForm({
        name: "<script>alert(1)</script> Org",
        contactName: "'; DROP TABLE coalition_applications; --",
        contactEmail: "script@example.org",
        motivation: "<img src=x onerror=alert(1)> 1' OR '1'='1",
      }),
    );
    expect(script.status).toBe(200);
    const row = await appliedAndConfirmedExisting("script@example.org");
    expect(row.name).toBe("<script>alert(1)</script> Org");
    expect(row.contact_name).toBe("'; DROP TABLE coalition_applications; --");
    const queueHtml = await (await staff.get("/staff/applications")).text();
    expect(queueHtml).not.toContain("<script>alert(1)</script>");
    expect(queueHtml).not.toContain("<img src=x");
    expect(queueHtml).toContain("&lt;script&gt;alert(1)&lt;/script&gt; Org");
    const mail = await lastMailTo("script@example.org");
    expect(mail?.html).not.toContain("<script>alert(1)</script>");

    const badDecision: Array<Record<string, string>> = [
      { applicationId: "abc", decision: "approve" },
      { applicationId: String(row.id), decision: "delete" },
      { applicationId: "999999", decision: "approve" },
      { applicationId: "1e3", decision: "approve" },
      { applicationId: String(row.id), decision: "decline", reason: "r".repeat(10_000) },
    ];
    for (const form of badDecision) {
      const response = await staff.post("/staff/applications", form);
      expect(response.status, JSON.stringify(form).slice(0, 120)).toBe(400);
    }
    const bogusConfirm = await visitor().post("/coalition/apply/confirm", { token: "' OR 1=1 --" });
    expect(bogusConfirm.status).toBe(400);
    expect((await visitor().get("/coalition/apply/confirm?token=%3Cscript%3E")).status).toBe(200);
  });

  it("keeps the queue to staff", async () => {
    for (const who of ["chapter_lead", "chapter_member", "coalition_member"] as const) {
      const client = visitor();
      await client.login(DEMO[who]);
      expect((await client.get("/staff/applications")).status).toBe(403);
      expect((await client.post("/staff/applications", { applicationId: "1", decision: "approve" })).status).toBe(403);
    }
    const anonymous = visitor();
    expect((await anonymous.get("/staff/applications")).status).toBe(302);
    expect((await anonymous.post("/staff/applications", { applicationId: "1", decision: "approve" })).status).toBe(302);
  });

  it("rate-limits the public form per address", async () => {
    const client = visitor();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await client.post("/coalition/apply", {})).status);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[11]).toBe(429);
  });

  it("speaks French to a French applicant", async () => {
    const client = visitor();
    const response = await client.post(
      "/coalition/apply",
      applicationForm({ contactEmail: "fr@example.fr", name: "Association FR" }),
      {
        "Accept-Language": "fr",
      },
    );
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Consultez votre messagerie");
    const mail = await lastMailTo("fr@example.fr");
    expect(mail?.locale).toBe("fr");
    expect(mail?.subject).toContain("Confirmez votre candidature");
  });
});

/** Confirms an already submitted application through its mailed link. */
async function appliedAndConfirmedExisting(email: string) {
  const token = tokenFrom((await lastMailTo(email))!.text);
  expect((await visitor().post("/coalition/apply/confirm", { token })).status).toBe(200);
  const [row] = await applicationsTo(email);
  return row;
}
