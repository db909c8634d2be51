import { readFile } from "node:fs/promises";
import path from "node:path";
import {
  expect,
  request,
  test,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
  type TestInfo,
} from "@playwright/test";

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

/*
 * Saved sessions. The setup projects (auth.setup.ts) sign each demo role in once through the form
 * and save the browser state to `<authDir>/<role>.json` (the project's `metadata.authDir` in
 * playwright.config.ts: one directory per server, since each server has its own database). Specs
 * that only need to be someone take a saved session instead of the sign-in form; the specs about
 * signing in, out, two-step sign-in, password resets and invitations still use the form.
 *
 * A saved session is shared by every spec of the run: never sign it out or change its password
 * (both end it on the server). `leaveRole` only forgets it in this browser. Sessions are not tied
 * to the browser or the address (app/features/auth/session.server.ts), so any context may use one.
 */
/** The session cookie outside production (the e2e server is never production). */
export const SESSION_COOKIE = "hub_session";

/** Where the setup project saved (or saves) `role`'s browser state for the running project. */
export function authStateFile(role: DemoAccountKey, testInfo: TestInfo = test.info()): string {
  const dir: unknown = testInfo.project.metadata.authDir;
  if (typeof dir !== "string" || !dir) {
    throw new Error(`project "${testInfo.project.name}" has no metadata.authDir (see playwright.config.ts)`);
  }
  // Relative to the configuration file, as Playwright takes the config's own paths.
  const configFile = testInfo.config.configFile;
  if (!configFile) throw new Error("saved sessions need playwright.config.ts");
  return path.resolve(path.dirname(configFile), dir, `${role}.json`);
}

/**
 * `role`'s saved session cookie, once checked to still open `/account` as that person. The check
 * goes through a request context of its own, disposed at once: a kept-alive connection left idle
 * in the page's context could be closed by the server just as the test reuses it (ECONNRESET).
 */
async function savedSession(role: DemoAccountKey) {
  const file = authStateFile(role);
  const state = JSON.parse(await readFile(file, "utf8")) as Awaited<ReturnType<BrowserContext["storageState"]>>;
  const cookies = state.cookies.filter((c) => c.name === SESSION_COOKIE);
  if (cookies.length !== 1) throw new Error(`${file} holds no ${SESSION_COOKIE} cookie: run the setup project`);
  const api = await request.newContext({
    baseURL: test.info().project.use.baseURL,
    storageState: { cookies, origins: [] },
  });
  try {
    const response = await api.get("/account", { maxRedirects: 0 });
    expect(
      response.status(),
      `the saved session of ${role} no longer works (signed out or password changed by a spec?)`,
    ).toBe(200);
    expect(await response.text()).toContain(`Signed in as ${DEMO_ACCOUNTS[role].email}`);
  } finally {
    await api.dispose();
  }
  return cookies;
}

/**
 * A browser of `role`'s own, already signed in with the saved session (the project's options
 * apply, `options` on top). Close the context when done.
 */
export async function asRole(
  browser: Browser,
  role: DemoAccountKey,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const cookies = await savedSession(role);
  const context = await browser.newContext({ ...options, storageState: { cookies, origins: [] } });
  return { context, page: await context.newPage() };
}

/**
 * This browser becomes `role` (the saved session replaces whichever it had; other cookies, such as
 * the language, stay). It does not navigate: go to the next page yourself.
 */
export async function switchToRole(page: Page, role: DemoAccountKey): Promise<void> {
  const cookies = await savedSession(role);
  const context = page.context();
  await context.clearCookies({ name: SESSION_COOKIE });
  await context.addCookies(cookies);
}

/** Fails when the page's session is one of the saved, shared ones. */
async function expectOwnSession(page: Page): Promise<void> {
  const current = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
  if (!current) return;
  for (const role of Object.keys(DEMO_ACCOUNTS) as DemoAccountKey[]) {
    let saved: string | undefined;
    try {
      const state = JSON.parse(await readFile(authStateFile(role), "utf8")) as {
        cookies: Array<{ name: string; value: string }>;
      };
      saved = state.cookies.find((c) => c.name === SESSION_COOKIE)?.value;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw error;
    }
    if (saved === current) {
      throw new Error(`this is the saved session of ${role}, shared by the other specs: use leaveRole, not signOut`);
    }
  }
}

/**
 * This browser is anonymous again: it forgets the saved session, which stays valid for the other
 * specs (signing out would end it for all). It does not navigate.
 */
export async function leaveRole(page: Page): Promise<void> {
  await page.context().clearCookies({ name: SESSION_COOKIE });
}

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

/**
 * Signs in and checks that the account page confirms who is signed in (chapter people land on
 * their chapter's log first: the account page is then opened).
 */
export async function signIn(page: Page, email: string, password = E2E_DEMO_PASSWORD): Promise<void> {
  await submitLogin(page, email, password);
  await expect(page).toHaveURL(/\/(account|actions)$/);
  if (new URL(page.url()).pathname !== "/account") await page.goto("/account");
  await expect(page.getByText(`Signed in as ${email}`, { exact: true })).toBeVisible();
}

/**
 * Signs out with the header button and checks that the header is anonymous again. Refuses a saved
 * session: signing it out would end it for every later spec (use `leaveRole`).
 */
export async function signOut(page: Page): Promise<void> {
  await expectOwnSession(page);
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
  const row = page
    .getByRole("row")
    .filter({ hasText: to })
    .filter({ has: page.getByRole("link", { name: subject }) })
    .first();
  // Some mail is queued a moment after the answer (a reset link, so that its timing tells nothing):
  // reload the mailbox as a person would until it is there.
  await expect(async () => {
    await page.goto("/staff/mail");
    await expect(page.getByRole("heading", { level: 1, name: "Mail" })).toBeVisible();
    await expect(row).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
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

/**
 * As an administrator (the only staff role that may read access links), in a browser of their own
 * with the saved session: fetch the link. `page`'s browser is left as it was.
 */
export async function linkFromDevMailboxAsAdmin(
  page: Page,
  to: string,
  subject: string | RegExp,
  path: string,
  screenshot?: string,
): Promise<string> {
  const admin = await asRole(browserOf(page), "admin");
  try {
    const link = await linkFromDevMailbox(admin.page, to, subject, path);
    if (screenshot) await screen(admin.page, screenshot);
    return link;
  } finally {
    await admin.context.close();
  }
}

function browserOf(page: Page): Browser {
  const browser = page.context().browser();
  if (!browser) throw new Error("the page has no browser (a persistent context?)");
  return browser;
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
 * invite them (in a browser of their own, with the saved session), they accept from the mailed
 * link in `page` with `password` and end up signed in.
 */
export async function acceptInvitationAsNewMember(
  page: Page,
  emailPrefix: string,
  password: string,
): Promise<{ email: string; name: string }> {
  const staff = await asRole(browserOf(page), "staff");
  let user: { email: string; name: string };
  try {
    user = await inviteKenyaChapterMember(staff.page, emailPrefix);
  } finally {
    await staff.context.close();
  }
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
