/**
 * `npx tsx bench/profile-summary.ts <file.cpuprofile>`: where the app's CPU time went, by part of
 * the stack (routing, React render, i18n, SQL, compression, logging, …), from a V8 CPU profile
 * written by `node --cpu-prof` (e.g. `npm run bench:pages -- --cpu-prof /tmp/prof`).
 *
 * Self time is attributed to the innermost frame whose script belongs to a known part; frames of
 * Node itself (zlib, streams) and of the app's own code are named as such.
 */
import fs from "node:fs";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const PARTS: Array<[string, RegExp]> = [
  ["routing (React Router / Remix matching)", /@remix-run\/router|react-router\//],
  ["Remix server runtime", /@remix-run\/(server-runtime|node|express|react)/],
  ["React render", /react-dom|\/react\//],
  ["i18n", /i18next|react-i18next/],
  ["SQL (Kysely, better-sqlite3)", /kysely|better-sqlite3/],
  ["compression", /node_modules\/compression|node:zlib|^zlib$/],
  ["logging", /pino/],
  [
    "Express and middleware",
    /node_modules\/(express|helmet|router|send|serve-static|body-parser|finalhandler|on-finished|cookie)/,
  ],
  ["app: server/", /\/server\/[^/]+\.ts/],
  ["app: build (routes, features)", /\/build\/server\//],
  ["other node_modules", /node_modules/],
  ["Node internals", /^node:|^internal\//],
];

function partOf(url: string, name: string): string | undefined {
  if (!url)
    return name === "(garbage collector)" ? "garbage collection" : name === "(program)" ? "idle / program" : undefined;
  for (const [part, pattern] of PARTS) if (pattern.test(url)) return part;
  return undefined;
}

function main(): void {
  const file = process.argv[2];
  if (!file) {
    console.log("Usage: npx tsx bench/profile-summary.ts <file.cpuprofile>");
    process.exit(2);
  }
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const cache = new Map<number, string>();
  const attribute = (id: number): string => {
    const known = cache.get(id);
    if (known) return known;
    let current: number | undefined = id;
    let part: string | undefined;
    while (current !== undefined && !part) {
      const node = byId.get(current);
      if (!node) break;
      part = partOf(node.callFrame.url, node.callFrame.functionName);
      current = parent.get(current);
    }
    const result = part ?? "(native, unattributed)";
    cache.set(id, result);
    return result;
  };
  const totals = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    const part = attribute(id);
    totals.set(part, (totals.get(part) ?? 0) + micros);
    if (part !== "idle / program") all += micros;
  });
  console.log(`busy CPU ${(all / 1e6).toFixed(2)} s (idle excluded)\n`);
  for (const [part, micros] of [...totals].sort((a, b) => b[1] - a[1])) {
    if (part === "idle / program") continue;
    console.log(`${((micros / all) * 100).toFixed(1).padStart(5)} %  ${part}`);
  }
}

main();
