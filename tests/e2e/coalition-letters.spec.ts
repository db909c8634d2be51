import { expect, test, type Page } from "@playwright/test";
import {
  DEMO_ACCOUNTS,
  describedValue,
  leaveRole,
  linkFromDevMailbox,
  linkFromDevMailboxAsAdmin,
  openDevMail,
  screen,
  switchToRole,
  uniqueEmail,
} from "./helpers";

const LETTER_PATH = "/letters/global-encryption-day-2026-keep-end-to-end-encryption";
const LETTER_TITLE = "Global Encryption Day 2026: keep end-to-end encryption";
const GOAL = 1000;
const CHECK_EMAIL = "Thank you. Check your e-mail: we sent you a link to confirm your signature.";

/** A suffix that makes names unique per run. */
function runId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Opens the letter and reads its confirmed count and `<progress>` value. */
async function letterCount(page: Page): Promise<{ count: number; progress: number }> {
  await page.goto(LETTER_PATH);
  await expect(page.getByRole("heading", { level: 1, name: LETTER_TITLE })).toBeVisible();
  const region = page.getByRole("region", { name: "Signatures", exact: true });
  const text = (await region.getByRole("status").innerText()).trim();
  const match = /^([\d,]+) signatures? of a goal of 1,000$/.exec(text);
  expect(match, `the count text: ${text}`).not.toBeNull();
  const count = Number((match as RegExpExecArray)[1].replace(/,/g, ""));
  const bar = region.getByRole("progressbar");
  await expect(bar).toHaveAttribute("max", String(GOAL));
  await expect(bar).toHaveAccessibleName(`${Math.floor((Math.min(count, GOAL) / GOAL) * 100)} % of the goal`);
  const progress = Number(await bar.getAttribute("value"));
  return { count, progress };
}

function signatories(page: Page) {
  return page.getByRole("region", { name: "Signatories", exact: true }).getByRole("listitem");
}

/** Fills and sends the individual signature form on the letter page. */
async function signAsIndividual(page: Page, signer: { name: string; email: string; country: string }): Promise<void> {
  await page.goto(LETTER_PATH);
  const form = page.getByRole("region", { name: "Sign this letter", exact: true });
  await form.getByLabel("Your name", { exact: true }).fill(signer.name);
  await form.getByLabel("Country", { exact: true }).selectOption({ label: signer.country });
  await form.getByLabel("E-mail address", { exact: true }).fill(signer.email);
  await form.getByLabel("Show my name in the public list of signatories", { exact: true }).check();
  await form.getByRole("button", { name: "Sign the letter", exact: true }).click();
}

