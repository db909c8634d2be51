import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./axe";
import { screen, switchToRole } from "./helpers";

/** A word found nowhere else in the database, so this run's threat is easy to single out. */
function uniqueWord(): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  let word = "";
  for (let i = 0; i < 8; i++) word += letters[Math.floor(Math.random() * letters.length)];
  return `Zq${word}`;
}

/** Screenshots at both widths, axe first; nothing wider than the phone's screen. */
async function bothWidths(page: Page, name: string) {
  await expectNoSeriousAxeViolations(page, name);
  await page.setViewportSize({ width: 1280, height: 900 });
  await screen(page, `${name}-1280`);
  await page.setViewportSize({ width: 390, height: 844 });
  await screen(page, `${name}-390`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("staff translate a threat's summary into French; a French reader on a phone sees it", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const word = uniqueWord();
  await switchToRole(page, "staff");
  await page.goto("/threats/new");
  await page.getByLabel("Country or forum", { exact: true }).selectOption({ label: "Kenya (KE)" });
  await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Bill" });
  await page.getByLabel("Title", { exact: true }).fill(`Message Scanning ${word} Bill`);
  await page.getByLabel("Summary", { exact: true }).fill(`Would make every messaging app scan for ${word}.`);
  await page
    .getByRole("group", { name: "Categories" })
    .getByRole("checkbox", { name: "Encryption", exact: true })
    .check();
  await page.getByLabel("Severity", { exact: true }).selectOption({ label: "High" });
  await page.getByLabel("First seen on", { exact: true }).fill("2026-02-03");
  await page.getByRole("button", { name: "Create the threat" }).click();
  await expect(page).toHaveURL(/\/threats\/ke-[a-z0-9-]+$/);
  const path = new URL(page.url()).pathname;

  // The staff view lists it as missing in French.
  const missing = `Message Scanning ${word} Bill (KE, 2026): translate into French`;
  await page.goto("/staff/translations?type=threat&locale=fr");
  await expect(page.getByRole("link", { name: missing })).toBeVisible();

  // From the edit page, to the French version's page.
  await page.goto(`${path}/edit`);
  await page.getByRole("link", { name: "Add the French version" }).click();
  await expect(page).toHaveURL(/\/staff\/translations\/threat\/\d+\/fr$/);
  await expect(page.getByRole("heading", { level: 1, name: "French version" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Summary: the original, in English" })).toContainText(
    `Would make every messaging app scan for ${word}.`,
  );
  // Too long: refused, with the message tied to the field.
  const box = page.getByLabel("Summary in French", { exact: true });
  await box.fill("x".repeat(20_001));
  await page.getByRole("button", { name: "Save this version" }).click();
  await expect(box).toHaveAccessibleDescription(/This is too long\./);
  await bothWidths(page, "translation-refused");

  await box.fill(`Obligerait chaque messagerie à rechercher ${word}.`);
  await page.getByRole("button", { name: "Save this version" }).click();
  await expect(page).toHaveURL(/\?done=saved$/);
  await expect(page.getByRole("status")).toHaveText("The French version is saved.");
  await bothWidths(page, "translation-saved");

  await page.goto("/staff/translations?type=threat&locale=fr");
  await expect(page.getByRole("heading", { level: 1, name: "Translations" })).toBeVisible();
  await expect(page.getByRole("link", { name: missing })).toHaveCount(0);
  await bothWidths(page, "translations-overview");

  // A French reader, signed out, on a phone.
  const reader = await browser.newContext({ locale: "fr-FR", viewport: { width: 390, height: 844 } });
  const phone = await reader.newPage();
  await phone.goto(path);
  await expect(phone.locator("html")).toHaveAttribute("lang", "fr");
  await expect(phone.getByText(`Obligerait chaque messagerie à rechercher ${word}.`)).toBeVisible();
  await expect(phone.getByText(`Would make every messaging app scan for ${word}.`)).toHaveCount(0);
  await expect(phone.getByText("pas encore traduit")).toHaveCount(0);
  expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoSeriousAxeViolations(phone, "threat-fr-390");
  await screen(phone, "threat-translated-fr-390");
  await reader.close();
});
