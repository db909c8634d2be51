import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { screen, switchToRole } from "./helpers";

const FIXTURE = path.join(process.cwd(), "tests/fixtures/popolo-wa-house.json");

test("staff upload a Popolo file, see what it would import, import it, and find the members by division", async ({
  page,
}) => {
  // The fixture, with names made unique to this run so that a retry sees new lawmakers.
  const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const file = JSON.parse(await readFile(FIXTURE, "utf8")) as {
    persons: Array<{ name: string; email?: string; contact_details?: Array<{ type: string; value: string }> }>;
  };
  for (const person of file.persons) {
    person.name = `${person.name} ${run}`;
    if (person.email) person.email = person.email.replace("@", `.${run}@`);
    for (const contact of person.contact_details ?? [])
      if (contact.type === "email") contact.value = contact.value.replace("@", `.${run}@`);
  }

  await switchToRole(page, "staff");
  await page.goto("/lawmakers/import");
  await page.getByLabel("CSV file (UTF-8) or Popolo JSON").setInputFiles({
    name: "wa-house.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(file, null, 2)),
  });
  await expect(
    page.getByRole("group", { name: "File format" }).getByRole("radio", { name: "Detect from the file" }),
  ).toBeChecked();
  await expect(page.getByLabel("Legislature", { exact: true })).toHaveAccessibleDescription(
    "Its id or name in the file; needed only when the file has several legislatures.",
  );
  await expect(page.getByLabel("Jurisdiction of the legislature")).toHaveValue("");
  await page.getByRole("button", { name: "Check the file" }).click();

  const report = page.getByRole("region", { name: "What the import will do" });
  await expect(report).toContainText(
    "Popolo JSON: 5 persons in the file; the current members of Washington House of Representatives (US) are read as rows; 1 without a current membership are left out.",
  );
  await expect(report.getByRole("status")).toContainText(
    "4 rows: 4 to create, 0 to update, 0 unchanged, 0 with errors. 1 with no contact yet.",
  );
  await expect(report.getByRole("row").filter({ hasText: `Chen Morales ${run}` })).toContainText(
    "imported with no contact yet",
  );
  // The member whose term ended is not in the preview.
  await expect(report.getByRole("row").filter({ hasText: `Dana Whitfield ${run}` })).toHaveCount(0);
  await screen(page, "lawmakers-popolo-dry-run");

  await page.getByRole("button", { name: "Import this file (4 to create, 0 to update)" }).click();
  const done = page.getByRole("status").filter({ hasText: "Import done" });
  await expect(done).toContainText("4 lawmakers created, 0 updated, 0 unchanged.");
  await screen(page, "lawmakers-popolo-done");

  // The directory's division filter finds them (and the state's other lawmakers) by the state.
  await page.goto("/lawmakers");
  await page.getByLabel("Division (OCD id, with the divisions inside it)").fill("ocd-division/country:us/state:wa");
  await page.getByLabel("Name or constituency").fill(run);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("4 lawmakers match.")).toBeVisible();
  await page.getByRole("link", { name: `Eitan Baptiste ${run}` }).click();
  await expect(page.getByLabel("Division (Open Civic Data id)")).toHaveValue("ocd-division/country:us/state:wa/sldl:4");
  await screen(page, "lawmakers-popolo-lawmaker");

  // A division in another country than the lawmaker's is refused on the field.
  await page.getByLabel("Division (Open Civic Data id)").fill("ocd-division/country:ca/province:on");
  await page.getByRole("button", { name: "Save" }).click();
  const field = page.getByLabel("Division (Open Civic Data id)");
  await expect(field).toHaveAccessibleDescription(/another country than the lawmaker's jurisdiction/);
});
