/**
 * A letter's signature counters, kept by the transactions that change a signature's status: after
 * confirming (once, however often the link is used), withdrawing, replacing a pending signature,
 * an organisation's signature and moderation, and after any sequence of those, they equal a
 * GROUP BY over the signature rows, and the letter page's figures equal the ones it used to count.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { confirmSignature, withdrawSignature } from "~/features/letters/confirmation.server";
import { getLetterBySlug, getLetterPage } from "~/features/letters/letter-page.server";
import { rejectSignatures } from "~/features/letters/moderation.server";
import { signatureCounts } from "~/features/letters/signature-counts.server";
import { signForOrganisation, signIndividual } from "~/features/letters/signing.server";
import { foldName } from "~/lib/search";
import { db } from "../../db/connection";
import type { User } from "../../db/schema";
import { DEMO_OPEN_LETTER_SLUG } from "../../demo/demo-letters";
import { createOpenLetter, mailsTo, uniqueEmail } from "../support/optin-fixtures";
import { confirmedTotals, countsFromCounters, countsFromRows, pageFiguresFromRows } from "../support/signature-counts";

type Representative = Pick<User, "id" | "role" | "coalition_member_id">;
let staff: Pick<User, "id">;
/** The demo representative, then the same account standing for members without and with a country. */
let representatives: Representative[];

