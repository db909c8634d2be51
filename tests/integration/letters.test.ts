import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getLetterBySlug } from "~/features/letters/letter-page.server";
import { closeLetter, createLetter, markDelivered, openLetter, updateTexts } from "~/features/letters/letters.server";
import { LetterSchema } from "~/features/letters/forms";
import { countSignatures } from "~/features/letters/signature-counts.server";
import { db } from "../../db/connection";
import type { User } from "../../db/schema";
import { DEMO_DRAFT_LETTER_SLUG, DEMO_OPEN_LETTER_SLUG, seedDemoLetters } from "../../demo/demo-letters";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
let staffUser: User;
let staff: Client;
let anonymous: Client;
let member: Client;

beforeAll(async () => {
  server = await startTestServer();
  staffUser = await db.selectFrom("users").selectAll().where("email", "=", DEMO.staff).executeTakeFirstOrThrow();
  staff = new Client(server.url, "10.44.0.1");
  await staff.login(DEMO.staff);
  member = new Client(server.url, "10.44.0.2");
  await member.login(DEMO.chapter_member);
  anonymous = new Client(server.url, "10.44.0.3");
});
afterAll(() => server.close());

/** A letter through the real schema, as the form would send it. */
async function newLetter(title: string, body = "We ask you to **protect** encryption.", extra: object = {}) {
  const parsed = LetterSchema.parse({ texts: [{ language: "en", title, body }], ...extra });
  const created = await createLetter(staffUser, parsed);
  if (!created.ok) throw new Error(JSON.stringify(created.fieldErrors));
  return created;
}

async function letterRow(id: number) {
  return db.selectFrom("open_letters").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

let signatureN = 0;
/** A signature written straight to the database, as the signing code would, counts kept in step. */
async function sign(
  letterId: number,
  values: {
    kind?: "organisation" | "individual";
    name: string;
    jurisdiction?: string | null;
    status?: "pending" | "confirmed" | "withdrawn" | "rejected";
    show?: boolean;
    affiliation?: string | null;
    email?: string | null;
    confirmedAt?: string;
  },
) {
  signatureN++;
  const now = new Date().toISOString();
  const status = values.status ?? "confirmed";
  const email = values.email === undefined ? `secret-signer-${signatureN}@private.example` : values.email;
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("signatures")
      .values({
        letter_id: letterId,
        version: 1,
        kind: values.kind ?? "individual",
        name: values.name,
        affiliation: values.affiliation ?? null,
        jurisdiction_code: values.jurisdiction === undefined ? "FR" : values.jurisdiction,
        email,
        email_normalised: email,
        coalition_member_id: null,
        signed_by_user_id: null,
        show_publicly: values.show === false ? 0 : 1,
        status,
        confirm_token_hash: null,
        withdraw_token_hash: null,
        confirmed_at: status === "pending" ? null : (values.confirmedAt ?? now),
        withdrawn_at: null,
        rejected_at: null,
        rejection_reason: null,
        ip_hash: null,
        created_at: now,
        updated_at: now,
      })
      .returning(["jurisdiction_code", "kind", "show_publicly"])
      .executeTakeFirstOrThrow();
    if (status === "confirmed") await countSignatures(trx, letterId, [row], 1, now);
  });
}

