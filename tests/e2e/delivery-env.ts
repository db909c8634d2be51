/**
 * Where the `delivery` Playwright project's servers listen, shared by playwright.config.ts and
 * letters-delivery.spec.ts (both compute it from the same environment, in every process).
 */
export const DELIVERY_PORT = Number(process.env.E2E_DELIVERY_PORT ?? 3230);
export const DELIVERY_BASE_URL = `http://localhost:${DELIVERY_PORT}`;
export const RESEND_SERVER_PORT = Number(process.env.E2E_RESEND_PORT ?? 3231);
export const RESEND_SERVER_URL = `http://127.0.0.1:${RESEND_SERVER_PORT}`;
/** Any key: the local server only checks that there is one. */
export const RESEND_TEST_API_KEY = "re_e2e_local_server";
/** The Svix signing secret the delivery server verifies webhooks with; the spec signs with it. */
export const RESEND_TEST_WEBHOOK_SECRET =
  process.env.E2E_RESEND_WEBHOOK_SECRET ?? `whsec_${Buffer.from("e2e webhook secret, not secret").toString("base64")}`;
