import { expect, test, type Page } from "@playwright/test";
import {
  DEMO_ACCOUNTS,
  E2E_DEMO_PASSWORD,
  describedValue,
  mainNav,
  screen,
  signIn,
  signOut,
  type DemoAccountKey,
} from "./helpers";

const FORBIDDEN_TITLE = "You do not have access to this page";

interface Expectation {
  staffArea: boolean;
  adminArea: boolean;
}

const EXPECTED: Record<DemoAccountKey, Expectation> = {
  admin: { staffArea: true, adminArea: true },
  staff: { staffArea: true, adminArea: false },
  chapterLead: { staffArea: false, adminArea: false },
  chapterMember: { staffArea: false, adminArea: false },
  coalitionMember: { staffArea: false, adminArea: false },
};

async function expectForbidden(page: Page, path: string): Promise<void> {
  const response = await page.goto(path);
  expect(response?.status(), `${path} should answer 403`).toBe(403);
  await expect(page.getByRole("heading", { level: 1, name: FORBIDDEN_TITLE })).toBeVisible();
}

test.describe("signing in as each demo role", () => {
  for (const key of Object.keys(DEMO_ACCOUNTS) as DemoAccountKey[]) {
    const account = DEMO_ACCOUNTS[key];
    const expected = EXPECTED[key];

    test(`${account.roleLabel} (${account.email}) sees what the role allows, then signs out`, async ({ page }) => {
      await signIn(page, account.email);

      // The account page states the role and, for scoped roles, the chapter or organisation.
      await expect(page.getByRole("heading", { level: 1, name: "Your account" })).toBeVisible();
      await expect(describedValue(page, "Role")).toHaveText(account.roleLabel);
      if (account.scope) await expect(describedValue(page, "Belongs to")).toHaveText(account.scope);
      else await expect(page.getByRole("term").filter({ hasText: "Belongs to" })).toHaveCount(0);
      await expect(page.getByLabel("Name", { exact: true })).toHaveValue(account.name);
      if (key === "chapterMember") await screen(page, "account-chapter-member");

      // The header: every section, the account link, and the staff link only for staff.
      const header = page.getByRole("banner");
      for (const section of ["Threats", "Coalition", "Letters", "Events", "Chapters", "Targets"]) {
        await expect(mainNav(page).getByRole("link", { name: section, exact: true })).toBeVisible();
      }
      await expect(header.getByRole("link", { name: "Account", exact: true })).toBeVisible();
      await expect(header.getByRole("link", { name: "Sign in", exact: true })).toHaveCount(0);
      // Its name adds what waits in the review queues ("Staff, 7 items waiting").
      const staffLink = header.getByRole("link", { name: /^Staff(, \d+ items? waiting)?$/ });

      if (expected.staffArea) {
        await expect(staffLink).toBeVisible();
        await staffLink.click();
        await expect(page).toHaveURL(/\/staff$/);
        await expect(page.getByRole("heading", { level: 1, name: "Staff" })).toBeVisible();
        await expect(page.getByRole("link", { name: "Invitations" })).toBeVisible();
        await expect(page.getByRole("link", { name: "Mail", exact: true })).toBeVisible();
        // Only administrators get the user management card.
        await expect(page.getByRole("link", { name: "Users", exact: true })).toHaveCount(expected.adminArea ? 1 : 0);
        if (key === "admin") await screen(page, "staff-home-admin");
      } else {
        await expect(staffLink).toHaveCount(0);
        await expectForbidden(page, "/staff");
        await expectForbidden(page, "/staff/invitations");
        await expectForbidden(page, "/staff/mail");
        if (key === "chapterMember") await screen(page, "forbidden-staff-chapter-member");
      }

      if (expected.adminArea) {
        const response = await page.goto("/admin/users");
        expect(response?.status()).toBe(200);
        await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
        const users = page.getByRole("table", { name: "Users" });
        for (const other of Object.values(DEMO_ACCOUNTS)) {
          await expect(users.getByRole("row").filter({ hasText: other.email })).toContainText(other.roleLabel);
        }
      } else {
        await expectForbidden(page, "/admin/users");
      }

      await page.goto("/");
      await signOut(page);
      // The session is really gone: a signed-in page sends back to the sign-in form.
      await page.goto("/account");
      await expect(page).toHaveURL(/\/login\?redirectTo=%2Faccount$/);
      await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    });
  }
});

test("anonymous visitors are sent to sign in from the staff area and come back after signing in", async ({ page }) => {
  await page.goto("/staff/invitations");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fstaff%2Finvitations$/);
  await page.getByLabel("E-mail address", { exact: true }).fill(DEMO_ACCOUNTS.staff.email);
  await page.getByLabel("Password", { exact: true }).fill(E2E_DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/staff\/invitations$/);
  await expect(page.getByRole("heading", { level: 1, name: "Invitations" })).toBeVisible();
});
