import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, screen, switchToRole } from "./helpers";

/** A word found nowhere else in the database, so searches and lists single out this run's data. */
function uniqueWord(): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  let word = "";
  for (let i = 0; i < 8; i++) word += letters[Math.floor(Math.random() * letters.length)];
  return `Zq${word}`;
}

/** The number the map's table gives a country (0 when it is not listed, i.e. has no open threat). */
async function openThreatsOnMap(page: Page, country: string): Promise<number> {
  await page.goto("/threats/map");
  await expect(page.getByRole("heading", { level: 1, name: "Threat map" })).toBeVisible();
  const table = page.getByRole("region", { name: "Countries with open threats" });
  await expect(table.getByRole("heading", { level: 2, name: "Countries with open threats" })).toBeVisible();
  const row = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: country, exact: true }) });
  if ((await row.count()) === 0) return 0;
  return Number(await row.getByRole("cell").first().innerText());
}

/** A shape's name: its open threats, and their highest severity when there is one. */
function mapLabel(country: string, open: number): RegExp {
  const count = `${country}: ${open} open threat${open === 1 ? "" : "s"}`;
  return new RegExp(`^${count}${open > 0 ? ", highest severity (Low|Medium|High|Critical)" : ""}$`);
}

interface ApiThreat {
  slug: string;
  jurisdiction: string;
  kind: string;
  identifier: string | null;
  title: string;
  short_name: string | null;
  categories: string[];
  severity: string;
  stage: string | null;
  outcome: string;
  first_seen_on: string;
  url: string;
}

