/**
 * `npx tsx scripts/world-map.ts`: writes `app/assets/world-map.svg`, the shapes of the world map as
 * one static file the pages point at (`<use href="…#ke">`), cached by browsers and sent
 * pre-compressed. The shapes are @svg-maps/world's (CC BY 4.0, credited under every map),
 * simplified: each ring's points thinned with Douglas–Peucker (simplify-js) to a tolerance below
 * what a screen shows at the map's size, slivers dropped, coordinates rounded to a tenth of a unit.
 *
 * It also writes `app/assets/world-map-shapes.json`, the shapes' ids in drawing order.
 * `tests/unit/world-map-asset.test.ts` fails when the committed files are not what this writes.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import world from "@svg-maps/world";
import simplify from "simplify-js";
import svgpath from "svgpath";

interface Location {
  id: string;
  name: string;
  path: string;
}
interface MapData {
  viewBox: string;
  locations: Location[];
}
type Point = { x: number; y: number };

/** In map units (the map is 1010 wide): a third of a pixel when shown 1010 px wide. */
const TOLERANCE = 0.35;
/** Rings smaller than this (in square units) vanish unless they are the country's largest. */
const MIN_RING_AREA = 0.6;

const ASSETS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../app/assets");
export const WORLD_MAP_FILE = path.join(ASSETS, "world-map.svg");
/** The shapes' ids in drawing order, for the pages to point at without loading the shapes. */
export const WORLD_MAP_IDS_FILE = path.join(ASSETS, "world-map-shapes.json");

function ringsOf(d: string): Point[][] {
  const rings: Point[][] = [];
  let ring: Point[] = [];
  svgpath(d)
    .abs()
    .unshort()
    .iterate((segment, _index, x, y) => {
      const command = segment[0];
      if (command === "M") {
        if (ring.length) rings.push(ring);
        ring = [{ x: segment[1], y: segment[2] }];
      } else if (command === "Z" || command === "z") {
        if (ring.length) rings.push(ring);
        ring = [];
      } else {
        // Only straight segments occur in these shapes; any other command keeps its end point.
        const end = segment.slice(-2) as number[];
        ring.push(command === "H" ? { x: end[1], y } : command === "V" ? { x, y: end[1] } : { x: end[0], y: end[1] });
      }
    });
  if (ring.length) rings.push(ring);
  return rings;
}

function area(ring: Point[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    sum += (ring[j].x + ring[i].x) * (ring[j].y - ring[i].y);
  return Math.abs(sum / 2);
}

function simplifiedPath(d: string): string {
  const original = ringsOf(d);
  const largest = original.reduce((best, ring) => (area(ring) > area(best) ? ring : best), original[0]);
  const kept = original.flatMap((ring) => {
    const simple = simplify(ring, TOLERANCE, true);
    // A small island state keeps its outline: thinning would flatten it into a line.
    if (ring === largest) return [area(simple) >= area(ring) / 2 ? simple : ring];
    return simple.length >= 3 && area(simple) >= MIN_RING_AREA ? [simple] : [];
  });
  const absolute = kept.map((ring) => `M${ring.map((p) => `${p.x} ${p.y}`).join("L")}Z`).join("");
  return svgpath(absolute).rel().round(1).toString();
}

export function worldMapIds(): string {
  return `${JSON.stringify((world as unknown as MapData).locations.map((l) => l.id))}\n`;
}

/** The sprite: one `<path id="…">` per location (lower-case ISO code), no fill of its own. */
export function worldMapSprite(): string {
  const data = world as unknown as MapData;
  const paths = data.locations.map((l) => `<path id="${l.id}" d="${simplifiedPath(l.path)}"/>`).join("\n");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${data.viewBox}">\n` +
    `<!-- Shapes: @svg-maps/world by Victor Cazanave, CC BY 4.0, simplified. -->\n${paths}\n</svg>\n`
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  fs.writeFileSync(WORLD_MAP_FILE, worldMapSprite());
  fs.writeFileSync(WORLD_MAP_IDS_FILE, worldMapIds());
  process.stdout.write(
    `wrote ${path.relative(process.cwd(), WORLD_MAP_FILE)} (${fs.statSync(WORLD_MAP_FILE).size} bytes)\n`,
  );
}