describe("letter status", () => {
  it("moves draft → open → closed → delivered and refuses every other step", async () => {
    const { id } = await newLetter("Transitions letter");
    expect((await letterRow(id)).status).toBe("draft");
    expect(await closeLetter(staffUser, id)).toEqual({ ok: false, error: "letters:errors.transition" });
    expect((await markDelivered(staffUser, id, { deliveredOn: "2026-10-21", deliveredTo: "X" })).ok).toBe(false);

    expect(await openLetter(staffUser, id)).toEqual({ ok: true });
    const opened = await letterRow(id);
    expect(opened.status).toBe("open");
    expect(opened.opens_on).toBe(new Date().toISOString().slice(0, 10));
    expect((await openLetter(staffUser, id)).ok).toBe(false);
    expect((await markDelivered(staffUser, id, { deliveredOn: "2026-10-21", deliveredTo: "X" })).ok).toBe(false);

    expect((await closeLetter(staffUser, id)).ok).toBe(true);
    expect((await closeLetter(staffUser, id)).ok).toBe(false);
    expect((await openLetter(staffUser, id)).ok).toBe(false);
    expect((await markDelivered(staffUser, id, { deliveredOn: "2026-10-21", deliveredTo: " " })).ok).toBe(false);

    expect(
      await markDelivered(staffUser, id, { deliveredOn: "2026-10-21", deliveredTo: "European Parliament" }),
    ).toEqual({ ok: true });
    const delivered = await letterRow(id);
    expect(delivered).toMatchObject({
      status: "delivered",
      delivered_on: "2026-10-21",
      delivered_to: "European Parliament",
    });
    expect((await closeLetter(staffUser, id)).ok).toBe(false);
    expect((await updateTexts(staffUser, id, [{ language: "en", title: "T", body: "B" }])).ok).toBe(false);

    const audit = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "open_letter")
      .where("entity_id", "=", String(id))
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["letter.create", "letter.open", "letter.closed", "letter.delivered"]);
  });

  it("keeps an opening date staff set", async () => {
    const { id } = await newLetter("Dated letter", "Body", { opensOn: "2026-09-01", closesOn: "2026-10-21" });
    await openLetter(staffUser, id);
    expect((await letterRow(id)).opens_on).toBe("2026-09-01");
  });

  it("runs through the manage page, each step confirmed, staff only", async () => {
    const { id, slug } = await newLetter("Managed letter");
    // Not confirmed: nothing happens.
    expect((await staff.post(`/letters/${slug}/manage`, { intent: "open" })).status).toBe(400);
    // Others cannot.
    expect((await member.post(`/letters/${slug}/manage`, { intent: "open", confirm: "yes" })).status).toBe(403);
    expect((await anonymous.post(`/letters/${slug}/manage`, { intent: "open", confirm: "yes" })).status).toBe(302);
    expect((await letterRow(id)).status).toBe("draft");
    // A step that does not follow: refused with a message.
    const bad = await staff.post(`/letters/${slug}/manage`, { intent: "close", confirm: "yes" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("The letter cannot move to this status from its current one.");

    expect((await staff.post(`/letters/${slug}/manage`, { intent: "open", confirm: "yes" })).status).toBe(302);
    expect((await staff.post(`/letters/${slug}/manage`, { intent: "close", confirm: "yes" })).status).toBe(302);
    const missing = await staff.post(`/letters/${slug}/manage`, { intent: "deliver", confirm: "yes" });
    expect(missing.status).toBe(400);
    expect((await letterRow(id)).status).toBe("closed");
    const delivered = await staff.post(`/letters/${slug}/manage`, {
      intent: "deliver",
      confirm: "yes",
      deliveredOn: "2026-10-22",
      deliveredTo: "LIBE committee",
    });
    expect(delivered.status).toBe(302);
    expect(await letterRow(id)).toMatchObject({ status: "delivered", delivered_to: "LIBE committee" });
    const page = await (await anonymous.get(`/letters/${slug}`)).text();
    expect(page).toContain("LIBE committee");
  });
});

