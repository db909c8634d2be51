/**
 * The crash loop: sign at full speed, SIGKILL the server at a random moment, start it again on the
 * same database, and check that every acknowledged signature survived with its confirmation mail,
 * that the database is intact and that the app answers. The restarted server takes the next
 * trial's load, so each trial also starts from a database that has been through every crash before.
 */
import crypto from "node:crypto";
import { DEMO_OPEN_LETTER_SLUG } from "../../demo/demo-letters";
import type { CrashDatabase } from "./database";
import { signOnce, startSigning } from "./load";
import { startServer, type RunningServer } from "./server";

export interface CrashLoopOptions {
  database: CrashDatabase;
  /** The seeded demo accounts' password in `database`. */
  demoPassword: string;
  port: number;
  trials: number;
  clients: number;
  /** The kill comes at a uniformly random moment in [killMinMs, killMaxMs] after the load starts. */
  killMinMs: number;
  killMaxMs: number;
  log?: (line: string) => void;
}

export interface TrialResult {
  trial: number;
  killAfterMs: number;
  acknowledged: number;
  found: number;
  missing: string[];
  /** Signatures of the trial in the database (acknowledged or cut off mid-request) without their mail. */
  mailMissing: string[];
  /** Committed although the client never saw the answer (in flight at the kill): allowed. */
  storedUnacknowledged: number;
  unacknowledged: Record<string, number>;
  integrity: string;
  restartMs: number;
  /** The trial whose load also went through a restart of the database engine (PostgreSQL). */
  engine?: EngineRestart;
}

export interface EngineRestart {
  afterMs: number;
  tookMs: number;
  /** Acknowledged by the same app process after the engine came back: it must recover unattended. */
  acknowledgedAfter: number;
  /** From the engine's restart to the app's first acknowledged signature after it. */
  recoveredMs: number | undefined;
  /** The app process's last output when it died on its own after the engine restart. */
  appDied?: string;
}

/** How long the app has to acknowledge signatures again after an engine restart. */
const ENGINE_RECOVERY_TIMEOUT_MS = 15_000;
/** How long the load runs on once the app has recovered, before the app is killed. */
const AFTER_RECOVERY_MS = 500;

export interface CrashLoopResult {
  trials: TrialResult[];
  acknowledged: number;
  found: number;
  missing: number;
  mailMissing: number;
  /** HTTP answers other than the success answer while the server was up (429, 400, 500…), except
   * 5xx in the trial with the engine restart (the database is away for a moment there). */
  refused: number;
  /** After the last trial, checked again once the server stopped gracefully. */
  finalIntegrity: string;
  ok: boolean;
  seconds: number;
}

interface Stored {
  /** e-mail → has its confirmation mail (idempotency key `signature-confirm:<id>`, same recipient). */
  signatures: Map<string, boolean>;
}

