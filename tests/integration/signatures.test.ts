/**
 * Signing open letters through the real HTTP stack: the signature state machine, dedupe on the
 * normalised e-mail, the exact confirmed count under concurrency, abuse defences, hostile input,
 * organisation signatures, and the staff moderation and export.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { DomUtils, parseDocument } from "htmlparser2";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { formOnPage } from "../support/html-form";
import { lastMailTo } from "../support/mailbox";

let server: TestServer;
let staff: Client;
beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "192.0.2.250");
  await staff.login(DEMO.staff);
});
afterAll(() => server.close());

// The public forms are rate-limited per IP: each visitor gets their own address.
let nextIp = 1;
const visitor = () => {
  const n = nextIp++;
  return new Client(server.url, `10.77.${Math.floor(n / 250)}.${(n % 250) + 1}`);
};

let letterSeq = 0;
/** An open letter straight in the database, at `version` (the version signatures must record). */
async function createOpenLetter(options: { version?: number; status?: "open" | "closed" | "draft" } = {}) {
  const now = new Date().toISOString();
  const slug = `sign-test-${++letterSeq}-${Date.now()}`;
  const version = options.version ?? 1;
  const row = await db
    .insertInto("open_letters")
    .values({
      slug,
      status: options.status ?? "open",
      opens_on: null,
      closes_on: null,
      signature_goal: 1000,
      current_version: version,
      confirmed_count: 0,
      delivered_on: null,
      delivered_to: null,
      created_by: null,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (let v = 1; v <= version; v++) {
    await db
      .insertInto("open_letter_texts")
      .values({
        letter_id: row.id,
        version: v,
        language: "en",
        title: `Keep encryption strong (v${v})`,
        body: "We, the undersigned, ask lawmakers to keep end-to-end encryption.",
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  return { id: row.id, slug };
}

function signForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    intent: "individual",
    name: "Ana Souza",
    affiliation: "University of São Paulo",
    jurisdiction: "BR",
    email: `ana.${Math.random().toString(36).slice(2)}@example.org`,
    showPublicly: "on",
    ...overrides,
  };
}

const signaturesOf = (letterId: number) =>
  db.selectFrom("signatures").selectAll().where("letter_id", "=", letterId).orderBy("id").execute();
const letterCount = async (letterId: number) =>
  (await db.selectFrom("open_letters").select("confirmed_count").where("id", "=", letterId).executeTakeFirstOrThrow())
    .confirmed_count;
const confirmedRows = async (letterId: number) =>
  (await signaturesOf(letterId)).filter((s) => s.status === "confirmed").length;
const countRows = async (table: "signatures" | "outbox") =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const mailsTo = (address: string) =>
  db.selectFrom("outbox").selectAll().where("to_address", "=", address).orderBy("id").execute();
function linkToken(text: string, kind: "confirm" | "withdraw"): string {
  const match = new RegExp(`/letters/${kind}\\?token=([a-z0-9]+)`).exec(text);
  if (!match) throw new Error(`no ${kind} link in the message`);
  return match[1];
}

describe("the signature state machine", () => {
  it("pending → confirmed → withdrawn: GET changes nothing, tokens work once, the count follows", async () => {
    const letter = await createOpenLetter({ version: 3 });
    const signer = visitor();
    const form = signForm({ email: "ana.souza@example.org" });

    const answer = await signer.post(`/letters/${letter.slug}/sign`, form);
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe(`/letters/${letter.slug}/sign?done=individual`);
    expect((await signer.get(answer.headers.get("location")!)).status).toBe(200);
    const [row] = await signaturesOf(letter.id);
    expect(row).toMatchObject({
      status: "pending",
      kind: "individual",
      version: 3,
      name: "Ana Souza",
      jurisdiction_code: "BR",
      email: "ana.souza@example.org",
      email_normalised: "ana.souza@example.org",
      show_publicly: 1,
      confirmed_at: null,
    });
    expect(row.ip_hash).toMatch(/^[0-9a-f]{32}$/);
    expect(await letterCount(letter.id)).toBe(0);

    const mail = (await lastMailTo("ana.souza@example.org"))!;
    expect(mail.template).toBe("signature-confirm");
    expect(mail.subject).toContain("Keep encryption strong (v3)");
    expect(mail.html).toContain("Ana Souza");
    const confirmToken = linkToken(mail.text, "confirm");
    const withdrawToken = linkToken(mail.text, "withdraw");

    // A mail scanner prefetching the links confirms and withdraws nothing.
    const look = await visitor().get(`/letters/confirm?token=${confirmToken}`);
    expect(look.status).toBe(200);
    expect(await look.text()).toContain(`value="${confirmToken}"`);
    expect((await visitor().get(`/letters/withdraw?token=${withdrawToken}`)).status).toBe(200);
    expect((await signaturesOf(letter.id))[0].status).toBe("pending");

    expect((await visitor().post("/letters/confirm", { token: confirmToken })).status).toBe(200);
    expect((await signaturesOf(letter.id))[0]).toMatchObject({ status: "confirmed", confirm_token_hash: null });
    expect(await letterCount(letter.id)).toBe(1);
    // Single use.
    expect((await visitor().post("/letters/confirm", { token: confirmToken })).status).toBe(400);
    expect(await letterCount(letter.id)).toBe(1);

    expect((await visitor().post("/letters/withdraw", { token: withdrawToken })).status).toBe(200);
    const [withdrawn] = await signaturesOf(letter.id);
    expect(withdrawn.status).toBe("withdrawn");
    expect(withdrawn.withdrawn_at).not.toBeNull();
    expect(withdrawn.confirmed_at).not.toBeNull(); // history kept
    expect(await letterCount(letter.id)).toBe(0);
    expect((await visitor().post("/letters/withdraw", { token: withdrawToken })).status).toBe(400);
    expect(await letterCount(letter.id)).toBe(0);
  });

  it("pending → withdrawn leaves the count alone; a withdrawn signature cannot be confirmed", async () => {
    const letter = await createOpenLetter();
    const form = signForm();
    await visitor().post(`/letters/${letter.slug}/sign`, form);
    const mail = (await lastMailTo(form.email))!;
    expect((await visitor().post("/letters/withdraw", { token: linkToken(mail.text, "withdraw") })).status).toBe(200);
    expect((await signaturesOf(letter.id))[0].status).toBe("withdrawn");
    expect((await visitor().post("/letters/confirm", { token: linkToken(mail.text, "confirm") })).status).toBe(400);
    expect(await letterCount(letter.id)).toBe(0);
  });

  it("bad or hostile tokens answer 400 and change nothing", async () => {
    for (const token of ["", "nope", "x".repeat(5000), "' OR 1=1 --", "<script>", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]) {
      expect((await visitor().post("/letters/confirm", { token })).status).toBe(400);
      expect((await visitor().post("/letters/withdraw", { token })).status).toBe(400);
      expect((await visitor().get(`/letters/confirm?token=${encodeURIComponent(token)}`)).status).toBe(200);
    }
  });

  it("refuses signatures for a letter that is not open (400, nothing written)", async () => {
    const closed = await createOpenLetter({ status: "closed" });
    const before = await countRows("outbox");
    expect((await visitor().post(`/letters/${closed.slug}/sign`, signForm())).status).toBe(400);
    expect(await signaturesOf(closed.id)).toEqual([]);
    expect(await countRows("outbox")).toBe(before);
    expect((await visitor().post("/letters/no-such-letter/sign", signForm())).status).toBe(404);
    const draft = await createOpenLetter({ status: "draft" });
    expect((await visitor().get(`/letters/${draft.slug}/sign`)).status).toBe(404);
    expect((await visitor().post(`/letters/${draft.slug}/sign`, signForm())).status).toBe(400);
    expect(await signaturesOf(draft.id)).toEqual([]);
  });

  it("speaks English and French", async () => {
    const letter = await createOpenLetter();
    const en = await (await visitor().get(`/letters/${letter.slug}/sign`)).text();
    expect(en).toContain("Affiliation (for identification only)");
    const fr = await (await visitor().get(`/letters/${letter.slug}/sign`, { "Accept-Language": "fr" })).text();
    expect(fr).toContain("Affiliation (à titre d’identification uniquement)");
    const done = await (await visitor().get(`/letters/${letter.slug}/sign?done=individual`)).text();
    expect(done).toContain("Check your e-mail");
  });

  it("GET /letters/:slug/sign only shows the form", async () => {
    const letter = await createOpenLetter();
    const page = await visitor().get(`/letters/${letter.slug}/sign`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="website_url"');
    expect(html).toContain('name="showPublicly"');
    expect(await signaturesOf(letter.id)).toEqual([]);
  });
});

describe("duplicates", () => {
  it("one signature per normalised e-mail: the same neutral answer; a pending one is replaced by the new attempt", async () => {
    const letter = await createOpenLetter();
    const first = await visitor().post(
      `/letters/${letter.slug}/sign`,
      signForm({ email: "Jane.Doe+letters@Gmail.com" }),
    );
    const firstMail = (await lastMailTo("Jane.Doe+letters@Gmail.com"))!;
    const oldConfirm = linkToken(firstMail.text, "confirm");

    const second = await visitor().post(
      `/letters/${letter.slug}/sign`,
      signForm({ email: "janedoe@googlemail.com", name: "Someone Else" }),
    );
    expect(second.status).toBe(first.status);
    const rows = await signaturesOf(letter.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: "Someone Else", email_normalised: "janedoe@gmail.com", status: "pending" });

    // Still pending, so perhaps typed by someone else: the new attempt replaces it, with a new
    // confirmation mail to the address it gave; the old link is spent.
    expect((await mailsTo("Jane.Doe+letters@Gmail.com")).map((m) => m.template)).toEqual(["signature-confirm"]);
    const mails = await mailsTo("janedoe@googlemail.com");
    expect(mails.map((m) => m.template)).toEqual(["signature-confirm"]);
    expect(mails[0].text).toContain("Someone Else");
    expect(mails[0].text).not.toContain("Ana Souza");
    expect((await visitor().post("/letters/confirm", { token: oldConfirm })).status).toBe(400);
    expect((await visitor().post("/letters/confirm", { token: linkToken(mails[0].text, "confirm") })).status).toBe(200);
    expect(await letterCount(letter.id)).toBe(1);

    // Confirmed: a further attempt gets the same answer and a reminder to the address on file,
    // and within the hour no further mail.
    const third = await visitor().post(`/letters/${letter.slug}/sign`, signForm({ email: "JANEDOE@gmail.com" }));
    expect(third.status).toBe(303);
    expect((await mailsTo("janedoe@googlemail.com")).map((m) => m.template)).toEqual([
      "signature-confirm",
      "signature-reminder",
    ]);
    await visitor().post(`/letters/${letter.slug}/sign`, signForm({ email: "JANEDOE@gmail.com" }));
    expect(await mailsTo("janedoe@googlemail.com")).toHaveLength(2);
    expect(await mailsTo("JANEDOE@gmail.com")).toEqual([]);
    expect(await signaturesOf(letter.id)).toHaveLength(1);
    expect(await letterCount(letter.id)).toBe(1);
  });

  it("a duplicate of a confirmed signature gets a reminder with a fresh withdraw link and counts once", async () => {
    const letter = await createOpenLetter();
    const email = "amal@example.net";
    await visitor().post(`/letters/${letter.slug}/sign`, signForm({ email }));
    const confirmMail = (await lastMailTo(email))!;
    await visitor().post("/letters/confirm", { token: linkToken(confirmMail.text, "confirm") });
    const again = await visitor().post(`/letters/${letter.slug}/sign`, signForm({ email: "Amal+again@example.net" }));
    expect(again.status).toBe(303);
    const reminder = (await lastMailTo(email))!;
    expect(reminder.template).toBe("signature-reminder");
    expect(reminder.text).not.toContain("/letters/confirm?token=");
    expect((await visitor().post("/letters/withdraw", { token: linkToken(confirmMail.text, "withdraw") })).status).toBe(
      400,
    );
    expect(await letterCount(letter.id)).toBe(1);
    expect((await visitor().post("/letters/withdraw", { token: linkToken(reminder.text, "withdraw") })).status).toBe(
      200,
    );
    expect(await letterCount(letter.id)).toBe(0);
  });

  it("the answer to a duplicate is the same as to a new signature", async () => {
    const letter = await createOpenLetter();
    const a = await visitor().post(`/letters/${letter.slug}/sign`, signForm({ email: "same@example.org" }));
    const b = await visitor().post(`/letters/${letter.slug}/sign`, signForm({ email: "same@example.org" }));
    expect(b.status).toBe(a.status);
    expect(b.headers.get("location")).toBe(a.headers.get("location"));
    expect(await b.text()).toBe(await a.text());
  });
});

describe("counts under concurrency", () => {
  // About 8 s alone on two cores, but the other test files share the cores: it gets its own
  // budget rather than the global 30 s, so a slow machine does not fail it and a raised global
  // does not hide it.
  it("200 concurrent signatures, then confirmations and withdrawals: the count equals the confirmed rows", async () => {
    const letter = await createOpenLetter({ version: 2 });
    const emails = Array.from({ length: 200 }, (_, i) => `concurrent-${i}@example.org`);
    const signed = await Promise.all(
      emails.map((email) => visitor().post(`/letters/${letter.slug}/sign`, signForm({ email }))),
    );
    expect(signed.map((r) => r.status)).toEqual(emails.map(() => 303));
    const rows = await signaturesOf(letter.id);
    expect(rows).toHaveLength(200);
    expect(rows.every((r) => r.version === 2 && r.status === "pending")).toBe(true);

    const tokens = await Promise.all(emails.map(async (email) => (await lastMailTo(email))!.text));
    // Confirm all (twice each, concurrently: single use) and withdraw every fifth at the same time.
    const results = await Promise.all([
      ...tokens.map((text) => visitor().post("/letters/confirm", { token: linkToken(text, "confirm") })),
      ...tokens.map((text) => visitor().post("/letters/confirm", { token: linkToken(text, "confirm") })),
      ...tokens
        .filter((_, i) => i % 5 === 0)
        .map((text) => visitor().post("/letters/withdraw", { token: linkToken(text, "withdraw") })),
    ]);
    expect(results.map((r) => r.status).filter((s) => s !== 200 && s !== 400)).toEqual([]);
    expect(results.slice(0, 400).filter((r) => r.status === 200).length).toBeLessThanOrEqual(200);
    expect(await letterCount(letter.id)).toBe(await confirmedRows(letter.id));
    expect(await letterCount(letter.id)).toBeGreaterThanOrEqual(160 - 40);
  }, 55_000);
});

describe("abuse defences", () => {
  it("a filled honeypot gets the same answer and writes nothing", async () => {
    const letter = await createOpenLetter();
    const before = [await countRows("signatures"), await countRows("outbox")];
    const answer = await visitor().post(
      `/letters/${letter.slug}/sign`,
      signForm({ website_url: "http://spam.example" }),
    );
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe(`/letters/${letter.slug}/sign?done=individual`);
    expect([await countRows("signatures"), await countRows("outbox")]).toEqual(before);
  });

  it("blocklisted e-mail domains (and subdomains) and IPs get the same answer and write nothing", async () => {
    const letter = await createOpenLetter();
    const page = `/staff/letters/${letter.slug}/signatures`;
    expect((await staff.post(page, { intent: "block", kind: "email_domain", value: "@Spam.Example" })).status).toBe(
      200,
    );
    expect((await staff.post(page, { intent: "block", kind: "ip", value: "10.66.0.66" })).status).toBe(200);
    expect((await staff.post(page, { intent: "block", kind: "email_domain", value: "not a domain" })).status).toBe(400);
    const before = [await countRows("signatures"), await countRows("outbox")];
    expect(
      (await visitor().post(`/letters/${letter.slug}/sign`, signForm({ email: "bot@mail.spam.example" }))).status,
    ).toBe(303);
    expect((await visitor().post(`/letters/${letter.slug}/sign`, signForm({ email: "bot@spam.example" }))).status).toBe(
      303,
    );
    const blockedIp = new Client(server.url, "10.66.0.66");
    expect((await blockedIp.post(`/letters/${letter.slug}/sign`, signForm())).status).toBe(303);
    expect([await countRows("signatures"), await countRows("outbox")]).toEqual(before);

    // Removing the entry lets the domain sign again.
    const entry = await db
      .selectFrom("signature_blocklist")
      .select("id")
      .where("value", "=", "spam.example")
      .executeTakeFirstOrThrow();
    expect((await staff.post(page, { intent: "unblock", id: String(entry.id) })).status).toBe(200);
    await visitor().post(`/letters/${letter.slug}/sign`, signForm({ email: "person@spam.example" }));
    expect(await signaturesOf(letter.id)).toHaveLength(1);
  });

  it("rate-limits signing per IP (burst): 429 with Retry-After", async () => {
    const letter = await createOpenLetter();
    const client = visitor();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await client.post(`/letters/${letter.slug}/sign`, signForm())).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(303));
    expect(statuses[10]).toBe(429);
    const limited = await client.post(`/letters/${letter.slug}/sign`, signForm());
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await signaturesOf(letter.id)).toHaveLength(10);
  });
});

