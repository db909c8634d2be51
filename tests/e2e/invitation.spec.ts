import { expect, test } from "@playwright/test";
import {
  BODY_HIDDEN_NOTICE,
  DEMO_ACCOUNTS,
  describedValue,
  inviteKenyaChapterMember,
  linkFromDevMailboxAsAdmin,
  openDevMail,
  screen,
  signIn,
  signOut,
} from "./helpers";

const SUBJECT = "Sam Staff invited you to the Encryption Advocacy Hub";

test("staff invite a Kenya chapter member, who accepts from the e-mail link and lands signed in", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.staff.email);
  const invitee = await inviteKenyaChapterMember(page, "invitee");

  // The message is in the dev mailbox, but its access link is not shown to staff who are not admins.
  await openDevMail(page, invitee.email, SUBJECT);
  await expect(page.getByText(BODY_HIDDEN_NOTICE)).toBeVisible();
  await expect(page.getByText("/invitations/accept?token=")).toHaveCount(0);
  await screen(page, "dev-mailbox-invitation-as-staff");
  await page.goto("/");
  await signOut(page);

  // An administrator reads it in the dev mailbox.
  const link = await linkFromDevMailboxAsAdmin(
    page,
    invitee.email,
    SUBJECT,
    "/invitations/accept",
    "dev-mailbox-invitation-as-admin",
  );

  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Accept your invitation" })).toBeVisible();
  await expect(page.getByText(`You are invited with the address ${invitee.email}.`)).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "Chapter member" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "Kenya Chapter" })).toBeVisible();
  const nameField = page.getByLabel("Name", { exact: true });
  await expect(nameField).toHaveValue(invitee.name);
  await screen(page, "invitation-accept");

  const chosenName = `${invitee.name} Kamau`;
  const password = "kettle orbit lantern meadow 7";
  await nameField.fill(chosenName);
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the new password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create my account" }).click();

  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(`Signed in as ${invitee.email}`, { exact: true })).toBeVisible();
  await expect(describedValue(page, "Role")).toHaveText("Chapter member");
  await expect(describedValue(page, "Belongs to")).toHaveText("Kenya Chapter");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(chosenName);
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: "Account", exact: true })).toBeVisible();
  await expect(header.getByRole("link", { name: /^Staff/ })).toHaveCount(0);
  await screen(page, "account-after-invitation");

  // The link works once.
  await signOut(page);
  await page.goto(link);
  await expect(
    page.getByText("This invitation has expired, was revoked or has already been used. Ask for a new one."),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Create my account" })).toHaveCount(0);

  // The new account signs in with the password it chose.
  await signIn(page, invitee.email, password);
  await expect(describedValue(page, "Belongs to")).toHaveText("Kenya Chapter");
});
