import { describe, expect, it } from "vitest";
import { hasChapterLog, landingPath } from "../../app/features/auth/landing";

describe("where people land after signing in", () => {
  it("chapter leads and members with a chapter land on their log", () => {
    expect(landingPath({ role: "chapter_lead", chapter_id: 3 })).toBe("/actions");
    expect(landingPath({ role: "chapter_member", chapter_id: 3 })).toBe("/actions");
  });

  it("chapter people without a chapter (no log to show) and the other roles land on their account", () => {
    expect(landingPath({ role: "chapter_member", chapter_id: null })).toBe("/account");
    expect(hasChapterLog({ role: "chapter_lead", chapter_id: null })).toBe(false);
    for (const role of ["admin", "staff", "coalition_member"] as const) {
      expect(landingPath({ role, chapter_id: null }), role).toBe("/account");
      // A stray chapter id on another role does not make it chapter staff.
      expect(landingPath({ role, chapter_id: 3 }), role).toBe("/account");
    }
  });
});
