import { createApiKey } from "~/features/api-keys/keys.server";
import { registerEndpoint } from "~/features/webhooks/endpoints.server";
import { db } from "../../../db/connection";
import { adminOnly, type MatrixArea } from "./expectations";

/** The webhook endpoints of an API key: admins only. */
export const area: MatrixArea = {
  entries: {
    "routes/admin.api-keys.$id_.webhooks._index": { path: "/admin/api-keys/:apiKey/webhooks", expect: adminOnly },
    "routes/admin.api-keys.$id_.webhooks.$endpointId": {
      path: "/admin/api-keys/:apiKey/webhooks/:webhook",
      expect: adminOnly,
    },
  },
  notFound: [
    { path: "/admin/api-keys/999999/webhooks", as: "admin" },
    { path: "/admin/api-keys/999999/webhooks/1", as: "admin" },
    { path: "/admin/api-keys/abc/webhooks", as: "admin" },
  ],
  setup: async () => {
    const admin = await db.selectFrom("users").selectAll().where("role", "=", "admin").executeTakeFirstOrThrow();
    const { key } = await createApiKey(admin, { name: "Matrix webhooks", access: "read", resources: ["signatures"] });
    // A public address literal: registered without a DNS lookup. One event only: "threat.changed" in
    // the audit page's JSON would read to the translations walk like a raw translation key.
    const endpoint = await registerEndpoint(
      admin,
      key.id,
      { intent: "register", url: "https://93.184.215.14/hooks", events: ["signature.confirmed"] },
      { allowPrivate: false },
    );
    if (!endpoint.ok) throw new Error("the matrix's webhook endpoint was refused");
    return { apiKey: String(key.id), webhook: String(endpoint.id) };
  },
};