async function readStored(database: CrashDatabase, emailPrefix: string): Promise<Stored> {
  const handle = database.open();
  try {
    const letter = await handle.db
      .selectFrom("open_letters")
      .select("id")
      .where("slug", "=", DEMO_OPEN_LETTER_SLUG)
      .executeTakeFirstOrThrow();
    const rows = await handle.db
      .selectFrom("signatures")
      .select(["id", "email_normalised"])
      .where("letter_id", "=", letter.id)
      .where("email_normalised", "like", `${emailPrefix}%`)
      .execute();
    const mails = await handle.db
      .selectFrom("outbox")
      .select(["idempotency_key", "to_address"])
      .where("template", "=", "signature-confirm")
      .where("to_address", "like", `${emailPrefix}%`)
      .execute();
    const mailKeys = new Set(mails.map((m) => `${m.idempotency_key} ${m.to_address.toLowerCase()}`));
    const signatures = new Map<string, boolean>();
    for (const row of rows) {
      const email = row.email_normalised ?? "";
      signatures.set(email, mailKeys.has(`signature-confirm:${row.id} ${email}`));
    }
    return { signatures };
  } finally {
    await handle.db.destroy();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function formatTrial(r: TrialResult): string {
  const other = Object.entries(r.unacknowledged)
    .map(([k, v]) => `${k}×${v}`)
    .join(" ");
  const engine = r.engine
    ? `, engine restart at ${r.engine.afterMs} ms (${r.engine.tookMs} ms; ${
        r.engine.appDied ? "the app DIED" : `app acknowledging again after ${r.engine.recoveredMs ?? "never"} ms`
      }, ${r.engine.acknowledgedAfter} since)`
    : "";
  return (
    `trial ${String(r.trial).padStart(2)}${engine}: kill at ${String(r.killAfterMs).padStart(4)} ms, ` +
    `acknowledged ${r.acknowledged}, found ${r.found}, missing ${r.missing.length}, ` +
    `mail missing ${r.mailMissing.length}, integrity ${r.integrity}, ` +
    `committed unanswered ${r.storedUnacknowledged}, unanswered ${other || "none"}, restart to /healthz 200 ${r.restartMs} ms`
  );
}

export async function runCrashLoop(options: CrashLoopOptions): Promise<CrashLoopResult> {
  const { database, demoPassword, port, trials, clients, killMinMs, killMaxMs } = options;
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const runPrefix = `crash-${crypto.randomBytes(4).toString("hex")}`;
  const results: TrialResult[] = [];
  const acknowledgedByTrial: string[][] = [];
  // Once per run, in the middle trial, the database engine itself restarts under load.
  const engineTrial = database.restartEngine ? Math.ceil(trials / 2) : 0;
  const start = () => startServer({ port, databaseEnv: database.env, demoPassword });

  let server: RunningServer = await start();
  try {
    for (let trial = 1; trial <= trials; trial++) {
      const emailPrefix = `${runPrefix}-t${trial}-`;
      const killAfterMs = Math.round(killMinMs + Math.random() * (killMaxMs - killMinMs));
      // One signature first: a fresh process renders the mail template and loads the jurisdictions
      // on its first signature, which would otherwise eat the early kill moments.
      const warmUp = `${emailPrefix}warm-up@crash.example.org`;
      if ((await signOnce(server.baseUrl, DEMO_OPEN_LETTER_SLUG, warmUp, 0)) !== "acknowledged")
        throw new Error(`trial ${trial}: the warm-up signature was not acknowledged`);
      const loadStarted = performance.now();
      const load = startSigning(server.baseUrl, DEMO_OPEN_LETTER_SLUG, clients, emailPrefix);
      await sleep(killAfterMs);
      let engine: EngineRestart | undefined;
      if (trial === engineTrial && database.restartEngine) {
        const restartStarted = performance.now();
        await database.restartEngine();
        const tookMs = Math.round(performance.now() - restartStarted);
        const before = load.acknowledgedCount();
        let recoveredMs: number | undefined;
        while (server.running() && performance.now() - restartStarted < tookMs + ENGINE_RECOVERY_TIMEOUT_MS) {
          if (load.acknowledgedCount() > before) {
            recoveredMs = Math.round(performance.now() - restartStarted);
            break;
          }
          await sleep(50);
        }
        await sleep(AFTER_RECOVERY_MS);
        engine = {
          afterMs: killAfterMs,
          tookMs,
          acknowledgedAfter: load.acknowledgedCount() - before,
          recoveredMs,
          appDied: server.running() ? undefined : server.lastOutput().split("\n").slice(-12).join("\n"),
        };
      }
      await server.kill();
      const killedAtMs = Math.round(performance.now() - loadStarted);
      const loaded = await load.done;
      const acknowledged = [warmUp, ...loaded.acknowledged];
      const unacknowledged = loaded.unacknowledged;
      acknowledgedByTrial.push(acknowledged);

      const restartStarted = performance.now();
      server = await start();
      const restartMs = Math.round(performance.now() - restartStarted);

      const stored = await readStored(database, emailPrefix);
      const acked = new Set(acknowledged);
      const missing = acknowledged.filter((email) => !stored.signatures.has(email));
      const mailMissing = [...stored.signatures].filter(([, hasMail]) => !hasMail).map(([email]) => email);
      const result: TrialResult = {
        trial,
        killAfterMs: engine ? killedAtMs : killAfterMs,
        acknowledged: acknowledged.length,
        found: acknowledged.length - missing.length,
        missing,
        mailMissing,
        storedUnacknowledged: [...stored.signatures.keys()].filter((email) => !acked.has(email)).length,
        unacknowledged,
        integrity: await database.integrity(),
        restartMs,
        engine,
      };
      results.push(result);
      log(formatTrial(result));
    }
  } finally {
    await server.stop();
  }

  // Everything again at the end, against the database at rest: a later crash must not lose an
  // earlier trial's signatures either.
  const stored = await readStored(database, `${runPrefix}-`);
  const all = acknowledgedByTrial.flat();
  const missing = all.filter((email) => !stored.signatures.has(email)).length;
  const mailMissing = [...stored.signatures.values()].filter((hasMail) => !hasMail).length;
  const finalIntegrity = await database.integrity();
  const refused = results.reduce(
    (sum, r) =>
      sum +
      Object.entries(r.unacknowledged).reduce(
        (n, [k, v]) => n + (k === "network" || (r.engine && Number(k) >= 500) ? 0 : v),
        0,
      ),
    0,
  );
  const ok =
    all.length > 0 &&
    refused === 0 &&
    missing === 0 &&
    mailMissing === 0 &&
    finalIntegrity === "ok" &&
    results.every(
      (r) =>
        r.missing.length === 0 &&
        r.mailMissing.length === 0 &&
        r.integrity === "ok" &&
        (!r.engine || r.engine.acknowledgedAfter > 0),
    );
  return {
    trials: results,
    acknowledged: all.length,
    found: all.length - missing,
    missing,
    mailMissing,
    refused,
    finalIntegrity,
    ok,
    seconds: (performance.now() - started) / 1000,
  };
}