describe("hostile input", () => {
  const hostile: Array<[Record<string, string>, string]> = [
    [{ name: "<script>alert(1)</script>" }, "name"],
    [{ name: "<b>bold</b>" }, "name"],
    [{ name: "" }, "name"],
    [{ name: "   " }, "name"],
    [{ name: "a".repeat(10_000) }, "name"],
    [{ name: "Robert\u0000Tables" }, "name"],
    [{ affiliation: "x".repeat(10_000) }, "affiliation"],
    [{ email: "a@b.org\r\nBcc: victim@example.org" }, "email"],
    [{ email: "not-an-email" }, "email"],
    [{ email: "" }, "email"],
    [{ email: `${"a".repeat(10_000)}@example.org` }, "email"],
    [{ email: "'; DROP TABLE signatures; --@example.org" }, "email"],
    [{ jurisdiction: "XX" }, "jurisdiction"],
    [{ jurisdiction: "'; DROP TABLE signatures; --" }, "jurisdiction"],
    [{ jurisdiction: "" }, "jurisdiction"],
  ];

  it("answers 400 with a message for the field and writes nothing", async () => {
    const letter = await createOpenLetter();
    for (const [override, field] of hostile) {
      const before = [await countRows("signatures"), await countRows("outbox")];
      const response = await visitor().post(`/letters/${letter.slug}/sign`, signForm(override));
      expect(response.status, JSON.stringify(override).slice(0, 80)).toBe(400);
      const html = await response.text();
      expect(html).toContain(`id="sign-${letter.slug}-${field}-error"`);
      expect(html).not.toContain("<script>alert(1)</script>");
      expect(html).not.toContain("<b>bold</b>");
      expect([await countRows("signatures"), await countRows("outbox")]).toEqual(before);
    }
  });

  it("an unknown intent is a 400, never a 500", async () => {
    const letter = await createOpenLetter();
    expect((await visitor().post(`/letters/${letter.slug}/sign`, { intent: "admin" })).status).toBe(400);
    expect((await visitor().post(`/letters/${letter.slug}/sign`, {})).status).toBe(400);
  });

  it("unicode names are kept as typed, and shown escaped", async () => {
    const letter = await createOpenLetter();
    const name = 'Zoë Ñúñez-O\'Brien 张伟 محمد & Co "quoted"';
    expect((await visitor().post(`/letters/${letter.slug}/sign`, signForm({ name }))).status).toBe(303);
    expect((await signaturesOf(letter.id))[0].name).toBe(name);
    const staffPage = await (await staff.get(`/staff/letters/${letter.slug}/signatures`)).text();
    expect(staffPage).toContain("Zoë Ñúñez-O&#x27;Brien 张伟 محمد &amp; Co &quot;quoted&quot;");
  });

  it("property: any input gives 303 or 400 (never 500); a 400 writes nothing; output is escaped", async () => {
    const letter = await createOpenLetter();
    const nasty = fc.constantFrom(
      "<script>alert(1)</script>",
      "\r\n",
      "' OR '1'='1",
      '=HYPERLINK("http://x")',
      "\u0000",
      "\u202e",
      "😀",
      "@",
      "%00",
      "a".repeat(300),
    );
    const text = fc.oneof(fc.string({ maxLength: 60 }), fc.fullUnicodeString({ maxLength: 40 }), nasty);
    const email = fc.oneof(
      fc.emailAddress(),
      text,
      fc.tuple(fc.emailAddress(), nasty).map(([e, n]) => e + n),
    );
    const input = fc.record(
      {
        intent: fc.oneof(fc.constant("individual"), text),
        name: text,
        affiliation: text,
        jurisdiction: fc.oneof(fc.constantFrom("FR", "BR", "EU", "INT", "fr", "XX", ""), text),
        email,
        showPublicly: fc.oneof(fc.constant("on"), text),
        website_url: fc.oneof(fc.constant(""), fc.constant(""), fc.constant(""), text),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(input, async (form) => {
        const before = [await countRows("signatures"), await countRows("outbox")];
        const response = await visitor().post(`/letters/${letter.slug}/sign`, form as Record<string, string>);
        const html = await response.text();
        expect([303, 400]).toContain(response.status);
        expect(html).not.toContain("<script>alert(1)</script>");
        if (response.status === 400) {
          expect([await countRows("signatures"), await countRows("outbox")]).toEqual(before);
        }
      }),
      { numRuns: 250, seed: 20260905 },
    );
  });
});

describe("privacy", () => {
  it("signers' e-mail addresses never appear on public pages or in the API", async () => {
    const letter = await createOpenLetter();
    const email = "private.person@example.org";
    await visitor().post(`/letters/${letter.slug}/sign`, signForm({ email, name: "Public Name" }));
    await visitor().post("/letters/confirm", { token: linkToken((await lastMailTo(email))!.text, "confirm") });
    expect(await letterCount(letter.id)).toBe(1);
    for (const path of [`/letters/${letter.slug}`, `/letters/${letter.slug}/sign`, `/api/v1/letters/${letter.slug}`]) {
      const body = await (await visitor().get(path)).text();
      expect(body, path).not.toContain(email);
      expect(body, path).not.toContain("private.person");
    }
  });
});

describe("consent to be listed, through the letter page's form", () => {
  const CONSENT = "Show my name in the public list of signatories";

  /**
   * A person on the letter page: fills the individual signature form as rendered (found by its
   * labels), ticks the consent box or leaves it as it is, sends what a browser sends, then opens the
   * mailed link and presses its button. Returns the body the form sent and the box's field name.
   */
  async function signThroughThePage(slug: string, signer: { name: string; email: string; tick: boolean }) {
    const person = visitor();
    const form = await formOnPage(
      person,
      `/letters/${slug}`,
      (f) => f.method === "post" && f.action.pathname === `/letters/${slug}/sign` && f.has("intent", "individual"),
    );
    // Consent is asked for, never assumed: the box comes unticked.
    const consent = form.control({ label: CONSENT });
    expect(consent).toMatchObject({ type: "checkbox", checked: false, disabled: false });
    form
      .fill({ label: "Your name" }, signer.name)
      .select({ label: "Country" }, "Norway")
      .fill({ label: "E-mail address" }, signer.email);
    if (signer.tick) form.check({ label: CONSENT });
    const sent = form.body();
    // A browser leaves an unticked checkbox out of the request altogether.
    expect(sent.has(consent.name)).toBe(signer.tick);
    const answer = await form.submit(person);
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe(`/letters/${slug}/sign?done=individual`);

    const mail = (await lastMailTo(signer.email))!;
    expect(mail.template).toBe("signature-confirm");
    const link = /https?:\/\/\S+\/letters\/confirm\?token=[a-z0-9]+/.exec(mail.text);
    expect(link, "a confirmation link in the mail").not.toBeNull();
    const confirmUrl = new URL(link![0]);
    const confirm = await formOnPage(person, `${confirmUrl.pathname}${confirmUrl.search}`, (f) => f.has("token"));
    expect((await confirm.submit(person)).status).toBe(200);
    return { sent, consentField: consent.name };
  }

  /** The names in the public list of signatories on the letter page. */
  function listedNames(html: string): string[] {
    const document = parseDocument(html);
    const heading = DomUtils.getElementById("signatories-heading", document.children);
    expect(heading, "the Signatories section").not.toBeNull();
    return DomUtils.findAll((el) => el.name === "li", DomUtils.getChildren(heading!.parent!))
      .map((li) => DomUtils.findOne((el) => el.name === "strong", li.children))
      .map((strong) => (strong ? DomUtils.textContent(strong).trim() : ""));
  }

  it("an unticked box signs without listing the name; a ticked one lists it, and the API shows neither", async () => {
    const letter = await createOpenLetter();
    const unlisted = { name: "Unlisted Ragnhild Vik", email: "ragnhild.vik@example.org", tick: false };
    const listed = { name: "Listed Ola Nordmann", email: "ola.nordmann@example.org", tick: true };

    const unlistedSigning = await signThroughThePage(letter.slug, unlisted);
    const listedSigning = await signThroughThePage(letter.slug, listed);
    // The two requests differ in the box alone (besides what was typed).
    const fields = (body: URLSearchParams) => [...body.keys()].sort();
    expect(fields(listedSigning.sent)).toEqual([...fields(unlistedSigning.sent), listedSigning.consentField].sort());

    const rows = await signaturesOf(letter.id);
    expect(rows.map((r) => [r.name, r.status, r.show_publicly])).toEqual([
      [unlisted.name, "confirmed", 0],
      [listed.name, "confirmed", 1],
    ]);
    expect(await letterCount(letter.id)).toBe(2);

    // Both are counted; only the one who agreed is named.
    const page = await visitor().get(`/letters/${letter.slug}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(listedNames(html)).toEqual([listed.name]);
    expect(html).not.toContain(unlisted.name);
    expect(await (await visitor().get(`/letters/${letter.slug}/sign`)).text()).not.toContain(unlisted.name);

    // The open data has counts, never names, whoever agreed to what.
    const api = await visitor().get(`/api/v1/letters/${letter.slug}`);
    expect(api.status).toBe(200);
    const json = await api.text();
    expect(JSON.parse(json)).toMatchObject({
      signatures: { confirmed: 2, individuals: 2, by_jurisdiction: { NO: 2 } },
    });
    for (const text of [unlisted.name, listed.name, unlisted.email, listed.email, "Ragnhild", "Nordmann"]) {
      expect(json).not.toContain(text);
    }
  });
});

describe("organisation signatures", () => {
  it("a representative signs for their own organisation only, confirmed at once; a repeat is neutral", async () => {
    const letter = await createOpenLetter({ version: 2 });
    const rep = visitor();
    await rep.login(DEMO.coalition_member);
    const user = await db
      .selectFrom("users")
      .select(["id", "coalition_member_id"])
      .where("email", "=", DEMO.coalition_member)
      .executeTakeFirstOrThrow();
    const member = await db
      .selectFrom("coalition_members")
      .selectAll()
      .where("id", "=", user.coalition_member_id!)
      .executeTakeFirstOrThrow();
    const other = await db.selectFrom("coalition_members").select("id").where("id", "!=", member.id).executeTakeFirst();

    // A member id in the request is ignored: the organisation comes from the account.
    const answer = await rep.post(`/letters/${letter.slug}/sign`, {
      intent: "organisation",
      coalition_member_id: String(other?.id ?? 999),
      name: "Evil Corp",
    });
    expect(answer.status).toBe(303);
    expect(answer.headers.get("location")).toBe(`/letters/${letter.slug}/sign?done=organisation`);
    const rows = await signaturesOf(letter.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: "organisation",
      status: "confirmed",
      coalition_member_id: member.id,
      signed_by_user_id: user.id,
      name: member.name,
      jurisdiction_code: member.jurisdiction_code,
      email: null,
      version: 2,
      show_publicly: 1,
    });
    expect(await letterCount(letter.id)).toBe(1);

    expect((await rep.post(`/letters/${letter.slug}/sign`, { intent: "organisation" })).status).toBe(303);
    expect(await signaturesOf(letter.id)).toHaveLength(1);
    expect(await letterCount(letter.id)).toBe(1);
  });

  it("once the organisation has signed, its representative is told when and offered no sign button", async () => {
    const letter = await createOpenLetter({ version: 1 });
    const rep = visitor();
    await rep.login(DEMO.coalition_member);
    const before = await (await rep.get(`/letters/${letter.slug}`, { "Accept-Language": "en" })).text();
    expect(before).toContain("Sign for my organisation");
    expect(before).not.toContain("Your organisation signed on");
    expect((await rep.post(`/letters/${letter.slug}/sign`, { intent: "organisation" })).status).toBe(303);
    const after = await (await rep.get(`/letters/${letter.slug}`, { "Accept-Language": "en" })).text();
    expect(after).toMatch(/Your organisation signed on [^<]*\d{4}/);
    expect(after).not.toContain("Sign for my organisation");
    // People still sign in their own name.
    expect(after).toContain('name="intent" value="individual"');
    const fr = await (await rep.get(`/letters/${letter.slug}`, { "Accept-Language": "fr" })).text();
    expect(fr).toContain("Votre organisation a signé le");
  });

  it("others cannot sign for an organisation; the signed-out are sent to sign in", async () => {
    const letter = await createOpenLetter();
    const chapterMember = visitor();
    await chapterMember.login(DEMO.chapter_member);
    expect((await chapterMember.post(`/letters/${letter.slug}/sign`, { intent: "organisation" })).status).toBe(400);
    const anonymous = await visitor().post(`/letters/${letter.slug}/sign`, { intent: "organisation" });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("location")).toMatch(/^\/login/);
    expect(await signaturesOf(letter.id)).toEqual([]);
  });
});

describe("staff moderation and export", () => {
  async function confirmedSignature(letterSlug: string, form: Record<string, string>) {
    await visitor().post(`/letters/${letterSlug}/sign`, signForm(form));
    const mail = (await lastMailTo(form.email))!;
    await visitor().post("/letters/confirm", { token: linkToken(mail.text, "confirm") });
    return mail;
  }

  it("is staff-only: others get 403 on the page, the export and the actions", async () => {
    const letter = await createOpenLetter();
    for (const who of [DEMO.coalition_member, DEMO.chapter_lead] as const) {
      const client = visitor();
      await client.login(who);
      expect((await client.get(`/staff/letters/${letter.slug}/signatures`)).status).toBe(403);
      expect((await client.get(`/staff/letters/${letter.slug}/signatures.csv`)).status).toBe(403);
      const post = await client.post(`/staff/letters/${letter.slug}/signatures`, {
        intent: "block",
        kind: "ip",
        value: "1.2.3.4",
      });
      expect(post.status).toBe(403);
    }
    expect(await db.selectFrom("signature_blocklist").selectAll().where("value", "=", "1.2.3.4").execute()).toEqual([]);
  });

  it("filters the list, bulk-rejects selected signatures with a reason and corrects the count", async () => {
    const letter = await createOpenLetter();
    await confirmedSignature(letter.slug, { email: "one@example.org", name: "Signer One" });
    await confirmedSignature(letter.slug, { email: "two@example.org", name: "Signer Two" });
    await confirmedSignature(letter.slug, { email: "keep@example.org", name: "Keeper" });
    await visitor().post(`/letters/${letter.slug}/sign`, signForm({ email: "pending@example.org", name: "Waiting" }));
    const pendingMail = (await lastMailTo("pending@example.org"))!;
    expect(await letterCount(letter.id)).toBe(3);

    const page = `/staff/letters/${letter.slug}/signatures`;
    const list = await (await staff.get(`${page}?status=confirmed&q=signer`)).text();
    expect(list).toContain("Signer One");
    expect(list).toContain("two@example.org");
    expect(list).not.toContain("Keeper");
    expect(list).not.toContain("Waiting");

    const ids = (await signaturesOf(letter.id)).filter((s) => s.name !== "Keeper").map((s) => String(s.id));
    const noReason = await staff.request(page, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams([["intent", "reject"], ...ids.map((id) => ["ids", id])]),
    });
    expect(noReason.status).toBe(400);
    expect(await letterCount(letter.id)).toBe(3);

    const rejected = await staff.request(page, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams([
        ["intent", "reject"],
        ["reason", "A wave of signatures from one address"],
        ...ids.map((id) => ["ids", id]),
      ]),
    });
    expect(rejected.status).toBe(200);
    expect(await letterCount(letter.id)).toBe(1);
    expect(await confirmedRows(letter.id)).toBe(1);
    const rows = await signaturesOf(letter.id);
    expect(rows.filter((r) => r.status === "rejected")).toHaveLength(3);
    expect(rows.find((r) => r.name === "Signer One")!.rejection_reason).toBe("A wave of signatures from one address");
    // A rejected pending signature can no longer be confirmed.
    expect((await visitor().post("/letters/confirm", { token: linkToken(pendingMail.text, "confirm") })).status).toBe(
      400,
    );
    expect(await letterCount(letter.id)).toBe(1);

    // Signatures of another letter are out of reach of this letter's page.
    const other = await createOpenLetter();
    await confirmedSignature(other.slug, { email: "elsewhere@example.org", name: "Elsewhere" });
    const [foreign] = await signaturesOf(other.id);
    await staff.post(page, { intent: "reject", reason: "x", ids: String(foreign.id) });
    expect((await signaturesOf(other.id))[0].status).toBe("confirmed");
    expect(await letterCount(other.id)).toBe(1);
  });

  it("exports confirmed signatures as CSV with e-mails, formulas neutralised", async () => {
    const letter = await createOpenLetter({ version: 2 });
    await confirmedSignature(letter.slug, { email: "csv@example.org", name: "=cmd|' /C calc'!A0", jurisdiction: "FR" });
    await visitor().post(`/letters/${letter.slug}/sign`, signForm({ email: "unconfirmed@example.org" }));
    const response = await staff.get(`/staff/letters/${letter.slug}/signatures.csv`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    expect(response.headers.get("cache-control")).toContain("no-store");
    const csv = (await response.text()).replace(/^\uFEFF/, "");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("name,affiliation,country,kind,version,confirmed_at,email");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("'=cmd");
    expect(lines[1]).toContain(",FR,individual,2,");
    expect(lines[1]).toContain("csv@example.org");
    expect(csv).not.toContain("unconfirmed@example.org");
  });
});
