import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./axe";
import { asRole, screen, switchToRole } from "./helpers";

/** A word found nowhere else in the database, so searches and lists single out this run's data. */
function uniqueWord(): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  let word = "";
  for (let i = 0; i < 8; i++) word += letters[Math.floor(Math.random() * letters.length)];
  return `Zq${word}`;
}

/** Creates a threat through the staff form and returns its address name. */
async function createThreat(page: Page, title: string, identifier: string, firstSeenOn: string): Promise<string> {
  await page.goto("/threats/new");
  await page.getByLabel("Country or forum", { exact: true }).selectOption({ label: "Kenya (KE)" });
  await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Bill" });
  await page.getByLabel("Identifier", { exact: true }).fill(identifier);
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page
    .getByRole("group", { name: "Categories" })
    .getByRole("checkbox", { name: "Encryption", exact: true })
    .check();
  await page.getByLabel("Severity", { exact: true }).selectOption({ label: "High" });
  await page.getByLabel("First seen on", { exact: true }).fill(firstSeenOn);
  await page.getByRole("button", { name: "Create the threat" }).click();
  await expect(page).toHaveURL(/\/threats\/ke-[a-z0-9-]+$/);
  return new URL(page.url()).pathname.split("/").pop() as string;
}

async function addStep(page: Page, date: string, what: string) {
  const form = page.getByRole("region", { name: "Add an action" });
  await form.getByLabel("Date", { exact: true }).fill(date);
  await form.getByLabel("What happened", { exact: true }).selectOption({ label: what });
  await form.getByRole("button", { name: "Add an action" }).click();
  await expect(page.getByRole("status")).toHaveText(/The action has been added/);
}

/** Screenshots at both widths; axe too, where the page runs scripts (axe is one). */
async function bothWidths(page: Page, name: string, { axe = true } = {}) {
  if (axe) await expectNoSeriousAxeViolations(page, name);
  await page.setViewportSize({ width: 1280, height: 900 });
  await screen(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screen(page, `${name}-390`);
  // Nothing wider than the phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("staff correct a step's date and kind, the stage follows; then remove a step after confirming", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const word = uniqueWord();
  await switchToRole(page, "staff");
  const slug = await createThreat(page, `Device Access ${word} Bill`, `KE-${word}`, "2026-01-05");
  await addStep(page, "2026-02-01", "Introduced");
  await addStep(page, "2026-03-15", "In committee");
  const badges = page.getByRole("article").locator("p.badges");
  await expect(badges.getByText("In committee · 15 Mar 2026", { exact: true })).toBeVisible();

  // The committee step was typed wrong: it was a second reading, and in January.
  await page.getByRole("link", { name: "Correct or remove: In committee, 2026-03-15" }).click();
  await expect(page).toHaveURL(new RegExp(`/threats/${slug}/steps/\\d+$`));
  await expect(page.getByRole("heading", { level: 1, name: "Correct an action" })).toBeVisible();
  await expect(page.getByLabel("Date", { exact: true })).toHaveValue("2026-03-15");
  await bothWidths(page, "threat-step-correct");
  await page.getByLabel("Date", { exact: true }).fill("2026-01-20");
  await page.getByLabel("What happened", { exact: true }).selectOption({ label: "Passed a chamber" });
  await page.getByRole("button", { name: "Save the correction" }).click();

  await expect(page).toHaveURL(new RegExp(`/threats/${slug}\\?saved=corrected$`));
  await expect(page.getByRole("status")).toHaveText(
    "The correction has been saved; the stage follows the latest dated action.",
  );
  // The corrected step is now the earlier one: the stage is the introduction's.
  await expect(badges.getByText("Introduced · 1 Feb 2026", { exact: true })).toBeVisible();
  const timeline = page.getByRole("region", { name: "Timeline" }).getByRole("listitem");
  await expect(timeline).toHaveText([/^20 Jan 2026 — Passed a chamber/, /^1 Feb 2026 — Introduced/]);
  await expect(page.getByRole("region", { name: "History" })).toContainText("corrected an action");

  // Removing the introduction: the first click only asks.
  await page.getByRole("link", { name: "Correct or remove: Introduced, 2026-02-01" }).click();
  await page.getByText("Remove this action…", { exact: true }).click();
  await expect(page.getByText("Remove this action from the timeline? Followers will be told.")).toBeVisible();
  await bothWidths(page, "threat-step-remove-confirm");
  await page.getByRole("button", { name: "Yes, remove it" }).click();
  await expect(page).toHaveURL(new RegExp(`/threats/${slug}\\?saved=removed$`));
  await expect(page.getByRole("status")).toHaveText(
    "The action has been removed; the stage follows the latest dated action.",
  );
  await expect(timeline).toHaveText([/^20 Jan 2026 — Passed a chamber/]);
  await expect(badges.getByText("Passed a chamber · 20 Jan 2026", { exact: true })).toBeVisible();
  await bothWidths(page, "threat-step-after");
});

