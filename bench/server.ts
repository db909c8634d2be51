/**
 * Starts the built app as a child process for the benchmark: a free loopback port, a throwaway
 * SQLite file in a temp dir (or a database the caller prepared), silent logs, random secrets.
 * `stop()` is safe to call more than once.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { buildIfNeeded } from "../server/build-if-needed";

export interface AppProcess {
  baseUrl: string;
  port: number;
  /** Password of the seeded demo accounts (random per run, see `startApp`). */
  demoPassword: string;
  pid: number | undefined;
  stop(): Promise<void>;
  /** Synchronous last resort for process 'exit' handlers. */
  killNow(): void;
  /** Why the app stopped on its own (exit code or signal, and its last output), if it did. */
  crashReport(): string | undefined;
}

export interface StartOptions {
  /** How long to wait for /healthz to answer 200. */
  readyTimeoutMs?: number;
  /**
   * A SQLite file the caller prepared (migrated and seeded; start.ts seeds the demo only into an
   * empty database). The caller owns it: it is not deleted on stop. Default: a throwaway file.
   */
  databasePath?: string;
  /** A PostgreSQL database the caller prepared (as `databasePath`); wins over `databasePath`. */
  databaseUrl?: string;
  /** The demo accounts' password in `databasePath`, for `login()`. Default: random. */
  demoPassword?: string;
  /** Extra arguments for the app's node process, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
}

const TSX_RUN = ["--import", "tsx"];

/** Builds into build/ with the same rule as `npm start`, but once, up front. */
export function buildIfStale(): void {
  buildIfNeeded((msg) => console.log(msg));
}

export function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => (port ? resolve(port) : reject(new Error("no port assigned"))));
    });
  });
}

/** @remix-run/node types NODE_ENV as always present; the child runs as `npm start` does. */
function asProcessEnv(vars: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return vars as NodeJS.ProcessEnv;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Keeps the last lines a child wrote, to explain a failed start. */
function tail(child: ChildProcess, lines: string[], max = 40): void {
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (lines.length > max) lines.splice(0, lines.length - max);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
}

export async function startApp({
  readyTimeoutMs = 60_000,
  databasePath,
  databaseUrl,
  demoPassword = `bench-${crypto.randomBytes(12).toString("hex")}`,
  nodeArgs = [],
}: StartOptions = {}): Promise<AppProcess> {
  const port = await freeLoopbackPort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const tempDir = databasePath || databaseUrl ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-"));
  const databaseFile = tempDir ? path.join(tempDir, "bench.db") : path.resolve(databasePath ?? "");
  const removeTempDir = () => {
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  };

  // SQLite unless the caller names a PostgreSQL database (never an inherited DATABASE_URL), run as
  // `npm start` runs.
  const { DATABASE_URL: _url, DATABASE_PATH: _path, NODE_ENV: _mode, APP_ENV: _env, ...inherited } = process.env;
  const env: Record<string, string | undefined> = {
    ...inherited,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { DATABASE_PATH: databaseFile }),
    PORT: String(port),
    APP_URL: baseUrl,
    APP_SECRET: crypto.randomBytes(32).toString("hex"),
    DEMO_PASSWORD: demoPassword,
    LOG_LEVEL: "silent",
    SKIP_BUILD: "1",
  };

  const output: string[] = [];
  const child = spawn(process.execPath, [...nodeArgs, ...TSX_RUN, "server/start.ts"], {
    env: asProcessEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  tail(child, output);
  let exited = false;
  let stopRequested = false;
  child.once("exit", () => (exited = true));
  const crashReport = () =>
    exited && !stopRequested
      ? `the app (pid ${child.pid}) exited with ${child.signalCode ? `signal ${child.signalCode}` : `code ${child.exitCode}`}:\n` +
        (output.join("\n") || "(no output)")
      : undefined;

  const killNow = () => {
    stopRequested = true;
    if (!exited && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    removeTempDir();
  };
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      stopRequested = true;
      if (!exited && child.exitCode === null && child.signalCode === null) {
        const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        child.kill("SIGTERM");
        const timer = sleep(5_000).then(() => "timeout" as const);
        if ((await Promise.race([gone, timer])) === "timeout") {
          child.kill("SIGKILL");
          await gone;
        }
      }
      removeTempDir();
    })());

  const app: AppProcess = { baseUrl, port, demoPassword, pid: child.pid, stop, killNow, crashReport };
  const deadline = Date.now() + readyTimeoutMs;
  try {
    for (;;) {
      if (exited) throw new Error(`the app exited before it was ready:\n${output.join("\n")}`);
      if (Date.now() > deadline)
        throw new Error(`/healthz did not answer 200 within ${readyTimeoutMs} ms:\n${output.join("\n")}`);
      try {
        const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
        await res.arrayBuffer();
        if (res.status === 200) return app;
      } catch {
        // not listening yet
      }
      await sleep(200);
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Signs in through the real login form and returns the `hub_session=…` cookie pair. */
export async function login(app: AppProcess, email: string): Promise<string> {
  const res = await fetch(`${app.baseUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: app.baseUrl, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: app.demoPassword }).toString(),
  });
  await res.arrayBuffer();
  const cookie = res.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .find((pair) => pair.startsWith("hub_session=") && pair.length > "hub_session=".length);
  if (res.status !== 302 || !cookie) throw new Error(`login as ${email} failed: HTTP ${res.status}, no session cookie`);
  return cookie;
}
