/**
 * Letters to lawmakers from end to end, with a provider: this project's server sends its outbox
 * through the Resend SDK to the local Resend-compatible server (see playwright.config.ts), and
 * Resend's webhook is played by signing an event the Svix way with the configured secret.
 */
import crypto from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { RESEND_SERVER_URL, RESEND_TEST_WEBHOOK_SECRET } from "./delivery-env";
import { BODY_HIDDEN_NOTICE, leaveRole, openDevMail, screen, switchToRole, uniqueEmail } from "./helpers";

const HEADER = "name,title,body,jurisdiction,constituency,party,email,contact_url,source_url,verified_on";
// The threat picker lists titles (repeated ones with identifier and year).
const THREAT_LABEL = "Online Safety Act 2021: industry codes and standards for class 1 material";

interface AcceptedMail {
  id: string;
  to: string[];
  subject: string;
  text: string | null;
  tags: Array<{ name: string; value: string }>;
}

/** What the local Resend-compatible server has accepted so far (its test-only listing). */
async function acceptedMails(request: APIRequestContext): Promise<AcceptedMail[]> {
  const response = await request.get(`${RESEND_SERVER_URL}/_test/emails`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { data: AcceptedMail[] }).data;
}

/** The count in the manage page's "Letters by state" table for one state. */
function stateCount(page: Page, state: string) {
  return page
    .getByRole("region", { name: "Letters by state" })
    .getByRole("row", { name: new RegExp(`^${state} `) })
    .getByRole("cell");
}

