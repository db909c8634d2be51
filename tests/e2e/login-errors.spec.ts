import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, E2E_DEMO_PASSWORD, screen, signIn, submitLogin } from "./helpers";

const INVALID_CREDENTIALS = "The e-mail address or the password is not right.";

test("a wrong password shows the error in the form and stays on the sign-in page", async ({ page }) => {
  const email = DEMO_ACCOUNTS.coalitionMember.email;
  await submitLogin(page, email, "not the right password at all");

  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  // The error sits inside the sign-in form, and the form points to it.
  const form = page.locator("form", { has: page.getByLabel("Password", { exact: true }) });
  const error = form.getByRole("alert");
  await expect(error).toHaveText(INVALID_CREDENTIALS);
  const errorId = await error.getAttribute("id");
  expect(errorId).toBeTruthy();
  await expect(form).toHaveAttribute("aria-describedby", errorId as string);
  // The address is kept for the next attempt.
  await expect(page.getByLabel("E-mail address", { exact: true })).toHaveValue(email);
  await expect(page.getByRole("banner").getByRole("link", { name: "Account", exact: true })).toHaveCount(0);
  await screen(page, "login-wrong-password");

  // The right password still works afterwards.
  await signIn(page, email, E2E_DEMO_PASSWORD);
});

test("an unknown address gets the same error, not a hint that the account does not exist", async ({ page }) => {
  await submitLogin(page, "nobody-here@example.org", E2E_DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("alert")).toHaveText(INVALID_CREDENTIALS);
});
