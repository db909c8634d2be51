import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { WORLD_MAP_FILE, WORLD_MAP_IDS_FILE, worldMapIds, worldMapSprite } from "../../scripts/world-map";

describe("the world map's shapes file", () => {
  const sprite = worldMapSprite();

  it("is what scripts/world-map.ts writes (run it after changing the shapes or the simplification)", () => {
    expect(fs.readFileSync(WORLD_MAP_FILE, "utf8")).toBe(sprite);
    expect(fs.readFileSync(WORLD_MAP_IDS_FILE, "utf8")).toBe(worldMapIds());
  });

  it("has one shape with an id for every location, each a closed drawing, and credits its source", () => {
    const ids = JSON.parse(worldMapIds()) as string[];
    expect(ids.length).toBeGreaterThan(240);
    for (const id of ids) expect(sprite).toMatch(new RegExp(`<path id="${id}" d="M[^"]+z"/>`));
    // Small states keep a shape: they would otherwise vanish from the map and its keyboard order.
    for (const id of ["mt", "sg", "lu", "bh"]) expect(sprite).toContain(`<path id="${id}" d="M`);
    expect(sprite).toContain("CC BY 4.0");
  });

  it("is a fraction of the original's weight", () => {
    expect(Buffer.byteLength(sprite)).toBeLessThan(200_000);
  });
});
