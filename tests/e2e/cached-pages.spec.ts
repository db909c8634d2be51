import { expect, test } from "@playwright/test";
import { mainNav } from "./helpers";

test("a page served from the cache runs its scripts under its hash-based policy, and the map draws from its shapes file", async ({
  page,
}) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(String(error)));

  await page.goto("/threats/map");
  const hit = await page.goto("/threats/map");
  expect(hit?.headers()["x-cache"]).toBe("hit");
  const policy = hit?.headers()["content-security-policy"] ?? "";
  expect(policy).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+/);
  expect(policy).not.toContain("'nonce-");

  // The shapes come from one static file, and each country is drawn from it at a real size.
  const kenya = page.locator('a[href="/countries/KE"] use');
  await expect(kenya).toHaveAttribute("href", /^\/assets\/world-map-[\w-]+\.svg#ke$/);
  const box = await kenya.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(5);
  expect(box?.height ?? 0).toBeGreaterThan(5);

  // Hydrated: a click in the navigation is a client-side navigation, with no full page load.
  const documents: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() === "document") documents.push(request.url());
  });
  await mainNav(page).getByRole("link", { name: "Coalition", exact: true }).click();
  await expect(page).toHaveURL(/\/coalition$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  expect(documents).toEqual([]);
  expect(problems).toEqual([]);
});
