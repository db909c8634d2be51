import { expect, test, type Page } from "@playwright/test";
import { asRole, linkFromDevMailboxAsAdmin, screen, uniqueEmail } from "./helpers";

/**
 * Charts where staff look (a letter's signatures per day, a campaign's letters per day, chapter
 * actions per month, a target's year against its goal), each an image with its figures in its
 * label and a table; the share step after signing and after writing to lawmakers; and the threat
 * map shaded by severity, with the table first on a phone.
 */

const LETTER_PATH = "/letters/global-encryption-day-2026-keep-end-to-end-encryption";
const CAMPAIGN_PATH = "/campaigns/stop-csam-act-write-to-your-lawmakers";
const PHONE = { width: 390, height: 844 };

/** The chart whose caption starts with `title`: an SVG image labelled with its figures, and a table. */
async function expectChart(page: Page, title: string | RegExp, figure: RegExp) {
  const chart = page.getByRole("figure").filter({ hasText: title });
  await expect(chart).toHaveCount(1);
  const image = chart.getByRole("img");
  await expect(image).toBeVisible();
  await expect(image).toHaveAttribute("aria-label", figure);
  await chart.getByText("Show the figures as a table").click();
  const table = chart.getByRole("table");
  await expect(table).toBeVisible();
  expect(await table.getByRole("row").count()).toBeGreaterThan(1);
  return chart;
}

/** Every request the page makes, to check none leaves this site. */
function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  return urls;
}

