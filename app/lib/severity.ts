import { SEVERITIES, type Severity } from "~/lib/vocabularies";

/** The most severe of a set of severities, or null for none (the map's "no open threats"). */
export function highestSeverity(severities: Iterable<Severity>): Severity | null {
  let best = -1;
  for (const severity of severities) best = Math.max(best, SEVERITIES.indexOf(severity));
  return best === -1 ? null : SEVERITIES[best];
}
