import { expect, test } from "@playwright/test";
import { screen, switchToRole } from "./helpers";

/**
 * An administrator creates an OSDI API key, sees its token once, a client uses it, and the
 * administrator revokes it: the same token is refused from then on.
 */
test("an admin creates an API key, sees the token once, it opens the API, and revoking it shuts it", async ({
  page,
  baseURL,
}) => {
  const name = `E2E sync ${Date.now().toString(36)}`;
  await switchToRole(page, "admin");
  await page.goto("/staff");
  await page.getByRole("link", { name: "API keys", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API keys" })).toBeVisible();

  // A key without a name is refused, with the message tied to the field; the choices stay.
  await page.getByLabel("Access", { exact: true }).selectOption("read");
  await page.getByLabel("Signatures", { exact: true }).check();
  await page.getByLabel("People (names and e-mail addresses)", { exact: true }).check();
  await page.getByRole("button", { name: "Create the key" }).click();
  const nameField = page.getByLabel("Name", { exact: true });
  await expect(nameField).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("This field is required.")).toBeVisible();
  await expect(page.getByLabel("Signatures", { exact: true })).toBeChecked();

  await nameField.fill(name);
  // Leaving the field clears its message (the button moves up) before the click.
  await nameField.blur();
  await expect(page.getByText("This field is required.")).toHaveCount(0);
  await page.getByRole("button", { name: "Create the key" }).click();

  await expect(page.getByRole("heading", { name: `The key “${name}” has been created` })).toBeVisible();
  await expect(page.getByText("this is the only time it is shown")).toBeVisible();
  const tokenField = page.getByLabel("The key's token", { exact: true });
  const token = await tokenField.inputValue();
  expect(token).toMatch(/^hub_[a-z2-9]{8}_[a-z2-9]{40}$/);
  await screen(page, "api-key-created");

  // The key works, from a client that is not the browser.
  const people = await fetch(`${baseURL}/api/osdi/v1/people`, { headers: { "OSDI-API-Token": token } });
  expect(people.status).toBe(200);
  expect(people.headers.get("content-type")).toMatch(/^application\/hal\+json/);
  const body = (await people.json()) as { _embedded: Record<string, unknown[]> };
  expect(Array.isArray(body._embedded["osdi:people"])).toBe(true);
  // Without it, the same request is refused.
  expect((await fetch(`${baseURL}/api/osdi/v1/people`)).status).toBe(401);

  // The token is never shown again: not on the list, not on the key's page.
  await page.goto("/admin/api-keys");
  await expect(page.locator(`text=${token}`)).toHaveCount(0);
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Read only");
  await expect(row).toContainText(token.slice(0, 12));
  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  expect(await page.content()).not.toContain(token);

  // Revoking asks first, then shuts the key.
  await page.getByText("Revoke this key", { exact: true }).click();
  await expect(page.getByText(`Revoke “${name}”?`)).toBeVisible();
  await page.getByRole("button", { name: "Yes, revoke it" }).click();
  await expect(page.getByRole("status")).toHaveText("The key has been revoked.");
  await screen(page, "api-key-revoked");
  expect((await fetch(`${baseURL}/api/osdi/v1/people`, { headers: { "OSDI-API-Token": token } })).status).toBe(401);
});
