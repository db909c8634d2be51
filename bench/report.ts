/** Statistics and plain-text tables for the benchmark output. */
import os from "node:os";
import { execFileSync } from "node:child_process";

export interface Sample {
  round: number;
  route: string;
  /** 2xx responses per second: failed responses never count as throughput. */
  okRps: number;
  /** Every response per second, whatever its status. */
  allRps: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** Socket errors, timeouts included (autocannon counts a timeout as an error too). */
  errors: number;
  timeouts: number;
  statusCodes: string;
  /** okRps divided by the baseline's okRps measured in the same round. */
  ratio: number | undefined;
  /** The app process's CPU time (user + system) during the measured run, per response. */
  cpuMsPerRequest?: number;
}

export function median(values: number[]): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function fmt(value: number | undefined, digits = 0): string {
  if (value === undefined || Number.isNaN(value)) return "–";
  return value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** Left-aligns the first column and right-aligns the others. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i].length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** Any non-2xx, error or timeout, or no response at all (a hung route must not look idle-fine). */
export const failed = (s: Sample) => s.non2xx > 0 || s.errors > 0 || s.timeouts > 0 || s.allRps === 0;

export function roundTable(samples: Sample[], baseline: string): string {
  const header = [
    "route",
    "req/s (2xx)",
    "CPU ms/req",
    "p50 ms",
    "p99 ms",
    `× ${baseline}`,
    "non-2xx",
    "errors",
    "statuses",
  ];
  const rows = samples.map((s) => [
    (failed(s) ? "! " : "  ") + s.route,
    fmt(s.okRps),
    fmt(s.cpuMsPerRequest, 2),
    fmt(s.p50, 1),
    fmt(s.p99, 1),
    fmt(s.ratio, 3),
    fmt(s.non2xx),
    fmt(s.errors),
    s.statusCodes,
  ]);
  return table(header, rows);
}

export function summaryTable(samples: Sample[], routes: string[], baseline: string): string {
  const header = [
    "route",
    "req/s",
    "CPU ms/req",
    "p50 ms",
    "p99 ms",
    `× ${baseline}`,
    "req/s min–max",
    "spread",
    "non-2xx",
    "errors",
  ];
  const rows = routes.map((route) => {
    const mine = samples.filter((s) => s.route === route);
    const rps = mine.map((s) => s.okRps);
    const mid = median(rps);
    const ratios = mine.map((s) => s.ratio).filter((r): r is number => r !== undefined);
    const min = Math.min(...rps);
    const max = Math.max(...rps);
    const non2xx = mine.reduce((sum, s) => sum + s.non2xx, 0);
    const errors = mine.reduce((sum, s) => sum + s.errors, 0);
    return [
      (mine.some(failed) ? "! " : "  ") + route,
      fmt(mid),
      fmt(median(mine.flatMap((s) => (s.cpuMsPerRequest === undefined ? [] : [s.cpuMsPerRequest]))), 2),
      fmt(median(mine.map((s) => s.p50)), 1),
      fmt(median(mine.map((s) => s.p99)), 1),
      fmt(median(ratios), 3),
      `${fmt(min)}–${fmt(max)}`,
      mid > 0 ? `±${fmt(((max - min) / 2 / mid) * 100, 1)}%` : "–",
      fmt(non2xx),
      fmt(errors),
    ];
  });
  return table(header, rows);
}

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

export function machineInfo(): string {
  const cpus = os.cpus();
  const models = [...new Set(cpus.map((cpu) => cpu.model.trim()))].join(", ") || "unknown";
  const commit = git(["rev-parse", "--short", "HEAD"]);
  const dirty = git(["status", "--porcelain", "--untracked-files=no"]) ? " (uncommitted changes)" : "";
  return [
    `cpu:      ${cpus.length} × ${models}`,
    `memory:   ${fmt(os.totalmem() / 2 ** 30, 1)} GiB, load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
    `system:   ${os.type()} ${os.release()} ${os.arch()}`,
    `node:     ${process.version}`,
    `commit:   ${commit || "unknown"}${dirty}`,
  ].join("\n");
}
