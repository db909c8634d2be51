import { expect, test } from "@playwright/test";
import {
  acceptInvitationAsNewMember,
  linkFromDevMailboxAsAdmin,
  screen,
  signIn,
  signOut,
  submitLogin,
} from "./helpers";

const INVALID_CREDENTIALS = "The e-mail address or the password is not right.";

test("a user resets a forgotten password from the e-mailed link; the old password stops working", async ({ page }) => {
  // An account of this test's own, so that no other test depends on its password.
  const oldPassword = "copper violin estuary puzzle 3";
  const user = await acceptInvitationAsNewMember(page, "reset", oldPassword);
  await signOut(page);

  // Ask for a link.
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await expect(page.getByRole("heading", { level: 1, name: "Reset your password" })).toBeVisible();
  await page.getByLabel("E-mail address", { exact: true }).fill(user.email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "If an account uses this address, a link is on its way. Check your inbox.",
  );

  // An administrator reads it in the dev mailbox (staff who are not admins cannot see access links).
  const resetLink = await linkFromDevMailboxAsAdmin(page, user.email, "Reset your password", "/reset-password");

  // Choose the new password.
  const newPassword = "granite pelican saffron tundra 9";
  await page.goto(resetLink);
  await expect(page.getByRole("heading", { level: 1, name: "Choose a new password" })).toBeVisible();
  await screen(page, "reset-password");
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Repeat the new password", { exact: true }).fill(newPassword);
  await page.getByRole("button", { name: "Set the new password" }).click();
  await expect(page).toHaveURL(/\/login\?notice=reset$/);
  await expect(page.getByRole("status")).toHaveText("Your password has been changed. Sign in with the new one.");

  // The old password fails, the new one works.
  await submitLogin(page, user.email, oldPassword);
  await expect(page).toHaveURL(/\/login(\?.*)?$/);
  await expect(page.getByRole("alert")).toHaveText(INVALID_CREDENTIALS);
  await signIn(page, user.email, newPassword);

  // The link works once.
  await signOut(page);
  await page.goto(resetLink);
  await expect(page.getByText("This link has expired or has already been used.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Set the new password" })).toHaveCount(0);
});