describe("frozen text and versions", () => {
  it("edits a draft in place, then makes a new version once open", async () => {
    const { id, slug } = await newLetter("Versioned letter", "First text.");
    expect(
      await updateTexts(staffUser, id, [
        { language: "en", title: "Versioned letter", body: "Draft text, edited." },
        { language: "fr", title: "Lettre versionnée", body: "Texte du brouillon." },
      ]),
    ).toEqual({ ok: true, version: 1, newVersion: false });
    expect((await letterRow(id)).current_version).toBe(1);
    await openLetter(staffUser, id);

    // Saving the same texts is not a new version.
    const same = await updateTexts(staffUser, id, [
      { language: "en", title: "Versioned letter", body: "Draft text, edited." },
      { language: "fr", title: "Lettre versionnée", body: "Texte du brouillon." },
    ]);
    expect(same).toEqual({ ok: true, version: 1, newVersion: false });

    const edited = await staff.post(`/letters/${slug}/edit`, {
      "texts[0].language": "en",
      "texts[0].title": "Versioned letter",
      "texts[0].body": "Second text, after opening.",
      "texts[1].language": "fr",
      "texts[1].title": "Lettre versionnée",
      "texts[1].body": "Deuxième texte.",
      "texts[2].language": "es",
      "texts[2].title": "",
      "texts[2].body": "",
      goal: "500",
    });
    expect(edited.status).toBe(302);
    const row = await letterRow(id);
    expect(row.current_version).toBe(2);
    expect(row.signature_goal).toBe(500);
    const texts = await db
      .selectFrom("open_letter_texts")
      .select(["version", "language", "body"])
      .where("letter_id", "=", id)
      .orderBy("version")
      .orderBy("id")
      .execute();
    expect(texts).toEqual([
      { version: 1, language: "en", body: "Draft text, edited." },
      { version: 1, language: "fr", body: "Texte du brouillon." },
      { version: 2, language: "en", body: "Second text, after opening." },
      { version: 2, language: "fr", body: "Deuxième texte." },
    ]);

    const current = await (await anonymous.get(`/letters/${slug}`)).text();
    expect(current).toContain("Second text, after opening.");
    expect(current).toContain("Version 2");
    const old = await (await anonymous.get(`/letters/${slug}?version=1`)).text();
    expect(old).toContain("Draft text, edited.");
    expect(old).toContain("You are reading version 1 of this letter.");
    const french = await (await anonymous.get(`/letters/${slug}`, { "Accept-Language": "fr" })).text();
    expect(french).toContain("Deuxième texte.");

    const edit = await (await staff.get(`/letters/${slug}/edit`)).text();
    expect(edit).toContain("Saving a changed text creates version 3");
  });

  it("answers bad input on the edit form with field errors and writes nothing", async () => {
    const { id, slug } = await newLetter("Strict letter");
    const before = await db.selectFrom("open_letter_texts").selectAll().where("letter_id", "=", id).execute();
    const response = await staff.post(`/letters/${slug}/edit`, {
      "texts[0].language": "en",
      "texts[0].title": "",
      "texts[0].body": "Body",
      "texts[1].language": "en",
      "texts[1].title": "Again English",
      "texts[1].body": "Body",
      opensOn: "2026-10-21",
      closesOn: "2026-01-01",
      goal: "-3",
      threats: "no-such-threat",
    });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain("This field is required.");
    expect(html).toContain("Each language can be used only once.");
    expect(html).toContain("Enter a whole number of signatures, at least 1.");
    expect(await db.selectFrom("open_letter_texts").selectAll().where("letter_id", "=", id).execute()).toEqual(before);

    const unknownThreat = await staff.post(`/letters/${slug}/edit`, {
      "texts[0].language": "en",
      "texts[0].title": "Strict letter",
      "texts[0].body": "Body",
      threats: "no-such-threat",
    });
    expect(unknownThreat.status).toBe(400);
    expect(await unknownThreat.text()).toContain("No threat has this address name.");

    const dates = await staff.post(`/letters/${slug}/edit`, {
      "texts[0].language": "en",
      "texts[0].title": "Strict letter",
      "texts[0].body": "Body",
      opensOn: "2026-10-21",
      closesOn: "2026-01-01",
    });
    expect(dates.status).toBe(400);
    expect(await dates.text()).toContain("The closing date must be on or after the opening date.");
    expect(await db.selectFrom("open_letter_texts").selectAll().where("letter_id", "=", id).execute()).toEqual(before);
    expect((await letterRow(id)).closes_on).toBeNull();
  });
});

