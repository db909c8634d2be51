import type { Insertable, Kysely, Transaction } from "kysely";
import { recountSignatures } from "../app/features/letters/signature-counts.server";
import type { Database, OpenLettersTable } from "../db/schema";

/** Demo open letters: one open with signatures, one draft. Never run in production. */
export const DEMO_OPEN_LETTER_SLUG = "global-encryption-day-2026-keep-end-to-end-encryption";
export const DEMO_DRAFT_LETTER_SLUG = "keep-the-internet-whole-draft";

const OPEN_TEXTS = [
  {
    language: "en",
    title: "Global Encryption Day 2026: keep end-to-end encryption",
    body: [
      "We, the undersigned organisations and individuals, call on governments and legislators everywhere to",
      "**protect end-to-end encryption** and to reject any law that would weaken it.",
      "",
      "Proposals such as the EU regulation on child sexual abuse would require providers to scan private",
      "messages on people's devices. Client-side scanning breaks the promise of encryption for everyone:",
      "journalists, human rights defenders, children and their families, businesses and governments alike.",
      "",
      "We ask you to:",
      "",
      "1. withdraw detection orders that apply to encrypted services;",
      "2. guarantee in law that no provider can be required to weaken or circumvent its encryption;",
      "3. invest in child protection measures that do not put everyone's security at risk.",
      "",
      "Strong encryption keeps us safe. Keep it strong.",
    ].join("\n"),
  },
  {
    language: "fr",
    title: "Journée mondiale du chiffrement 2026 : préservons le chiffrement de bout en bout",
    body: [
      "Nous, organisations et personnes signataires, appelons les gouvernements et les législateurs à",
      "**protéger le chiffrement de bout en bout** et à rejeter toute loi qui l'affaiblirait.",
      "",
      "Des propositions comme le règlement européen sur les abus sexuels sur enfants obligeraient les",
      "fournisseurs à analyser les messages privés sur les appareils de chacun. L'analyse côté client rompt la",
      "promesse du chiffrement pour tout le monde : journalistes, défenseurs des droits humains, enfants et",
      "familles, entreprises et gouvernements.",
      "",
      "Nous vous demandons :",
      "",
      "1. de retirer les injonctions de détection visant les services chiffrés ;",
      "2. de garantir dans la loi qu'aucun fournisseur ne peut être contraint d'affaiblir ou de contourner son chiffrement ;",
      "3. d'investir dans des mesures de protection de l'enfance qui ne mettent pas en danger la sécurité de tous.",
      "",
      "Un chiffrement fort nous protège. Gardons-le fort.",
    ].join("\n"),
  },
];

const DRAFT_TEXTS = [
  {
    language: "en",
    title: "Keep the Internet whole (draft)",
    body: "A draft letter to national delegations ahead of the next ITU plenipotentiary conference: no fragmentation of the Internet's naming, numbering and routing.",
  },
];

/** Fictional individual signers: name, affiliation, country, listed publicly. */
const INDIVIDUALS: Array<[string, string | null, string, boolean]> = [
  ["Amina Diallo", "University of Bamako", "ML", true],
  ["Jonas Weber", null, "DE", true],
  ["Claire Martin", "Journalist", "FR", true],
  ["Lucas Moreau", null, "FR", false],
  ["Wanjiru Kamau", "Nairobi Tech Hub", "KE", true],
  ["Chinedu Okafor", null, "NG", false],
  ["Sofia Rojas", "Universidad Mayor de San Andrés", "BO", true],
  ["Kwame Boateng", null, "GH", true],
  ["Emily Clarke", "Security researcher", "GB", true],
  ["Daniel Cohen", null, "US", false],
  ["Priya Raman", "Digital rights lawyer", "IN", true],
  ["Mateus Silva", null, "BR", true],
  ["Hannah Schmidt", null, "DE", false],
  ["Mulenga Banda", "Zambia ICT Forum", "ZM", true],
  ["Olivia Brown", null, "AU", true],
  ["Thomas Dubois", "Enseignant", "FR", true],
  ["Grace Achieng", null, "KE", false],
  ["Ahmed Benali", "Developer", "MA", true],
  ["Sara Lindqvist", null, "SE", true],
  ["Marco Rossi", null, "IT", false],
  ["Aïcha Traoré", null, "ML", true],
];
const PENDING: Array<[string, string]> = [
  ["Pending Person", "CA"],
  ["Another Pending", "FR"],
];
const ORGANISATIONS_MAX = 9;

type LetterRow = Pick<
  Insertable<OpenLettersTable>,
  "slug" | "status" | "opens_on" | "closes_on" | "signature_goal" | "created_by" | "created_at" | "updated_at"
>;

