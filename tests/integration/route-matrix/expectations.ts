import type { User } from "../../../db/schema";
import type { DEMO } from "../../support/app-server";

export type Who = "anonymous" | keyof typeof DEMO;
export const EVERYONE: Who[] = ["anonymous", "admin", "staff", "chapter_lead", "chapter_member", "coalition_member"];
export type Expectation = Record<Who, number>;

export const all = (status: number): Expectation => Object.fromEntries(EVERYONE.map((w) => [w, status])) as Expectation;
export const signedIn = (status: number): Expectation => ({ ...all(status), anonymous: 302 });
export const staffOnly: Expectation = {
  anonymous: 302,
  admin: 200,
  staff: 200,
  chapter_lead: 403,
  chapter_member: 403,
  coalition_member: 403,
};
export const adminOnly: Expectation = { ...staffOnly, staff: 403 };
export const anonymousOnly: Expectation = { ...all(302), anonymous: 200 };

/**
 * One area's part of the matrix, in `tests/integration/route-matrix/<area>.matrix.ts` (found by
 * glob; the core pages are accounts, threats, coalition and letters). `entries`: route id (as in the build) → a concrete path and who gets what; `:name` in a
 * path is filled from the params that `setup` returns. `notFound`: paths that must answer 404.
 */
export interface MatrixArea {
  entries: Record<string, { path: string; expect: Expectation }>;
  notFound?: Array<{ path: string; as: Who }>;
  /**
   * Creates the objects the paths name (the demo seed is loaded); returns `:name` → value. The
   * route matrix and the fuzz test both run every area's setup against their own server.
   */
  setup?: (context: { staff: User; baseUrl: string }) => Promise<Record<string, string>>;
}