test("staff pick a letter's threat by searching its title; repeated titles show identifier and year", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const word = uniqueWord();
  const title = `Lawful Intercept ${word} Act`;
  await switchToRole(page, "staff");
  const older = await createThreat(page, title, `A-${word}`, "2021-03-01");
  const newer = await createThreat(page, title, `B-${word}`, "2025-06-01");

  await page.goto("/letters/new");
  const list = page.getByLabel("Linked threats", { exact: true });
  const search = page.getByRole("searchbox", { name: "Search the list: Linked threats" });
  // Filtered as one types, without a reload.
  await search.fill(`intercept ${word.toLowerCase()}`);
  await expect(list.getByRole("option")).toHaveText([`${title} (A-${word}, 2021)`, `${title} (B-${word}, 2025)`]);
  await expect(page.getByText("2 threats match the search.")).toBeVisible();
  await search.press("Enter");
  await expect(page).toHaveURL(/\/letters\/new$/);
  await list.selectOption({ label: `${title} (B-${word}, 2025)` });
  // Another search never drops the choice.
  await search.fill("no title has these words");
  await expect(list.getByRole("option")).toHaveText([`${title} (B-${word}, 2025)`]);
  await bothWidths(page, "letter-threat-picker");

  const main = page.getByRole("group", { name: "The letter, in its own language" });
  await main.getByLabel("Title", { exact: true }).fill(`Letter on ${word}`);
  await main.getByLabel("Text", { exact: true }).fill("Keep encryption strong.");
  await page.getByRole("button", { name: "Create the draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Letter on ${word}` })).toBeVisible();
  const answers = page.getByRole("region", { name: "What this letter answers" });
  await expect(answers.getByRole("link")).toHaveCount(1);
  await expect(answers.getByRole("link", { name: title })).toHaveAttribute("href", `/threats/${newer}`);
  expect(older).not.toBe(newer);
});

test.describe("without JavaScript", () => {
  test("a chapter lead searches the linked threat of an action on a GET round-trip and logs it", async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    const word = uniqueWord();
    const title = `Encryption Backdoor ${word} Bill`;
    await switchToRole(page, "staff");
    const slug = await createThreat(page, title, `C-${word}`, "2026-02-02");

    const { context, page: lead } = await asRole(browser, "chapterLead", { javaScriptEnabled: false });
    try {
      await lead.goto("/actions/new");
      const search = lead.getByRole("searchbox", { name: "Search the list: Linked threat" });
      await search.fill(word);
      await search.press("Enter");
      await expect(lead).toHaveURL(new RegExp(`/actions/new\\?threat_q=${word}$`));
      const list = lead.getByLabel("Linked threat", { exact: true });
      await expect(list.getByRole("option")).toHaveText(["No linked threat", title]);
      await expect(lead.getByText("1 threat matches the search.")).toBeVisible();
      await expect(search).toHaveValue(word);
      await bothWidths(lead, "action-threat-picker-nojs", { axe: false });

      await lead.getByLabel("Kind of action", { exact: true }).selectOption({ label: "Meeting" });
      await lead.getByLabel("Date", { exact: true }).fill("2026-03-03");
      await lead.getByLabel("What was done", { exact: true }).fill(`Briefed the committee on ${word}.`);
      await list.selectOption({ label: title });
      await lead.getByRole("button", { name: "Log the action" }).click();
      await expect(lead).toHaveURL(/\/actions\?saved=1$/);
      await expect(lead.getByRole("link", { name: title })).toHaveAttribute("href", `/threats/${slug}`);
    } finally {
      await context.close();
    }
  });
});
