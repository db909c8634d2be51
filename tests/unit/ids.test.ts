import { describe, expect, it } from "vitest";
import { idField, MAX_ID, parseId } from "../../app/lib/ids";

describe("ids typed by clients", () => {
  it("accepts 1..2^31-1 written as digits, and nothing else", () => {
    expect(parseId("1")).toBe(1);
    expect(parseId(String(MAX_ID))).toBe(MAX_ID);
    // PostgreSQL ids are 32-bit: a larger number in a query is an error there, so it is refused here.
    for (const bad of [String(MAX_ID + 1), "999999999999", "1e308", "0", "-1", "1.5", " 1", "", null, 7]) {
      expect(parseId(bad), String(bad)).toBeNull();
    }
  });

  it("gives form schemas the same bound", () => {
    expect(idField().safeParse(String(MAX_ID)).success).toBe(true);
    expect(idField().safeParse("1e308").success).toBe(false);
    expect(idField().safeParse(String(MAX_ID + 1)).success).toBe(false);
  });
});