describe("staff create letters through the form", () => {
  it("creates a draft with two languages, a unique slug and linked threats", async () => {
    const threat = await db.selectFrom("threats").select(["id", "slug"]).orderBy("id").executeTakeFirstOrThrow();
    const form = {
      "texts[0].language": "en",
      "texts[0].title": "Form letter",
      "texts[0].body": "Hello",
      "texts[1].language": "fr",
      "texts[1].title": "Lettre du formulaire",
      "texts[1].body": "Bonjour",
      goal: "1000",
      threats: threat.slug,
    };
    const first = await staff.post("/letters/new", form);
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe("/letters/form-letter");
    const second = await staff.post("/letters/new", form);
    expect(second.headers.get("location")).toBe("/letters/form-letter-2");
    const letter = (await getLetterBySlug("form-letter"))!;
    expect(letter).toMatchObject({ status: "draft", current_version: 1, signature_goal: 1000 });
    const links = await db.selectFrom("open_letter_threats").selectAll().where("letter_id", "=", letter.id).execute();
    expect(links).toEqual([{ letter_id: letter.id, threat_id: threat.id }]);
    const staffPage = await (await staff.get("/letters/form-letter")).text();
    expect(staffPage).toContain("Hello");
  });

  it("requires the first text and writes nothing without it", async () => {
    const count = async () =>
      Number(
        (
          await db
            .selectFrom("open_letters")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const response = await staff.post("/letters/new", { "texts[0].language": "en", "texts[0].title": "" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("This field is required.");
    expect(await count()).toBe(before);
  });

  it("adds a translation row without JavaScript, writing nothing", async () => {
    const before = await db.selectFrom("open_letters").select("id").execute();
    const response = await staff.post("/letters/new", {
      "texts[0].language": "en",
      "texts[0].title": "Half-written",
      "texts[0].body": "",
      __intent__: JSON.stringify({ type: "insert", payload: { name: "texts", defaultValue: { language: "fr" } } }),
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('name="texts[1].title"');
    expect(html).toContain('value="Half-written"');
    expect(await db.selectFrom("open_letters").select("id").execute()).toEqual(before);
  });

  it("refuses the staff pages to everyone else", async () => {
    const { slug } = await newLetter("Guarded letter");
    for (const path of ["/letters/new", `/letters/${slug}/edit`, `/letters/${slug}/manage`]) {
      expect((await member.get(path)).status).toBe(403);
      expect((await anonymous.get(path)).status).toBe(302);
    }
    const before = await db.selectFrom("open_letters").select("id").execute();
    const form = { "texts[0].language": "en", "texts[0].title": "Sneaky", "texts[0].body": "x" };
    expect((await member.post("/letters/new", form)).status).toBe(403);
    expect((await anonymous.post("/letters/new", form)).status).toBe(302);
    expect((await member.post(`/letters/${slug}/edit`, form)).status).toBe(403);
    expect(await db.selectFrom("open_letters").select("id").execute()).toEqual(before);
  });
});

describe("public letter page and open data", () => {
  let slug: string;
  let letterId: number;
  beforeAll(async () => {
    const created = await newLetter(
      "Public letter",
      "Keep **encryption**. <script>alert('x')</script> <img src=x onerror=\"alert(1)\"> [bad](javascript:alert(2))",
      { goal: 100 },
    );
    slug = created.slug;
    letterId = created.id;
    await openLetter(staffUser, letterId);
    await sign(letterId, { name: "Zed Individual", jurisdiction: "FR", confirmedAt: "2026-01-01T00:00:00Z" });
    await sign(letterId, {
      kind: "organisation",
      name: "Late Organisation",
      jurisdiction: "DE",
      email: null,
      confirmedAt: "2026-03-01T00:00:00Z",
    });
    await sign(letterId, {
      kind: "organisation",
      name: "Early Organisation",
      jurisdiction: "KE",
      email: null,
      confirmedAt: "2026-02-01T00:00:00Z",
    });
    await sign(letterId, { name: "Hidden Person", jurisdiction: "FR", show: false, affiliation: "Secret Lab" });
    await sign(letterId, { name: "Pending Person", status: "pending", jurisdiction: "US" });
    await sign(letterId, { name: "Withdrawn Person", status: "withdrawn", jurisdiction: "US" });
    await sign(letterId, { name: "Rejected Person", status: "rejected", jurisdiction: "US" });
    await sign(letterId, {
      name: "Ana Affiliated",
      jurisdiction: null,
      affiliation: "University of Somewhere",
      confirmedAt: "2026-01-02T00:00:00Z",
    });
  });

  it("shows only confirmed signatories who agreed, organisations first, with counts by country", async () => {
    const response = await anonymous.get(`/letters/${slug}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const hidden of ["Hidden Person", "Secret Lab", "Pending Person", "Withdrawn Person", "Rejected Person"])
      expect(html).not.toContain(hidden);
    const order = ["Early Organisation", "Late Organisation", "Zed Individual", "Ana Affiliated"].map((n) =>
      html.indexOf(n),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain("University of Somewhere");
    // 5 confirmed (the hidden one counts), toward a goal of 100.
    expect(html).toContain("5 signatures of a goal of 100");
    expect(html).toMatch(/<progress[^>]*max="100"[^>]*value="5"/);
    expect(html).not.toMatch(/style=/);
    // By country: France 2 (one hidden), Germany 1, Kenya 1.
    expect(html).toMatch(/<th scope="row">France<\/th><td>2<\/td>/);
    expect(html).toMatch(/<th scope="row">Germany<\/th><td>1<\/td>/);
    expect(html).not.toMatch(/<th scope="row">United States<\/th>/);
    expect(html).not.toMatch(/@private\.example/);
  });

  it("sanitises the Markdown of the letter", async () => {
    const html = await (await anonymous.get(`/letters/${slug}`)).text();
    expect(html).toContain("<strong>encryption</strong>");
    expect(html).not.toContain("<script>alert('x')");
    expect(html).not.toMatch(/onerror|javascript:alert|<img src=x/);
  });

  it("paginates the signatories by 50", async () => {
    const { id, slug: many } = await newLetter("Crowded letter");
    await openLetter(staffUser, id);
    for (let i = 0; i < 55; i++)
      await sign(id, {
        name: `Signer ${String(i).padStart(2, "0")}`,
        confirmedAt: `2026-01-01T00:${String(i).padStart(2, "0")}:00Z`,
      });
    const first = await (await anonymous.get(`/letters/${many}`)).text();
    expect(first).toContain("Signer 49");
    expect(first).not.toContain("Signer 50");
    const second = await (await anonymous.get(`/letters/${many}?page=2`)).text();
    expect(second).toContain("Signer 54");
    expect(second).not.toContain("Signer 49");
  });

  it("lists letters with their counts; drafts only for staff", async () => {
    const { slug: draft } = await newLetter("Secret draft letter");
    const publicList = await (await anonymous.get("/letters")).text();
    expect(publicList).toContain("Public letter");
    expect(publicList).not.toContain("Secret draft letter");
    expect(publicList).not.toContain("New letter");
    const staffList = await (await staff.get("/letters")).text();
    expect(staffList).toContain("Secret draft letter");
    expect(staffList).toContain('href="/letters/new"');

    expect((await anonymous.get(`/letters/${draft}`)).status).toBe(404);
    expect((await member.get(`/letters/${draft}`)).status).toBe(404);
    expect((await staff.get(`/letters/${draft}`)).status).toBe(200);
    expect((await anonymous.get(`/api/v1/letters/${draft}`)).status).toBe(404);
    expect((await anonymous.get("/letters/no-such-letter")).status).toBe(404);

    const api = (await (await anonymous.get("/api/v1/letters")).json()) as { data: Array<{ slug: string }> };
    expect(api.data.map((l) => l.slug)).not.toContain(draft);
  });

  it("publishes the exact open-data contract, without any e-mail address", async () => {
    const list = await anonymous.get("/api/v1/letters");
    expect(list.status).toBe(200);
    expect(list.headers.get("access-control-allow-origin")).toBe("*");
    expect(list.headers.get("cache-control")).toBe("public, max-age=60");
    const listText = await list.text();
    expect(listText).not.toMatch(/@/);
    const body = JSON.parse(listText) as { data: Array<Record<string, unknown>> };
    expect(Object.keys(body)).toEqual(["data"]);
    expect(body.data.find((l) => l.slug === slug)).toEqual({
      slug,
      title: "Public letter",
      status: "open",
      confirmed: 5,
      url: `${server.url}/letters/${slug}`,
    });

    const detail = await anonymous.get(`/api/v1/letters/${slug}`);
    expect(detail.status).toBe(200);
    const detailText = await detail.text();
    expect(detailText).not.toMatch(/@|private\.example/);
    const versions = await db
      .selectFrom("open_letter_texts")
      .select("created_at")
      .where("letter_id", "=", letterId)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(detailText)).toEqual({
      slug,
      title: "Public letter",
      status: "open",
      goal: 100,
      signatures: {
        confirmed: 5,
        organisations: 2,
        individuals: 3,
        by_jurisdiction: { DE: 1, FR: 2, KE: 1 },
      },
      versions: [{ number: 1, created_at: versions.created_at }],
    });

    const bad = await anonymous.get("/api/v1/letters?format=xml");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "invalid_parameters", parameters: { format: "unknown parameter" } });
    const missing = await anonymous.get("/api/v1/letters/no-such-letter");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "not_found" });
  });
});

describe("demo letters", () => {
  it("seeds an open letter with signatures and a draft, idempotently", async () => {
    await seedDemoLetters(db);
    await seedDemoLetters(db);
    const open = (await getLetterBySlug(DEMO_OPEN_LETTER_SLUG))!;
    const draft = (await getLetterBySlug(DEMO_DRAFT_LETTER_SLUG))!;
    expect(open.status).toBe("open");
    expect(draft.status).toBe("draft");
    const confirmed = await db
      .selectFrom("signatures")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("letter_id", "=", open.id)
      .where("status", "=", "confirmed")
      .executeTakeFirstOrThrow();
    expect(open.confirmed_count).toBe(Number(confirmed.n));
    expect(open.confirmed_count).toBeGreaterThanOrEqual(25);
    const html = await (await anonymous.get(`/letters/${DEMO_OPEN_LETTER_SLUG}`)).text();
    expect(html).not.toContain("@example.org");
    expect(html).toContain("Global Encryption Day 2026");
    const french = await (await anonymous.get(`/letters/${DEMO_OPEN_LETTER_SLUG}`, { "Accept-Language": "fr" })).text();
    expect(french).toContain("Journée mondiale du chiffrement 2026");
    expect((await anonymous.get(`/letters/${DEMO_DRAFT_LETTER_SLUG}`)).status).toBe(404);
  });
});
