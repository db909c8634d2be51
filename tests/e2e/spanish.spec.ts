import { expect, test, type Page } from "@playwright/test";
import { asRole, mainNav, openDevMail, screen, uniqueEmail } from "./helpers";

const LETTER_PATH = "/letters/global-encryption-day-2026-keep-end-to-end-encryption";
/** A language's strings chunk, as the build names it (`/assets/es-<hash>.js`). */
const LOCALE_CHUNK = /\/assets\/(en|fr|es)-[\w-]+\.js$/;

// A browser set to Latin American Spanish: it sends `Accept-Language: es-419`.
test.use({ locale: "es-419" });

/** The language chunks the page requests from now on. */
function recordLocaleChunks(page: Page): string[] {
  const seen: string[] = [];
  page.on("request", (request) => {
    const match = LOCALE_CHUNK.exec(new URL(request.url()).pathname);
    if (match) seen.push(match[1]);
  });
  return seen;
}

test("a Spanish reader gets the site in Spanish, loading only the Spanish strings, and can switch", async ({
  page,
}) => {
  const chunks = recordLocaleChunks(page);
  await page.goto("/", { waitUntil: "networkidle" });
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(
    page.getByRole("heading", { level: 1, name: "Defienda el cifrado. Mantenga Internet abierta." }),
  ).toBeVisible();
  const nav = mainNav(page, "Secciones principales");
  await expect(nav.getByRole("link", { name: "Amenazas", exact: true })).toBeVisible();
  await expect(page.getByLabel("Idioma", { exact: true })).toHaveValue("es");
  // The page's chunk is preloaded from the head; the others are never asked for.
  await expect(page.locator('head link[rel="modulepreload"][href*="/assets/es-"]')).toHaveCount(1);
  expect(chunks).toEqual(["es"]);
  await screen(page, "home-spanish");

  // The threat tracker, hydrated (a client-side navigation) and still Spanish, countries included.
  await nav.getByRole("link", { name: "Amenazas", exact: true }).click();
  await expect(page).toHaveURL(/\/threats$/);
  await expect(page.getByRole("heading", { level: 1, name: "Amenazas" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Aplicar filtros", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "Estados Unidos", exact: true }).first()).toBeVisible();
  await expect(page).toHaveTitle(/^Amenazas · /);

  // A letter page: its interface in Spanish around the letter's own text.
  await page.goto(LETTER_PATH, { waitUntil: "networkidle" });
  await expect(page.getByRole("link", { name: "Todas las cartas abiertas", exact: true })).toBeVisible();
  await expect(page.getByText("Abierta a firmas", { exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Firmas", exact: true })).toBeVisible();
  // The sign form's countries come from the Spanish chunk in the browser, as from the server.
  await expect(page.locator('select[name="jurisdiction"] option[value="NO"]')).toHaveText("Noruega");
  expect(new Set(chunks)).toEqual(new Set(["es"]));
  await screen(page, "letter-spanish");

  // To English: a full page load through /locale, which loads the English chunk instead.
  chunks.length = 0;
  await page.getByLabel("Idioma", { exact: true }).selectOption({ label: "English" });
  await page.getByRole("button", { name: "Cambiar", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${LETTER_PATH}$`));
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(mainNav(page).getByRole("link", { name: "Threats", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "All open letters", exact: true })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(chunks).toEqual(["en"]);

  // And back to Spanish, though the browser still asks for Spanish anyway: the cookie decides.
  chunks.length = 0;
  await page.getByLabel("Language", { exact: true }).selectOption({ label: "Español" });
  await page.getByRole("button", { name: "Change", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  await expect(page.getByRole("link", { name: "Todas las cartas abiertas", exact: true })).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(chunks).toEqual(["es"]);
});

test("a signature sent from a Spanish page is confirmed by a Spanish e-mail", async ({ page, browser }) => {
  const email = uniqueEmail("firmante");
  await page.goto(LETTER_PATH, { waitUntil: "networkidle" });
  // The form by its fields' names: its labels belong to the signatures strings.
  const form = page.locator("form").filter({ has: page.locator('input[name="intent"][value="individual"]') });
  await form.locator('input[name="name"]').fill("Lucía Pérez");
  await form.locator('select[name="jurisdiction"]').selectOption({ label: "México" });
  await form.locator('input[name="email"]').fill(email);
  await form.getByRole("button").click();
  await expect(form).toHaveCount(0);

  // The mail as the dev mailbox holds it (an administrator's view, in their own browser).
  const admin = await asRole(browser, "admin", { locale: "en-GB" });
  try {
    await openDevMail(admin.page, email, /^Confirme su firma: /);
    const text = await admin.page.locator("pre.mail-text").innerText();
    expect(text).toContain("Hola, Lucía Pérez:");
    expect(text).toContain("Gracias por firmar la carta abierta «");
    expect(text).toContain("Hasta que la confirme, su firma no se cuenta y su nombre no se muestra.");
    expect(text).not.toContain("Thank you for signing");
    await screen(admin.page, "mail-spanish-signature");
  } finally {
    await admin.context.close();
  }
});
