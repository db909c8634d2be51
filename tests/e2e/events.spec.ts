import { expect, test } from "@playwright/test";
import { leaveRole, screen, switchToRole } from "./helpers";

test("a chapter member submits an event, staff approve it, it is listed and in the calendar feed", async ({ page }) => {
  const title = `Encryption evening ${Date.now().toString(36)}`;

  await switchToRole(page, "chapterMember");
  await page.goto("/events/new");
  await expect(page.getByRole("heading", { level: 1, name: "Submit an event" })).toBeVisible();
  await expect(page.getByText("Organiser: Kenya Chapter")).toBeVisible();
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Kind of event", { exact: true }).selectOption({ label: "Encryption training" });
  await page.getByLabel("Country or forum", { exact: true }).selectOption({ label: "Kenya (KE)" });
  await page.getByLabel("City", { exact: true }).fill("Nairobi");
  await page.getByLabel("Time zone", { exact: true }).selectOption("Africa/Nairobi");
  // The edition's day is filled in; a late evening that ends after midnight.
  await page.getByLabel("Starts", { exact: true }).fill("2026-10-21T21:00");
  await page.getByLabel("Ends", { exact: true }).fill("2026-10-22T00:30");
  await page.getByLabel("Description", { exact: true }).fill("Secure messaging, hands on.");
  await page.getByLabel("Registration link", { exact: true }).fill("https://example.org/register");
  await page.getByLabel("Expected reach", { exact: true }).fill("60");
  await screen(page, "events-new");
  await page.getByRole("button", { name: "Submit for review" }).click();

  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Waiting for review")).toBeVisible();
  await expect(page.getByText("21:00 – Thu 22 Oct, 00:30")).toBeVisible();
  await expect(page.getByText("East Africa Time, Africa/Nairobi")).toBeVisible();
  const eventUrl = new URL(page.url()).pathname;
  await leaveRole(page);

  // Not public yet.
  const hidden = await page.request.get(eventUrl);
  expect(hidden.status()).toBe(404);

  await switchToRole(page, "staff");
  await page.goto("/staff/events");
  const card = page.getByRole("article", { name: title });
  await expect(card).toBeVisible();
  await screen(page, "events-staff-queue");
  await card.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText("The event is approved and published.");
  await expect(page.getByRole("article", { name: title })).toHaveCount(0);
  await leaveRole(page);

  await page.goto("/events?edition=2026");
  await expect(page.getByRole("heading", { level: 1, name: "Global Encryption Day 2026" })).toBeVisible();
  await expect(page.getByRole("link", { name: title })).toBeVisible();
  await screen(page, "events-list");
  await page.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`${eventUrl}$`));
  await expect(page.getByRole("link", { name: "https://example.org/register" })).toBeVisible();
  await screen(page, "events-detail");

  const feed = await page.request.get("/events.ics");
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
  const text = await feed.text();
  expect(text).toContain(`SUMMARY:${title}`);
  expect(text).toContain("DTSTART;TZID=Africa/Nairobi:20261021T210000");
  expect(text).toContain("DTEND;TZID=Africa/Nairobi:20261022T003000");
  // Long lines are folded (RFC 5545 §3.1): unfold before looking for the event's URL.
  expect(text.replace(/\r\n[ \t]/g, "")).toMatch(new RegExp(`\r\nURL;VALUE=URI:http://[^\r]+${eventUrl}\r\n`));
  expect(text).toContain("TZID:Africa/Nairobi\r\n");
});
