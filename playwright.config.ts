import { defineConfig, devices, type PlaywrightTestConfig } from "@playwright/test";
import { E2E_DEMO_PASSWORD } from "./tests/e2e/helpers";
import {
  DELIVERY_BASE_URL,
  DELIVERY_PORT,
  RESEND_SERVER_PORT,
  RESEND_SERVER_URL,
  RESEND_TEST_API_KEY,
  RESEND_TEST_WEBHOOK_SECRET,
} from "./tests/e2e/delivery-env";

/**
 * End-to-end tests: the real app (`npm start`'s server, built if stale) against fresh demo
 * databases in tests/.tmp/, driven by the system Chromium. Two projects:
 * - `chromium`: every spec but the delivery one, on E2E_PORT (default 3210), mail kept in the dev
 *   mailbox (no provider);
 * - `delivery`: letters-delivery.spec.ts only, on a second server (E2E_DELIVERY_PORT, default 3230)
 *   whose outbox sends through the Resend SDK to a local Resend-compatible server
 *   (E2E_RESEND_PORT, default 3231).
 * Each depends on a setup project (`setup`, `delivery-setup`: auth.setup.ts) that signs the demo
 * roles in once through the form on its server and saves their sessions in `metadata.authDir`, for
 * specs that need to be someone without testing the sign-in (see helpers.ts).
 */
const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://localhost:${PORT}`;
const DELIVERY_SPEC = /letters-delivery\.spec\.ts$/;
const AUTH_SETUP = /auth\.setup\.ts$/;
/** Saved sessions, one directory per server (relative to this file; tests/.tmp is ignored by git). */
const AUTH_DIR = "tests/.tmp/e2e-auth";
const DELIVERY_AUTH_DIR = `${AUTH_DIR}/delivery`;

/**
 * Whether this run can reach a project's specs, so that `--project chromium`, `--project delivery`
 * or `playwright test tests/e2e/<one>.spec.ts` starts only the servers it needs (and holds only
 * their ports).
 */
function runs(project: "chromium" | "delivery", args: string[] = process.argv.slice(2)): boolean {
  const projects = args.flatMap((arg, i) =>
    arg.startsWith("--project=") ? [arg.slice("--project=".length)] : arg === "--project" ? [args[i + 1] ?? ""] : [],
  );
  // A project's setup signs in on the same server.
  const names = project === "chromium" ? ["chromium", "setup"] : ["delivery", "delivery-setup"];
  if (projects.length > 0 && !projects.some((name) => names.includes(name))) return false;
  const specs = args.filter((arg) => /\.spec\.ts\b/.test(arg));
  const isDelivery = (arg: string) => arg.includes("letters-delivery");
  return specs.length === 0 || specs.some((arg) => (project === "delivery") === isDelivery(arg));
}

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-background-networking",
      "--disable-gpu",
      "--disable-component-update",
      "--no-first-run",
    ],
  },
};

type WebServers = Extract<PlaywrightTestConfig["webServer"], unknown[]>;

const appServer = {
  command: "sh tests/e2e/serve.sh",
  reuseExistingServer: false,
  // The first start builds the app (~30 s on two cores), then migrates and seeds.
  timeout: 180_000,
  stdout: "ignore",
  stderr: "pipe",
  gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
} as const;

/** The app server of the `chromium` project: no provider, mail stays in the dev mailbox. */
const defaultServer: WebServers = [
  {
    ...appServer,
    url: `${BASE_URL}/healthz`,
    env: {
      PORT: String(PORT),
      APP_URL: BASE_URL,
      DEMO_PASSWORD: E2E_DEMO_PASSWORD,
      OUTBOX_INTERVAL_MS: "500",
      // Every spec's public forms come from 127.0.0.1 within a few minutes: the per-address
      // burst limit (10 a minute) would refuse the later specs. No spec tests the limits.
      RATE_LIMIT_MULTIPLIER: "10",
      E2E_MAIL: "",
    },
  },
];

/** The local Resend-compatible server, then the app server of the `delivery` project. */
const deliveryServers: WebServers = [
  {
    command: "node_modules/.bin/tsx tests/support/resend-server-cli.ts",
    url: `${RESEND_SERVER_URL}/_test/emails`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 5_000 },
    env: { RESEND_SERVER_PORT: String(RESEND_SERVER_PORT) },
  },
  {
    ...appServer,
    url: `${DELIVERY_BASE_URL}/healthz`,
    env: {
      PORT: String(DELIVERY_PORT),
      APP_URL: DELIVERY_BASE_URL,
      DEMO_PASSWORD: E2E_DEMO_PASSWORD,
      OUTBOX_INTERVAL_MS: "300",
      E2E_DB_DIR: "tests/.tmp/e2e-delivery",
      E2E_MAIL: "resend-local",
      RESEND_API_KEY: RESEND_TEST_API_KEY,
      RESEND_BASE_URL: RESEND_SERVER_URL,
      RESEND_WEBHOOK_SECRET: RESEND_TEST_WEBHOOK_SECRET,
    },
  },
];

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: "playwright-report" }]],
  use: {
    baseURL: BASE_URL,
    locale: "en-GB",
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [
    { name: "setup", testMatch: AUTH_SETUP, use: chromium, metadata: { authDir: AUTH_DIR } },
    {
      name: "chromium",
      testIgnore: DELIVERY_SPEC,
      dependencies: ["setup"],
      use: chromium,
      metadata: { authDir: AUTH_DIR },
    },
    {
      name: "delivery-setup",
      testMatch: AUTH_SETUP,
      use: { ...chromium, baseURL: DELIVERY_BASE_URL },
      // The delivery spec is only ever staff.
      metadata: { authDir: DELIVERY_AUTH_DIR, roles: ["staff"] },
    },
    {
      name: "delivery",
      testMatch: DELIVERY_SPEC,
      dependencies: ["delivery-setup"],
      use: { ...chromium, baseURL: DELIVERY_BASE_URL },
      metadata: { authDir: DELIVERY_AUTH_DIR },
    },
  ],
  // Started in this order, each once its predecessor answers.
  webServer: [...(runs("chromium") ? defaultServer : []), ...(runs("delivery") ? deliveryServers : [])],
});
