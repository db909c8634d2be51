import { expect, type Locator, type Page } from "@playwright/test";

/** The password the e2e server seeds the demo accounts with (see playwright.config.ts). */
export const E2E_DEMO_PASSWORD = "e2e demo password, not secret";

export const DEMO_ACCOUNTS = {
  admin: { email: "admin@example.org", name: "Ada Admin", roleLabel: "Administrator", scope: null },
  staff: { email: "staff@example.org", name: "Sam Staff", roleLabel: "Staff", scope: null },
  chapterLead: { email: "lead@example.org", name: "Lena Lead", roleLabel: "Chapter lead", scope: "Kenya Chapter" },
  chapterMember: {
    email: "chapter@example.org",
    name: "Kofi Member",
    roleLabel: "Chapter member",
    scope: "Kenya Chapter",
  },
  coalitionMember: {
    email: "member@example.org",
    name: "Mira Member",
    roleLabel: "Coalition member representative",
    scope: "Open Networks Foundation (demo)",
  },
} as const;

export type DemoAccountKey = keyof typeof DEMO_ACCOUNTS;

/** A unique address per call, so tests never collide with each other or with a previous step. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@e2e.example.org`;
}

/** Full-page screenshots a human can look at after the run. */
export async function screen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/** The main navigation; its accessible name is translated too. */
export function mainNav(page: Page, name = "Main sections"): Locator {
  return page.getByRole("navigation", { name, exact: true });
}

export function signOutButton(page: Page): Locator {
  return page.getByRole("banner").getByRole("button", { name: "Sign out" });
}

/** Fills the sign-in form on /login and submits it; does not assert the outcome. */
export async function submitLogin(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await page.getByLabel("E-mail address", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Signs in and checks that the account page confirms who is signed in. */
export async function signIn(page: Page, email: string, password = E2E_DEMO_PASSWORD): Promise<void> {
  await submitLogin(page, email, password);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(`Signed in as ${email}`, { exact: true })).toBeVisible();
}

/** Signs out with the header button and checks that the header is anonymous again. */
export async function signOut(page: Page): Promise<void> {
  await signOutButton(page).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
  await expect(signOutButton(page)).toHaveCount(0);
  await expect(page.getByRole("banner").getByRole("link", { name: "Account", exact: true })).toHaveCount(0);
}

/** The value (`<dd>`) that follows a term (`<dt>`) in the page's description lists. */
export function describedValue(page: Page, term: string): Locator {
  return page
    .getByRole("term")
    .filter({ hasText: new RegExp(`^${escapeRegExp(term)}$`) })
    .locator("xpath=following-sibling::dd[1]");
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The mailbox's notice in place of a body with a token-bearing link (it names the kinds of link). */
export const BODY_HIDDEN_NOTICE =
  /^This message carries a private link \(.+\), so its content is shown only to its recipient, and to administrators in the development mailbox\.$/;

/**
 * Opens the newest message to `to` whose subject matches, in the staff dev mailbox (the caller must
 * be signed in as staff or admin), and checks who it is addressed to.
 */
export async function openDevMail(page: Page, to: string, subject: string | RegExp): Promise<void> {
  await page.goto("/staff/mail");
  await expect(page.getByRole("heading", { level: 1, name: "Mail" })).toBeVisible();
  const row = page
    .getByRole("row")
    .filter({ hasText: to })
    .filter({ has: page.getByRole("link", { name: subject }) })
    .first();
  await row.getByRole("link", { name: subject }).click();
  await expect(page).toHaveURL(/\/staff\/mail\/\d+$/);
  await expect(page.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  await expect(describedValue(page, "To")).toHaveText(to);
}

/**
 * Opens the message (see openDevMail; token-bearing links, such as invitations, password resets and
 * confirmation links, are readable only by administrators, and only without a provider) and
 * returns the first absolute link to `path` found in its plain-text version.
 */
export async function linkFromDevMailbox(
  page: Page,
  to: string,
  subject: string | RegExp,
  path: string,
): Promise<string> {
  await openDevMail(page, to, subject);
  await expect(page.getByText(BODY_HIDDEN_NOTICE)).toHaveCount(0);
  await expect(page.getByRole("heading", { level: 2, name: "Plain-text version" })).toBeVisible();
  // The plain text has no ARIA role of its own; the class is the only stable hook.
  const text = await page.locator("pre.mail-text").innerText();
  const baseUrl = new URL(page.url()).origin;
  const match = new RegExp(`${escapeRegExp(baseUrl)}${escapeRegExp(path)}\\?token=[A-Za-z0-9_-]+`).exec(text);
  expect(match, `a ${baseUrl}${path}?token=… link in the plain text:\n${text}`).not.toBeNull();
  return (match as RegExpExecArray)[0];
}

/** As an administrator (the only staff role that may read access links): fetch the link, sign out. */
export async function linkFromDevMailboxAsAdmin(
  page: Page,
  to: string,
  subject: string | RegExp,
  path: string,
  screenshot?: string,
): Promise<string> {
  await signIn(page, DEMO_ACCOUNTS.admin.email);
  const link = await linkFromDevMailbox(page, to, subject, path);
  if (screenshot) await screen(page, screenshot);
  await page.goto("/");
  await signOut(page);
  return link;
}

/**
 * As a signed-in staff member: invites someone as a chapter member of Kenya Chapter through the
 * staff form and checks the confirmation. Returns the address and name used.
 */
export async function inviteKenyaChapterMember(
  page: Page,
  emailPrefix: string,
): Promise<{ email: string; name: string }> {
  const email = uniqueEmail(emailPrefix);
  const name = `Wanjiru ${emailPrefix}`;
  await page.goto("/staff/invitations");
  await expect(page.getByRole("heading", { level: 1, name: "Invitations" })).toBeVisible();
  await page.getByLabel("E-mail address", { exact: true }).fill(email);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Role", { exact: true }).selectOption({ label: "Chapter member" });
  await page.getByLabel("Chapter", { exact: true }).selectOption({ label: "Kenya Chapter" });
  await page.getByLabel("Language of the invitation", { exact: true }).selectOption({ label: "English" });
  await page.getByRole("button", { name: "Send the invitation" }).click();
  await expect(page.getByRole("status")).toHaveText("The invitation has been sent.");
  const pending = page.getByRole("region", { name: "Invitations not yet accepted" });
  await expect(pending.getByRole("row").filter({ hasText: email })).toContainText("Chapter member · Kenya Chapter");
  return { email, name };
}

/**
 * A Kenya Chapter member of the test's own (so that no other test depends on its settings): staff
 * invite them, they accept from the mailed link with `password` and end up signed in.
 */
export async function acceptInvitationAsNewMember(
  page: Page,
  emailPrefix: string,
  password: string,
): Promise<{ email: string; name: string }> {
  await signIn(page, DEMO_ACCOUNTS.staff.email);
  const user = await inviteKenyaChapterMember(page, emailPrefix);
  await page.goto("/");
  await signOut(page);
  const invitationLink = await linkFromDevMailboxAsAdmin(
    page,
    user.email,
    /invited you to the Encryption Advocacy Hub/,
    "/invitations/accept",
  );
  await page.goto(invitationLink);
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the new password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create my account" }).click();
  await expect(page.getByText(`Signed in as ${user.email}`, { exact: true })).toBeVisible();
  return user;
}
