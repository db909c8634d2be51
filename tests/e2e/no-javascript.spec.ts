import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, E2E_DEMO_PASSWORD, describedValue, screen, signIn, signOut, submitLogin } from "./helpers";

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the page really runs without scripts", async ({ page }) => {
    await page.goto("/login");
    // Remix's inline script sets window.__remixContext before hydrating; with scripts off it never runs.
    const hydrated = await page.evaluate(() => "__reactRouterContext" in window || "__remixContext" in window);
    expect(hydrated).toBe(false);
  });

  test("signing in, a form error, and signing out all work as plain HTML forms", async ({ page }) => {
    const account = DEMO_ACCOUNTS.chapterLead;

    await submitLogin(page, account.email, "wrong password for the lead");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("alert")).toHaveText("The e-mail address or the password is not right.");
    // The page comes back from the server: the address is echoed, the password never is.
    await expect(page.getByLabel("E-mail address", { exact: true })).toHaveValue(account.email);
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");

    await signIn(page, account.email, E2E_DEMO_PASSWORD);
    await expect(describedValue(page, "Role")).toHaveText("Chapter lead");
    await expect(describedValue(page, "Belongs to")).toHaveText("Kenya Chapter");
    await screen(page, "account-no-javascript");

    await signOut(page);
  });
});