async function member(name: string, jurisdiction: string | null): Promise<number> {
  const stamp = new Date().toISOString();
  const row = await db
    .insertInto("coalition_members")
    .values({
      name,
      name_folded: foldName(name),
      sector: "civil_society",
      jurisdiction_code: jurisdiction,
      website: null,
      joined_on: null,
      status: "active",
      public_profile: null,
      contact_email: null,
      search_text: name.toLowerCase(),
      created_at: stamp,
      updated_at: stamp,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  staff = await db.selectFrom("users").select("id").where("email", "=", "staff@example.org").executeTakeFirstOrThrow();
  const demo = await db
    .selectFrom("users")
    .select(["id", "role", "coalition_member_id"])
    .where("email", "=", "member@example.org")
    .executeTakeFirstOrThrow();
  const stateless = await member("Counters Without Country", null);
  const kenyan = await member("Counters Kenya Network", "KE");
  representatives = [demo, { ...demo, coalition_member_id: stateless }, { ...demo, coalition_member_id: kenyan }];
});

async function sign(letterId: number, email: string, details: { jurisdiction?: string; listed?: boolean } = {}) {
  const result = await signIndividual(
    letterId,
    {
      intent: "individual",
      name: "Ana Souza",
      affiliation: "",
      jurisdiction: details.jurisdiction ?? "FR",
      email,
      showPublicly: details.listed ?? true,
    },
    { ip: "198.51.100.7", locale: "en" },
  );
  expect(result).toEqual({ ok: true });
}

/** The confirm and withdraw tokens of the n-th mail to this address (the latest by default). */
async function tokens(email: string, n = -1) {
  const text = (await mailsTo(email)).at(n)?.text ?? "";
  const token = (path: string) => new RegExp(`${path}\\?token=([a-z0-9]+)`).exec(text)?.[1] ?? "none-such-token-0";
  return { confirm: token("/letters/confirm"), withdraw: token("/letters/withdraw") };
}

const signatureId = async (letterId: number, email: string) =>
  (
    await db
      .selectFrom("signatures")
      .select("id")
      .where("letter_id", "=", letterId)
      .where("email", "=", email)
      .executeTakeFirstOrThrow()
  ).id;

async function expectInStep(letterId: number) {
  expect(await countsFromCounters(db, letterId)).toEqual(await countsFromRows(db, letterId));
  const totals = await confirmedTotals(db, letterId);
  expect(totals.column).toBe(totals.rows);
  expect(await signatureCounts(letterId)).toEqual(await pageFiguresFromRows(db, letterId));
}

const counter = (jurisdiction_code: string, kind: string, show_publicly: number, count: number) => ({
  jurisdiction_code,
  kind,
  show_publicly,
  count,
});

describe("signature counters", () => {
  it("count a confirmed signature once, however often or concurrently its link is used", async () => {
    const letter = await createOpenLetter();
    const ana = uniqueEmail("ana");
    await sign(letter.id, ana, { jurisdiction: "FR" });
    expect(await countsFromCounters(db, letter.id)).toEqual([]);

    const { confirm } = await tokens(ana);
    expect((await confirmSignature(confirm)).ok).toBe(true);
    expect(await countsFromCounters(db, letter.id)).toEqual([counter("FR", "individual", 1, 1)]);
    expect(await confirmSignature(confirm)).toEqual({ ok: false, reason: "invalid" });
    // A repeated attempt gets a reminder and counts nothing.
    await sign(letter.id, ana, { jurisdiction: "DE" });
    expect((await mailsTo(ana)).map((m) => m.template)).toEqual(["signature-confirm", "signature-reminder"]);
    expect(await countsFromCounters(db, letter.id)).toEqual([counter("FR", "individual", 1, 1)]);

    const bo = uniqueEmail("bo");
    await sign(letter.id, bo, { jurisdiction: "DE", listed: false });
    const twice = await Promise.all([
      confirmSignature((await tokens(bo)).confirm),
      confirmSignature((await tokens(bo)).confirm),
    ]);
    expect(twice.filter((r) => r.ok)).toHaveLength(1);
    expect(await countsFromCounters(db, letter.id)).toEqual([
      counter("DE", "individual", 0, 1),
      counter("FR", "individual", 1, 1),
    ]);
    await expectInStep(letter.id);

    const page = await getLetterPage(letter.slug, "en");
    expect(page?.counts).toMatchObject({ confirmed: 2, listed: 1, individuals: 2, organisations: 0 });
    expect(page?.counts.byJurisdiction).toEqual([
      { code: "DE", name_en: "Germany", name_fr: "Allemagne", count: 1 },
      { code: "FR", name_en: "France", name_fr: "France", count: 1 },
    ]);
    expect(page?.signatories.total).toBe(1);
  });

  it("lose a withdrawn confirmed signature; a withdrawn pending one was never counted", async () => {
    const letter = await createOpenLetter();
    const [ana, bo] = [uniqueEmail("ana"), uniqueEmail("bo")];
    await sign(letter.id, ana, { jurisdiction: "KE" });
    await sign(letter.id, bo, { jurisdiction: "KE" });
    expect((await confirmSignature((await tokens(ana)).confirm)).ok).toBe(true);

    expect((await withdrawSignature((await tokens(bo)).withdraw)).ok).toBe(true);
    expect(await countsFromCounters(db, letter.id)).toEqual([counter("KE", "individual", 1, 1)]);
    expect((await withdrawSignature((await tokens(ana)).withdraw)).ok).toBe(true);
    expect(await countsFromCounters(db, letter.id)).toEqual([]);
    expect(await withdrawSignature((await tokens(ana)).withdraw)).toEqual({ ok: false, reason: "invalid" });
    expect(await confirmedTotals(db, letter.id)).toEqual({ column: 0, rows: 0 });
    await expectInStep(letter.id);
  });

  it("count a replaced pending signature with the details it is confirmed with", async () => {
    const letter = await createOpenLetter();
    const ana = uniqueEmail("ana");
    await sign(letter.id, ana, { jurisdiction: "FR", listed: true });
    await sign(letter.id, ana, { jurisdiction: "DE", listed: false });
    expect(await confirmSignature((await tokens(ana, 0)).confirm)).toEqual({ ok: false, reason: "invalid" });
    expect((await confirmSignature((await tokens(ana)).confirm)).ok).toBe(true);
    expect(await countsFromCounters(db, letter.id)).toEqual([counter("DE", "individual", 0, 1)]);
    await expectInStep(letter.id);
  });

  it("count an organisation at once, without a country under '', and a repeat not at all", async () => {
    const letter = await createOpenLetter();
    for (const representative of [...representatives, ...representatives]) {
      expect(await signForOrganisation(representative, letter.id)).toEqual({ ok: true });
    }
    const demo = await db
      .selectFrom("coalition_members")
      .select("jurisdiction_code")
      .where("id", "=", representatives[0].coalition_member_id!)
      .executeTakeFirstOrThrow();
    const expected = new Map<string, number>();
    for (const code of [demo.jurisdiction_code ?? "", "", "KE"]) expected.set(code, (expected.get(code) ?? 0) + 1);
    expect(await countsFromCounters(db, letter.id)).toEqual(
      [...expected].sort(([a], [b]) => a.localeCompare(b)).map(([code, n]) => counter(code, "organisation", 1, n)),
    );
    await expectInStep(letter.id);
    expect((await signatureCounts(letter.id)).organisations).toBe(3);
  });

  it("lose signatures rejected by moderation, counting each once; pending ones change nothing", async () => {
    const letter = await createOpenLetter();
    const other = await createOpenLetter();
    const people = [uniqueEmail("fr-listed"), uniqueEmail("fr-hidden"), uniqueEmail("ke"), uniqueEmail("pending")];
    await sign(letter.id, people[0], { jurisdiction: "FR" });
    await sign(letter.id, people[1], { jurisdiction: "FR", listed: false });
    await sign(letter.id, people[2], { jurisdiction: "KE" });
    await sign(letter.id, people[3], { jurisdiction: "KE" });
    for (const email of people.slice(0, 3))
      expect((await confirmSignature((await tokens(email)).confirm)).ok).toBe(true);
    const outsider = uniqueEmail("outsider");
    await sign(other.id, outsider, { jurisdiction: "FR" });
    expect((await confirmSignature((await tokens(outsider)).confirm)).ok).toBe(true);

    const ids = [
      await signatureId(letter.id, people[0]),
      await signatureId(letter.id, people[2]),
      await signatureId(letter.id, people[3]),
      await signatureId(other.id, outsider),
    ];
    expect(await rejectSignatures(staff, letter.id, [...ids, ids[0]], "Spam wave")).toBe(3);
    expect(await countsFromCounters(db, letter.id)).toEqual([counter("FR", "individual", 0, 1)]);
    expect(await countsFromCounters(db, other.id)).toEqual([counter("FR", "individual", 1, 1)]);
    expect(await rejectSignatures(staff, letter.id, ids, "Again")).toBe(0);
    expect(await confirmSignature((await tokens(people[3])).confirm)).toEqual({ ok: false, reason: "invalid" });
    expect(await confirmedTotals(db, letter.id)).toEqual({ column: 1, rows: 1 });
    await expectInStep(letter.id);
    await expectInStep(other.id);
  });

  it("of the demo letter equal its rows", async () => {
    const demo = await getLetterBySlug(DEMO_OPEN_LETTER_SLUG);
    expect(demo).toBeDefined();
    expect((await countsFromCounters(db, demo!.id)).length).toBeGreaterThan(1);
    await expectInStep(demo!.id);
  });
});

const PEOPLE = 4;
const person = fc.integer({ min: 0, max: PEOPLE - 1 });
const operation = fc.oneof(
  fc.record({
    op: fc.constant("sign" as const),
    who: person,
    jurisdiction: fc.constantFrom("FR", "DE", "KE"),
    listed: fc.boolean(),
  }),
  fc.record({ op: fc.constant("confirm" as const), who: person, firstLink: fc.boolean() }),
  fc.record({ op: fc.constant("withdraw" as const), who: person, firstLink: fc.boolean() }),
  fc.record({ op: fc.constant("reject" as const), whom: fc.uniqueArray(person, { minLength: 1, maxLength: PEOPLE }) }),
  fc.record({ op: fc.constant("organisation" as const), which: fc.integer({ min: 0, max: 2 }) }),
);

describe("the counters' invariant", () => {
  it("property: after any sequence of signing, confirming, withdrawing, organisations and moderation, counters equal GROUP BY", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 20 }), async (operations) => {
        const letter = await createOpenLetter();
        const emails = Array.from({ length: PEOPLE }, (_, i) => uniqueEmail(`person${i}`));
        const signed = new Set<number>();
        for (const step of operations) {
          if (step.op === "sign") {
            await sign(letter.id, emails[step.who], { jurisdiction: step.jurisdiction, listed: step.listed });
            signed.add(step.who);
          } else if (step.op === "confirm") {
            await confirmSignature((await tokens(emails[step.who], step.firstLink ? 0 : -1)).confirm);
          } else if (step.op === "withdraw") {
            await withdrawSignature((await tokens(emails[step.who], step.firstLink ? 0 : -1)).withdraw);
          } else if (step.op === "reject") {
            const ids = [];
            for (const who of step.whom.filter((w) => signed.has(w)))
              ids.push(await signatureId(letter.id, emails[who]));
            if (ids.length) await rejectSignatures(staff, letter.id, ids, "Moderated");
          } else {
            await signForOrganisation(representatives[step.which], letter.id);
          }
          await expectInStep(letter.id);
        }
      }),
      { numRuns: 30 },
    );
  });
});
