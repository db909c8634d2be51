import { expect, test, type Page } from "@playwright/test";
import { expectNoSeriousAxeViolations } from "./axe";
import { asRole } from "./helpers";

/**
 * axe-core (WCAG 2.0 A and AA) on the main public pages, wide and on a phone, and on the main staff
 * pages, wide. A serious or critical violation fails the page's test (see axe.ts).
 */

/** The first record page linked from a list (demo data), e.g. a threat from /threats. */
async function firstLinked(page: Page, list: string, prefix: string): Promise<string> {
  await page.goto(list);
  const hrefs = await page
    .getByRole("main")
    .locator(`a[href^="${prefix}"]`)
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const pattern = new RegExp(`^${prefix}[a-z0-9-]+$`);
  const href = hrefs.find((h) => pattern.test(h) && !/\/(new|map|propose|import|apply)$/.test(h));
  expect(href, `a ${prefix}… link on ${list}`).toBeTruthy();
  return href as string;
}

const PUBLIC_PAGES: Array<string | { list: string; prefix: string; name: string }> = [
  "/",
  "/threats",
  "/threats/map",
  "/countries/GB",
  "/countries/US",
  { list: "/threats", prefix: "/threats/", name: "a threat" },
  "/letters",
  { list: "/letters", prefix: "/letters/", name: "a letter" },
  "/campaigns",
  { list: "/campaigns", prefix: "/campaigns/", name: "a campaign" },
  "/events",
  // The coming edition may have no events yet: an event of the demo edition that has them.
  { list: "/events?edition=2026", prefix: "/events/", name: "an event" },
  "/coalition",
  "/targets",
  "/reports",
  "/reports/2024",
  "/api",
  "/login",
];

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
]) {
  test.describe(`public pages at ${viewport.width} px`, () => {
    test.use({ viewport });
    for (const entry of PUBLIC_PAGES) {
      const name = typeof entry === "string" ? entry : entry.name;
      test(`${name} has no serious or critical axe violation`, async ({ page }) => {
        const path = typeof entry === "string" ? entry : await firstLinked(page, entry.list, entry.prefix);
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expectNoSeriousAxeViolations(page, `${path} at ${viewport.width} px`);
      });
    }
  });
}

test.describe("staff pages at 1280 px", () => {
  test.use({ viewport: { width: 1280, height: 900 } });
  const STAFF_PAGES: Array<string | { name: string; path: (page: Page) => Promise<string> }> = [
    "/staff",
    "/staff/actions",
    "/staff/events",
    "/staff/applications",
    {
      name: "a letter's manage page",
      path: async (page) => `${await firstLinked(page, "/letters", "/letters/")}/manage`,
    },
    "/staff/targets",
    "/staff/reports/2024",
    "/staff/translations",
  ];
  for (const entry of STAFF_PAGES) {
    const name = typeof entry === "string" ? entry : entry.name;
    test(`${name} has no serious or critical axe violation`, async ({ browser }) => {
      const { context, page } = await asRole(browser, "staff", { viewport: { width: 1280, height: 900 } });
      try {
        const path = typeof entry === "string" ? entry : await entry.path(page);
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expectNoSeriousAxeViolations(page, path);
      } finally {
        await context.close();
      }
    });
  }
});
