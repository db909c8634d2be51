/**
 * Imported first by the server entry points. The built app always runs React's and Remix's
 * optimised builds (NODE_ENV=production); whether this is a production deployment (secrets
 * required, no demo data, Secure cookies) is APP_ENV's business, read by app/config.server.ts.
 */
process.env.APP_ENV ??= process.env.NODE_ENV === "production" ? "production" : "development";
process.env.NODE_ENV = "production";
