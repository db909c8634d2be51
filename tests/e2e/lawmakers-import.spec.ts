import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { screen, switchToRole } from "./helpers";

const HEADER = "name,title,body,jurisdiction,constituency,party,email,contact_url,source_url,verified_on";

test("staff import the valid rows of a file, download the skipped one, and find the new member with no contact yet", async ({
  page,
}) => {
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const known = `Patty Murray ${run}`;
  const newcomer = `Emily Randall ${run}`;
  const broken = `Nowhere Person ${run}`;
  const csv = [
    HEADER,
    `${known},Senator,Senate,US,WA,Democrat,patty.${run}@example.org,,,2026-01-03`,
    `${newcomer},Representative,House of Representatives,US,WA-06,Democrat,,,,2026-01-03`,
    `${broken},Representative,House of Representatives,ZZ,,,not-an-address,,,2026-01-03`,
  ].join("\n");

  await switchToRole(page, "staff");
  await page.goto("/lawmakers/import");
  await page.getByLabel("CSV file (UTF-8)").setInputFiles({
    name: "congress.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv),
  });
  const modes = page.getByRole("group", { name: "When a row has errors" });
  await expect(modes.getByRole("radio", { name: /^All or nothing/ })).toBeChecked();
  await modes.getByRole("radio", { name: /^Import all valid rows and skip the rest/ }).check();
  await page.getByRole("button", { name: "Check the file" }).click();

  const report = page.getByRole("region", { name: "What the import will do" });
  await expect(report.getByRole("status")).toContainText(
    "3 rows: 2 to create, 0 to update, 0 unchanged, 1 with errors. 1 with no contact yet.",
  );
  await expect(report.getByRole("row").filter({ hasText: newcomer })).toContainText("imported with no contact yet");
  await expect(report.getByRole("row").filter({ hasText: broken })).toContainText("Unknown jurisdiction");
  // The mode chosen stays chosen with the report.
  await expect(modes.getByRole("radio", { name: /^Import all valid rows/ })).toBeChecked();
  await screen(page, "lawmakers-import-skip-dry-run");

  await page.getByRole("button", { name: "Import the valid rows (2 to create, 0 to update) and skip 1" }).click();
  const done = page.getByRole("status").filter({ hasText: "Import done" });
  await expect(done).toContainText("2 created, 0 updated, 0 unchanged, 1 skipped.");
  await expect(done).toContainText("1 lawmaker has no contact yet.");
  await screen(page, "lawmakers-import-skip-done");

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download the skipped row with its errors (CSV)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^lawmakers-skipped-\d{4}-\d{2}-\d{2}\.csv$/);
  const file = await download.path();
  const text = (await readFile(file, "utf8")).replace(/^\uFEFF/, "");
  const lines = text.trimEnd().split("\r\n");
  expect(lines).toEqual([
    `${HEADER},errors`,
    `${broken},Representative,House of Representatives,ZZ,,,not-an-address,,,2026-01-03,` +
      `"Unknown jurisdiction: use an ISO 3166 alpha-2 code, EU or INT. The e-mail address is not valid."`,
  ]);

  // The directory: the "needs contact" filter lists the newcomer, flagged, and not the others.
  await page.getByRole("link", { name: "See the lawmakers with no contact yet" }).click();
  await expect(page).toHaveURL(/needs_contact=1/);
  await expect(page.getByLabel("Needs contact (no e-mail, no contact form)")).toBeChecked();
  await page.getByLabel("Name or constituency").fill(run);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("1 lawmaker matches.")).toBeVisible();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: newcomer }) });
  await expect(row).toContainText("No contact yet");
  await expect(page.getByRole("link", { name: known })).toHaveCount(0);
  await screen(page, "lawmakers-needs-contact");

  // Its page says so; adding a contact form clears the flag.
  await row.getByRole("link", { name: newcomer }).click();
  await expect(page.getByText("This lawmaker has no official e-mail and no contact form yet")).toBeVisible();
  await page.getByLabel("Contact form (URL)").fill(`https://randall.example.org/${run}/contact`);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText("Saved.");
  await expect(page.getByText("This lawmaker has no official e-mail and no contact form yet")).toHaveCount(0);
  await page.goto(`/lawmakers?needs_contact=1&q=${run}`);
  await expect(page.getByText("0 lawmakers match.")).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("skipping works as plain HTML forms, the skipped rows a plain link", async ({ page }) => {
    const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    await switchToRole(page, "staff");
    await page.goto("/lawmakers/import");
    await page.getByLabel("CSV file (UTF-8)").setInputFiles({
      name: "mixed.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        `${HEADER}\nNo Mail ${run},MP,National Assembly,ZA,,,,,,\n=cmd ${run},MP,National Assembly,ZA,,,,,,\n`,
      ),
    });
    await page.getByRole("radio", { name: /^Import all valid rows/ }).check();
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await expect(page.getByRole("status").filter({ hasText: "Import done" })).toContainText(
      "1 created, 0 updated, 0 unchanged, 1 skipped.",
    );
    const link = page.getByRole("link", { name: "Download the skipped row with its errors (CSV)" });
    const href = (await link.getAttribute("href")) ?? "";
    expect(href).toMatch(/^data:text\/csv;charset=utf-8;base64,/);
    const text = Buffer.from(href.split(",")[1], "base64").toString("utf8");
    // The formula is neutralised in the download.
    expect(text).toContain(`'=cmd ${run},MP,National Assembly,ZA`);
    expect(text).toContain("would run as a spreadsheet formula");
  });
});
