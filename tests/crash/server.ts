/**
 * The real server (`server/start.ts`, as `npm start` runs it) as a child process that can be
 * killed without warning and started again on the same database and port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface ServerOptions {
  port: number;
  /** The database's variables (see CrashDatabase.env). */
  databaseEnv: Record<string, string>;
  demoPassword: string;
  readyTimeoutMs?: number;
}

export interface RunningServer {
  baseUrl: string;
  pid: number | undefined;
  /** False once the process has exited (killed, or died on its own), with its last output. */
  running(): boolean;
  lastOutput(): string;
  /** SIGKILL: no shutdown handler runs; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM, the graceful shutdown; SIGKILL after 10 s. */
  stop(): Promise<void>;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** @remix-run/node types NODE_ENV as always present; the child runs as `npm start` does, without it. */
function asProcessEnv(vars: Record<string, string | undefined>): NodeJS.ProcessEnv {
  return vars as NodeJS.ProcessEnv;
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Starts the server and waits until /healthz answers 200. */
export async function startServer({
  port,
  databaseEnv,
  demoPassword,
  readyTimeoutMs = 90_000,
}: ServerOptions): Promise<RunningServer> {
  const baseUrl = `http://127.0.0.1:${port}`;
  // No RESEND_API_KEY: mail stays in the outbox (the dev mailbox). No inherited database either.
  const {
    DATABASE_URL: _url,
    DATABASE_PATH: _path,
    RESEND_API_KEY: _key,
    NODE_ENV: _mode,
    APP_ENV: _env,
    ...inherited
  } = process.env;
  const env: Record<string, string | undefined> = {
    ...inherited,
    ...databaseEnv,
    PORT: String(port),
    APP_URL: baseUrl,
    APP_SECRET: crypto.randomBytes(32).toString("hex"),
    DEMO_PASSWORD: demoPassword,
    // Every request comes from 127.0.0.1: the per-IP limits would answer 429 within a second.
    RATE_LIMIT_MULTIPLIER: "1000000",
    LOG_LEVEL: "warn",
    SKIP_BUILD: "1",
  };
  const child = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], {
    cwd: ROOT,
    env: asProcessEnv(env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    output.splice(0, Math.max(0, output.length - 40));
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const kill = async () => {
    if (isRunning(child)) child.kill("SIGKILL");
    await exited;
  };
  const stop = async () => {
    if (isRunning(child)) child.kill("SIGTERM");
    if ((await Promise.race([exited.then(() => "gone"), sleep(10_000)])) !== "gone") await kill();
  };

  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (!isRunning(child)) throw new Error(`the server exited before it was ready:\n${output.join("\n")}`);
    if (Date.now() > deadline) {
      await kill();
      throw new Error(`/healthz did not answer 200 within ${readyTimeoutMs} ms:\n${output.join("\n")}`);
    }
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200)
        return {
          baseUrl,
          pid: child.pid,
          running: () => isRunning(child),
          lastOutput: () => output.join("\n"),
          kill,
          stop,
        };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
}
