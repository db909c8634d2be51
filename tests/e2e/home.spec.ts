import { expect, test } from "@playwright/test";
import { screen } from "./helpers";

const SECTIONS = [
  "Sign an open letter",
  "Write to your lawmakers",
  "Threats that changed lately",
  /^Global Encryption Day/,
  /^Our targets for \d{4}$/,
];

test("the home page shows what to do now and what moved, and leads to each", async ({ page }) => {
  await page.goto("/");
  for (const name of SECTIONS) await expect(page.getByRole("heading", { level: 2, name })).toBeVisible();
  const letters = page.getByRole("region", { name: "Sign an open letter" });
  await expect(letters.getByText(/signatures? of a goal of/)).toBeVisible();
  const first = letters.getByRole("link").first();
  const title = (await first.textContent()) ?? "";
  await first.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await screen(page, "home-letter-followed");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test("the sections stack in one column, letters first", async ({ page }) => {
    await page.goto("/");
    const boxes = [];
    for (const name of SECTIONS) {
      boxes.push((await page.getByRole("region", { name }).boundingBox())!);
    }
    for (let i = 1; i < boxes.length; i++) {
      expect(boxes[i]!.x).toBeCloseTo(boxes[0]!.x, 0);
      expect(boxes[i]!.y).toBeGreaterThanOrEqual(boxes[i - 1]!.y + boxes[i - 1]!.height);
    }
    expect(boxes[0]!.x + boxes[0]!.width).toBeLessThanOrEqual(390);
    await screen(page, "home-phone");
  });
});