async function expectShareBlock(page: Page, url: string, requests: string[]) {
  const block = page.getByRole("region", { name: "Pass it on" });
  await expect(block).toBeVisible();
  await expect(block.getByLabel("Link to share", { exact: true })).toHaveValue(url);
  const encoded = encodeURIComponent(url);
  await expect(block.getByRole("link", { name: "By e-mail" })).toHaveAttribute(
    "href",
    new RegExp(`^mailto:\\?subject=.+&body=.+${escape(encoded)}$`),
  );
  await expect(block.getByRole("link", { name: "On Bluesky" })).toHaveAttribute(
    "href",
    new RegExp(`^https://bsky\\.app/intent/compose\\?text=.+${escape(encoded)}$`),
  );
  await expect(block.getByRole("link", { name: "On LinkedIn" })).toHaveAttribute(
    "href",
    `https://www.linkedin.com/sharing/share-offsite/?url=${encoded}`,
  );
  await expect(block.getByRole("link", { name: "On WhatsApp" })).toHaveAttribute(
    "href",
    new RegExp(`^https://wa\\.me/\\?text=.+${escape(encoded)}$`),
  );
  // The links are only links: no script, style or image from elsewhere, and no request off-site.
  const origin = new URL(url).origin;
  expect(
    await page
      .locator("script[src], link[href], img[src]")
      .evaluateAll(
        (els, o) =>
          els
            .map((el) => el.getAttribute("src") ?? el.getAttribute("href") ?? "")
            .filter((src) => /^https?:\/\//.test(src) && !src.startsWith(o)),
        origin,
      ),
  ).toEqual([]);
  expect(requests.filter((r) => /^https?:/.test(r) && !r.startsWith(origin))).toEqual([]);
  return block;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

test("staff see the charts on the letter, chapters and target pages", async ({ browser }) => {
  const { context, page } = await asRole(browser, "staff");
  try {
    await page.goto(`${LETTER_PATH}/manage`);
    await expectChart(page, "Signatures per day", /^Signatures per day: \d{1,2} \w+ \d{4} \d+/);
    await screen(page, "chart-letter-signatures");

    await page.goto("/chapters?year=2026");
    await expectChart(
      page,
      "Accepted chapter actions per month in 2026",
      /^Accepted chapter actions per month in 2026: Jan 2026 \d+, Feb 2026 \d+, .*Dec 2026 \d+$/,
    );

    await page.goto("/targets?year=2024");
    // The card of the 2024 amicus-brief target (a count: its year runs month by month).
    await page
      .getByRole("article")
      .filter({ has: page.getByRole("heading", { level: 2, name: "2 amicus briefs" }) })
      .getByRole("link", { name: "See the rows behind this figure" })
      .click();
    const target = await expectChart(
      page,
      /^Progress by month in 2024/,
      /^Progress by month in 2024: Jan 2024 \d+, .*\. Goal: \d+$/,
    );
    await expect(target.getByRole("table")).toContainText("Goal:");
    await screen(page, "chart-target-year");
  } finally {
    await context.close();
  }
});

test("after signing, the check-your-e-mail answer and the confirmation offer the letter's link to share", async ({
  page,
  context,
  baseURL,
}) => {
  const letterUrl = `${baseURL}${LETTER_PATH}`;
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const requests = recordRequests(page);
  const email = uniqueEmail("sharer");
  await page.goto(LETTER_PATH);
  const form = page.getByRole("region", { name: "Sign this letter", exact: true });
  await form.getByLabel("Your name", { exact: true }).fill("Sasha Sharer");
  await form.getByLabel("Country", { exact: true }).selectOption({ label: "Norway" });
  await form.getByLabel("E-mail address", { exact: true }).fill(email);
  await form.getByRole("button", { name: "Sign the letter", exact: true }).click();
  await expect(page.getByText(/Check your e-mail: we sent you a link/)).toBeVisible();
  const block = await expectShareBlock(page, letterUrl, requests);
  // With JavaScript, the copy button puts the link on the clipboard and says so.
  await block.getByRole("button", { name: "Copy the link" }).click();
  await expect(block.getByText("Link copied.", { exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(letterUrl);
  await screen(page, "share-after-signing");

  const link = await linkFromDevMailboxAsAdmin(page, email, /^Confirm your signature: /, "/letters/confirm");
  await page.goto(link);
  await page.getByRole("button", { name: "Confirm my signature", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Signature confirmed" })).toBeVisible();
  await expectShareBlock(page, letterUrl, requests);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the sign page's answer has the link in a read-only field, and no copy or share buttons", async ({
    page,
    baseURL,
  }) => {
    const requests = recordRequests(page);
    await page.goto(`${LETTER_PATH}/sign`);
    await page.getByLabel("Your name", { exact: true }).fill("Nadia Nojs");
    await page.getByLabel("Country", { exact: true }).selectOption({ label: "Norway" });
    await page.getByLabel("E-mail address", { exact: true }).fill(uniqueEmail("nojs-sharer"));
    await page.getByRole("button", { name: "Sign the letter", exact: true }).click();
    await expect(page).toHaveURL(/\/sign\?done=individual$/);
    const block = await expectShareBlock(page, `${baseURL}${LETTER_PATH}`, requests);
    await expect(block.getByLabel("Link to share", { exact: true })).toHaveAttribute("readonly", "");
    await expect(block.getByRole("button")).toHaveCount(0);
  });
});

test("after writing to lawmakers, the campaign's link is offered and the letters appear per day", async ({
  page,
  browser,
  baseURL,
}) => {
  const requests = recordRequests(page);
  await page.goto(CAMPAIGN_PATH);
  const constituency = page.getByLabel("Your constituency", { exact: true });
  if (await constituency.count()) await constituency.selectOption({ index: 1 });
  await page.getByLabel("Your name", { exact: true }).fill("Wren Writer");
  await page.getByLabel("E-mail address", { exact: true }).fill(uniqueEmail("campaign-sharer"));
  await page.getByLabel("Town or city", { exact: true }).fill("Tacoma");
  await page.getByRole("button", { name: "Preview my letters" }).click();
  await page.getByRole("button", { name: /^Send my \d+ letters?$/ }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Check your e-mail" })).toBeVisible();
  await expectShareBlock(page, `${baseURL}${CAMPAIGN_PATH}`, requests);

  const { context, page: staff } = await asRole(browser, "staff");
  try {
    await staff.goto(`${CAMPAIGN_PATH}/manage`);
    const today = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", dateStyle: "medium" }).format(new Date());
    await expectChart(staff, "Letters written per day", new RegExp(`^Letters written per day: .*${today} [1-9]\\d*$`));
  } finally {
    await context.close();
  }
});

test("the map names each severity in its legend and table", async ({ page }) => {
  await page.goto("/threats/map");
  const legend = page.getByRole("list", { name: "Highest severity of the open threats" });
  await expect(legend.getByRole("listitem")).toHaveText(["No open threats", "Low", "Medium", "High", "Critical"]);
  const table = page.getByRole("table");
  await expect(table.getByRole("columnheader", { name: "Highest severity" })).toBeVisible();
  const severity = table.getByRole("row").nth(1).getByRole("cell").nth(1);
  await expect(severity).toHaveText(/^\s*(Low|Medium|High|Critical)$/);
  // Each shaded country is a link that says its severity in words.
  await expect(page.locator('.world-map a[aria-label*="highest severity"]').first()).toBeAttached();
});

test.describe("on a phone", () => {
  test.use({ viewport: PHONE });

  test("the map's table comes before the map", async ({ page }) => {
    await page.goto("/threats/map");
    const table = await page.getByRole("heading", { level: 2, name: "Countries with open threats" }).boundingBox();
    const map = await page.locator("svg.world-map").boundingBox();
    expect(table && map).toBeTruthy();
    expect(table!.y).toBeLessThan(map!.y);
    await screen(page, "map-phone");
  });
});

test.describe("on a wide screen", () => {
  test.use({ viewport: { width: 1280, height: 900 } });

  test("the map is beside the table, on the left", async ({ page }) => {
    await page.goto("/threats/map");
    const table = await page.getByRole("heading", { level: 2, name: "Countries with open threats" }).boundingBox();
    const map = await page.locator("svg.world-map").boundingBox();
    expect(map!.x).toBeLessThan(table!.x);
  });
});
