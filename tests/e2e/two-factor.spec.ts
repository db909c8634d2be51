import { expect, test } from "@playwright/test";
import * as OTPAuth from "otpauth";
import { acceptInvitationAsNewMember, screen, signOut } from "./helpers";

/** A code for the next 30-second step, so that it differs from the one just used. */
function codeFor(secret: string, offsetSteps = 0): string {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret.replace(/\s+/g, "")) });
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

test("a member turns on two-step sign-in, signs in with a code, and signs another browser out", async ({
  page,
  browser,
}) => {
  // An account of this test's own: the demo accounts must keep signing in with a password only.
  const password = "lantern orchard copper melody 8";
  const user = await acceptInvitationAsNewMember(page, "totp", password);

  // Enrol: the key is shown beside the QR code; a wrong code is refused first.
  await page.getByRole("link", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByRole("img", { name: "QR code to scan with your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
  await page.getByLabel("Code", { exact: true }).fill("000000");
  await page.getByLabel("Current password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByText("This code is not right, or has already been used.", { exact: false })).toBeVisible();
  await page.getByLabel("Code", { exact: true }).fill(codeFor(secret));
  await page.getByLabel("Current password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Turn on two-step sign-in" }).click();
  await expect(page.getByText("Two-step sign-in is on.", { exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your recovery codes" })).toBeVisible();
  const recoveryCodes = await page.getByTestId("recovery-codes").getByRole("listitem").allTextContents();
  expect(recoveryCodes).toHaveLength(10);
  await screen(page, "two-factor-recovery-codes");
  await page.getByRole("link", { name: "Continue" }).click();
  await signOut(page);

  // Sign in: the password alone no longer opens a session.
  await page.goto("/login");
  await page.getByLabel("E-mail address", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/login\/two-factor/);
  await expect(page.getByRole("banner").getByRole("link", { name: "Account", exact: true })).toHaveCount(0);
  await page.getByLabel("Code", { exact: true }).fill(codeFor(secret, 1));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // A chapter member lands on their chapter's log.
  await expect(page).toHaveURL(/\/actions$/);
  await page.goto("/account");
  await expect(page.getByText(`Signed in as ${user.email}`, { exact: true })).toBeVisible();

  // A second browser signs in with a recovery code; the first lists it and signs it out.
  const other = await browser.newContext();
  const second = await other.newPage();
  await second.goto("/login");
  await second.getByLabel("E-mail address", { exact: true }).fill(user.email);
  await second.getByLabel("Password", { exact: true }).fill(password);
  await second.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(second).toHaveURL(/\/login\/two-factor/);
  await second.getByLabel("Code", { exact: true }).fill(recoveryCodes[0].trim());
  await second.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(second).toHaveURL(/\/actions$/);
  await second.goto("/account");
  await expect(second.getByText(`Signed in as ${user.email}`, { exact: true })).toBeVisible();

  await page.goto("/account");
  const sessions = page.getByRole("table", { name: "Where you are signed in" });
  await expect(sessions.getByRole("row")).toHaveCount(3);
  await expect(sessions.getByText("This browser")).toBeVisible();
  await screen(page, "account-sessions");
  await sessions.getByRole("button", { name: "Sign out there" }).click();
  await expect(page.getByText("That session has ended.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Where you are signed in" }).getByRole("row")).toHaveCount(2);
  await second.goto("/account");
  await expect(second).toHaveURL(/\/login/);
  await other.close();
});
