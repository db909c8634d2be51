import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { ROOT } from "./paths";

/** A port the kernel just handed out, so two spawned servers in parallel files cannot collide. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface SpawnedServer {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  output: () => string;
}

/** Starts the real `npm start` entry point (build already made by the global setup) on `port`. */
export function spawnAppServer(port: number, env: Record<string, string | undefined>): SpawnedServer {
  const child = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), SKIP_BUILD: "1", NODE_ENV: "development", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, url: `http://127.0.0.1:${port}`, exited, output: () => output };
}

/**
 * Waits until `path` answers 200. Under a loaded machine a start can take long, so the deadline is
 * generous; a child that exits early fails at once, with what it printed.
 */
export async function waitForHealthy(server: SpawnedServer, path = "/healthz", timeoutMs = 120_000): Promise<void> {
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(`${server.url} exited with ${exitCode} before it was healthy:\n${server.output().slice(-4000)}`);
    }
    try {
      if ((await fetch(`${server.url}${path}`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${server.url} never became healthy in ${timeoutMs} ms:\n${server.output().slice(-4000)}`);
}
