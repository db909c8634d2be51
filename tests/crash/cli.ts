/**
 * `npm run test:crash`: the durability loop against the built server on SQLite or PostgreSQL. See
 * tests/crash/crash-loop.ts for what one trial does; exits 1 on any loss.
 *
 *   npm run test:crash -- --trials 10 --clients 16 --port 3250
 *   npm run test:crash -- --database postgres     # CRASH_DATABASE_URL, DATABASE_URL or a local server
 */
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { buildIfNeeded } from "../../server/build-if-needed";
import { formatTrial, runCrashLoop } from "./crash-loop";
import { prepareDatabase, sqliteDatabase, type CrashDatabase } from "./database";
import { postgresDatabase, startLocalServer, type LocalServer } from "./postgres";
import { freePort } from "./port";

const USAGE = `Usage: npm run test:crash -- [options]
  --trials <n>        kill-and-restart trials (default 10)
  --clients <n>       concurrent signing clients (default 16)
  --kill-min <ms>     earliest kill after the load starts (default 300)
  --kill-max <ms>     latest kill after the load starts (default 3000)
  --port <n>          the server's port (default: a free one)
  --database <name>   sqlite (default) or postgres: a fresh database on the server
                      CRASH_DATABASE_URL (or a postgres:// DATABASE_URL) names, else on a
                      throwaway local server (scripts/postgres-local.sh; PG_PORT, PG_DATA),
                      which is also restarted once mid-load
  --keep              keep the database (its location is printed)
  --help`;

class UsageError extends Error {}

function integer(name: string, raw: string, min: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min)
    throw new UsageError(`--${name} must be an integer ≥ ${min}, not "${raw}"`);
  return value;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: {
      trials: { type: "string", default: "10" },
      clients: { type: "string", default: "16" },
      "kill-min": { type: "string", default: "300" },
      "kill-max": { type: "string", default: "3000" },
      port: { type: "string" },
      database: { type: "string", default: "sqlite" },
      keep: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const killMinMs = integer("kill-min", values["kill-min"], 0);
  const killMaxMs = integer("kill-max", values["kill-max"], killMinMs);
  const trials = integer("trials", values.trials, 1);
  const clients = integer("clients", values.clients, 1);
  if (values.database !== "sqlite" && values.database !== "postgres")
    throw new UsageError(`--database must be sqlite or postgres, not "${values.database}"`);
  const port = values.port ? integer("port", values.port, 1) : await freePort();

  buildIfNeeded((msg) => console.log(msg));
  const demoPassword = `crash-${crypto.randomBytes(12).toString("hex")}`;
  let local: LocalServer | undefined;
  let database: CrashDatabase;
  if (values.database === "postgres") {
    const given = [process.env.CRASH_DATABASE_URL, process.env.DATABASE_URL].find(
      (u) => u && /^postgres(ql)?:/.test(u),
    );
    local = given ? undefined : await startLocalServer();
    database = await postgresDatabase({
      serverUrl: given ?? (local as LocalServer).url,
      restartServer: local?.restart,
    });
    console.log(
      `database: ${database.label}; ${local ? "the local server is restarted (immediate) once mid-load" : "no engine restart (a server of your own)"}`,
    );
  } else {
    database = sqliteDatabase();
    console.log(`database: ${database.label} (synchronous=FULL, WAL)`);
  }
  try {
    await prepareDatabase(database, demoPassword);
    const result = await runCrashLoop({
      database,
      demoPassword,
      port,
      trials,
      clients,
      killMinMs,
      killMaxMs,
      log: (line) => console.log(line),
    });
    console.log(
      `\ndatabase: ${database.label}\ntotal: trials ${result.trials.length}, acknowledged ${result.acknowledged}, found ${result.found}, ` +
        `missing ${result.missing}, mail missing ${result.mailMissing}, refused ${result.refused}, ` +
        `integrity ${result.finalIntegrity} — ${result.seconds.toFixed(1)} s`,
    );
    for (const trial of result.trials.filter((t) => t.engine?.appDied))
      console.log(`the app died after the engine restart in trial ${trial.trial}:\n${trial.engine?.appDied}`);
    for (const trial of result.trials.filter((t) => t.missing.length || t.mailMissing.length)) {
      console.log(`lost in trial ${trial.trial}:`, formatTrial(trial));
      console.log(`  missing: ${trial.missing.slice(0, 10).join(", ")}`);
      console.log(`  mail missing: ${trial.mailMissing.slice(0, 10).join(", ")}`);
    }
    console.log(result.ok ? "PASS" : "FAIL");
    return result.ok ? 0 : 1;
  } finally {
    if (values.keep) console.log(`kept: ${database.label}`);
    else await database.dispose();
    await local?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof UsageError ? `${error.message}\n\n${USAGE}` : error);
    process.exit(2);
  },
);
