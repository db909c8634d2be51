import path from "node:path";
import { expect, test } from "@playwright/test";
import { screen, switchToRole } from "./helpers";

const HEADER = "name,title,body,jurisdiction,constituency,party,email,contact_url,source_url,verified_on";

test("staff check a CSV of lawmakers, import it, and find the rows in the directory with a stale flag", async ({
  page,
}) => {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const fresh = `Amaka Eze ${run}`;
  const old = `Tunde Bello ${run}`;
  const formOnly = `Ngozi Okoro ${run}`;
  const today = new Date().toISOString().slice(0, 10);
  const csv = [
    HEADER,
    `${fresh},Senator,Senate,NG,Lagos Central,Demo Party,amaka.${run}@example.org,,https://example.org/senate,${today}`,
    `${old},Senator,Senate,NG,Kano North,,tunde.${run}@example.org,,,2023-03-01`,
    `${formOnly},Member,House of Representatives,NG,Ikeja,,,https://example.org/house/${run}/contact,,`,
  ].join("\n");
  const file = { name: "nigeria.csv", mimeType: "text/csv", buffer: Buffer.from(csv) };

  await switchToRole(page, "staff");
  await page.goto("/lawmakers/import");
  await expect(page.getByRole("heading", { level: 1, name: "Import lawmakers" })).toBeVisible();

  // A file with an error first: the dry run names it and offers no import.
  await page.getByLabel("CSV file (UTF-8)").setInputFiles({
    ...file,
    buffer: Buffer.from(`${csv}\nNowhere ${run},MP,Senate,XX,,,,,,`),
  });
  await page.getByRole("button", { name: "Check the file" }).click();
  const report = page.getByRole("region", { name: "What the import will do" });
  await expect(report.getByRole("status")).toContainText(
    "4 rows: 3 to create, 0 to update, 0 unchanged, 1 with errors.",
  );
  await expect(report.getByRole("row").filter({ hasText: `Nowhere ${run}` })).toContainText("Unknown jurisdiction");
  await expect(page.getByRole("button", { name: /^Import this file/ })).toHaveCount(0);

  // The corrected file: check, then import.
  await page.getByLabel("CSV file (UTF-8)").setInputFiles(file);
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(report.getByRole("status")).toHaveText("3 rows: 3 to create, 0 to update, 0 unchanged, 0 with errors.");
  await screen(page, "lawmakers-import-dry-run");
  // The import shows its progress while it runs (held back here so that it can be seen).
  await page.route("**/lawmakers/import*", async (route) => {
    if (route.request().method() === "POST") await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await page.getByRole("button", { name: "Import this file (3 to create, 0 to update)" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Importing 3 rows in one transaction…" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: /Importing 3 rows/ })).toBeVisible();
  await screen(page, "lawmakers-import-progress");
  await expect(page.getByRole("status").filter({ hasText: "Import done" })).toContainText(
    "3 lawmakers created, 0 updated, 0 unchanged.",
  );
  await screen(page, "lawmakers-import-done");

  // The directory: filtered to Nigeria, the three rows, the old one flagged stale, in words.
  await page.goto("/lawmakers");
  await expect(page.getByRole("heading", { level: 1, name: "Lawmakers" })).toBeVisible();
  await page.getByLabel("Jurisdiction").selectOption("NG");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/jurisdiction=NG/);
  await expect(page.getByText("3 lawmakers match.")).toBeVisible();
  const row = (name: string) => page.getByRole("row").filter({ has: page.getByRole("link", { name }) });
  await expect(row(old)).toContainText("Stale");
  await expect(row(formOnly)).toContainText("Stale: never verified");
  await expect(row(formOnly)).toContainText("Contact form only");
  await expect(row(fresh)).not.toContainText("Stale");
  await screen(page, "lawmakers-directory");

  await page.getByLabel("Stale only").check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("2 lawmakers match.")).toBeVisible();
  await expect(row(fresh)).toHaveCount(0);

  // Staff verify the stale one and it is no longer flagged.
  await row(old).getByRole("link", { name: old }).click();
  await expect(page.getByRole("heading", { level: 1, name: old })).toBeVisible();
  await page.getByLabel("Verified on").fill(today);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await screen(page, "lawmakers-edit");
  await page.goto("/lawmakers?jurisdiction=NG&stale=1");
  await expect(page.getByText("1 lawmaker matches.")).toBeVisible();
});

test("the US Congress list is recognised by its header and checked without errors", async ({ page }) => {
  await switchToRole(page, "staff");
  await page.goto("/lawmakers/import");
  await page
    .getByLabel("CSV file (UTF-8)")
    .setInputFiles(path.join(process.cwd(), "tests/fixtures/us-congress-legislators-current.csv"));
  await page.getByRole("button", { name: "Check the file" }).click();
  await expect(page.getByText(/^US Congress format detected/)).toBeVisible();
  const report = page.getByRole("region", { name: "What the import will do" });
  await expect(report.getByRole("status")).toHaveText(
    "537 rows: 537 to create, 0 to update, 0 unchanged, 0 with errors.",
  );
  await expect(report.getByRole("row").filter({ hasText: "James Gallagher" })).toContainText(
    "the chamber's official directory is used",
  );
  // 537 rows: the top of the report is what a person looks at first.
  await report.getByRole("status").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screens/lawmakers-import-us-congress.png" });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the check and the import work as plain HTML forms", async ({ page }) => {
    const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    const name = `Lindiwe Dlamini ${run}`;
    await switchToRole(page, "staff");
    await page.goto("/lawmakers/import");
    await page.getByLabel("CSV file (UTF-8)").setInputFiles({
      name: "za.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`${HEADER}\n${name},MP,National Assembly,ZA,,,lindiwe.${run}@example.org,,,2026-01-05\n`),
    });
    await page.getByRole("button", { name: "Check the file" }).click();
    await expect(page.getByRole("status").filter({ hasText: "1 row:" })).toHaveText(
      "1 row: 1 to create, 0 to update, 0 unchanged, 0 with errors.",
    );
    // The checked file came back in the page; the button sends it again.
    await page.getByRole("button", { name: "Import this file (1 to create, 0 to update)" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Import done" })).toContainText("1 lawmaker created");
    await page.goto(`/lawmakers?q=${encodeURIComponent(name)}`);
    await expect(page.getByRole("link", { name })).toBeVisible();
  });
});
