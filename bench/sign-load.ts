/**
 * The signing load of bench/sign.ts, shared with the comparison across databases
 * (bench/sign-databases.ts): the prepared database and one autocannon run of signatures.
 */
import crypto from "node:crypto";
import autocannon from "autocannon";
import { openDatabase } from "../db/connection";
import type { Env } from "../db/dialect";
import { migrateToLatest } from "../db/migrate";
import { seedDemo } from "../demo/demo";
import { seedReferenceData } from "../db/seeds/reference";
import type { AppProcess } from "./server";

export const SLUG = "bench-letter";
export const WARMUP_SLUG = "bench-warmup";

/** Migrates and seeds the database `env` names (reference data, demo seed) and adds two open letters. */
export async function prepareDatabase(env: Env, demoPassword: string) {
  const handle = openDatabase(env);
  try {
    await migrateToLatest(handle);
    await seedReferenceData(handle.db);
    await seedDemo(handle.db, demoPassword);
    const now = new Date().toISOString();
    for (const slug of [SLUG, WARMUP_SLUG]) {
      const letter = await handle.db
        .insertInto("open_letters")
        .values({
          slug,
          status: "open",
          opens_on: null,
          closes_on: null,
          signature_goal: 150_000,
          current_version: 1,
          confirmed_count: 0,
          delivered_on: null,
          delivered_to: null,
          created_by: null,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await handle.db
        .insertInto("open_letter_texts")
        .values({
          letter_id: letter.id,
          version: 1,
          language: "en",
          title: "Keep end-to-end encryption strong",
          body: "We, the undersigned organisations and individuals, call on lawmakers to protect end-to-end encryption.\n\n".repeat(
            8,
          ),
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
  } finally {
    await handle.db.destroy();
  }
}

/** One autocannon run of POSTs, each with a new e-mail address. */
export async function signLoad(app: AppProcess, slug: string, seconds: number, connections: number) {
  const run = crypto.randomBytes(4).toString("hex");
  let n = 0;
  const options: autocannon.Options & {
    requests: Array<{ method: string; path: string; headers: Record<string, string>; setupRequest: SetupRequest }>;
  } = {
    url: app.baseUrl,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: "POST",
        path: `/letters/${slug}/sign`,
        headers: { "content-type": "application/x-www-form-urlencoded", origin: app.baseUrl },
        setupRequest: (request) => ({
          ...request,
          body: new URLSearchParams({
            intent: "individual",
            name: `Bench Signer ${n}`,
            affiliation: "Benchmark University",
            jurisdiction: ["FR", "BR", "US", "KE", "IN", "DE"][n % 6],
            email: `signer-${run}-${n++}@bench.example.org`,
            showPublicly: "on",
          }).toString(),
        }),
      },
    ],
  };
  return autocannon(options);
}
export type SetupRequest = (request: Record<string, unknown>) => Record<string, unknown>;
