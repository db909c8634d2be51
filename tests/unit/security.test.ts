import { describe, expect, it } from "vitest";
import { safeRedirect } from "~/features/auth/redirect";
import { isCrossSiteRequest } from "~/features/security/csrf.server";

const APP = "https://hub.example.org";

describe("cross-site request check", () => {
  it("lets reads through whatever their origin", () => {
    expect(isCrossSiteRequest("GET", { origin: "https://evil.example" }, APP)).toBe(false);
    expect(isCrossSiteRequest("HEAD", {}, APP)).toBe(false);
  });

  it("trusts the browser's Sec-Fetch-Site when it is sent", () => {
    expect(isCrossSiteRequest("POST", { "sec-fetch-site": "same-origin" }, APP)).toBe(false);
    expect(isCrossSiteRequest("POST", { "sec-fetch-site": "none" }, APP)).toBe(false);
    expect(isCrossSiteRequest("POST", { "sec-fetch-site": "same-site" }, APP)).toBe(true);
    expect(isCrossSiteRequest("POST", { "sec-fetch-site": "cross-site", origin: APP }, APP)).toBe(true);
  });

  it("falls back to Origin against the app's address or the Host header", () => {
    expect(isCrossSiteRequest("POST", { origin: APP }, APP)).toBe(false);
    expect(isCrossSiteRequest("POST", { origin: "http://127.0.0.1:4000", host: "127.0.0.1:4000" }, APP)).toBe(false);
    expect(isCrossSiteRequest("DELETE", { origin: "https://evil.example", host: "hub.example.org" }, APP)).toBe(true);
    expect(isCrossSiteRequest("POST", { origin: "null" }, APP)).toBe(true);
  });

  it("refuses a write that names no origin at all", () => {
    expect(isCrossSiteRequest("POST", { host: "hub.example.org" }, APP)).toBe(true);
  });
});

describe("safe redirects", () => {
  it("keeps same-site paths with their query", () => {
    expect(safeRedirect("/staff/mail?status=failed")).toBe("/staff/mail?status=failed");
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "https://evil.example",
    "javascript:alert(1)",
    "/a\r\nSet-Cookie: x=1",
    "",
    null,
  ])("falls back for %j", (target) => {
    expect(safeRedirect(target, "/home")).toBe("/home");
  });
});
