import { defineConfig, devices } from "@playwright/test";
import { E2E_DEMO_PASSWORD } from "./tests/e2e/helpers";

/**
 * End-to-end tests: the real app (`npm start`'s server, built if stale) on its own port, against a
 * fresh demo database in tests/.tmp/e2e/, driven by the system Chromium.
 */
const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://localhost:${PORT}`;

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
    {
      name: "chromium",
      use: {
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
      },
    },
  ],
  webServer: {
    command: "sh tests/e2e/serve.sh",
    url: `${BASE_URL}/healthz`,
    reuseExistingServer: false,
    // The first start builds the app (~30 s on two cores), then migrates and seeds.
    timeout: 180_000,
    stdout: "ignore",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      PORT: String(PORT),
      APP_URL: BASE_URL,
      DEMO_PASSWORD: E2E_DEMO_PASSWORD,
      OUTBOX_INTERVAL_MS: "500",
    },
  },
});