test("staff create a threat, add two actions out of order, set the outcome; it shows everywhere", async ({ page }) => {
  test.setTimeout(120_000);
  const word = uniqueWord();
  const title = `Telecommunications (Lawful Access ${word}) Bill`;
  const shortName = `${word} Access Bill`;
  const identifier = `${Math.floor(Math.random() * 900) + 100}-1`;

  // The map before: however many open threats New Zealand has now.
  const openBefore = await openThreatsOnMap(page, "New Zealand");

  await switchToRole(page, "staff");
  await page.goto("/threats");
  await page.getByRole("link", { name: "New threat", exact: true }).click();
  await expect(page).toHaveURL(/\/threats\/new$/);
  await expect(page.getByRole("heading", { level: 1, name: "New threat" })).toBeVisible();
  await page.getByLabel("Country or forum", { exact: true }).selectOption({ label: "New Zealand (NZ)" });
  await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Bill" });
  await page.getByLabel("Identifier", { exact: true }).fill(identifier);
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Short name", { exact: true }).fill(shortName);
  await page
    .getByLabel("Summary", { exact: true })
    .fill(`Would require providers to build **decryption capabilities** on demand (${word}).`);
  await page
    .getByRole("group", { name: "Categories" })
    .getByRole("checkbox", { name: "Encryption", exact: true })
    .check();
  await page.getByLabel("Severity", { exact: true }).selectOption({ label: "High" });
  await page.getByLabel("First seen on", { exact: true }).fill("2026-01-10");
  await page.getByRole("button", { name: "Create the threat" }).click();

  // Its page: title, kind and identifier, the Markdown summary rendered, no action yet.
  await expect(page).toHaveURL(/\/threats\/nz-[a-z0-9-]+$/);
  const slug = new URL(page.url()).pathname.split("/").pop() as string;
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(`Bill ${identifier} · ${shortName} · first seen 10 Jan 2026`)).toBeVisible();
  await expect(page.getByRole("strong").filter({ hasText: "decryption capabilities" })).toBeVisible();
  await expect(page.getByText("**decryption capabilities**")).toHaveCount(0);
  // The badges under the title have no ARIA role (and the staff forms offer the same words as options).
  const badges = page.getByRole("article").locator("p.badges");
  await expect(badges.getByText("No action yet", { exact: true })).toBeVisible();
  await expect(badges.getByText("Severity: High", { exact: true })).toBeVisible();
  await expect(badges.getByText("Encryption", { exact: true })).toBeVisible();
  await expect(badges.getByText("Open", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "New Zealand", exact: true })).toHaveAttribute("href", "/countries/NZ");

  // Two actions, the later one entered first: the stage follows the dates, not the order of entry.
  const addAction = page.getByRole("region", { name: "Add an action" });
  const timeline = page.getByRole("region", { name: "Timeline" }).getByRole("listitem");
  await addAction.getByLabel("Date", { exact: true }).fill("2026-03-15");
  await addAction.getByLabel("What happened", { exact: true }).selectOption({ label: "In committee" });
  await addAction.getByLabel("Note", { exact: true }).fill(`Referred to the select committee (${word}).`);
  await addAction.getByRole("button", { name: "Add an action" }).click();
  // Soft: a missing confirmation fails the test but lets the rest of the journey run.
  await expect
    .soft(page.getByRole("status"), "the confirmation after adding an action")
    .toHaveText("The action has been added; the stage follows the latest dated action.");
  await expect(timeline).toHaveCount(1);
  await expect(badges.getByText("In committee · 15 Mar 2026", { exact: true })).toBeVisible();
  // The form is reset for the next entry.
  await expect(addAction.getByLabel("Date", { exact: true })).toHaveValue("");
  await expect(addAction.getByLabel("What happened", { exact: true })).toHaveValue("");
  // …and shows its "Choose…" placeholder again, not an empty box (soft: a display glitch).
  await expect
    .soft(addAction.getByLabel("What happened", { exact: true }), "the reset select shows “Choose…”")
    .toHaveJSProperty("selectedIndex", 0);

  await addAction.getByLabel("Date", { exact: true }).fill("2026-02-01");
  await addAction.getByLabel("What happened", { exact: true }).selectOption({ label: "Introduced" });
  await addAction.getByLabel("Note", { exact: true }).fill("First reading.");
  await addAction.getByRole("button", { name: "Add an action" }).click();
  await expect(timeline).toHaveCount(2);
  await expect(timeline).toHaveText([
    /^1 Feb 2026 — Introduced\s*First reading\.(Correct or remove)?$/,
    /^15 Mar 2026 — In committee/,
  ]);
  await expect(badges.getByText("In committee · 15 Mar 2026", { exact: true })).toBeVisible();
  await expect(badges.getByText(/^Introduced/)).toHaveCount(0);

  // While it is open, the map counts it for New Zealand, in the table and on the shape.
  expect(await openThreatsOnMap(page, "New Zealand")).toBe(openBefore + 1);
  await expect(page.getByRole("link", { name: mapLabel("New Zealand", openBefore + 1) })).toHaveAttribute(
    "href",
    "/countries/NZ",
  );
  await expect(
    page
      .getByRole("region", { name: "Countries with open threats" })
      .getByRole("link", { name: "See New Zealand", exact: true }),
  ).toHaveAttribute("href", "/countries/NZ");
  await screen(page, "threats-map");

  // The outcome.
  await page.goto(`/threats/${slug}`);
  const outcome = page.getByRole("region", { name: "Set the outcome" });
  await outcome.getByLabel("Outcome", { exact: true }).selectOption({ label: "Mitigated" });
  await outcome.getByLabel("Reason", { exact: true }).fill(`Encryption carve-out adopted in committee (${word}).`);
  await outcome.getByLabel("Decided on", { exact: true }).fill("2026-04-20");
  await outcome.getByRole("button", { name: "Set the outcome" }).click();
  await expect
    .soft(page.getByRole("status"), "the confirmation after setting the outcome")
    .toHaveText("The outcome has been recorded.");
  await expect(
    page.getByText(`Mitigated (20 Apr 2026): Encryption carve-out adopted in committee (${word}).`, { exact: true }),
  ).toBeVisible();
  await expect
    .soft(outcome.getByLabel("Outcome", { exact: true }), "the reset select shows “Choose…”")
    .toHaveJSProperty("selectedIndex", 0);
  await expect(badges.getByText("Mitigated", { exact: true })).toBeVisible();
  await expect(badges.getByText("Open", { exact: true })).toHaveCount(0);
  await expect(badges.getByText("In committee · 15 Mar 2026", { exact: true })).toBeVisible();
  await expect(timeline).toHaveText([/Introduced/, /In committee/, /^20 Apr 2026 — Outcome: Mitigated/]);
  // Every edit is in the history.
  await expect(page.getByRole("region", { name: "History" }).getByRole("listitem")).toHaveText([
    /Sam Staff · created$/,
    /Sam Staff · added an action$/,
    /Sam Staff · added an action$/,
    /Sam Staff · set the outcome$/,
  ]);
  await screen(page, "threat-after-outcome");

  // Mitigated, it no longer counts as open on the map.
  expect(await openThreatsOnMap(page, "New Zealand")).toBe(openBefore);

  // The list, searched by its unique word.
  await page.goto("/threats");
  const filters = page.getByRole("search", { name: "Filter threats" });
  await filters.getByRole("searchbox", { name: "Search" }).fill(word);
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`[?&]q=${word}`));
  await expect(page.getByRole("status")).toHaveText("1 threat");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: shortName, exact: true }) });
  await expect(card).toHaveCount(1);
  await expect(card.getByText("In committee · 15 Mar 2026", { exact: true })).toBeVisible();
  await expect(card.getByText("Mitigated", { exact: true })).toBeVisible();
  await expect(card.getByRole("link", { name: "New Zealand", exact: true })).toBeVisible();
  await expect(card).toContainText(`Bill ${identifier} · ${title}`);

  // The country page.
  await card.getByRole("link", { name: "New Zealand", exact: true }).click();
  await expect(page).toHaveURL(/\/countries\/NZ$/);
  await expect(page.getByRole("heading", { level: 1, name: "New Zealand" })).toBeVisible();
  const countryCard = page
    .getByRole("region", { name: "Threats" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: shortName, exact: true }) });
  await expect(countryCard).toHaveCount(1);
  await expect(countryCard.getByText("Mitigated", { exact: true })).toBeVisible();
  await expect(countryCard.getByText("In committee · 15 Mar 2026", { exact: true })).toBeVisible();
  await expect(countryCard.getByRole("link", { name: shortName })).toHaveAttribute("href", `/threats/${slug}`);

  // The open-data API: the list, then the threat with both actions.
  const list = await page.request.get(`/api/v1/threats?q=${word}`);
  expect(list.status()).toBe(200);
  const listBody = (await list.json()) as {
    data: ApiThreat[];
    meta: { page: number; per_page: number; total: number };
  };
  expect(listBody.meta.total).toBe(1);
  expect(listBody.data).toHaveLength(1);
  expect(listBody.data[0]).toMatchObject({
    slug,
    jurisdiction: "NZ",
    kind: "bill",
    identifier,
    title,
    short_name: shortName,
    categories: ["encryption"],
    severity: "high",
    stage: "committee",
    outcome: "mitigated",
    first_seen_on: "2026-01-10",
  });
  expect(listBody.data[0].url).toMatch(new RegExp(`/threats/${slug}$`));

  const detail = await page.request.get(`/api/v1/threats/${slug}`);
  expect(detail.status()).toBe(200);
  const detailBody = (await detail.json()) as ApiThreat & {
    summary: string;
    actions: Array<{ date: string; classification: string; note: string | null; source: string | null }>;
  };
  expect(detailBody).toMatchObject({ slug, stage: "committee", outcome: "mitigated" });
  expect(detailBody.summary).toContain("**decryption capabilities**");
  expect(detailBody.actions).toHaveLength(2);
  expect(detailBody.actions).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ date: "2026-02-01", classification: "introduced", note: "First reading." }),
      expect.objectContaining({ date: "2026-03-15", classification: "committee" }),
    ]),
  );

  // The Atom feed has both actions and the outcome change.
  const feed = await page.request.get("/feeds/threats.atom");
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("application/atom+xml");
  const xml = await feed.text();
  expect(xml).toContain(title);
  expect(xml).toContain(`${shortName}: In committee`);
  expect(xml).toContain(`${shortName}: Introduced`);
  expect(xml).toContain(`${shortName}: Outcome: Mitigated`);
  expect(xml).toContain(`/threats/${slug}`);
});