/** Reloads the manage page until the state shows `count` (the outbox worker runs in the background). */
async function expectStateCount(page: Page, state: string, count: string): Promise<void> {
  await expect(async () => {
    await page.reload();
    await expect(stateCount(page, state)).toHaveText(count, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

/** A Resend webhook delivery: the event body and its Svix headers, signed with `secret`. */
function signedEvent(secret: string, event: object) {
  const id = `msg_${crypto.randomUUID()}`;
  const timestamp = Math.floor(Date.now() / 1000);
  const body = JSON.stringify(event);
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const signature = crypto.createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return {
    body,
    headers: {
      "Content-Type": "application/json",
      "User-Agent": "Svix-Webhooks/1.0",
      "svix-id": id,
      "svix-timestamp": String(timestamp),
      "svix-signature": `v1,${signature}`,
    },
  };
}

test("lawmakers imported, a campaign opened, letters confirmed, sent through Resend, one bounced by webhook", async ({
  page,
  request,
}) => {
  test.setTimeout(120_000);
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const lawmakers = {
    quill: { name: `Harriet Quill ${run}`, email: `harriet.quill.${run}@example.org` },
    wren: { name: `Oscar Wren ${run}`, email: `oscar.wren.${run}@example.org` },
    marsh: { name: `Priya Marsh ${run}`, contact: `https://example.org/senate/${run}/contact` },
  };
  const today = new Date().toISOString().slice(0, 10);
  const title = `Keep messages private: write to the Senate ${run}`;

  // 1. Staff import three (fictional) Australian senators, one reachable only by a contact form.
  await switchToRole(page, "staff");
  await page.goto("/lawmakers/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import lawmakers" })).toBeVisible();
  const csv = [
    HEADER,
    `${lawmakers.quill.name},Senator,Senate,AU,New South Wales,,${lawmakers.quill.email},,,${today}`,
    `${lawmakers.wren.name},Senator,Senate,AU,Victoria,,${lawmakers.wren.email},,,${today}`,
    `${lawmakers.marsh.name},Senator,Senate,AU,Tasmania,,,${lawmakers.marsh.contact},,${today}`,
  ].join("\n");
  await page
    .getByLabel("CSV file (UTF-8)")
    .setInputFiles({ name: "au-senate.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Check the file" }).click();
  const report = page.getByRole("region", { name: "What the import will do" });
  await expect(report.getByRole("status")).toHaveText("3 rows: 3 to create, 0 to update, 0 unchanged, 0 with errors.");
  await page.getByRole("button", { name: "Import this file (3 to create, 0 to update)" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Import done" })).toContainText(
    "3 lawmakers created, 0 updated, 0 unchanged.",
  );

  // 2. Staff create a campaign on a seeded threat, targeting the Australian Senate by rule, and open it.
  await page.goto("/staff/campaigns");
  await page.getByRole("link", { name: "New campaign" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New letter campaign" })).toBeVisible();
  await page.getByLabel("Threat", { exact: true }).selectOption({ label: THREAT_LABEL });
  await page
    .getByLabel("Target lawmakers", { exact: true })
    .selectOption({ label: "By rule (jurisdiction, body, constituencies)" });
  await page.getByLabel("Jurisdiction", { exact: true }).fill("AU");
  await page.getByLabel("Body or chamber", { exact: true }).fill("Senate");
  const english = page.getByRole("group", { name: "Text in English" });
  await english.getByLabel("Title", { exact: true }).fill(title);
  await english
    .getByLabel("Introduction", { exact: true })
    .fill("Draft standards could require scanning of end-to-end encrypted messages. Tell your senators.");
  await english
    .getByLabel("Subject variants", { exact: true })
    .fill("Please keep encryption out of the {{threat.title}}");
  await english
    .getByLabel("Letter", { exact: true })
    .fill(
      "Dear {{lawmaker.title}} {{lawmaker.name}},\n\nI live in {{sender.locality}} and ask you to keep end-to-end encryption safe from the {{threat.title}}.\n\n{{sender.personal_note}}\n\nSincerely,\n{{sender.name}}",
    );
  await page.getByRole("button", { name: "Create the campaign" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Manage the campaign" })).toBeVisible();
  await page.locator("summary", { hasText: "Open the campaign" }).click();
  await page.getByRole("button", { name: "Yes, open it" }).click();
  await expect(page.getByText("Open", { exact: true }).first()).toBeVisible();
  const manageUrl = page.url();
  await leaveRole(page);

  // 3. A person previews and sends the letters from the public page.
  await page.goto("/campaigns");
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const writer = uniqueEmail("delivery-writer");
  await page.getByLabel("Your name", { exact: true }).fill(`Alex Writer ${run}`);
  await page.getByLabel("E-mail address", { exact: true }).fill(writer);
  await page.getByLabel("Town or city", { exact: true }).fill("Hobart");
  await page.getByLabel("A few words of your own (optional)", { exact: true }).fill("I run a small clinic.");
  await page.getByRole("button", { name: "Preview my letters" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Your 3 letters" })).toBeVisible();
  await expect(page.getByRole("article", { name: lawmakers.quill.name })).toContainText(
    `Dear Senator ${lawmakers.quill.name},`,
  );
  await expect(page.getByRole("article", { name: lawmakers.wren.name })).toContainText("I live in Hobart");
  await expect(page.getByText(/has no public e-mail address/)).toHaveCount(1);
  await page.getByRole("button", { name: "Send my 3 letters" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Check your e-mail" })).toBeVisible();

  // The mailbox lists the outbox with a provider too: staff see the confirmation there, sent, but
  // not its link (nobody reads a confirmation link in the mailbox once a provider delivers mail).
  await switchToRole(page, "staff");
  await page.goto("/staff/mail");
  await expect(page.getByText("Every e-mail the hub has queued, and what became of it.")).toBeVisible();
  const confirmRow = page.getByRole("row").filter({ hasText: writer });
  await expect(async () => {
    await page.reload();
    await expect(confirmRow).toContainText("Sent", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await openDevMail(page, writer, `Confirm your letters: ${title}`);
  await expect(page.getByText(BODY_HIDDEN_NOTICE)).toBeVisible();
  await screen(page, "delivery-confirmation-mail");
  // The writer's link, as the local Resend server received it.
  const origin = new URL(page.url()).origin;
  let link = "";
  await expect(async () => {
    const mail = (await acceptedMails(request)).find((m) => m.to.includes(writer));
    const match = /https?:\/\/[^\s/]+\/campaigns\/confirm\?token=[A-Za-z0-9_-]+/.exec(mail?.text ?? "");
    expect(match, "a confirmation link in the mail the provider received").not.toBeNull();
    link = (match as RegExpExecArray)[0];
  }).toPass({ timeout: 20_000 });
  expect(link.startsWith(`${origin}/`)).toBe(true);
  await leaveRole(page);
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm and send my letters" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your letters are on their way" })).toBeVisible();
  await expect(page.getByText("Your 2 letters are queued and leave in a moment.")).toBeVisible();
  await expect(
    page
      .getByRole("region", { name: "One letter to send yourself" })
      .getByRole("link", { name: /^Open the contact form of / }),
  ).toHaveAttribute("href", lawmakers.marsh.contact);

  // 4. The local Resend server receives the confirmation mail and both letters, each tagged with its outbox row.
  let letters: AcceptedMail[] = [];
  await expect(async () => {
    const mails = await acceptedMails(request);
    expect(mails.filter((m) => m.to.includes(writer))).toHaveLength(1);
    letters = mails.filter((m) => m.to.includes(lawmakers.quill.email) || m.to.includes(lawmakers.wren.email));
    expect(letters).toHaveLength(2);
  }).toPass({ timeout: 20_000 });
  for (const letter of letters) {
    expect(letter.subject).toMatch(/^Please keep encryption out of the /);
    expect(letter.tags).toEqual([{ name: "outbox_id", value: expect.stringMatching(/^\d+$/) }]);
  }
  expect(new Set(letters.map((l) => l.id)).size).toBe(2);

  await switchToRole(page, "staff");
  await page.goto(manageUrl);
  await expectStateCount(page, "Sent", "2");
  await expect(stateCount(page, "Handed to the sender")).toHaveText("1");
  await expect(stateCount(page, "Queued")).toHaveText("0");

  // 5. Resend reports a bounce for Harriet Quill's letter: the signed webhook marks it bounced.
  const bounced = letters.find((l) => l.to.includes(lawmakers.quill.email)) as AcceptedMail;
  const event = signedEvent(RESEND_TEST_WEBHOOK_SECRET, {
    type: "email.bounced",
    created_at: new Date().toISOString(),
    data: {
      created_at: new Date().toISOString(),
      email_id: bounced.id,
      from: "Letters to lawmakers <letters@example.org>",
      to: [lawmakers.quill.email],
      subject: bounced.subject,
      tags: bounced.tags,
      bounce: { message: "mailbox does not exist", type: "Permanent" },
    },
  });
  const answer = await request.post("/webhooks/resend", { headers: event.headers, data: event.body });
  expect(answer.status()).toBe(200);
  expect(await answer.text()).toBe("Processed.");
  // The same delivery again (Svix retries) changes nothing; a forged one is refused.
  const replay = await request.post("/webhooks/resend", { headers: event.headers, data: event.body });
  expect(await replay.text()).toBe("Already processed.");
  const forged = signedEvent(`whsec_${Buffer.from("another secret").toString("base64")}`, JSON.parse(event.body));
  expect((await request.post("/webhooks/resend", { headers: forged.headers, data: forged.body })).status()).toBe(401);

  await page.reload();
  await expect(stateCount(page, "Bounced")).toHaveText("1");
  await expect(stateCount(page, "Sent")).toHaveText("1");
  const byLawmaker = page.getByRole("region", { name: "Letters by lawmaker" });
  // Cells after the name: total, waiting, queued, sent, delivered, handed to the sender, problems.
  const cells = (name: string) =>
    byLawmaker
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${name}`) }) })
      .getByRole("cell");
  await expect(cells(lawmakers.quill.name)).toHaveText(["1", "0", "0", "0", "0", "0", "1"]);
  await expect(cells(lawmakers.wren.name)).toHaveText(["1", "0", "0", "1", "0", "0", "0"]);
  await expect(cells(lawmakers.marsh.name)).toHaveText(["1", "0", "0", "0", "0", "1", "0"]);
  await screen(page, "delivery-manage-bounced");
});
