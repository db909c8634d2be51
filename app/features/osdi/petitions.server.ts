/**
 * OSDI petitions (the public open letters) and their signatures (confirmed ones only: a pending
 * signature is not a signature until its signer confirms by e-mail).
 */
import { db } from "~db/connection";
import type { Database } from "~db/schema";
import { letterUrl, PUBLIC_STATUSES } from "~/features/letters/letter-page.server";
import { collection, compact, identifiers, link, ORIGIN_SYSTEM, osdiDate } from "~/features/osdi/hal.server";
import { signerPerson } from "~/features/osdi/people.server";
import { whereModified } from "~/features/osdi/modified.server";
import type { CollectionQuery } from "~/features/osdi/query";

const petitionPath = (id: number) => `/petitions/${id}`;

interface PetitionRow {
  id: number;
  slug: string;
  confirmed_count: number;
  delivered_to: string | null;
  created_at: string;
  updated_at: string;
}

async function firstTexts(ids: number[]) {
  if (!ids.length) return new Map<number, { title: string; body: string }>();
  const rows = await db
    .selectFrom("open_letter_texts")
    .innerJoin("open_letters", (join) =>
      join
        .onRef("open_letters.id", "=", "open_letter_texts.letter_id")
        .onRef("open_letters.current_version", "=", "open_letter_texts.version"),
    )
    .select(["open_letter_texts.letter_id", "open_letter_texts.title", "open_letter_texts.body"])
    .where("open_letter_texts.letter_id", "in", ids)
    .orderBy("open_letter_texts.id")
    .execute();
  const texts = new Map<number, { title: string; body: string }>();
  // The letter's own language is its first text.
  for (const row of rows) if (!texts.has(row.letter_id)) texts.set(row.letter_id, row);
  return texts;
}

function petition(row: PetitionRow, text: { title: string; body: string } | undefined) {
  const path = petitionPath(row.id);
  return compact({
    identifiers: identifiers(`petition-${row.id}`),
    origin_system: ORIGIN_SYSTEM,
    created_date: osdiDate(row.created_at),
    modified_date: osdiDate(row.updated_at),
    name: row.slug,
    title: text?.title ?? row.slug,
    petition_text: text?.body,
    browser_url: letterUrl(row.slug),
    total_signatures: row.confirmed_count,
    target: row.delivered_to ? [{ name: row.delivered_to }] : undefined,
    _links: {
      self: link(path),
      "osdi:signatures": link(`${path}/signatures`),
      "osdi:record_signature_helper": link(`${path}/record_signature_helper`),
    },
  });
}

const PETITION_COLUMNS = ["id", "slug", "confirmed_count", "delivered_to", "created_at", "updated_at"] as const;

function publicLetters() {
  return db.selectFrom("open_letters").where("status", "in", [...PUBLIC_STATUSES]);
}

export async function listPetitions(query: CollectionQuery, filterParam?: string) {
  const base = whereModified(publicLetters(), "updated_at", query.modified);
  const [rows, count] = await Promise.all([
    base
      .select(PETITION_COLUMNS)
      .orderBy("id")
      .limit(query.perPage)
      .offset((query.page - 1) * query.perPage)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const texts = await firstTexts(rows.map((r) => r.id));
  const items = rows.map((row) => petition(row, texts.get(row.id)));
  return collection("petitions", "/petitions", query, Number(count.n), items, filterParam);
}

/** A public letter's id, or undefined for unknown letters and drafts. */
export async function publicPetitionId(id: number): Promise<number | undefined> {
  const row = await publicLetters().select("id").where("id", "=", id).executeTakeFirst();
  return row?.id;
}

export async function getPetition(id: number) {
  const row = await publicLetters().select(PETITION_COLUMNS).where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  const texts = await firstTexts([row.id]);
  return petition(row, texts.get(row.id));
}

// ---- Signatures -----------------------------------------------------------------------------

const SIGNATURE_COLUMNS = [
  "id",
  "letter_id",
  "kind",
  "name",
  "affiliation",
  "jurisdiction_code",
  "email",
  "confirmed_at",
  "created_at",
  "updated_at",
] as const;

type SignatureRow = Pick<
  Database["signatures"],
  "kind" | "name" | "affiliation" | "jurisdiction_code" | "email" | "confirmed_at" | "created_at" | "updated_at"
> & { id: number; letter_id: number };

function confirmedSignatures(letterId: number) {
  return db.selectFrom("signatures").where("letter_id", "=", letterId).where("status", "=", "confirmed");
}

function signature(row: SignatureRow, withPerson: boolean) {
  const path = `${petitionPath(row.letter_id)}/signatures/${row.id}`;
  const person = row.kind === "individual" ? signerPerson(row) : undefined;
  return compact({
    identifiers: identifiers(`signature-${row.id}`),
    origin_system: ORIGIN_SYSTEM,
    created_date: osdiDate(row.created_at),
    modified_date: osdiDate(row.updated_at),
    action_date: osdiDate(row.confirmed_at ?? row.created_at),
    _links: compact({
      self: link(path),
      "osdi:petition": link(petitionPath(row.letter_id)),
      "osdi:person": person ? person._links.self : undefined,
    }),
    _embedded: withPerson && person ? { "osdi:person": person } : undefined,
  });
}

export async function listSignatures(
  letterId: number,
  query: CollectionQuery,
  withPerson: boolean,
  filterParam?: string,
) {
  const base = whereModified(confirmedSignatures(letterId), "updated_at", query.modified);
  const [rows, count] = await Promise.all([
    base
      .select(SIGNATURE_COLUMNS)
      .orderBy("id")
      .limit(query.perPage)
      .offset((query.page - 1) * query.perPage)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const items = rows.map((row) => signature(row, withPerson));
  return collection("signatures", `${petitionPath(letterId)}/signatures`, query, Number(count.n), items, filterParam);
}

export async function getSignature(letterId: number, signatureId: number, withPerson: boolean) {
  const row = await confirmedSignatures(letterId)
    .select(SIGNATURE_COLUMNS)
    .where("id", "=", signatureId)
    .executeTakeFirst();
  return row ? signature(row, withPerson) : undefined;
}