test("an organisation applies, confirms, is approved, accepts the invitation and signs the letter", async ({
  page,
}) => {
  const run = runId();
  const orgName = `Cipher Commons ${run}`;
  const contactName = `Noor Haddad ${run}`;
  const contactEmail = uniqueEmail("applicant");

  // 1. The public application form.
  await page.goto("/coalition/apply");
  await expect(page.getByRole("heading", { level: 1, name: "Join the encryption coalition" })).toBeVisible();
  await page.getByLabel("Applying as", { exact: true }).selectOption({ label: "An organisation" });
  await page.getByLabel("Name of the organisation or expert", { exact: true }).fill(orgName);
  await page.getByLabel("Sector", { exact: true }).selectOption({ label: "Civil society" });
  await page.getByLabel("Country", { exact: true }).selectOption({ label: "Iceland (IS)" });
  await page.getByLabel("Website", { exact: true }).fill(`https://cipher-commons-${run}.example.org`);
  await page.getByLabel("Contact person", { exact: true }).fill(contactName);
  await page.getByLabel("Contact e-mail address", { exact: true }).fill(contactEmail);
  await page
    .getByLabel("Why do you want to join?", { exact: true })
    .fill("We run encrypted messaging workshops for journalists and want to defend end-to-end encryption.");
  await page
    .getByLabel("Public profile", { exact: true })
    .fill("Cipher Commons teaches journalists to keep their sources safe with encrypted messaging.");
  await page
    .getByLabel("List us publicly in the coalition directory, with our public profile", { exact: true })
    .check();
  await page.getByRole("button", { name: "Send the application", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your e-mail" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(
    "Thank you. If the details are in order, a confirmation link is on its way to the contact e-mail address.",
  );

  // 2. An administrator reads the confirmation mail; the unconfirmed application is not in the queue.
  await switchToRole(page, "admin");
  await page.goto("/staff/applications");
  await expect(page.getByRole("heading", { level: 1, name: "Coalition applications" })).toBeVisible();
  await expect(page.getByRole("region", { name: orgName, exact: true })).toHaveCount(0);
  const confirmLink = await linkFromDevMailbox(
    page,
    contactEmail,
    `Confirm your application to the coalition: ${orgName}`,
    "/coalition/apply/confirm",
  );

  // 3. Opening the link only shows a button: a GET confirms nothing.
  await page.goto(confirmLink);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your application" })).toBeVisible();
  await expect(
    page.getByText(`Confirm the application of “${orgName}” to send it to the coalition staff.`),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm the application", exact: true })).toBeVisible();
  await page.goto("/staff/applications");
  await expect(page.getByRole("heading", { level: 1, name: "Coalition applications" })).toBeVisible();
  await expect(page.getByRole("region", { name: orgName, exact: true })).toHaveCount(0);

  await page.goto(confirmLink);
  await page.getByRole("button", { name: "Confirm the application", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Application confirmed" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(
    "Thank you: your application now waits for the staff's review. You will hear from us by e-mail.",
  );

  // 4. Staff (the administrator is staff too) approve it from the queue.
  await page.goto("/staff/applications");
  const card = page.getByRole("region", { name: orgName, exact: true });
  await expect(card).toBeVisible();
  await expect(card).toContainText("An organisation · Civil society · Iceland");
  await expect(card.getByRole("definition").filter({ hasText: contactEmail })).toBeVisible();
  await expect(card.getByRole("definition").filter({ hasText: contactName })).toBeVisible();
  await screen(page, "staff-applications-queue");
  await card.getByRole("button", { name: "Approve and invite the contact", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(
    "The application was approved: the member is created and its contact invited.",
  );
  await expect(page.getByRole("region", { name: orgName, exact: true })).toHaveCount(0);
  const decisions = page.getByRole("region", { name: "Recent decisions", exact: true });
  await expect(decisions.getByRole("listitem").filter({ hasText: orgName })).toContainText("Approved");
  await screen(page, "staff-applications-after-approval");

  // 5. The decision mail and the invitation to the contact.
  await openDevMail(page, contactEmail, `Welcome to the coalition: ${orgName}`);
  const inviteLink = await linkFromDevMailbox(
    page,
    contactEmail,
    `${DEMO_ACCOUNTS.admin.name} invited you to the Encryption Advocacy Hub`,
    "/invitations/accept",
  );
  await leaveRole(page);

  // 6. The contact accepts and lands signed in as the member's representative.
  await page.goto(inviteLink);
  await expect(page.getByRole("heading", { level: 1, name: "Accept your invitation" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: "Coalition member representative" })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: orgName })).toBeVisible();
  const password = "quartz harbour violin cedar 42";
  await page.getByLabel("Name", { exact: true }).fill(contactName);
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the new password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create my account", exact: true }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText(`Signed in as ${contactEmail}`, { exact: true })).toBeVisible();
  await expect(describedValue(page, "Role")).toHaveText("Coalition member representative");
  await expect(describedValue(page, "Belongs to")).toHaveText(orgName);

  // 7. One click signs for the organisation; it counts at once.
  const before = await letterCount(page);
  await expect(signatories(page).filter({ hasText: orgName })).toHaveCount(0);
  await page.getByRole("button", { name: "Sign for my organisation", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your organisation has signed this letter." })).toHaveText(
    "Your organisation has signed this letter. Thank you.",
  );
  const after = await letterCount(page);
  expect(after.count).toBe(before.count + 1);
  expect(after.progress).toBe(before.progress + 1);
  const entry = signatories(page).filter({ hasText: orgName });
  await expect(entry).toHaveCount(1);
  await expect(entry).toHaveText(`${orgName} · Organisation · Iceland`);
  await screen(page, "letter-after-organisation-signature");

  // 8. The new member is in the public directory.
  await page.goto("/coalition");
  await page.getByRole("search", { name: "Filter members" }).getByLabel("Search", { exact: true }).fill(orgName);
  await page.getByRole("button", { name: "Apply filters", exact: true }).click();
  await expect(page).toHaveURL(/[?&]q=/);
  await expect(page.getByRole("link", { name: orgName, exact: true })).toBeVisible();
});

test.describe("individual signatures", () => {
  test.describe.configure({ mode: "serial" });

  const run = runId();
  const signer = { name: `Ingrid Solberg ${run}`, email: uniqueEmail("signer"), country: "Norway" };
  let afterConfirm: { count: number; progress: number } | null = null;
  let neutralAnswer: { url: string; text: string } | null = null;

  test("an individual signs, confirms from the mailed link and appears in the public list", async ({ page }) => {
    const before = await letterCount(page);
    await signAsIndividual(page, signer);
    const answer = page.getByRole("status").filter({ hasText: CHECK_EMAIL });
    await expect(answer).toBeVisible();
    await expect(page.getByText("Check your e-mail", { exact: true })).toBeVisible();
    neutralAnswer = { url: page.url(), text: await answer.innerText() };
    await screen(page, "letter-individual-sign-answer");

    // Pending: not counted, not listed.
    const pending = await letterCount(page);
    expect(pending).toEqual(before);
    await expect(signatories(page).filter({ hasText: signer.name })).toHaveCount(0);

    const link = await linkFromDevMailboxAsAdmin(
      page,
      signer.email,
      `Confirm your signature: ${LETTER_TITLE}`,
      "/letters/confirm",
    );

    // The link opens a page with a button; the GET alone does not confirm.
    await page.goto(link);
    await expect(page.getByRole("heading", { level: 1, name: "Confirm your signature" })).toBeVisible();
    await expect(page.getByText(`${signer.name}, confirm your signature with the button below.`)).toBeVisible();
    await expect(page.getByRole("button", { name: "Confirm my signature", exact: true })).toBeVisible();
    expect(await letterCount(page)).toEqual(before);

    await page.goto(link);
    await page.getByRole("button", { name: "Confirm my signature", exact: true }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Signature confirmed" })).toBeVisible();
    await expect(page.getByRole("status")).toHaveText("Thank you: your signature is confirmed and counted.");

    const after = await letterCount(page);
    expect(after.count).toBe(before.count + 1);
    expect(after.progress).toBe(before.progress + 1);
    const entry = signatories(page).filter({ hasText: signer.name });
    await expect(entry).toHaveCount(1);
    await expect(entry).toHaveText(`${signer.name} · Norway`);
    await expect(page.getByText(signer.email)).toHaveCount(0);
    await screen(page, "letter-after-individual-signature");
    afterConfirm = after;
  });

  test("signing again with the same e-mail spelled differently gets the same answer and a reminder", async ({
    page,
  }) => {
    expect(afterConfirm, "the previous test confirmed a signature").not.toBeNull();
    expect(neutralAnswer).not.toBeNull();
    const [local, domain] = signer.email.split("@");
    const variant = `${local}+again@${domain}`.toUpperCase();

    const before = await letterCount(page);
    expect(before).toEqual(afterConfirm);
    await signAsIndividual(page, { ...signer, email: variant });
    const answer = page.getByRole("status").filter({ hasText: CHECK_EMAIL });
    await expect(answer).toBeVisible();
    expect({ url: page.url(), text: await answer.innerText() }).toEqual(neutralAnswer);
    await expect(page.getByText(/already/i)).toHaveCount(0);

    expect(await letterCount(page)).toEqual(before);
    await expect(signatories(page).filter({ hasText: signer.name })).toHaveCount(1);

    // The reminder goes to the address that signed first; nothing is sent to the variant.
    await switchToRole(page, "admin");
    await openDevMail(page, signer.email, `You have already signed: ${LETTER_TITLE}`);
    await expect(page.getByText("Your signature is already confirmed and counted once").first()).toBeVisible();
    await page.goto("/staff/mail");
    await expect(page.getByRole("row").filter({ hasText: "+again@" })).toHaveCount(0);
  });
});
