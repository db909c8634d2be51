/**
 * The layer rules of docs/decisions/0022-layer-rules.md are lint rules: each case is a file that
 * breaks one rule, linted with the project's own configuration, and must fail.
 */
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("layer rules", () => {
  const breaks: Array<[string, string, string, RegExp]> = [
    [
      "a relative import in app/",
      "app/features/threats/probe.ts",
      'import { x } from "./queries.server";',
      /Import by alias/,
    ],
    ["a parent import in app/", "app/routes/probe.tsx", 'import { x } from "../lib/format";', /Import by alias/],
    [
      "a feature importing a route",
      "app/features/letters/probe.ts",
      'import { x } from "~/routes/letters._index";',
      /never import routes/,
    ],
    [
      "a component importing root.tsx",
      "app/components/probe.tsx",
      'import { useRootData } from "~/root";',
      /never import routes or root/,
    ],
    [
      "a route importing db/",
      "app/routes/probe.tsx",
      'import { db } from "~db/connection";',
      /Routes do not touch the database/,
    ],
    [
      "features/email importing a feature",
      "app/features/email/probe.ts",
      'import { x } from "~/features/campaigns/delivery.server";',
      /knows no other feature/,
    ],
    [
      "db/ importing a feature",
      "db/schema/probe.ts",
      'import type { X } from "../../app/features/threats/queries.server";',
      /never import features/,
    ],
    [
      "emails/ importing a feature",
      "emails/probe.tsx",
      'import { x } from "../app/features/campaigns/template";',
      /never import features/,
    ],
    [
      "db/ seeds importing a feature",
      "db/seeds/probe.ts",
      'import { hashPassword } from "../../app/features/auth/password.server";',
      /never import features/,
    ],
    ["db/ importing the demo data", "db/probe.ts", 'import { seedDemo } from "../demo/demo";', /demo data/],
    [
      "the demo data importing a route",
      "demo/probe.ts",
      'import { x } from "../app/routes/letters._index";',
      /never through routes/,
    ],
    [
      "parseWithZod straight from Conform",
      "app/features/threats/probe.ts",
      'import { parseWithZod } from "@conform-to/zod";',
      /parse-form/,
    ],
  ];

  for (const [name, filePath, code, message] of breaks) {
    it(`refuses ${name}`, async () => {
      const messages = await restrictedImports(filePath, code);
      expect(
        messages.some((m) => message.test(m)),
        messages.join("\n") || "no error",
      ).toBe(true);
    });
  }

  it("allows what the layers permit", async () => {
    expect(
      await restrictedImports("app/features/email/probe.ts", 'import { x } from "~/features/email/outbox.server";'),
    ).toEqual([]);
    expect(
      await restrictedImports("app/features/email/probe.ts", 'import { x } from "~/features/security/log.server";'),
    ).toEqual([]);
    expect(await restrictedImports("app/routes/probe.tsx", 'import { useRootData } from "~/root";')).toEqual([]);
    expect(await restrictedImports("app/features/letters/probe.ts", 'import { db } from "~db/connection";')).toEqual(
      [],
    );
    expect(
      await restrictedImports("db/schema/probe.ts", 'import { ROLES } from "../../app/lib/vocabularies";'),
    ).toEqual([]);
    expect(
      await restrictedImports("demo/probe.ts", 'import { hashPassword } from "../app/features/auth/password.server";'),
    ).toEqual([]);
  });
});