test("a chapter member proposes a threat, staff accept it, the proposer is told", async ({ page }) => {
  test.setTimeout(120_000);
  const word = uniqueWord();
  const title = `Computer Misuse and Cybercrimes (Amendment ${word}) Bill`;
  const member = DEMO_ACCOUNTS.chapterMember.email;

  // The chapter member proposes it, for Kenya.
  await switchToRole(page, "chapterMember");
  await page.goto("/threats");
  await page.getByRole("link", { name: "Propose a threat", exact: true }).click();
  await expect(page).toHaveURL(/\/threats\/propose$/);
  await expect(page.getByRole("heading", { level: 1, name: "Propose a threat" })).toBeVisible();
  await expect(page.getByText("It is proposed for Kenya Chapter's country.")).toBeVisible();
  await page.getByLabel("Kind", { exact: true }).selectOption({ label: "Bill" });
  await page.getByLabel("Identifier", { exact: true }).fill("Senate Bill 7");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page
    .getByLabel("What it would do", { exact: true })
    .fill(`Would let police order providers to decrypt (${word}).`);
  await page.getByLabel("Source link", { exact: true }).fill("https://example.org/ke/senate-bill-7");
  await page.getByRole("button", { name: "Send the proposal" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "Thank you. The staff will review it and tell you what they decide.",
  );
  const mine = page
    .getByRole("region", { name: "Your chapter's proposals" })
    .getByRole("listitem")
    .filter({ hasText: title });
  await expect(mine).toHaveCount(1);
  await expect(mine).toContainText("Waiting for review");
  await expect(mine.getByRole("link", { name: "see the threat" })).toHaveCount(0);

  // Staff find it in the review queue and accept it.
  await switchToRole(page, "staff");
  await page.goto("/staff/proposals");
  await expect(page.getByRole("heading", { level: 1, name: "Proposed threats" })).toBeVisible();
  const proposal = page.getByRole("region", { name: title, exact: true });
  await expect(proposal).toBeVisible();
  await expect(proposal).toContainText("Bill Senate Bill 7 · KE · proposed by Kofi Member, Kenya Chapter");
  await expect(proposal).toContainText(`Would let police order providers to decrypt (${word}).`);
  await expect(proposal.getByRole("link", { name: "https://example.org/ke/senate-bill-7" })).toBeVisible();
  await screen(page, "staff-proposals-queue");

  // The accept form is folded away until asked for.
  await expect(proposal.getByRole("button", { name: "Accept and track it" })).toBeHidden();
  await proposal.getByText("Accept", { exact: true }).click();
  await proposal.getByLabel("Severity", { exact: true }).selectOption({ label: "High" });
  await proposal
    .getByRole("group", { name: "Categories" })
    .getByRole("checkbox", { name: "Encryption", exact: true })
    .check();
  await proposal.getByRole("button", { name: "Accept and track it" }).click();
  await expect(page.getByRole("status")).toHaveText(
    "The proposal is accepted and the threat is tracked; the proposer has been told.",
  );
  await expect(page.getByRole("region", { name: title, exact: true })).toHaveCount(0);
  const reviewed = page
    .getByRole("region", { name: "Recently reviewed" })
    .getByRole("listitem")
    .filter({ hasText: title });
  await expect(reviewed).toContainText("Accepted");
  await expect(reviewed.getByRole("link", { name: "see the threat" })).toHaveAttribute(
    "href",
    /^\/threats\/ke-[a-z0-9-]+$/,
  );
  const threatPath = (await reviewed.getByRole("link", { name: "see the threat" }).getAttribute("href")) as string;

  // The new threat is on Kenya's page, with what staff chose.
  await page.goto("/countries/KE");
  await expect(page.getByRole("heading", { level: 1, name: "Kenya" })).toBeVisible();
  const card = page
    .getByRole("region", { name: "Threats" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: title, exact: true }) });
  await expect(card).toHaveCount(1);
  await expect(card.getByText("Severity: High", { exact: true })).toBeVisible();
  await expect(card.getByText("Open", { exact: true })).toBeVisible();
  await card.getByRole("link", { name: title, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${threatPath}$`));
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Encryption", { exact: true })).toBeVisible();
  await expect(page.getByText(`Would let police order providers to decrypt (${word}).`)).toBeVisible();

  // The proposer sees it accepted, with a link to the threat.
  await switchToRole(page, "chapterMember");
  await page.goto("/threats/propose");
  await expect(mine).toContainText("Accepted");
  await expect(mine).not.toContainText("Waiting for review");
  await expect(mine.getByRole("link", { name: "see the threat" })).toHaveAttribute("href", threatPath);

  // …and was sent the "proposal reviewed" mail.
  await switchToRole(page, "admin");
  const subject = `Your proposal was accepted: ${title}`;
  await expect(async () => {
    await page.goto("/staff/mail");
    await expect(page.getByRole("heading", { level: 1, name: "Mail" })).toBeVisible();
    const row = page
      .getByRole("row")
      .filter({ hasText: member })
      .filter({ has: page.getByRole("link", { name: /^Your proposal was accepted/ }) })
      .filter({ hasText: title });
    await expect(row).toHaveCount(1, { timeout: 1_000 });
    await expect(row.getByRole("link", { name: subject, exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
});

test("the chapter lead follows a threat from its page and finds it in what they follow", async ({ page }) => {
  const title = "Proposal for a Regulation laying down rules to prevent and combat child sexual abuse";
  await switchToRole(page, "chapterLead");

  await page.goto("/threats?q=CSAM");
  await page.getByRole("link", { name: "EU CSAM regulation", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const threatUrl = page.url();
  await page.getByRole("button", { name: "Follow this threat", exact: true }).click();
  await expect(page.getByRole("button", { name: "Stop following", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Follow this threat", exact: true })).toHaveCount(0);
  // It sticks across a reload.
  await page.reload();
  await expect(page.getByRole("button", { name: "Stop following", exact: true })).toBeVisible();

  // From the account page, as a person would get there.
  await page.goto("/account");
  await page.getByRole("link", { name: "What you follow", exact: true }).click();
  await expect(page).toHaveURL(/\/account\/follows$/);
  await expect(page.getByRole("heading", { level: 1, name: "What you follow" })).toBeVisible();
  const item = page.getByRole("listitem").filter({ has: page.getByRole("link", { name: title, exact: true }) });
  await expect(item).toHaveCount(1);
  await expect(item.getByRole("link", { name: title })).toHaveAttribute("href", new URL(threatUrl).pathname);
  // Kenya chapter people follow their country by default.
  await expect(page.getByRole("link", { name: "All threats in Kenya", exact: true })).toBeVisible();

  // Stopping from the list removes it, and the threat page offers to follow again.
  await item.getByRole("button", { name: "Stop following" }).click();
  await expect(page.getByRole("link", { name: title, exact: true })).toHaveCount(0);
  await page.goto(threatUrl);
  await expect(page.getByRole("button", { name: "Follow this threat", exact: true })).toBeVisible();
});
