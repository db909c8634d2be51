import { describe, expect, it } from "vitest";
import { CLASSIFICATIONS } from "~/lib/vocabularies";
import { deriveStage } from "~/features/threats/stage";

describe("stage derivation", () => {
  it("has no stage before the first action", () => {
    expect(deriveStage([])).toEqual({ stage: null, stage_on: null });
  });

  it.each(CLASSIFICATIONS)("a latest action classified %s gives that stage", (classification) => {
    const actions = [
      { id: 1, occurred_on: "2023-01-10", classification: "introduced" as const },
      { id: 2, occurred_on: "2024-06-01", classification },
      { id: 3, occurred_on: "2023-05-02", classification: "committee" as const },
    ];
    expect(deriveStage(actions)).toEqual({ stage: classification, stage_on: "2024-06-01" });
  });

  it("follows the dates, not the order of entry", () => {
    const enteredLate = [
      { id: 7, occurred_on: "2022-03-01", classification: "enacted" as const },
      { id: 8, occurred_on: "2021-11-20", classification: "introduced" as const },
      { id: 9, occurred_on: "2022-01-15", classification: "passed_legislature" as const },
    ];
    expect(deriveStage(enteredLate).stage).toBe("enacted");
  });

  it("on the same date, the action recorded last wins", () => {
    const sameDay = [
      { id: 20, occurred_on: "2024-02-02", classification: "passed_chamber" as const },
      { id: 21, occurred_on: "2024-02-02", classification: "defeated" as const },
    ];
    expect(deriveStage(sameDay).stage).toBe("defeated");
    expect(deriveStage([...sameDay].reverse()).stage).toBe("defeated");
  });
});
