import { all, type MatrixArea } from "./expectations";

export const area: MatrixArea = {
  entries: {
    // Resend's webhook: POST only, authenticated by its signature (tests/integration/letters-webhook.test.ts).
    "routes/webhooks.resend": { path: "/webhooks/resend", expect: all(405) },
  },
};
