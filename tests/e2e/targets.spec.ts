import { expect, test } from "@playwright/test";
import { screen, switchToRole } from "./helpers";

test("staff define a target for the current year and the page shows its value and progress", async ({ page }) => {
  const year = new Date().getUTCFullYear();
  const title = `Twenty advocacy actions ${Date.now().toString(36)}`;

  await switchToRole(page, "staff");
  await page.goto("/staff/targets");
  await expect(page.getByRole("heading", { level: 1, name: "Yearly targets" })).toBeVisible();
  await page.getByRole("link", { name: "New target", exact: true }).click();

  await expect(page.getByLabel("Year", { exact: true })).toHaveValue(String(year));
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Metric", { exact: true }).selectOption({ label: "Advocacy actions" });
  await page.getByLabel("Goal", { exact: true }).fill("20");
  await screen(page, "targets-new");
  await page.getByRole("button", { name: "Create the target", exact: true }).click();

  await expect(page).toHaveURL(new RegExp(`/targets\\?year=${year}$`));
  const card = page.getByRole("article", { name: title });
  await expect(card).toBeVisible();

  // The figure on the page is the API's figure for the same target.
  const api = (await (await page.request.get(`/api/v1/targets?year=${year}`)).json()) as {
    data: Array<{ title: string; value: number; goal: number; unit: string; met: boolean }>;
  };
  const mine = api.data.find((t) => t.title === title);
  expect(mine).toMatchObject({ goal: 20, unit: "count" });
  const value = mine!.value;
  const percent = Math.floor((Math.min(value, 20) / 20) * 100);
  await expect(card.getByText(String(value), { exact: true })).toBeVisible();
  const bar = card.getByRole("progressbar");
  await expect(bar).toHaveAccessibleName(`${value} of a goal of 20 (${percent} %)`);
  await expect(bar).toHaveAttribute("max", "20");
  await expect(card.getByText(/^(Met|On track|Behind)$/)).toBeVisible();
  await expect(card.getByText(/accepted by staff and dated in the year/)).toBeVisible();
  await screen(page, "targets-page");

  // The drill-down lists the rows behind the number.
  await card.getByRole("link", { name: "See the rows behind this figure" }).click();
  await expect(page.getByRole("heading", { level: 2, name: new RegExp(`^${value} rows?$`) })).toBeVisible();
  await screen(page, "targets-drilldown");
});
