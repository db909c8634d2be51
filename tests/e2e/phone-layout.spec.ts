import { expect, test, type Locator, type Page } from "@playwright/test";
import { asRole, mainNav, screen } from "./helpers";

/**
 * The layout on a phone (390 × 844): a one-line header whose menu opens (also without JavaScript),
 * threats in view under closed filters that say what applies, the signature form right after a
 * letter's text, and tap targets of at least 44 px. On a wide screen the header and the filters
 * stay as they were.
 */

const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1280, height: 900 };
const MIN_TAP = 44;

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  expect(b, "the element is rendered").not.toBeNull();
  return b as { x: number; y: number; width: number; height: number };
}

/** Every matched element is at least 44 × 44 px (its rendered box). */
async function expectTapTargets(locator: Locator, what: string) {
  const count = await locator.count();
  expect(count, `${what}: some to measure`).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const b = await box(locator.nth(i));
    const name = `${what} #${i + 1} (${(await locator.nth(i).innerText()).trim() || "unnamed"})`;
    expect(b.height, `${name} height`).toBeGreaterThanOrEqual(MIN_TAP);
    expect(b.width, `${name} width`).toBeGreaterThanOrEqual(MIN_TAP);
  }
}

const menuButton = (page: Page) => page.getByRole("banner").getByText("Menu", { exact: true });

async function firstLetter(page: Page): Promise<string> {
  await page.goto("/letters");
  const href = await page.getByRole("main").locator('a[href^="/letters/"]').first().getAttribute("href");
  expect(href).toMatch(/^\/letters\/[a-z0-9-]+$/);
  return href as string;
}

