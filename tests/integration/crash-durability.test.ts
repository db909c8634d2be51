/**
 * A short run of the crash loop (tests/crash/, `npm run test:crash` for the full one): the built
 * server on a copy of the seeded template database, signed at full speed and SIGKILLed three
 * times. No acknowledged signature may be lost, none may lack its confirmation mail, and SQLite's
 * integrity check must pass after every restart.
 */
import { afterAll, describe, expect, it } from "vitest";
import { runCrashLoop } from "../crash/crash-loop";
import { sqliteDatabase } from "../crash/database";
import { freePort } from "../crash/port";
import { TEMPLATE_DB, TEST_PASSWORD } from "../support/paths";

const database = sqliteDatabase({ template: TEMPLATE_DB });
afterAll(() => database.dispose());

describe("durability of acknowledged signatures across SIGKILL", () => {
  it("keeps every acknowledged signature and its mail, and the database intact", { timeout: 180_000 }, async () => {
    const result = await runCrashLoop({
      database,
      demoPassword: TEST_PASSWORD,
      port: await freePort(),
      trials: 3,
      clients: 16,
      killMinMs: 300,
      killMaxMs: 1500,
    });
    expect(result.trials).toHaveLength(3);
    expect(result.acknowledged).toBeGreaterThan(3);
    expect(result.refused).toBe(0);
    for (const trial of result.trials) {
      expect(trial.missing, `trial ${trial.trial}: acknowledged but not stored`).toEqual([]);
      expect(trial.mailMissing, `trial ${trial.trial}: stored without its mail`).toEqual([]);
      expect(trial.integrity).toBe("ok");
    }
    expect(result.found).toBe(result.acknowledged);
    expect(result.missing).toBe(0);
    expect(result.mailMissing).toBe(0);
    expect(result.finalIntegrity).toBe("ok");
    expect(result.ok).toBe(true);
  });
});
