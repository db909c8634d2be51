import { expect, test, type Page } from "@playwright/test";
import { asRole, leaveRole, screen, switchToRole } from "./helpers";

const VIEWPORTS = [
  { width: 1280, height: 900 },
  { width: 390, height: 844 },
];

/** The time-zone select's options in order, and its chosen value. */
async function zones(page: Page) {
  const select = page.getByLabel("Time zone", { exact: true });
  const groups = await select.locator("optgroup").evaluateAll((list) =>
    list.map((g) => ({
      label: g.getAttribute("label"),
      first: (g.querySelector("option") as HTMLOptionElement | null)?.value,
    })),
  );
  return { value: await select.inputValue(), groups };
}

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport });

    test("/events shows the next edition and the last one's figures; the past edition's events are marked", async ({
      page,
    }) => {
      await leaveRole(page);
      await page.goto("/events");
      const heading = await page.getByRole("heading", { level: 1 }).textContent();
      const next = Number(/(\d{4})/.exec(heading ?? "")?.[1]);
      expect(next).toBeGreaterThan(2000);
      const previous = page.getByRole("region", { name: /^Last edition, \d{4}, in figures$/ });
      await expect(previous).toBeVisible();
      await expect(previous.getByText("people reached (reported)")).toBeVisible();
      // No past marker on the coming edition.
      await expect(page.locator(".badge-past")).toHaveCount(0);
      await screen(page, `events-year-next-${viewport.width}`);

      await previous.getByRole("link", { name: /^All of \d{4}/ }).click();
      await expect(page).toHaveURL(/\/events\?edition=\d{4}$/);
      const past = Number(new URL(page.url()).searchParams.get("edition"));
      expect(past).toBeLessThan(next);
      await expect(page.getByText(`Global Encryption Day ${past} has taken place`)).toBeVisible();
      const cards = page.locator(".event-list > li");
      const count = await cards.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) await expect(cards.nth(i).getByText("Past", { exact: true })).toBeVisible();
      await screen(page, `events-year-past-${viewport.width}`);

      // An event of that edition: marked, and no reply form.
      await cards.first().getByRole("link").first().click();
      await expect(page).toHaveURL(/\/events\/[a-z0-9-]+$/);
      await expect(page.getByRole("main").getByText("Past", { exact: true })).toBeVisible();
      await expect(page.getByRole("button", { name: "Reply" })).toHaveCount(0);
      await expect(page.getByLabel("E-mail", { exact: false })).toHaveCount(0);

      await page.goBack();
      await page.getByRole("link", { name: new RegExp(`^See the next edition: ${next}`) }).click();
      await expect(page.getByRole("heading", { level: 1, name: `Global Encryption Day ${next}` })).toBeVisible();
    });

    test("with JavaScript, the time zone follows the chosen country without a reload", async ({ page }) => {
      await switchToRole(page, "chapterMember");
      await page.goto("/events/new");
      await expect(page.getByRole("heading", { level: 1, name: "Submit an event" })).toBeVisible();
      const navigations: string[] = [];
      page.on("framenavigated", (frame) => {
        if (frame === page.mainFrame()) navigations.push(frame.url());
      });
      const country = page.getByLabel("Country or forum", { exact: true });
      await country.selectOption({ label: "France (FR)" });
      await expect(page.getByLabel("Time zone", { exact: true })).toHaveValue("Europe/Paris");
      expect((await zones(page)).groups[0]).toEqual({ label: "Time zones in France (FR)", first: "Europe/Paris" });

      await country.selectOption("US");
      await expect(page.getByLabel("Time zone", { exact: true })).toHaveValue("America/New_York");
      const us = (await zones(page)).groups[0];
      expect(us?.label).toMatch(/^Time zones in United States.*\(US\)$/);
      expect(us?.first).toBe("America/New_York");
      // A zone chosen in the country stays when nothing else changes it.
      await page.getByLabel("Time zone", { exact: true }).selectOption("America/Chicago");
      await expect(page.getByLabel("Time zone", { exact: true })).toHaveValue("America/Chicago");
      await screen(page, `events-year-zone-js-${viewport.width}`);
      expect(navigations).toEqual([]);
      await leaveRole(page);
    });

    test("without JavaScript, the server orders the zones by the country", async ({ browser }) => {
      const { context, page } = await asRole(browser, "chapterMember", { javaScriptEnabled: false, viewport });
      await page.goto("/events/new?country=FR");
      await expect(page.getByLabel("Country or forum", { exact: true })).toHaveValue("FR");
      expect(await zones(page)).toMatchObject({
        value: "Europe/Paris",
        groups: [{ label: "Time zones in France (FR)", first: "Europe/Paris" }, { label: "All other time zones" }],
      });

      // A round trip with missing fields: the chosen country's zones come first in the answer.
      await page.goto("/events/new");
      await page.getByLabel("Country or forum", { exact: true }).selectOption({ label: "Kenya (KE)" });
      await page.getByRole("button", { name: "Submit for review" }).click();
      await expect(page.getByLabel("Country or forum", { exact: true })).toHaveValue("KE");
      expect((await zones(page)).groups[0]).toEqual({ label: "Time zones in Kenya (KE)", first: "Africa/Nairobi" });
      // The field still works: any zone can be chosen.
      await page.getByLabel("Time zone", { exact: true }).selectOption("Africa/Nairobi");
      await expect(page.getByLabel("Time zone", { exact: true })).toHaveValue("Africa/Nairobi");
      await screen(page, `events-year-zone-nojs-${viewport.width}`);
      await context.close();
    });
  });
}
