import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";

/**
 * Another site, on another origin of this machine (127.0.0.1, while the app is on localhost), that
 * serves one page with `body` in it.
 */
async function memberSite(body: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><title>Member</title><h1>Our campaign</h1>${body}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
import { screen } from "./helpers";

test("a member organisation's page on another origin embeds the threat map in an iframe", async ({ page, baseURL }) => {
  // The snippet from /threats/map, as a member would copy it.
  await page.goto("/threats/map");
  await page.getByText("Embed this map on your site", { exact: true }).click();
  const snippet = await page.getByLabel("Code to copy", { exact: true }).inputValue();
  expect(snippet).toContain(`${baseURL}/embed/threats-map?lang=en`);

  // Another site with that snippet in its page.
  const site = await memberSite(snippet);
  await page.goto(site.url);
  const frame = page.frameLocator("iframe");
  await expect(frame.getByRole("heading", { level: 1, name: "Threat map" })).toBeVisible();
  // The map, whose countries open the tracker in a new tab (the tracker itself cannot be framed).
  const country = frame.getByRole("link", { name: /^United States of America: \d+ open threats?/ });
  await expect(country).toBeVisible();
  await expect(country).toHaveAttribute("target", "_blank");
  await expect(frame.getByRole("link", { name: "Open the threat tracker" })).toHaveAttribute("target", "_blank");
  await screen(page, "embed-map-on-member-site");
  await site.close();
});

test("any other page refuses to be framed by another origin", async ({ page, baseURL }) => {
  const site = await memberSite(`<iframe src="${baseURL}/threats"></iframe>`);
  await page.goto(site.url);
  // Chromium refuses the framed document (frame-ancestors 'none') and shows its error page instead.
  await expect
    .poll(
      () =>
        page
          .frames()
          .find((f) => f !== page.mainFrame())
          ?.url() ?? "",
      { timeout: 10_000 },
    )
    .toMatch(/^chrome-error:/);
  await site.close();
});
