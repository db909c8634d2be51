/**
 * The setup projects (see playwright.config.ts): each demo role the project's specs use signs in
 * once through the sign-in form, and its browser state (the session cookie) is saved for them to
 * reuse (see `asRole` and `switchToRole` in helpers.ts).
 */
import { expect, test as setup } from "@playwright/test";
import { DEMO_ACCOUNTS, SESSION_COOKIE, authStateFile, signIn, type DemoAccountKey } from "./helpers";

setup("the demo roles sign in once and their sessions are saved", async ({ browser }, testInfo) => {
  const wanted: unknown = testInfo.project.metadata.roles;
  const roles = Array.isArray(wanted) ? (wanted as DemoAccountKey[]) : (Object.keys(DEMO_ACCOUNTS) as DemoAccountKey[]);
  for (const role of roles) {
    await setup.step(`${role}: ${DEMO_ACCOUNTS[role].email}`, async () => {
      // A fresh browser per role: nothing of the previous role's session carries over.
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await signIn(page, DEMO_ACCOUNTS[role].email);
        const state = await context.storageState({ path: authStateFile(role, testInfo) });
        expect(state.cookies.filter((c) => c.name === SESSION_COOKIE)).toHaveLength(1);
      } finally {
        await context.close();
      }
    });
  }
});
