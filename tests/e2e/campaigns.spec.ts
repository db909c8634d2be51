import { expect, test, type Page } from "@playwright/test";
import { leaveRole, linkFromDevMailboxAsAdmin, screen, switchToRole, uniqueEmail } from "./helpers";

// The threat picker lists titles (repeated ones with identifier and year).
const THREAT_LABEL =
  "Strengthening Transparency and Obligations to Protect Children Suffering from Abuse and Mistreatment Act of 2023";

function runId(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

/** The count in the "Letters by state" table for one state. */
function stateCount(page: Page, state: string) {
  return page
    .getByRole("region", { name: "Letters by state" })
    .getByRole("row", { name: new RegExp(`^${state} `) })
    .getByRole("cell");
}

test("staff open a campaign, a person writes to their lawmakers, confirms, and the letters are queued", async ({
  page,
}) => {
  const run = runId();
  const title = `Tell your lawmakers: no to STOP CSAM ${run}`;

  // 1. Staff draft the campaign.
  await switchToRole(page, "staff");
  await page.goto("/staff/campaigns");
  await expect(page.getByRole("heading", { level: 1, name: "Letter campaigns" })).toBeVisible();
  await page.getByRole("link", { name: "New campaign" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New letter campaign" })).toBeVisible();
  await page.getByLabel("Threat", { exact: true }).selectOption({ label: THREAT_LABEL });
  await page
    .getByLabel("Target lawmakers", { exact: true })
    .selectOption({ label: "By rule (jurisdiction, body, constituencies)" });
  await page.getByLabel("Jurisdiction", { exact: true }).fill("US");
  await page.getByLabel("The sender picks their constituency").check();
  await expect(page.getByLabel("Sending address", { exact: true })).toHaveValue(/letters@example\.org/);
  const english = page.getByRole("group", { name: "Text in English" });
  await english.getByLabel("Title", { exact: true }).fill(title);
  await english
    .getByLabel("Introduction", { exact: true })
    .fill("The STOP CSAM Act would make end-to-end encryption a legal risk. Tell your lawmakers.");
  await english
    .getByLabel("Subject variants", { exact: true })
    .fill("Please oppose the {{threat.title}}\nA constituent asks you to oppose the {{threat.title}}");
  // A typo is caught when saving, naming the variable.
  await english.getByLabel("Letter", { exact: true }).fill("Dear {{lawmaker.nmae}},");
  await page.getByRole("button", { name: "Create the campaign" }).click();
  await expect(page.getByText("“lawmaker.nmae” is not a variable you can use.")).toBeVisible();
  await screen(page, "campaign-form-error");
  await english
    .getByLabel("Letter", { exact: true })
    .fill(
      "Dear {{lawmaker.title}} {{lawmaker.name}},\n\nI live in {{sender.locality}} and ask you to oppose the {{threat.title}}.\n\n{{sender.personal_note}}\n\nSincerely,\n{{sender.name}}",
    );
  await page.getByRole("button", { name: "Create the campaign" }).click();

  // 2. The manage page previews the letter against a real lawmaker, then opens the campaign.
  await expect(page.getByRole("heading", { level: 1, name: "Manage the campaign" })).toBeVisible();
  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.getByText(/^Dear (Senator|Representative) .+ \(demo\),$/)).toBeVisible();
  await expect(preview.getByText("Please oppose the STOP CSAM Act")).toBeVisible();
  await screen(page, "campaign-manage-draft");
  await page.locator("summary", { hasText: "Open the campaign" }).click();
  await page.getByRole("button", { name: "Yes, open it" }).click();
  await expect(page.getByText("Open", { exact: true }).first()).toBeVisible();
  const manageUrl = page.url();
  const campaignPath = new URL(manageUrl).pathname.replace(/\/manage$/, "");
  await leaveRole(page);

  // 3. A person writes: picks a constituency, previews the exact letters, sends them.
  await page.goto("/campaigns");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByRole("link", { name: "Follow this threat" })).toBeVisible();
  const email = uniqueEmail("writer");
  await page.getByLabel("Your constituency", { exact: true }).selectOption({ label: "US · WA-02" });
  await page.getByLabel("Your name", { exact: true }).fill(`Robin Writer ${run}`);
  await page.getByLabel("E-mail address", { exact: true }).fill(email);
  await page.getByLabel("Town or city", { exact: true }).fill("Tacoma");
  await page
    .getByLabel("A few words of your own (optional)", { exact: true })
    .fill("I teach kids to stay safe online.");
  await page.getByRole("button", { name: "Preview my letters" }).click();
  const previewHeading = page.getByRole("heading", { level: 2, name: "Your 3 letters" });
  await expect(previewHeading).toBeVisible();
  // The preview is above the form: it takes the focus and comes into view, so Send is found.
  await expect(previewHeading).toBeFocused();
  await expect(previewHeading).toBeInViewport();
  const letters = page.getByRole("article");
  await expect(letters).toHaveCount(3);
  await expect(letters.first()).toContainText("I live in Tacoma and ask you to oppose the STOP CSAM Act.");
  await expect(letters.first()).toContainText("I teach kids to stay safe online.");
  await expect(page.getByText(/has no public e-mail address/)).toHaveCount(1);
  await screen(page, "campaign-preview");
  await page.getByRole("button", { name: "Send my 3 letters" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Check your e-mail" })).toBeVisible();

  // 4. The confirmation link from the dev mailbox opens a page whose button confirms.
  const link = await linkFromDevMailboxAsAdmin(page, email, `Confirm your letters: ${title}`, "/campaigns/confirm");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your letters" })).toBeVisible();
  await page.getByRole("button", { name: "Confirm and send my letters" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your letters are on their way" })).toBeVisible();
  await expect(page.getByText("Your 2 letters are queued and leave in a moment.")).toBeVisible();
  const handed = page.getByRole("region", { name: "One letter to send yourself" });
  await expect(handed.getByLabel("Subject", { exact: true })).toHaveValue(/STOP CSAM Act$/);
  await expect(handed.getByLabel("The letter, ready to copy")).toHaveValue(/I teach kids to stay safe online\./);
  await expect(handed.getByRole("link", { name: /^Open the contact form of / })).toHaveAttribute(
    "href",
    /^https:\/\/example\.org\/house\/wa-02\/contact$/,
  );
  await expect(handed.getByRole("button", { name: "Copy the letter" })).toBeVisible();
  await screen(page, "campaign-confirmed");

  // 5. The manage page counts the letters.
  await switchToRole(page, "staff");
  await page.goto(manageUrl);
  await expect(stateCount(page, "Queued")).toHaveText("2");
  await expect(stateCount(page, "Handed to the sender")).toHaveText("1");
  await expect(page.getByRole("region", { name: "Letters by lawmaker" }).getByRole("row")).toHaveCount(4);
  await screen(page, "campaign-manage-open");
  await page.goto(campaignPath);
  await screen(page, "campaign-public");
});

test("without JavaScript, a person previews and sends letters to the demo campaign", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/campaigns/stop-csam-act-write-to-your-lawmakers");
  await expect(page.getByRole("heading", { level: 1, name: "STOP CSAM Act: write to your lawmakers" })).toBeVisible();
  // A field error comes back from the server with the values kept.
  await page.getByLabel("Your constituency", { exact: true }).selectOption({ label: "US · MN-01" });
  await page.getByLabel("Your name", { exact: true }).fill("Quinn Offline");
  await page.getByLabel("E-mail address", { exact: true }).fill("not an address");
  await page.getByLabel("Town or city", { exact: true }).fill("Duluth");
  await page.getByRole("button", { name: "Preview my letters" }).click();
  await expect(page.getByText("Enter a valid e-mail address, like name@example.org.")).toBeVisible();
  await expect(page.getByLabel("Your name", { exact: true })).toHaveValue("Quinn Offline");
  await page.getByLabel("E-mail address", { exact: true }).fill(uniqueEmail("offline"));
  await page.getByRole("button", { name: "Preview my letters" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Your 3 letters" })).toBeVisible();
  // The answer's address ends with the preview's fragment: the browser scrolls to it.
  expect(new URL(page.url()).hash).toBe("#preview");
  await expect(page.getByRole("heading", { level: 2, name: "Your 3 letters" })).toBeInViewport();
  await expect(page.getByRole("article").first()).toContainText("I am writing to you as a constituent from Duluth");
  await page.getByRole("button", { name: "Send my 3 letters" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Check your e-mail" })).toBeVisible();
  await context.close();
});
