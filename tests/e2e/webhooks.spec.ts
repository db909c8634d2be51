import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./axe";
import { screen, switchToRole } from "./helpers";

/**
 * An admin creates an API key on its page, follows the key's link to its webhooks and registers an
 * endpoint: the address guard's refusal shows as the field's message, the accepted endpoint's
 * signing secret is shown once and again on request, a test event lands in the delivery log, and
 * the endpoint can be disabled with a confirmation.
 */
test("an admin registers a webhook endpoint, sees its secret and sends a test event", async ({ page }) => {
  await switchToRole(page, "admin");
  const name = `E2E CRM sync ${Date.now().toString(36)}`;
  await page.goto("/admin/api-keys");
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Access", { exact: true }).selectOption("read");
  await page.getByLabel("Signatures", { exact: true }).check();
  await page.getByRole("button", { name: "Create the key" }).click();
  await expect(page.getByRole("heading", { name: `The key “${name}” has been created` })).toBeVisible();
  await page.goto("/admin/api-keys");
  await page
    .getByRole("row", { name: new RegExp(name) })
    .getByRole("link", { name })
    .click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const keyId = Number(new URL(page.url()).pathname.split("/").pop());
  await page.getByRole("link", { name: "Webhooks", exact: true }).click();
  await expect(page).toHaveURL(`/admin/api-keys/${keyId}/webhooks`);
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
