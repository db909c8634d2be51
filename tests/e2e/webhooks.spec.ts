import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./axe";
import { screen, switchToRole } from "./helpers";

/**
 * An admin registers a webhook endpoint for an API key: the address guard's refusal shows as the
 * field's message, the accepted endpoint's signing secret is shown once and again on request, a
 * test event lands in the delivery log, and the endpoint can be disabled with a confirmation.
 * The key itself is created in the server's database through the feature function.
 */
let keyId: number;

test.beforeAll(async () => {
  process.env.DATABASE_PATH = path.resolve(process.env.E2E_DB_DIR ?? "tests/.tmp/e2e", "app.db");
  const { db } = await import("../../db/connection");
  const { createApiKey } = await import("../../app/features/api-keys/keys.server");
  const admin = await db.selectFrom("users").selectAll().where("role", "=", "admin").executeTakeFirstOrThrow();
  const { key } = await createApiKey(admin, { name: "E2E CRM sync", access: "read", resources: ["signatures"] });
  keyId = key.id;
});

test("an admin registers a webhook endpoint, sees its secret and sends a test event", async ({ page }) => {
  await switchToRole(page, "admin");
  await page.goto(`/admin/api-keys/${keyId}/webhooks`);
  await page.waitForLoadState("networkidle");
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  await expect(page.getByText("No endpoint yet.")).toBeVisible();

  const form = page.getByRole("region", { name: "Register an endpoint" });
  const url = form.getByLabel("Address (URL)");
  await url.fill("https://127.0.0.1/hooks");
  await form
    .getByRole("group", { name: "Events" })
    .getByRole("checkbox", { name: /Signature confirmed/ })
    .check();
  await form.getByRole("button", { name: "Register the endpoint" }).click();
  await expect(url).toHaveAccessibleDescription(/private, local or reserved network/);
  await expect(page.getByText("No endpoint yet.")).toBeVisible();
  await page.goto(`/admin/api-keys/${keyId}/webhooks`);
  await page.waitForLoadState("networkidle");

  await url.fill("https://93.184.215.14/hooks/hub");
  await form
    .getByRole("group", { name: "Events" })
    .getByRole("checkbox", { name: /Signature confirmed/ })
    .check();
  await form
    .getByRole("group", { name: "Events" })
    .getByRole("checkbox", { name: /Threat created/ })
    .check();
  await form.getByRole("button", { name: "Register the endpoint" }).click();
  await expect(page.getByText("Endpoint registered.")).toBeVisible();
  const secret = await page.getByRole("textbox", { name: "Signing secret" }).inputValue();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
  await expect(page.getByRole("heading", { level: 3, name: "https://93.184.215.14/hooks/hub" })).toBeVisible();
  await screen(page, "webhooks-list");
  await expectNoSeriousAxeViolations(page);

  await page.getByRole("link", { name: "Deliveries and settings" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Webhook endpoint" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Signing secret" })).toHaveCount(0);
  await page.getByRole("button", { name: "Show the signing secret" }).click();
  await expect(page.getByRole("textbox", { name: "Signing secret" })).toHaveValue(secret);

  await page.getByRole("button", { name: "Send a test event" }).click();
  await expect(page.getByRole("status")).toHaveText(/A test event is queued/);
  const log = page.getByRole("region", { name: "Deliveries, newest first" });
  await expect(log.getByRole("row")).toHaveCount(2);
  await expect(log.getByRole("cell", { name: "Test event" })).toBeVisible();

  await page.getByText("Disable", { exact: true }).click();
  await page.getByRole("button", { name: "Yes, disable it" }).click();
  await expect(page.getByText("Disabled by an admin.")).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await screen(page, "webhooks-endpoint-390");
  await expectNoSeriousAxeViolations(page);
});