/** A letter at version 1 with its texts; the signing code keeps its counts from then on. */
async function insertLetter(
  trx: Transaction<Database>,
  letter: LetterRow,
  texts: ReadonlyArray<{ language: string; title: string; body: string }>,
): Promise<number> {
  const { id } = await trx
    .insertInto("open_letters")
    .values({ ...letter, current_version: 1, confirmed_count: 0, delivered_on: null, delivered_to: null })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const text of texts) {
    await trx
      .insertInto("open_letter_texts")
      .values({ letter_id: id, version: 1, ...text, created_at: letter.created_at, updated_at: letter.updated_at })
      .execute();
  }
  return id;
}

/** Idempotent: a letter that already exists (by slug) is left as it is. */
export async function seedDemoLetters(db: Kysely<Database>): Promise<void> {
  const existing = await db
    .selectFrom("open_letters")
    .select("slug")
    .where("slug", "in", [DEMO_OPEN_LETTER_SLUG, DEMO_DRAFT_LETTER_SLUG])
    .execute();
  const has = new Set(existing.map((r) => r.slug));
  await db.transaction().execute(async (trx) => {
    const staff = await trx
      .selectFrom("users")
      .select("id")
      .where("email", "=", "staff@example.org")
      .executeTakeFirst();
    const createdBy = staff?.id ?? null;
    // Relative to the day the demo is seeded, so the demo letter is always open for signatures.
    const base = Date.now() - 60 * 86_400_000;
    const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();

    if (!has.has(DEMO_OPEN_LETTER_SLUG)) {
      const stamps = { created_at: at(-60 * 24 * 7), updated_at: at(-60 * 24) };
      const id = await insertLetter(
        trx,
        {
          slug: DEMO_OPEN_LETTER_SLUG,
          status: "open",
          opens_on: at(0).slice(0, 10),
          closes_on: at(60 * 24 * 240).slice(0, 10),
          signature_goal: 1000,
          created_by: createdBy,
          ...stamps,
        },
        OPEN_TEXTS,
      );
      const csam = await trx
        .selectFrom("threats")
        .select("id")
        .where("jurisdiction_code", "=", "EU")
        .where("short_name", "=", "EU CSAM regulation")
        .executeTakeFirst();
      if (csam) await trx.insertInto("open_letter_threats").values({ letter_id: id, threat_id: csam.id }).execute();

      const codes = new Set((await trx.selectFrom("jurisdictions").select("code").execute()).map((r) => r.code));
      const country = (code: string | null) => (code && codes.has(code) ? code : null);
      const members = await trx
        .selectFrom("coalition_members")
        .select(["id", "name", "jurisdiction_code"])
        .where("status", "=", "active")
        .orderBy("id")
        .limit(ORGANISATIONS_MAX)
        .execute();
      let minute = 0;
      const signature = {
        letter_id: id,
        version: 1,
        signed_by_user_id: null,
        confirm_token_hash: null,
        withdraw_token_hash: null,
        withdrawn_at: null,
        rejected_at: null,
        rejection_reason: null,
        ip_hash: null,
      };
      for (const member of members) {
        minute += 37;
        await trx
          .insertInto("signatures")
          .values({
            ...signature,
            kind: "organisation",
            name: member.name,
            affiliation: null,
            jurisdiction_code: country(member.jurisdiction_code),
            email: null,
            email_normalised: null,
            coalition_member_id: member.id,
            show_publicly: 1,
            status: "confirmed",
            confirmed_at: at(minute),
            created_at: at(minute),
            updated_at: at(minute),
          })
          .execute();
      }
      for (const [index, [name, affiliation, code, shown]] of INDIVIDUALS.entries()) {
        minute += 53;
        const email = `demo-signer-${index + 1}@example.org`;
        await trx
          .insertInto("signatures")
          .values({
            ...signature,
            kind: "individual",
            name,
            affiliation,
            jurisdiction_code: country(code),
            email,
            email_normalised: email,
            coalition_member_id: null,
            show_publicly: shown ? 1 : 0,
            status: "confirmed",
            confirmed_at: at(minute + 5),
            created_at: at(minute),
            updated_at: at(minute + 5),
          })
          .execute();
      }
      for (const [index, [name, code]] of PENDING.entries()) {
        minute += 11;
        const email = `demo-pending-${index + 1}@example.org`;
        await trx
          .insertInto("signatures")
          .values({
            ...signature,
            kind: "individual",
            name,
            affiliation: null,
            jurisdiction_code: country(code),
            email,
            email_normalised: email,
            coalition_member_id: null,
            show_publicly: 1,
            status: "pending",
            confirmed_at: null,
            created_at: at(minute),
            updated_at: at(minute),
          })
          .execute();
      }
      // The counts are what the signing code keeps: exactly the confirmed rows.
      await recountSignatures(trx, id, stamps.updated_at);
    }

    if (!has.has(DEMO_DRAFT_LETTER_SLUG)) {
      const stamps = { created_at: at(0), updated_at: at(0) };
      await insertLetter(
        trx,
        {
          slug: DEMO_DRAFT_LETTER_SLUG,
          status: "draft",
          opens_on: null,
          closes_on: null,
          signature_goal: 500,
          created_by: createdBy,
          ...stamps,
        },
        DRAFT_TEXTS,
      );
    }
  });
}
