/**
 * Letter campaigns through the real HTTP stack: staff drafting and opening, the public two-step
 * form, one transaction per send, dedupe, confirmation queuing letters in the outbox or handing
 * them to the sender, paused and closed campaigns, hostile input, the dashboard and CSV export.
 */
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../app/config.server";
import { db } from "../../db/connection";
import { DEMO_CAMPAIGN_SLUG } from "../../demo/demo-campaigns";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";
import { createListCampaign } from "../support/campaign-factory";
import { lastMailTo, tokenFrom } from "../support/mailbox";

let server: TestServer;
let staff: Client;
beforeAll(async () => {
  server = await startTestServer();
  staff = new Client(server.url, "192.0.2.240");
  await staff.login(DEMO.staff);
});
afterAll(() => server.close());

// The public forms are rate-limited per IP: each visitor gets their own address.
let nextIp = 1;
const visitor = () => {
  const n = nextIp++;
  return new Client(server.url, `10.88.${Math.floor(n / 250)}.${(n % 250) + 1}`);
};

const uniqueEmail = (prefix: string) => `${prefix}.${crypto.randomBytes(4).toString("hex")}@example.org`;

async function count(table: "campaign_senders" | "campaign_letters" | "outbox" | "campaign_letter_events") {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
const snapshot = async () => ({
  senders: await count("campaign_senders"),
  letters: await count("campaign_letters"),
  outbox: await count("outbox"),
  events: await count("campaign_letter_events"),
});

async function demoCampaign() {
  return db.selectFrom("letter_campaigns").selectAll().where("slug", "=", DEMO_CAMPAIGN_SLUG).executeTakeFirstOrThrow();
}

async function lawmakerIds(where: { constituency: string }) {
  const rows = await db
    .selectFrom("lawmakers")
    .select(["id", "name", "email", "contact_url"])
    .where("jurisdiction_code", "=", "US")
    .where("constituency", "=", where.constituency)
    .orderBy("id")
    .execute();
  return rows;
}

async function insertLawmaker(name: string, email: string | null, contactUrl: string | null = null) {
  const now = new Date().toISOString();
  const row = await db
    .insertInto("lawmakers")
    .values({
      name,
      title: "Senator",
      body: "Test Senate",
      jurisdiction_code: "US",
      constituency: "ZZ",
      party: null,
      email,
      email_normalised: email ? email.toLowerCase() : null,
      contact_url: contactUrl,
      source_url: null,
      verified_on: null,
      match_key: `test|${name}|${crypto.randomBytes(4).toString("hex")}`,
      search_text: name.toLowerCase(),
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

function senderForm(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    intent: "preview",
    place: "US:WA-02",
    name: "Ana Souza",
    email: uniqueEmail("ana"),
    locality: "Seattle",
    personalNote: "As a nurse, I rely on encrypted messages.",
    ...overrides,
  };
}

const lettersOfSender = (senderId: number) =>
  db.selectFrom("campaign_letters").selectAll().where("sender_id", "=", senderId).orderBy("id").execute();

describe("the send → confirm flow", () => {
  it("previews, writes everything in one go, and on confirmation queues or hands over each letter", async () => {
    const campaign = await demoCampaign();
    const person = visitor();
    const form = senderForm({ email: "Ana.Souza+letters@Example.org" });
    const senators = await lawmakerIds({ constituency: "WA" });
    const [rep] = await lawmakerIds({ constituency: "WA-02" });
    expect(senators).toHaveLength(2);
    expect(senators.every((s) => s.email)).toBe(true);
    expect(rep.email).toBeNull();

    // Step one: the preview writes nothing and shows the exact letters.
    const before = await snapshot();
    const preview = await person.post(`/campaigns/${campaign.slug}`, form);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    for (const l of [...senators, rep]) expect(html).toContain(l.name);
    expect(html).toContain("As a nurse, I rely on encrypted messages.");
    expect(html).toContain("Send my 3 letters");
    expect(await snapshot()).toEqual(before);
    const seed = /name="seed" value="([0-9a-f]{16})"/.exec(html)?.[1];
    expect(seed).toBeDefined();

    // Step two: the sender, three letters, their creation logged, one confirmation mail.
    const sent = await person.post(`/campaigns/${campaign.slug}`, { ...form, intent: "send", seed: seed! });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe(`/campaigns/${campaign.slug}?sent=1`);
    const sender = await db
      .selectFrom("campaign_senders")
      .selectAll()
      .where("email", "=", "Ana.Souza+letters@Example.org")
      .executeTakeFirstOrThrow();
    expect(sender).toMatchObject({
      campaign_id: campaign.id,
      name: "Ana Souza",
      locality: "Seattle",
      jurisdiction_code: "US",
      constituency: "WA-02",
      status: "pending_confirmation",
      locale: "en",
    });
    expect(sender.confirm_token_hash).toMatch(/^[0-9a-f]{64}$/);
    const letters = await lettersOfSender(sender.id);
    expect(letters.map((l) => l.lawmaker_id).sort()).toEqual([...senators.map((s) => s.id), rep.id].sort());
    // Keyed by the app secret: the plain hash of the address is not what is kept.
    const key = crypto
      .createHmac("sha256", loadConfig().appSecret)
      .update("sender:ana.souza@example.org")
      .digest("hex");
    expect(key).not.toBe(crypto.createHash("sha256").update("ana.souza@example.org").digest("hex"));
    for (const letter of letters) {
      expect(letter.status).toBe("pending_confirmation");
      expect(letter.sender_key).toBe(key);
      expect(letter.body).toContain("As a nurse, I rely on encrypted messages.");
      expect(letter.body).toContain("Ana Souza");
      // The subject shown in the preview is the one written.
      expect(html).toContain(letter.subject.replace(/'/g, "&#x27;"));
    }
    const created = await db
      .selectFrom("campaign_letter_events")
      .selectAll()
      .where(
        "letter_id",
        "in",
        letters.map((l) => l.id),
      )
      .execute();
    expect(created.map((e) => [e.from_status, e.to_status])).toEqual(letters.map(() => [null, "pending_confirmation"]));
    expect(await count("outbox")).toBe(before.outbox + 1);
    const mail = (await lastMailTo("Ana.Souza+letters@Example.org"))!;
    expect(mail.template).toBe("campaign-confirm");
    expect(mail.idempotency_key).toBe(`campaign-confirm:${sender.id}`);
    // The hub's own mail keeps the hub's address; only letters go out from the campaign's.
    expect(mail.from_address).not.toBe(campaign.sending_address);
    expect(mail.reply_to).toBeNull();
    const token = tokenFrom(mail.text);
    expect(mail.text).toContain(`/campaigns/confirm?token=${token}`);

    // A mail scanner prefetching the link confirms nothing.
    const look = await visitor().get(`/campaigns/confirm?token=${token}`);
    expect(look.status).toBe(200);
    expect(await look.text()).toContain(`value="${token}"`);
    expect((await lettersOfSender(sender.id)).every((l) => l.status === "pending_confirmation")).toBe(true);

    const confirm = await visitor().post("/campaigns/confirm", { token });
    expect(confirm.status).toBe(200);
    const page = await confirm.text();
    const after = await lettersOfSender(sender.id);
    const queued = after.filter((l) => l.status === "queued");
    const handed = after.filter((l) => l.status === "handed_to_sender");
    expect(queued.map((l) => l.lawmaker_id).sort()).toEqual(senators.map((s) => s.id).sort());
    expect(handed.map((l) => l.lawmaker_id)).toEqual([rep.id]);
    expect(handed[0].outbox_id).toBeNull();
    for (const letter of queued) {
      const row = await db
        .selectFrom("outbox")
        .selectAll()
        .where("id", "=", letter.outbox_id!)
        .executeTakeFirstOrThrow();
      const lawmaker = senators.find((s) => s.id === letter.lawmaker_id)!;
      expect(row).toMatchObject({
        template: "campaign-letter",
        to_address: lawmaker.email,
        from_address: campaign.sending_address,
        reply_to: "Ana.Souza+letters@Example.org",
        subject: letter.subject,
        idempotency_key: `campaign-letter:${letter.id}`,
        status: "pending",
      });
      expect(row.text).toContain("As a nurse, I rely on encrypted messages.");
    }
    const moves = await db
      .selectFrom("campaign_letter_events")
      .select(["letter_id", "from_status", "to_status"])
      .where(
        "letter_id",
        "in",
        after.map((l) => l.id),
      )
      .where("from_status", "=", "pending_confirmation")
      .execute();
    expect(moves).toHaveLength(3);
    // The handed-over letter is ready to copy, with its lawmaker's contact form.
    expect(page).toContain(rep.name);
    expect(page).toContain("<textarea");
    expect(page).toContain(rep.contact_url!);
    expect(page).toContain("As a nurse, I rely on encrypted messages.");

    // A second POST with the same token changes nothing and shows the same letters.
    const outboxBefore = await count("outbox");
    const again = await visitor().post("/campaigns/confirm", { token });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain(rep.contact_url!);
    expect(await count("outbox")).toBe(outboxBefore);
    expect(await lettersOfSender(sender.id)).toEqual(after);
  });

  it("one letter per sender per lawmaker: a repeat of confirmed letters writes nothing and gets the answer a first send gets", async () => {
    const campaign = await demoCampaign();
    const email = uniqueEmail("repeat");
    const first = await visitor().post(
      `/campaigns/${campaign.slug}`,
      senderForm({ email, intent: "send", place: "US:WA" }),
    );
    expect(first.status).toBe(303);
    // Unconfirmed letters would be replaced by the repeat (optin-squatting.test.ts); these are confirmed.
    const mail = (await lastMailTo(email))!;
    expect((await visitor().post("/campaigns/confirm", { token: tokenFrom(mail.text) })).status).toBe(200);
    const before = await snapshot();
    // The same address, spelled differently, picking a place that includes the same senators.
    const variant = email.replace("@", "+again@").toUpperCase();
    const repeat = await visitor().post(
      `/campaigns/${campaign.slug}`,
      senderForm({ email: variant, intent: "send", place: "US:WA-01" }),
    );
    // Anyone can type someone else's address: the answer must not tell whether it wrote before.
    expect(repeat.status).toBe(303);
    expect(repeat.headers.get("location")).toBe(first.headers.get("location"));
    const [senator] = await lawmakerIds({ constituency: "WA" });
    expect(await repeat.text()).not.toContain(senator.name);
    expect(await snapshot()).toEqual(before);
  });

  it("two sends from one address at once: only one writes letters", async () => {
    const campaign = await demoCampaign();
    const email = uniqueEmail("race");
    const before = await snapshot();
    const answers = await Promise.all(
      [0, 1, 2].map(() =>
        visitor().post(`/campaigns/${campaign.slug}`, senderForm({ email, intent: "send", place: "US:MN" })),
      ),
    );
    // A repeat answers as a first send does (303); one caught by the unique index mid-race gets a 400.
    expect(answers.every((a) => a.status === 303 || a.status === 400)).toBe(true);
    const senators = await lawmakerIds({ constituency: "MN" });
    const after = await snapshot();
    expect(after.senders).toBe(before.senders + 1);
    expect(after.letters).toBe(before.letters + senators.length);
  });

  it("refuses bad input with field errors (400) and writes nothing", async () => {
    const campaign = await demoCampaign();
    const before = await snapshot();
    const cases: Array<[Record<string, string>, string]> = [
      [{ name: "" }, "Enter your name: it signs your letters."],
      [{ email: "not-an-address" }, "Enter a valid e-mail address"],
      [{ place: "" }, "Choose your constituency from the list."],
      [{ place: "US:ZZ-99" }, "No lawmaker represents this constituency in this campaign."],
      [{ name: "Eve\r\nBcc: victim@example.org" }, "Remove the control characters."],
      [{ locality: "x".repeat(500) }, "This is too long."],
      [{ locality: "" }, "Enter your town or city: the letter says where you write from."],
      [{ personalNote: "y".repeat(5000) }, "This is too long."],
    ];
    for (const [overrides, message] of cases) {
      for (const intent of ["preview", "send"]) {
        const response = await visitor().post(`/campaigns/${campaign.slug}`, senderForm({ ...overrides, intent }));
        expect(response.status, JSON.stringify(overrides)).toBe(400);
        expect(await response.text()).toContain(message);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it("a honeypot gets the same answer and writes nothing", async () => {
    const campaign = await demoCampaign();
    const before = await snapshot();
    const response = await visitor().post(
      `/campaigns/${campaign.slug}`,
      senderForm({ intent: "send", website_url: "http://spam.example" }),
    );
    expect(response.status).toBe(303);
    expect(await snapshot()).toEqual(before);
  });
});

describe("limits and languages", () => {
  it("rate-limits the public form per address, like signing", async () => {
    const campaign = await demoCampaign();
    const person = visitor();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await person.post(`/campaigns/${campaign.slug}`, senderForm())).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Another address is not affected.
    expect((await visitor().post(`/campaigns/${campaign.slug}`, senderForm())).status).toBe(200);
  });

  it("speaks French: the French text, letters and confirmation mail", async () => {
    const campaign = await demoCampaign();
    const fr = { "Accept-Language": "fr" };
    const page = await (await visitor().get(`/campaigns/${campaign.slug}`, fr)).text();
    expect(page).toContain("Loi STOP CSAM : écrivez à vos élus");
    expect(page).toContain("Votre circonscription");
    const email = uniqueEmail("francoise");
    const person = visitor();
    const preview = await (
      await person.post(`/campaigns/${campaign.slug}`, senderForm({ email, place: "US:MN" }), fr)
    ).text();
    expect(preview).toContain("Je vous écris depuis Seattle");
    expect(
      (await person.post(`/campaigns/${campaign.slug}`, senderForm({ email, place: "US:MN", intent: "send" }), fr))
        .status,
    ).toBe(303);
    const mail = (await lastMailTo(email))!;
    expect(mail.locale).toBe("fr");
    expect(mail.subject).toBe("Confirmez vos lettres : Loi STOP CSAM : écrivez à vos élus");
  });
});

describe("hostile input", () => {
  it("names, notes and lawmakers with markup or line breaks never reach a header or a page unescaped", async () => {
    const hostile = await insertLawmaker(
      "<script>alert('lm')</script> Ev\r\nBcc: x@evil.example",
      "hostile.lm@example.org",
    );
    const campaign = await createListCampaign([hostile], {
      subjects: ["{{lawmaker.name}} {{sender.name}} {{sender.locality}}"],
    });
    const person = visitor();
    const email = uniqueEmail("hostile");
    const form = {
      intent: "preview",
      name: "<script>alert(1)</script> {{threat.title}}",
      email,
      locality: "<img src=x onerror=alert(2)>",
      personalNote: "<b>bold</b>\r\n\r\n{{lawmaker.name}}",
    };
    const preview = await person.post(`/campaigns/${campaign.slug}`, form);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<img src=x");
    expect(html).not.toContain("<b>bold</b>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; {{threat.title}}");

    expect((await person.post(`/campaigns/${campaign.slug}`, { ...form, intent: "send" })).status).toBe(303);
    const token = tokenFrom((await lastMailTo(email))!.text);
    const confirmed = await visitor().post("/campaigns/confirm", { token });
    expect(confirmed.status).toBe(200);
    const [letter] = await db
      .selectFrom("campaign_letters")
      .selectAll()
      .where("campaign_id", "=", campaign.id)
      .execute();
    // Values are inserted literally: the sender's "{{threat.title}}" and "{{lawmaker.name}}" stay text.
    expect(letter.body).toContain("{{lawmaker.name}}");
    expect(letter.body).toContain("<script>alert(1)</script> {{threat.title}}");
    const row = await db.selectFrom("outbox").selectAll().where("id", "=", letter.outbox_id!).executeTakeFirstOrThrow();
    for (const header of [row.subject, row.reply_to ?? "", row.from_address, row.to_address]) {
      expect(header).not.toMatch(/[\r\n\u0000-\u001f]/);
    }
    expect(row.subject).toContain("Bcc: x@evil.example"); // on the one line, harmless
    expect(row.reply_to).toBe(email);
    expect(row.html).not.toContain("<script>");
    expect(row.html).not.toContain("<img src=x");
    expect(row.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(row.html).toContain("&lt;b&gt;bold&lt;/b&gt;");
  });
});

describe("paused and closed campaigns", () => {
  it("accept nothing: no preview, no send, no confirmation until resumed", async () => {
    const [senatorA] = await lawmakerIds({ constituency: "WA" });
    const campaign = await createListCampaign([senatorA.id]);
    const email = uniqueEmail("paused");
    expect(
      (await visitor().post(`/campaigns/${campaign.slug}`, senderForm({ email, intent: "send", place: "" }))).status,
    ).toBe(303);
    const token = tokenFrom((await lastMailTo(email))!.text);

    for (const intent of ["pause", "close"] as const) {
      if (intent === "close") {
        expect(
          (await staff.post(`/campaigns/${campaign.slug}/manage`, { intent: "resume", confirm: "yes" })).status,
        ).toBe(302);
      }
      expect((await staff.post(`/campaigns/${campaign.slug}/manage`, { intent, confirm: "yes" })).status).toBe(302);
      const before = await snapshot();
      for (const step of ["preview", "send"]) {
        const response = await visitor().post(`/campaigns/${campaign.slug}`, senderForm({ intent: step, place: "" }));
        expect(response.status).toBe(400);
        expect(await response.text()).toContain(
          intent === "pause" ? "it does not accept letters right now" : "This campaign is closed",
        );
      }
      const confirm = await visitor().post("/campaigns/confirm", { token });
      expect(confirm.status).toBe(400);
      expect(await snapshot()).toEqual(before);
      const page = await (await visitor().get(`/campaigns/${campaign.slug}`)).text();
      expect(page).toContain(intent === "pause" ? "This campaign is paused" : "This campaign is closed");
      expect(page).not.toContain('name="email"');
    }
    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "letter_campaign")
      .where("entity_id", "=", String(campaign.id))
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["campaign.pause", "campaign.resume", "campaign.close"]);
    // Closed is final.
    expect((await staff.post(`/campaigns/${campaign.slug}/manage`, { intent: "resume", confirm: "yes" })).status).toBe(
      400,
    );
  });

  it("a resumed campaign sends the letters confirmed after it", async () => {
    const [senatorA] = await lawmakerIds({ constituency: "WA" });
    const campaign = await createListCampaign([senatorA.id]);
    const email = uniqueEmail("resumed");
    await visitor().post(`/campaigns/${campaign.slug}`, senderForm({ email, intent: "send", place: "" }));
    const token = tokenFrom((await lastMailTo(email))!.text);
    await staff.post(`/campaigns/${campaign.slug}/manage`, { intent: "pause", confirm: "yes" });
    expect((await visitor().post("/campaigns/confirm", { token })).status).toBe(400);
    await staff.post(`/campaigns/${campaign.slug}/manage`, { intent: "resume", confirm: "yes" });
    expect((await visitor().post("/campaigns/confirm", { token })).status).toBe(200);
    const [letter] = await db
      .selectFrom("campaign_letters")
      .selectAll()
      .where("campaign_id", "=", campaign.id)
      .execute();
    expect(letter.status).toBe("queued");
  });
});

// Last: it closes every campaign.
describe("the public list", () => {
  it("shows open campaigns only, and says so when there is none", async () => {
    const draft = await createListCampaign([], { status: "draft" });
    const html = await (await visitor().get("/campaigns")).text();
    expect(html).toContain("STOP CSAM Act: write to your lawmakers");
    expect(html).not.toContain(draft.slug);
    await db.updateTable("letter_campaigns").set({ status: "closed" }).where("status", "=", "open").execute();
    const empty = await (await visitor().get("/campaigns")).text();
    expect(empty).toContain("No campaign is open right now.");
    expect(empty).not.toContain("STOP CSAM Act: write to your lawmakers");
  });
});