test.describe("on a phone", () => {
  test.use({ viewport: PHONE });

  test("the header is one line with the menu closed, and the menu opens onto every section", async ({ page }) => {
    await page.goto("/");
    const header = page.getByRole("banner");
    await expect(menuButton(page)).toBeVisible();
    // The brand and the menu button on one row (one line of text plus padding).
    expect((await box(header)).height).toBeLessThanOrEqual(72);
    const brand = await box(header.getByRole("link", { name: /Encryption Advocacy Hub/ }));
    expect(brand.height, "the brand on one line").toBeLessThan(40);
    await expect(mainNav(page)).toBeHidden();
    await expect(header.getByRole("link", { name: "Sign in", exact: true })).toBeHidden();
    await screen(page, "phone-header-closed");

    await menuButton(page).click();
    await expect(header.locator("details.site-menu")).toHaveAttribute("open", "");
    const nav = mainNav(page);
    await expect(nav).toBeVisible();
    for (const name of ["Threats", "Coalition", "Letters", "Write to lawmakers", "Events", "Chapters", "Targets"]) {
      await expect(nav.getByRole("link", { name, exact: true })).toBeInViewport();
    }
    await expect(header.getByRole("link", { name: "Sign in", exact: true })).toBeInViewport();
    await expect(header.getByLabel("Language", { exact: true })).toBeVisible();
    // The open menu lies over the page: the header row itself stays one line.
    expect((await box(header)).height).toBeLessThanOrEqual(72);
    await screen(page, "phone-header-open");
    await expectTapTargets(nav.getByRole("link"), "section link");
    await expectTapTargets(header.getByRole("link", { name: "Sign in", exact: true }), "sign-in link");
    await expectTapTargets(menuButton(page), "menu button");

    await nav.getByRole("link", { name: "Letters", exact: true }).click();
    await expect(page).toHaveURL(/\/letters$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    // A new page starts with the menu closed.
    await expect(mainNav(page)).toBeHidden();
  });

  test("a signed-in staff member's tools are in the menu", async ({ browser }) => {
    const { context, page } = await asRole(browser, "staff", { viewport: PHONE });
    try {
      await page.goto("/");
      const header = page.getByRole("banner");
      expect((await box(header)).height).toBeLessThanOrEqual(72);
      await menuButton(page).click();
      await expect(header.getByRole("link", { name: /^Staff/ })).toBeInViewport();
      await expect(header.getByRole("link", { name: "Account", exact: true })).toBeInViewport();
      await expectTapTargets(header.getByRole("button", { name: "Sign out" }), "sign-out button");
      await expectTapTargets(header.getByRole("link", { name: /^Staff/ }), "staff link");
    } finally {
      await context.close();
    }
  });

  test("the first threat is in view under closed filters, whose summary names what applies", async ({ page }) => {
    await page.goto("/threats");
    const filters = page.locator("details.filter-panel");
    const summary = filters.locator("summary");
    await expect(summary).toHaveText(/^Filter\s*$/);
    await expect(page.getByRole("search", { name: "Filter threats" })).toBeHidden();
    const firstCard = page.locator(".threat-card").first();
    expect((await box(firstCard)).y).toBeLessThan(PHONE.height);
    await expect(firstCard.getByRole("link").first()).toBeInViewport();
    await expectTapTargets(summary, "filter summary");

    await summary.click();
    const search = page.getByRole("search", { name: "Filter threats" });
    await expect(search).toBeVisible();
    await expectTapTargets(search.getByRole("button", { name: "Apply filters" }), "apply button");
    await expectTapTargets(search.getByRole("link", { name: "Clear filters" }), "clear link");
    await expectTapTargets(search.getByRole("combobox"), "filter select");
    await search.getByLabel("Country or forum", { exact: true }).selectOption({ label: "United Kingdom (GB)" });
    await search.getByLabel("Severity", { exact: true }).selectOption({ label: "Critical" });
    await search.getByRole("button", { name: "Apply filters" }).click();

    await expect(page).toHaveURL(/jurisdiction=GB/);
    await expect(summary).toHaveText(/^Filter · United Kingdom \(GB\), Critical\s*$/);
    // Closed again, so that the results are in view.
    await expect(page.getByRole("search", { name: "Filter threats" })).toBeHidden();
    await expect(page.getByText("1 threat", { exact: true })).toBeVisible();
    const onlyCard = page.locator(".threat-card").first();
    await expect(onlyCard).toContainText("Online Safety Bill");
    expect((await box(onlyCard)).y).toBeLessThan(PHONE.height);
    await screen(page, "phone-threats-filtered");
  });

  test("the filters are open when nothing matches, to change them", async ({ page }) => {
    await page.goto("/threats?q=no-threat-has-this-in-its-text");
    await expect(page.getByText("No threat matches these filters.")).toBeVisible();
    await expect(page.locator("details.filter-panel > summary")).toHaveText(
      /^Filter · “no-threat-has-this-in-its-text”\s*$/,
    );
    await expect(page.getByRole("search", { name: "Filter threats" })).toBeVisible();
  });

  test("a letter's signature form comes right after its text, before the signatories", async ({ page }) => {
    await page.goto(await firstLetter(page));
    const text = page.locator(".prose").first();
    const form = page.getByRole("region", { name: "Sign this letter" });
    const signatories = page.getByRole("region", { name: "Signatories" });
    const formBox = await box(form);
    const textBox = await box(text);
    expect(formBox.y).toBeGreaterThan(textBox.y + textBox.height - 1);
    expect(formBox.y).toBeLessThan((await box(signatories)).y);
    await expectTapTargets(form.getByRole("button", { name: "Sign the letter" }), "sign button");
    await expectTapTargets(form.getByRole("textbox"), "form field");
    await expectTapTargets(form.getByRole("checkbox").locator("xpath=ancestor::label[1]"), "checkbox label");
    await screen(page, "phone-letter");
  });

  test("pagination links are large enough to tap", async ({ browser }) => {
    const { context, page } = await asRole(browser, "staff", { viewport: PHONE });
    try {
      await page.goto("/lawmakers?per_page=10&page=2");
      const pages = page.getByRole("navigation", { name: "Pages" });
      await expect(pages).toBeVisible();
      await expectTapTargets(pages.getByRole("link"), "pagination link");
      await expect(pages.getByRole("link")).toHaveCount(2);
    } finally {
      await context.close();
    }
  });
});

test.describe("on a phone without JavaScript", () => {
  test.use({ viewport: PHONE, javaScriptEnabled: false });

  test("the menu and the filters still open", async ({ page }) => {
    await page.goto("/threats");
    const hydrated = await page.evaluate(() => "__remixContext" in window || "__reactRouterContext" in window);
    expect(hydrated).toBe(false);
    await expect(mainNav(page)).toBeHidden();
    await menuButton(page).click();
    await expect(mainNav(page).getByRole("link", { name: "Events", exact: true })).toBeInViewport();
    await mainNav(page).getByRole("link", { name: "Events", exact: true }).click();
    await expect(page).toHaveURL(/\/events$/);
    await expect(mainNav(page)).toBeHidden();

    await page.goto("/threats");
    await page.locator("details.filter-panel > summary").click();
    const search = page.getByRole("search", { name: "Filter threats" });
    await search.getByLabel("Category", { exact: true }).selectOption({ label: "Fragmentation" });
    await search.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/category=fragmentation/);
    await expect(page.locator("details.filter-panel > summary")).toHaveText(/^Filter · Fragmentation\s*$/);
  });
});

test.describe("on a wide screen", () => {
  test.use({ viewport: WIDE });

  test("the header, the filters and the letter keep their wide layout", async ({ page }) => {
    await page.goto("/threats");
    await expect(menuButton(page)).toBeHidden();
    await expect(mainNav(page).getByRole("link", { name: "Targets", exact: true })).toBeVisible();
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
    // Brand, sections and tools: at most two rows, as before.
    expect((await box(page.getByRole("banner"))).height).toBeLessThanOrEqual(110);
    await expect(page.locator("details.filter-panel > summary")).toBeHidden();
    await expect(page.getByRole("search", { name: "Filter threats" })).toBeVisible();

    await page.goto(await firstLetter(page));
    const textBox = await box(page.locator(".prose").first());
    const formBox = await box(page.getByRole("region", { name: "Sign this letter" }));
    const signatoriesBox = await box(page.getByRole("region", { name: "Signatories" }));
    // Signing beside the text; the signatories under the text, in its column.
    expect(formBox.x).toBeGreaterThan(textBox.x + textBox.width);
    expect(signatoriesBox.x).toBe(textBox.x);
    expect(signatoriesBox.y).toBeGreaterThan(textBox.y + textBox.height - 1);
    expect(signatoriesBox.y - (textBox.y + textBox.height)).toBeLessThan(80);
    await screen(page, "wide-letter");
  });
});
