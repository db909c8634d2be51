import { expect, test, type Page, type Request } from "@playwright/test";
import { DEMO_ACCOUNTS, E2E_DEMO_PASSWORD, describedValue, screen, signIn, signOut, submitLogin } from "./helpers";

/**
 * Runs `submit` and returns the POST it caused, checked to be what a plain HTML form sends: the
 * browser navigating to `path` with a url-encoded body, not a script's fetch.
 */
async function formPost(page: Page, path: string, submit: () => Promise<void>): Promise<Request> {
  const posted = page.waitForRequest((request) => request.method() === "POST");
  await submit();
  const request = await posted;
  expect(request.resourceType(), "the POST is a document request").toBe("document");
  expect(request.isNavigationRequest()).toBe(true);
  expect(request.frame()).toBe(page.mainFrame());
  expect(new URL(request.url()).pathname).toBe(path);
  expect(await request.headerValue("content-type")).toBe("application/x-www-form-urlencoded");
  return request;
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  /** Requests a script would make; with scripts off there must be none. */
  let scripted: string[] = [];
  test.beforeEach(({ page }) => {
    scripted = [];
    page.on("request", (request) => {
      if (request.resourceType() === "fetch" || request.resourceType() === "xhr") {
        scripted.push(`${request.method()} ${request.url()}`);
      }
    });
  });
  test.afterEach(() => {
    expect(scripted, "fetch or XHR requests").toEqual([]);
  });

  test("the page really runs without scripts", async ({ page }) => {
    await page.goto("/login");
    // Remix's inline script sets window.__remixContext before hydrating; with scripts off it never runs.
    const hydrated = await page.evaluate(() => "__reactRouterContext" in window || "__remixContext" in window);
    expect(hydrated).toBe(false);
  });

  test("signing in, a form error, and signing out all work as plain HTML forms", async ({ page }) => {
    const account = DEMO_ACCOUNTS.chapterLead;

    const failed = await formPost(page, "/login", () =>
      submitLogin(page, account.email, "wrong password for the lead"),
    );
    expect(new URLSearchParams(failed.postData() ?? "").get("email")).toBe(account.email);
    // The server answers the document itself: the form again, with its error.
    expect((await failed.response())?.status()).toBe(400);
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("alert")).toHaveText("The e-mail address or the password is not right.");
    // The page comes back from the server: the address is echoed, the password never is.
    await expect(page.getByLabel("E-mail address", { exact: true })).toHaveValue(account.email);
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");

    const signedIn = await formPost(page, "/login", () => signIn(page, account.email, E2E_DEMO_PASSWORD));
    // Post/Redirect/Get: the browser follows the server's redirect to the chapter lead's log.
    expect((await signedIn.response())?.status()).toBe(302);
    expect(new URL(signedIn.redirectedTo()?.url() ?? "").pathname).toBe("/actions");
    expect(signedIn.redirectedTo()?.method()).toBe("GET");
    await expect(describedValue(page, "Role")).toHaveText("Chapter lead");
    await expect(describedValue(page, "Belongs to")).toHaveText("Kenya Chapter");
    await screen(page, "account-no-javascript");

    const signedOut = await formPost(page, "/logout", () => signOut(page));
    expect((await signedOut.response())?.status()).toBe(302);
    expect(new URL(signedOut.redirectedTo()?.url() ?? "").pathname).toBe("/");
  });
});
