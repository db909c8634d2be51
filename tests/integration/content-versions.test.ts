/** Staff content in several languages: versions per language, fallback, staleness, the staff view. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import type { User } from "../../db/schema";
import { createThreat, updateThreat } from "../../app/features/threats/mutations.server";
import type { ThreatInput } from "../../app/features/threats/forms";
import { formatDate } from "../../app/lib/format";
import { LetterSchema } from "../../app/features/letters/forms";
import { createLetter, openLetter, updateTexts } from "../../app/features/letters/letters.server";
import { Client, DEMO, startTestServer, type TestServer } from "../support/app-server";

let server: TestServer;
let staff: Client;
let lead: Client;
let staffUser: User;
const reader = () => new Client(server.url, "10.52.0.9");
const FR = { "Accept-Language": "fr" };
const EN = { "Accept-Language": "en" };

const threatInput = (title: string, summary: string): ThreatInput => ({
  jurisdiction: "NZ",
  kind: "bill",
  title,
  summary,
  categories: ["encryption"],
  severity: "high",
  firstSeenOn: "2024-03-04",
  sources: [],
});

async function newThreat(title: string, summary: string) {
  const result = await createThreat(staffUser, threatInput(title, summary));
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return result;
}

const versionCount = () =>
  db
    .selectFrom("content_versions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));

const save = (type: string, id: number | string, locale: string, fields: Record<string, string>, as = staff) =>
  as.post(`/staff/translations/${type}/${id}/${locale}`, { intent: "save", ...fields });

beforeAll(async () => {
  // The page cache on: a save must empty the pages it changes.
  server = await startTestServer({ PAGE_CACHE_TTL_MS: "60000" });
  staff = new Client(server.url, "10.52.0.1");
  lead = new Client(server.url, "10.52.0.2");
  await staff.login(DEMO.staff);
  await lead.login(DEMO.chapter_lead);
  staffUser = await db.selectFrom("users").selectAll().where("email", "=", DEMO.staff).executeTakeFirstOrThrow();
});
afterAll(() => server.close());

describe("a threat summary in French", () => {
  it("shows to French readers only, and an anonymous page cached before the save is emptied", async () => {
    const threat = await newThreat("Versions bill", "The **original** summary in English.");
    const visitor = reader();
    const before = await visitor.get(`/threats/${threat.slug}`, FR);
    expect(await before.text()).toContain("Affiché en anglais : pas encore traduit");
    expect((await visitor.get(`/threats/${threat.slug}`, FR)).headers.get("x-cache")).toBe("hit");

    const saved = await save("threat", threat.id, "fr", { summary: "Le résumé **traduit** en français." });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("location")).toBe(`/staff/translations/threat/${threat.id}/fr?done=saved`);

    const french = await visitor.get(`/threats/${threat.slug}`, FR);
    expect(french.headers.get("x-cache")).not.toBe("hit");
    const frenchHtml = await french.text();
    expect(frenchHtml).toContain("Le résumé <strong>traduit</strong> en français.");
    expect(frenchHtml).not.toContain("The <strong>original</strong> summary");
    expect(frenchHtml).not.toContain("pas encore traduit");

    const englishHtml = await (await reader().get(`/threats/${threat.slug}`, EN)).text();
    expect(englishHtml).toContain("The <strong>original</strong> summary in English.");
    expect(englishHtml).not.toContain("traduit");
    expect(englishHtml).not.toContain("not yet translated");

    const api = await reader().get(`/api/v1/threats/${threat.slug}?lang=fr`);
    expect(await api.json()).toMatchObject({
      summary: "Le résumé **traduit** en français.",
      summary_language: "fr",
      original_language: "en",
    });
    const apiEnglish = (await (await reader().get(`/api/v1/threats/${threat.slug}`, EN)).json()) as { summary: string };
    expect(apiEnglish.summary).toBe("The **original** summary in English.");
    expect((await reader().get(`/api/v1/threats/${threat.slug}?lang=xx`)).status).toBe(400);

    const audit = await db
      .selectFrom("audit_log")
      .select(["action", "actor_user_id", "after_json"])
      .where("entity_type", "=", "threat")
      .where("entity_id", "=", String(threat.id))
      .where("action", "like", "translation.%")
      .execute();
    expect(audit).toEqual([expect.objectContaining({ action: "translation.create", actor_user_id: staffUser.id })]);
    expect(JSON.parse(audit[0].after_json!)).toMatchObject({
      locale: "fr",
      summary: "Le résumé **traduit** en français.",
    });
  });

  it("falls back to the original with its language marked and the note", async () => {
    const threat = await newThreat("Untranslated bill", "Only in English so far.");
    const html = await (await reader().get(`/threats/${threat.slug}`, FR)).text();
    expect(html).toMatch(/<div class="prose" lang="en">\s*<p>Only in English so far.<\/p>/);
    expect(html).toContain("Affiché en anglais : pas encore traduit");
    const english = await (await reader().get(`/threats/${threat.slug}`, EN)).text();
    expect(english).not.toContain('class="prose" lang="en"');
    expect(english).not.toContain("not yet translated");
  });

  it("takes the original's language from the form: French text is marked French for others, not for French readers", async () => {
    const threat = await newThreat("Projet de loi écrit en français", "Un résumé écrit en français.");
    const form = {
      jurisdiction: "NZ",
      kind: "bill",
      title: "Projet de loi écrit en français",
      summary: "Un résumé écrit en français.",
      categories: "encryption",
      severity: "high",
      firstSeenOn: "2024-03-04",
      sources: "",
    };
    const refused = await staff.post(`/threats/${threat.slug}/edit`, { ...form, originalLocale: "xx" });
    expect(refused.status).toBe(400);
    expect((await staff.post(`/threats/${threat.slug}/edit`, { ...form, originalLocale: "fr" })).status).toBe(302);
    const row = await db.selectFrom("threats").select("original_locale").where("id", "=", threat.id).executeTakeFirst();
    expect(row?.original_locale).toBe("fr");
    const french = await (await reader().get(`/threats/${threat.slug}`, FR)).text();
    expect(french).not.toContain("pas encore traduit");
    const english = await (await reader().get(`/threats/${threat.slug}`, EN)).text();
    expect(english).toMatch(/<div class="prose" lang="fr">\s*<p>Un résumé écrit en français.<\/p>/);
    expect(english).toContain("Shown in French: not yet translated");
    // An edit that does not name the language keeps it.
    expect((await staff.post(`/threats/${threat.slug}/edit`, form)).status).toBe(302);
    const kept = await db
      .selectFrom("threats")
      .select("original_locale")
      .where("id", "=", threat.id)
      .executeTakeFirst();
    expect(kept?.original_locale).toBe("fr");
  });

  it("removes a version only when confirmed, audited", async () => {
    const threat = await newThreat("Removal bill", "To be translated and removed.");
    expect((await save("threat", threat.id, "fr", { summary: "Traduit puis retiré." })).status).toBe(302);
    const unconfirmed = await staff.post(`/staff/translations/threat/${threat.id}/fr`, { intent: "remove" });
    expect(unconfirmed.status).toBe(400);
    expect(
      await reader()
        .get(`/threats/${threat.slug}`, FR)
        .then((r) => r.text()),
    ).toContain("Traduit puis retiré.");
    const removed = await staff.post(`/staff/translations/threat/${threat.id}/fr`, {
      intent: "remove",
      confirm: "yes",
    });
    expect(removed.status).toBe(302);
    const html = await reader()
      .get(`/threats/${threat.slug}`, FR)
      .then((r) => r.text());
    expect(html).not.toContain("Traduit puis retiré.");
    expect(html).toContain("pas encore traduit");
    const actions = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_type", "=", "threat")
      .where("entity_id", "=", String(threat.id))
      .where("action", "like", "translation.%")
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual(["translation.create", "translation.remove"]);
  });
});

describe("an open letter", () => {
  it("is signed as its original: a translation shows below it, for information, while it matches the text", async () => {
    const parsed = LetterSchema.parse({
      texts: [{ language: "en", title: "Keep messages private", body: "We ask you to **protect** encryption." }],
    });
    const created = await createLetter(staffUser, parsed);
    if (!created.ok) throw new Error("letter not created");
    expect(await openLetter(staffUser, created.id)).toEqual({ ok: true });
    const page = `/letters/${created.slug}`;
    expect(await (await reader().get(page, FR)).text()).toContain("Affiché en anglais : pas encore traduit");

    const saved = await save("letter", created.id, "fr", {
      title: "Gardez les messages privés",
      body: "Nous vous demandons de **protéger** le chiffrement.",
    });
    expect(saved.status).toBe(302);
    const html = await (await reader().get(page, FR)).text();
    // The heading and the text people sign stay the original, in its language.
    expect(html).toContain('<h1 lang="en">Keep messages private</h1>');
    const signed = html.indexOf("We ask you to <strong>protect</strong> encryption.");
    const information = html.indexOf("Traduction pour information");
    expect(signed).toBeGreaterThan(-1);
    expect(information).toBeGreaterThan(signed);
    expect(html.indexOf("Nous vous demandons de <strong>protéger</strong> le chiffrement.")).toBeGreaterThan(
      information,
    );
    expect(html).not.toContain("pas encore traduit");
    const texts = await db
      .selectFrom("open_letter_texts")
      .select(["language", "title"])
      .where("letter_id", "=", created.id)
      .execute();
    expect(texts).toEqual([{ language: "en", title: "Keep messages private" }]);
    expect(await (await reader().get(page, EN)).text()).not.toContain("Traduction pour information");
    expect(await (await reader().get(page, EN)).text()).not.toContain("Translation for information");

    // A new version of the signed text: the translation no longer matches it, so it waits.
    const edited = await updateTexts(staffUser, created.id, [
      { language: "en", title: "Keep messages private", body: "We ask you to **defend** encryption." },
    ]);
    expect(edited).toMatchObject({ ok: true, newVersion: true });
    // Read signed in: the change went straight to the database, past the anonymous page cache.
    const after = await (await lead.get(page, FR)).text();
    expect(after).not.toContain("Traduction pour information");
    expect(after).toContain("Affiché en anglais : pas encore traduit");
    const stale = await (await staff.get("/staff/translations?type=letter&locale=fr", EN)).text();
    expect(stale).toContain("Keep messages private: update the French version");
  });
});

describe("events and targets", () => {
  it("shows an event's title and description in the reader's language", async () => {
    const event = await db
      .selectFrom("events")
      .select(["id", "slug", "title"])
      .where("status", "=", "approved")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const saved = await save("event", event.id, "fr", {
      title: "Atelier chiffrement",
      description: "Premier paragraphe.\n\nSecond paragraphe.",
    });
    expect(saved.status).toBe(302);
    const french = await (await reader().get(`/events/${event.slug}`, FR)).text();
    expect(french).toContain("<h1>Atelier chiffrement</h1>");
    expect(french).toContain("<p>Second paragraphe.</p>");
    const english = await (await reader().get(`/events/${event.slug}`, EN)).text();
    expect(english).not.toContain("Atelier chiffrement");
  });

  it("names the event in a reply's confirmation mail in the replier's language", async () => {
    // An event of a coming edition, which still takes replies.
    expect((await staff.post("/staff/events", { intent: "edition", year: "2032", day: "2032-10-21" })).status).toBe(
      200,
    );
    const created = await lead.post("/events/new", {
      title: "Encryption café",
      kind: "training",
      jurisdiction: "KE",
      city: "Nairobi",
      timezone: "Africa/Nairobi",
      startsLocal: "2032-10-21T18:00",
      endsLocal: "2032-10-21T20:00",
      description: "Bring your phone.",
    });
    expect(created.status).toBe(302);
    const slug = created.headers.get("location")!.slice("/events/".length);
    const event = await db
      .selectFrom("events")
      .select(["id", "slug", "title"])
      .where("slug", "=", slug)
      .executeTakeFirstOrThrow();
    expect((await staff.post("/staff/events", { intent: "approve", eventId: String(event.id) })).status).toBe(200);
    await save("event", event.id, "fr", { title: "Café chiffrement", description: "Venez nombreux." });
    // The edition's list too: the title in the reader's language.
    const frenchList = await (await reader().get("/events?edition=2032", FR)).text();
    expect(frenchList).toContain(">Café chiffrement</a>");
    const englishList = await (await reader().get("/events?edition=2032", EN)).text();
    expect(englishList).toContain(">Encryption café</a>");
    expect(englishList).not.toContain("Café chiffrement");
    const api = (await (await reader().get("/api/v1/events?edition=2032&lang=fr")).json()) as {
      data: Array<{ title: string; title_language: string }>;
    };
    expect(api.data).toEqual([expect.objectContaining({ title: "Café chiffrement", title_language: "fr" })]);
    const apiEnglish = (await (await reader().get("/api/v1/events?edition=2032", EN)).json()) as typeof api;
    expect(apiEnglish.data).toEqual([expect.objectContaining({ title: "Encryption café", title_language: "en" })]);
    const replies = [
      ["fr", "repondant@example.org"],
      ["en", "replier@example.org"],
    ] as const;
    for (const [language, email] of replies) {
      const answer = await reader().post(
        `/events/${event.slug}`,
        { name: "Camille", email },
        { "Accept-Language": language },
      );
      expect(answer.status).toBe(200);
    }
    const subjectTo = async (email: string) =>
      (await db.selectFrom("outbox").select("subject").where("to_address", "=", email).executeTakeFirstOrThrow())
        .subject;
    expect(await subjectTo("repondant@example.org")).toContain("Café chiffrement");
    expect(await subjectTo("replier@example.org")).toContain(event.title);
  });

  it("shows a target's title in the reader's language, else the original marked as English", async () => {
    const [first, second] = await db
      .selectFrom("targets")
      .select(["id", "year", "title"])
      .orderBy("year", "desc")
      .orderBy("position")
      .limit(2)
      .execute();
    expect(second.year).toBe(first.year);
    expect((await save("target", first.id, "fr", { title: "Objectif traduit" })).status).toBe(302);
    const html = await (await reader().get(`/targets?year=${first.year}`, FR)).text();
    expect(html).toContain(`<h2 id="target-${first.id}">Objectif traduit</h2>`);
    expect(html).toContain(`<h2 id="target-${second.id}" lang="en">`);
  });
});

describe("stale versions and the staff view", () => {
  it("counts what is missing per language and type, and lists it", async () => {
    const countOf = async () => {
      const html = await (await staff.get("/staff/translations?type=threat&locale=fr", EN)).text();
      return Number(/Missing versions \((\d+)\)/.exec(html)?.[1]);
    };
    const missingBefore = await countOf();
    const threat = await newThreat("Counted bill", "Counted summary.");
    expect(await countOf()).toBe(missingBefore + 1);
    const total = await db
      .selectFrom("threats")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("summary", "!=", "")
      // A threat written in French needs no French version.
      .where("original_locale", "!=", "fr")
      .executeTakeFirstOrThrow();
    const translated = await db
      .selectFrom("content_versions")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("entity_type", "=", "threat")
      .where("locale", "=", "fr")
      .executeTakeFirstOrThrow();
    expect(await countOf()).toBe(Number(total.n) - Number(translated.n));
    const firstPage = await (await staff.get("/staff/translations?type=threat&locale=fr", EN)).text();
    expect(firstPage).toContain(`/staff/translations/threat/${threat.id}/fr`);
    expect(firstPage).toContain("Counted bill (NZ, 2024): translate into French");
    // Only the filtered type and language are listed; the table counts every one.
    expect(firstPage).not.toContain("/staff/translations/event/");

    await save("threat", threat.id, "fr", { summary: "Résumé compté." });
    expect(await countOf()).toBe(missingBefore);
    expect(await (await staff.get("/staff/translations?type=threat&locale=fr", EN)).text()).not.toContain(
      `/staff/translations/threat/${threat.id}/fr"`,
    );
  });

  it("lists the campaigns not closed that lack a template in a language, to their edit page", async () => {
    const campaigns = await db
      .selectFrom("letter_campaigns")
      .leftJoin("campaign_templates", "campaign_templates.campaign_id", "letter_campaigns.id")
      .select(["letter_campaigns.slug", "letter_campaigns.status", "campaign_templates.language"])
      .execute();
    expect(campaigns.length).toBeGreaterThan(0);
    // One campaign in English only, so that the list has something to show.
    const [open] = campaigns.filter((c) => c.status !== "closed");
    await db
      .deleteFrom("campaign_templates")
      .where("language", "=", "fr")
      .where("campaign_id", "=", (eb) => eb.selectFrom("letter_campaigns").select("id").where("slug", "=", open.slug))
      .execute();
    const html = await (await staff.get("/staff/translations?locale=fr", EN)).text();
    expect(html).toContain(`href="/campaigns/${open.slug}/edit"`);
    expect(html).toMatch(/: write the French template/);
    const withFrench = campaigns.filter((c) => c.language === "fr" && c.slug !== open.slug && c.status !== "closed");
    for (const campaign of withFrench) expect(html).not.toContain(`href="/campaigns/${campaign.slug}/edit"`);
  });

  it("marks a version stale when the original's text changed after it, not for other edits", async () => {
    const threat = await newThreat("Stale bill", "First summary.");
    await save("threat", threat.id, "fr", { summary: "Premier résumé." });
    const link = `/staff/translations/threat/${threat.id}/fr`;
    const staleList = () => staff.get("/staff/translations?type=threat&locale=fr", EN).then((r) => r.text());

    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(
      await updateThreat(staffUser, threat.id, { ...threatInput("Stale bill", "First summary."), severity: "low" }),
    ).toBe(null);
    expect(await staleList()).not.toContain("Stale bill (NZ, 2024): update the French version");

    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await updateThreat(staffUser, threat.id, threatInput("Stale bill", "Second summary."))).toBe(null);
    const changed = await db
      .selectFrom("threats")
      .select("updated_at")
      .where("id", "=", threat.id)
      .executeTakeFirstOrThrow();
    const list = await staleList();
    expect(list).toContain("Stale bill (NZ, 2024): update the French version");
    expect(list).toContain(`Original changed on ${formatDate(changed.updated_at, "en")}`);
    expect(await (await staff.get(link, EN)).text()).toContain("Original changed on");
    // The version still shows until it is updated; saving again makes it current.
    expect(await (await reader().get(`/threats/${threat.slug}`, FR)).text()).toContain("Premier résumé.");
    await save("threat", threat.id, "fr", { summary: "Second résumé." });
    expect(await staleList()).not.toContain("Stale bill (NZ, 2024): update the French version");
  });
});

describe("refused input", () => {
  it("answers 400 with the field's message and writes nothing", async () => {
    const threat = await newThreat("Refusals bill", "Summary.");
    const event = await db.selectFrom("events").select("id").where("status", "=", "approved").executeTakeFirstOrThrow();
    const before = await versionCount();
    const cases: Array<[Response, string]> = [
      [await save("threat", threat.id, "fr", { summary: "x".repeat(20_001) }), "This is too long"],
      [await save("threat", threat.id, "fr", { summary: "Bonjour\u0007" }), "control characters"],
      [await save("event", event.id, "fr", { title: "Deux\nlignes", description: "Texte." }), "control characters"],
      [await save("event", event.id, "fr", { title: "", description: "Texte." }), "This field is required"],
      [
        await save("threat", threat.id, "xx", { summary: "Bonjour" }),
        "This language is not one the site is offered in.",
      ],
      [await save("threat", threat.id, "en", { summary: "Hello" }), "the original&#x27;s own language"],
      [await save("bogus", threat.id, "fr", { summary: "Bonjour" }), "This kind of content has no translations."],
    ];
    for (const [response, message] of cases) {
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(new RegExp(message));
    }
    expect(await versionCount()).toBe(before);
    expect((await staff.get(`/staff/translations/bogus/${threat.id}/fr`)).status).toBe(400);
    expect((await staff.get(`/staff/translations/threat/99999999/fr`)).status).toBe(404);
  });

  it("is for staff only: a chapter lead can neither open nor save a version", async () => {
    const threat = await newThreat("Staff-only bill", "Summary.");
    const before = await versionCount();
    expect((await lead.get(`/staff/translations/threat/${threat.id}/fr`)).status).toBe(403);
    expect((await lead.get("/staff/translations")).status).toBe(403);
    expect((await save("threat", threat.id, "fr", { summary: "Piraté." }, lead)).status).toBe(403);
    expect(
      (await reader().post(`/staff/translations/threat/${threat.id}/fr`, { intent: "save", summary: "x" })).status,
    ).toBe(302);
    expect(await versionCount()).toBe(before);
  });
});
