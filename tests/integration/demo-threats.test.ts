import { describe, expect, it } from "vitest";
import { db } from "../../db/connection";
import { DEMO_THREATS, demoThreatSlug, seedDemoThreats } from "../../demo/demo-threats";
import { ILLUSTRATIVE } from "../../demo/demo-threats.data";
import { deriveStage } from "~/features/threats/stage";
import { searchable } from "~/lib/search";

// The template database is built with seedDemo (tests/support/global-setup.ts), which seeds these.
// Other demo seeds (the targets' 2024 data) add a few threats and unlinked statements of their own.
const DEMO_SLUGS = DEMO_THREATS.map(demoThreatSlug);
async function count(table: "threats" | "threat_actions" | "policymaker_statements" | "follows" | "impact_ratings") {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("demo threats seed", () => {
  it("seeds every demo threat with its actions and statements", async () => {
    const demoThreats = await db.selectFrom("threats").select("id").where("slug", "in", DEMO_SLUGS).execute();
    expect(demoThreats).toHaveLength(DEMO_THREATS.length);
    expect(await count("threat_actions")).toBe(DEMO_THREATS.reduce((n, t) => n + t.actions.length, 0));
    const linked = await db
      .selectFrom("policymaker_statements")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("threat_id", "is not", null)
      .executeTakeFirstOrThrow();
    expect(Number(linked.n)).toBe(DEMO_THREATS.reduce((n, t) => n + (t.statements?.length ?? 0), 0));
    const jurisdictions = await db
      .selectFrom("threats")
      .select("jurisdiction_code")
      .distinct()
      .where("slug", "in", DEMO_SLUGS)
      .execute();
    expect(jurisdictions.map((j) => j.jurisdiction_code).sort()).toEqual(
      ["AU", "BR", "CA", "EU", "GB", "IN", "INT", "US"].sort(),
    );
    for (const identifier of ["S.3538", "S.1207", "S.1409", "S.1199", "S.1080", "C-63", "COM(2022) 209"]) {
      expect(
        await db.selectFrom("threats").select("id").where("identifier", "=", identifier).executeTakeFirst(),
      ).toBeDefined();
    }
  });

  it("says in every summary that dates are illustrative, and fills the search text", async () => {
    const threats = await db.selectFrom("threats").selectAll().where("slug", "in", DEMO_SLUGS).execute();
    for (const t of threats) {
      expect(t.summary.trim().split("\n").at(-1)).toBe(ILLUSTRATIVE);
      expect(t.search_text).toBe(searchable(t.title, t.short_name, t.identifier, t.summary));
      const categories = await db
        .selectFrom("threat_categories")
        .select("category")
        .where("threat_id", "=", t.id)
        .execute();
      expect(categories.length).toBeGreaterThan(0);
      const sources = await db.selectFrom("threat_sources").select("url").where("threat_id", "=", t.id).execute();
      expect(sources.length).toBeGreaterThan(0);
    }
  });

  it("relates EARN IT 2022 to its 2023 reintroduction", async () => {
    const relation = await db
      .selectFrom("threat_relations")
      .innerJoin("threats as old", "old.id", "threat_relations.threat_id")
      .innerJoin("threats as new", "new.id", "threat_relations.related_threat_id")
      .select(["old.identifier as from", "new.identifier as to", "threat_relations.relation"])
      .where("old.identifier", "=", "S.3538")
      .execute();
    expect(relation).toEqual([{ from: "S.3538", to: "S.1207", relation: "reintroduced_as" }]);
  });

  it("derives every stage from the threat's actions", async () => {
    const threats = await db
      .selectFrom("threats")
      .select(["id", "slug", "stage", "stage_on"])
      .where("slug", "in", DEMO_SLUGS)
      .execute();
    for (const t of threats) {
      const actions = await db
        .selectFrom("threat_actions")
        .select(["id", "occurred_on", "classification"])
        .where("threat_id", "=", t.id)
        .execute();
      expect(actions.length, t.slug).toBeGreaterThan(0);
      expect({ stage: t.stage, stage_on: t.stage_on }, t.slug).toEqual(deriveStage(actions));
    }
  });

  it("records outcomes with a reason and date, and rates every impact property", async () => {
    const decided = await db.selectFrom("threats").selectAll().where("outcome", "!=", "open").execute();
    expect(decided.length).toBeGreaterThan(0);
    for (const t of decided) {
      expect(t.outcome_reason).toBeTruthy();
      expect(t.outcome_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const change = await db.selectFrom("threat_outcome_changes").selectAll().where("threat_id", "=", t.id).execute();
      expect(change.map((c) => c.outcome)).toEqual([t.outcome]);
    }
    const assessment = await db
      .selectFrom("impact_assessments")
      .innerJoin("threats", "threats.id", "impact_assessments.threat_id")
      .select(["impact_assessments.id", "threats.identifier"])
      .executeTakeFirstOrThrow();
    expect(assessment.identifier).toBe("COM(2022) 209");
    const properties = await db.selectFrom("impact_properties").select("id").execute();
    const ratings = await db
      .selectFrom("impact_ratings")
      .select("property_id")
      .where("assessment_id", "=", assessment.id)
      .execute();
    expect(ratings.map((r) => r.property_id).sort((a, b) => a - b)).toEqual(
      properties.map((p) => p.id).sort((a, b) => a - b),
    );
  });

  it("makes the Kenya chapter's lead and member follow KE", async () => {
    const followers = await db
      .selectFrom("follows")
      .innerJoin("users", "users.id", "follows.user_id")
      .select("users.email")
      .where("follows.jurisdiction_code", "=", "KE")
      .orderBy("users.email")
      .execute();
    expect(followers.map((f) => f.email)).toEqual(["chapter@example.org", "lead@example.org"]);
  });

  it("is idempotent: a second call adds nothing", async () => {
    const before = await Promise.all([
      count("threats"),
      count("threat_actions"),
      count("follows"),
      count("impact_ratings"),
    ]);
    expect(await seedDemoThreats(db)).toBe(0);
    expect(
      await Promise.all([count("threats"), count("threat_actions"), count("follows"), count("impact_ratings")]),
    ).toEqual(before);
  });
});
