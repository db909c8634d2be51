import { describe, expect, it } from "vitest";
import { hashPassword, isCommonPassword, verifyPassword } from "~/features/auth/password.server";

describe("passwords", () => {
  it("hashes with argon2id at OWASP parameters and verifies", async () => {
    const hash = await hashPassword("a long enough passphrase");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "a long enough passphrase")).toBe(true);
    expect(await verifyPassword(hash, "a long enough passphrasE")).toBe(false);
  });

  it("refuses to verify against a missing hash", async () => {
    expect(await verifyPassword(null, "anything at all")).toBe(false);
  });

  it("knows the most common passwords, case-insensitively", () => {
    expect(isCommonPassword("Password1234")).toBe(true);
    expect(isCommonPassword("qwertyuiop123")).toBe(true);
    expect(isCommonPassword("violet-harbour-tractor-91")).toBe(false);
  });
});
