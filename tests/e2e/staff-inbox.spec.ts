import { expect, test, type Locator } from "@playwright/test";
import { screen, switchToRole } from "./helpers";

const QUEUES = [
  "Advocacy actions to review",
  "Events to approve",
  "Coalition applications",
  "Threat proposals",
  "Organisation name changes",
  "Flagged signatures",
  "Failed mail",
];

function inboxItems(page: import("@playwright/test").Page): Locator {
  return page.getByRole("region", { name: "Waiting for review" }).getByRole("listitem");
}

/** The count a queue's card shows: "3 waiting, …" → 3; "Nothing waiting." → 0. */
async function shownCount(item: Locator): Promise<number> {
  const text = (await item.textContent()) ?? "";
  const match = /(\d+) waiting/.exec(text);
  return match ? Number(match[1]) : 0;
}

test("staff see each queue's count and age, and the Staff link's badge adds them up", async ({ page }) => {
  await switchToRole(page, "staff");
  await page.goto("/staff");
  await expect(page.getByRole("heading", { level: 1, name: "Staff" })).toBeVisible();

  const items = inboxItems(page);
  await expect(items).toHaveCount(QUEUES.length);
  let total = 0;
  for (const [index, name] of QUEUES.entries()) {
    const item = items.nth(index);
    await expect(item.getByRole("heading", { level: 3, name })).toBeVisible();
    await expect(item).toHaveText(/\d+ waiting, ((all )?from today|oldest \d+ days?)|Nothing waiting\./);
    total += await shownCount(item);
  }
  // The demo data has advocacy actions and events waiting.
  await expect(items.nth(0)).toContainText(/\d+ waiting, /);
  expect(total).toBeGreaterThan(0);

  const staffLink = page.locator("header").getByRole("link", { name: `Staff, ${total} items waiting`, exact: true });
  await expect(staffLink).toBeVisible();
  await expect(staffLink.getByTestId("staff-badge")).toHaveText(String(total));
  await screen(page, "staff-inbox");

  // Each card links to its queue.
  await items.nth(0).getByRole("link", { name: QUEUES[0] }).click();
  await expect(page).toHaveURL(/\/staff\/actions$/);
});

test("a chapter member's Staff link and badge are not there", async ({ page }) => {
  await switchToRole(page, "chapterMember");
  await page.goto("/threats");
  const header = page.locator("header");
  await expect(header.getByRole("link", { name: "Account", exact: true })).toBeVisible();
  await expect(header.getByRole("link", { name: /^Staff/ })).toHaveCount(0);
  await expect(page.getByTestId("staff-badge")).toHaveCount(0);
});

test("at 390 px the inbox reads in one column, and on a wide screen in several", async ({ page }) => {
  await switchToRole(page, "staff");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/staff");
  const items = inboxItems(page);
  await expect(items).toHaveCount(QUEUES.length);
  const boxes = [];
  for (let i = 0; i < QUEUES.length; i++) boxes.push((await items.nth(i).boundingBox())!);
  for (let i = 1; i < boxes.length; i++) {
    // Same left edge and width, each card below the one before.
    expect(boxes[i].x).toBeCloseTo(boxes[0].x, 0);
    expect(boxes[i].width).toBeCloseTo(boxes[0].width, 0);
    expect(boxes[i].y).toBeGreaterThanOrEqual(boxes[i - 1].y + boxes[i - 1].height);
  }
  // Nothing wider than the screen.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await screen(page, "staff-inbox-390");

  await page.setViewportSize({ width: 1280, height: 900 });
  const first = (await items.nth(0).boundingBox())!;
  const second = (await items.nth(1).boundingBox())!;
  expect(second.y).toBeCloseTo(first.y, 0);
  expect(second.x).toBeGreaterThan(first.x + first.width);
});
