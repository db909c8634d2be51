import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { asRole, screen } from "./helpers";

const YEAR = 2025;
const EN = `The threats kept coming back in ${YEAR}, and so did we.`;
const FR = `Les menaces sont revenues en ${YEAR}, et nous aussi.`;

test("staff write a section text in two languages, preview, publish; the public reads it and downloads the PDF", async ({
  browser,
}) => {
  const { context, page } = await asRole(browser, "staff");
  await page.goto(`/staff/reports/${YEAR}`);
  await expect(page.getByRole("heading", { level: 1, name: `Prepare the ${YEAR} report` })).toBeVisible();
  await page.getByLabel("Threats — text in English", { exact: true }).fill(EN);
  await page.getByLabel("Threats — text in French", { exact: true }).fill(FR);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await expect(page.getByLabel("Threats — text in French", { exact: true })).toHaveValue(FR);

  // Preview: a draft, marked as such, with the text.
  await page.getByRole("link", { name: "Preview the report", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/reports/${YEAR}$`));
  await expect(page.getByText("Draft — figures still moving", { exact: false })).toBeVisible();
  await expect(page.locator("#threats").getByText(EN)).toBeVisible();
  await screen(page, "report-draft");

  // Publish, confirming.
  await page.goto(`/staff/reports/${YEAR}`);
  await page.getByText("Publish the report", { exact: true }).first().click();
  await page.getByRole("button", { name: "Publish the report", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("The report is published.");
  await context.close();

  // The public, in English.
  const anonymous = await browser.newContext({ locale: "en-GB" });
  const reader = await anonymous.newPage();
  await reader.goto("/reports");
  await reader.getByRole("link", { name: `Read the ${YEAR} report`, exact: true }).click();
  await expect(reader.getByRole("heading", { level: 1, name: `Impact report ${YEAR}` })).toBeVisible();
  await expect(reader.getByText("Draft — figures still moving", { exact: false })).toHaveCount(0);
  await expect(reader.locator("#threats").getByText(EN)).toBeVisible();
  // Every chart is an image with its figures in its name, and a table next to it.
  const chart = reader.getByRole("img", { name: /^Threats by outcome: Mitigated \d+/ });
  await expect(chart).toBeVisible();
  await reader.locator('[data-breakdown="threats.by_outcome"] summary').click();
  await expect(reader.locator('[data-breakdown="threats.by_outcome"] table')).toBeVisible();

  const download = reader.waitForEvent("download");
  await reader.getByRole("link", { name: "Report (PDF)", exact: true }).click();
  const file = await (await download).path();
  const bytes = await readFile(file);
  expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
  expect(bytes.length).toBeGreaterThan(5_000);
  await anonymous.close();

  // The public, in French, on a phone: the French text, figures one under the other.
  const french = await browser.newContext({ locale: "fr-FR", viewport: { width: 390, height: 844 } });
  const phone = await french.newPage();
  await phone.goto(`/reports/${YEAR}`);
  await expect(phone.getByRole("heading", { level: 1, name: `Rapport d'impact ${YEAR}` })).toBeVisible();
  await expect(phone.locator("#threats").getByText(FR)).toBeVisible();
  await expect(phone.locator("#threats").getByText(EN)).toHaveCount(0);
  const figures = phone.locator("#threats .report-figure");
  const first = (await figures.nth(0).boundingBox())!;
  const second = (await figures.nth(1).boundingBox())!;
  expect(second.y).toBeGreaterThanOrEqual(first.y + first.height);
  expect(first.x + first.width).toBeLessThanOrEqual(390);
  const svg = (await phone.locator('[data-breakdown="threats.by_outcome"] svg').boundingBox())!;
  expect(svg.x + svg.width).toBeLessThanOrEqual(390);
  await screen(phone, "report-phone-fr");
  await french.close();
});
