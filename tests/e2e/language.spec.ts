import { expect, test } from "@playwright/test";
import { mainNav, screen } from "./helpers";

test("the language switcher turns the site French, keeps it across pages, and switches back", async ({ page }) => {
  await page.goto("/threats");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(mainNav(page).getByRole("link", { name: "Threats", exact: true })).toBeVisible();

  await page.getByLabel("Language", { exact: true }).selectOption({ label: "Français" });
  await page.getByRole("button", { name: "Change", exact: true }).click();

  // Same page, now in French.
  await expect(page).toHaveURL(/\/threats$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  const frenchNav = mainNav(page, "Rubriques principales");
  await expect(frenchNav.getByRole("link", { name: "Menaces", exact: true })).toBeVisible();
  await expect(frenchNav.getByRole("link", { name: "Threats", exact: true })).toHaveCount(0);
  await expect(page.getByLabel("Langue", { exact: true })).toHaveValue("fr");

  // Persisted: a new page load (home) and a client-side navigation (sign-in) stay French.
  await page.goto("/");
  await expect(
    page.getByRole("heading", { level: 1, name: "Défendre le chiffrement. Garder Internet ouvert." }),
  ).toBeVisible();
  await expect(frenchNav.getByRole("link", { name: "Événements", exact: true })).toBeVisible();
  await screen(page, "home-french");
  await page.getByRole("banner").getByRole("link", { name: "Se connecter", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { level: 1, name: "Connexion" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Se connecter", exact: true })).toBeVisible();
  await expect(page.getByLabel("Adresse e-mail", { exact: true })).toBeVisible();
  await expect(page).toHaveTitle(/^Connexion · /);
  await screen(page, "login-french");

  // And back to English.
  await page.getByLabel("Langue", { exact: true }).selectOption({ label: "English" });
  await page.getByRole("button", { name: "Changer", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(mainNav(page).getByRole("link", { name: "Threats", exact: true })).toBeVisible();
  await page.goto("/");
  await expect(
    page.getByRole("heading", { level: 1, name: "Defend encryption. Keep the Internet open." }),
  ).toBeVisible();
});
