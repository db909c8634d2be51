import { expect, test, type Page } from "@playwright/test";
import {
  DEMO_ACCOUNTS,
  E2E_DEMO_PASSWORD,
  asRole,
  linkFromDevMailboxAsAdmin,
  screen,
  submitLogin,
  uniqueEmail,
} from "./helpers";

/**
 * The way in: a chapter lead who signs in lands on their chapter's log, with "My log" in the
 * header (inside the menu on a phone); an applicant writes a public profile apart from their
 * motivation, and the staff read both in the review queue.
 */

const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1280, height: 900 };

async function expectOnKenyaLog(page: Page) {
  await expect(page).toHaveURL(/\/actions$/);
  await expect(page.getByRole("heading", { level: 1, name: "My advocacy log" })).toBeVisible();
  await expect(page.getByText(/^What Kenya Chapter did to defend encryption/)).toBeVisible();
}

test.describe("a chapter lead signs in", () => {
  test("on a wide screen: lands on the chapter's log, and the header links to it next to Account", async ({
    browser,
  }) => {
    const context = await browser.newContext({ viewport: WIDE });
    const page = await context.newPage();
    try {
      await submitLogin(page, DEMO_ACCOUNTS.chapterLead.email, E2E_DEMO_PASSWORD);
      await expectOnKenyaLog(page);
      const tools = page.getByRole("banner").locator(".header-tools");
      const myLog = tools.getByRole("link", { name: "My log", exact: true });
      await expect(myLog).toBeVisible();
      await expect(myLog).toHaveAttribute("href", "/actions");
      await expect(myLog).toHaveAttribute("aria-current", "page");
      // Next to Account, in that order.
      const links = await tools.getByRole("link").allInnerTexts();
      expect(links.indexOf("Account") - links.indexOf("My log")).toBe(1);
      await screen(page, "front-door-lead-log-wide");
      // From another page the link leads back to the log.
      await page.goto("/threats");
      await page.getByRole("banner").getByRole("link", { name: "My log", exact: true }).click();
      await expectOnKenyaLog(page);
    } finally {
      await context.close();
    }
  });

  test("on a phone: lands on the log, and “My log” is in the menu", async ({ browser }) => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    try {
      await submitLogin(page, DEMO_ACCOUNTS.chapterLead.email, E2E_DEMO_PASSWORD);
      await expectOnKenyaLog(page);
      const header = page.getByRole("banner");
      const myLog = header.getByRole("link", { name: "My log", exact: true });
      await expect(myLog).toBeHidden();
      await header.getByText("Menu", { exact: true }).click();
      await expect(header.locator("details.site-menu")).toHaveAttribute("open", "");
      const menu = header.locator("details.site-menu .site-menu-content");
      await expect(menu.getByRole("link", { name: "My log", exact: true })).toBeVisible();
      await expect(menu.getByRole("link", { name: "Account", exact: true })).toBeVisible();
      const box = await myLog.boundingBox();
      expect(box?.height ?? 0, "a tap target of 44 px").toBeGreaterThanOrEqual(44);
      await screen(page, "front-door-lead-menu-phone");
    } finally {
      await context.close();
    }
  });

  test("a coalition representative has no “My log” link", async ({ browser }) => {
    const { context, page } = await asRole(browser, "coalitionMember", { viewport: WIDE });
    try {
      await page.goto("/account");
      await expect(page.getByRole("banner").getByRole("link", { name: "Account", exact: true })).toBeVisible();
      await expect(page.getByRole("banner").getByRole("link", { name: "My log", exact: true })).toHaveCount(0);
    } finally {
      await context.close();
    }
  });
});

test("an applicant writes a public profile apart from the motivation; staff see both in the review", async ({
  page,
  browser,
}) => {
  const run = Date.now().toString(36);
  const orgName = `Quiet Relay ${run}`;
  const contactEmail = uniqueEmail("profile");
  const motivation = "Our funders asked us to join; we need help answering the consultation on scanning.";
  const profile = "Quiet Relay runs Tor relays and trains Icelandic newsrooms in private messaging.";

  await page.setViewportSize(PHONE);
  await page.goto("/coalition/apply");
  const profileBox = page.getByLabel("Public profile", { exact: true });
  await expect(profileBox).toHaveValue("");
  await expect(profileBox).toHaveAccessibleDescription(/at most 2000 characters/);
  await page.getByLabel("Applying as", { exact: true }).selectOption({ label: "An organisation" });
  await page.getByLabel("Name of the organisation or expert", { exact: true }).fill(orgName);
  await page.getByLabel("Sector", { exact: true }).selectOption({ label: "Civil society" });
  await page.getByLabel("Country", { exact: true }).selectOption({ label: "Iceland (IS)" });
  await page.getByLabel("Contact person", { exact: true }).fill("Sigrún Jónsdóttir");
  await page.getByLabel("Contact e-mail address", { exact: true }).fill(contactEmail);
  await page.getByLabel("Why do you want to join?", { exact: true }).fill(motivation);
  const consent = page.getByLabel("List us publicly in the coalition directory, with our public profile", {
    exact: true,
  });
  await consent.check();
  // Asking to be listed without a profile: the error is on the profile field.
  await page.getByRole("button", { name: "Send the application", exact: true }).click();
  await expect(profileBox).toHaveAttribute("aria-invalid", "true");
  await expect(profileBox).toHaveAccessibleDescription(/Write a public profile to be listed in the directory/);
  await screen(page, "front-door-apply-profile-error-phone");
  await profileBox.fill(profile);
  await page.getByRole("button", { name: "Send the application", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your e-mail" })).toBeVisible();

  const confirmLink = await linkFromDevMailboxAsAdmin(
    page,
    contactEmail,
    `Confirm your application to the coalition: ${orgName}`,
    "/coalition/apply/confirm",
  );
  await page.goto(confirmLink);
  await page.getByRole("button", { name: "Confirm the application", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Application confirmed" })).toBeVisible();

  const staff = await asRole(browser, "staff", { viewport: WIDE });
  try {
    await staff.page.goto("/staff/applications");
    const card = staff.page.getByRole("region", { name: orgName, exact: true });
    await expect(card).toBeVisible();
    const terms = await card.getByRole("term").allInnerTexts();
    const motivationAt = terms.indexOf("Why do you want to join?");
    expect(terms[motivationAt + 1]).toBe("Public profile");
    const definitions = card.getByRole("definition");
    await expect(definitions.nth(motivationAt)).toHaveText(motivation);
    await expect(definitions.nth(motivationAt + 1)).toHaveText(profile);
    await card.scrollIntoViewIfNeeded();
    await screen(staff.page, "front-door-staff-review-wide");
  } finally {
    await staff.context.close();
  }
});
