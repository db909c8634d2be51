import { expect, test } from "@playwright/test";
import { leaveRole, screen, switchToRole } from "./helpers";

/** A suffix that makes texts unique per run. */
function runId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** A 2026 target of the demo seed that counts accepted advocacy actions. */
const ACTIONS_TARGET = "20 advocacy actions";

test("a chapter member logs an action on a threat, staff accept it, it shows on the targets, threat and chapter pages", async ({
  page,
}) => {
  const run = runId();
  const description = `Briefed the ITU delegation on decentralised routing (${run}).`;
  const outcome = `The delegation will oppose the proposal (${run}).`;

  // The member logs the action from their log.
  await switchToRole(page, "chapterMember");
  await page.goto("/actions");
  await expect(page.getByRole("heading", { level: 1, name: "My advocacy log" })).toBeVisible();
  await page.getByRole("link", { name: "Log an action" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Log an action" })).toBeVisible();
  await page.getByLabel("Kind of action", { exact: true }).selectOption({ label: "Meeting" });
  await page.getByLabel("Date", { exact: true }).fill("2026-09-15");
  await page.getByLabel("What was done", { exact: true }).fill(description);
  await page.getByLabel("Policymakers or bodies targeted", { exact: true }).fill("Kenyan delegation to the ITU");
  const threatSelect = page.getByLabel("Linked threat", { exact: true });
  const itu = await threatSelect.locator("option", { hasText: "New IP" }).first().getAttribute("value");
  expect(itu).toMatch(/^\d+$/);
  await threatSelect.selectOption(itu as string);
  await page.getByLabel("Outcome", { exact: true }).fill(outcome);
  await page.getByLabel("Evidence (web address)", { exact: true }).fill("https://example.org/e2e-evidence");
  await screen(page, "actions-new");
  await page.getByRole("button", { name: "Log the action" }).click();

  await expect(page).toHaveURL(/\/actions\?saved=1$/);
  await expect(page.getByRole("status").first()).toHaveText("Saved. The staff will review the action.");
  const entry = page.getByRole("listitem").filter({ hasText: description });
  await expect(entry).toContainText("Waiting for review");
  await screen(page, "actions-log");
  const threatHref = await entry.getByRole("link", { name: /ITU/ }).getAttribute("href");
  expect(threatHref).toMatch(/^\/threats\//);

  // Staff accept it from the review queue.
  await switchToRole(page, "staff");
  await page.goto("/staff/actions");
  await expect(page.getByRole("heading", { level: 1, name: "Advocacy log review" })).toBeVisible();
  const card = page.getByRole("region").filter({ hasText: description });
  await expect(card).toContainText("Kenya Chapter");
  await expect(card).toContainText("logged by Kofi Member");
  await screen(page, "actions-review-queue");
  const actionsTarget = async () => {
    const api = (await (await page.request.get("/api/v1/targets?year=2026")).json()) as {
      data: Array<{ title: string; value: number }>;
    };
    return api.data.find((t) => t.title === ACTIONS_TARGET)!.value;
  };
  const before = await actionsTarget();
  await card.getByRole("button", { name: "Accept", exact: true }).click();
  await expect(page.getByRole("status").first()).toHaveText("The action was accepted.");
  await expect(page.getByRole("region").filter({ hasText: description })).toHaveCount(0);

  // The year's targets count it at once: the demo's 2026 target on accepted actions goes up by one.
  await page.goto("/targets?year=2026");
  const target = page.getByRole("article", { name: ACTIONS_TARGET });
  await expect(target.getByText(String(before + 1), { exact: true })).toBeVisible();
  expect(await actionsTarget()).toBe(before + 1);
  await screen(page, "actions-targets-page");
  await leaveRole(page);

  // The public sees it on the threat page…
  await page.goto(threatHref as string);
  const advocacy = page.getByRole("region", { name: "Advocacy on this threat" });
  const row = advocacy.getByRole("row").filter({ hasText: outcome });
  await expect(row).toContainText("Kenya Chapter");
  await expect(row).toContainText("Meeting");
  await expect(row.getByRole("link", { name: "Evidence" })).toHaveAttribute("href", "https://example.org/e2e-evidence");
  await advocacy.scrollIntoViewIfNeeded();
  await screen(page, "actions-threat-page");

  // …and on the chapter page, counted in the yearly summary.
  await row.getByRole("link", { name: "Kenya Chapter" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kenya Chapter" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Actions", exact: true })).toContainText(description);
  const summary = page.getByRole("region", { name: "Accepted actions per year" });
  await expect(summary.getByRole("row").filter({ hasText: "2026" })).toBeVisible();
  await screen(page, "actions-chapter-page");
});
