/**
 * Who a campaign's letters go to, as pure rules over lawmaker rows (recipients.server.ts loads the
 * rows). A campaign writes to the lawmakers matching its rule, or an explicit list; when the sender
 * picks a constituency, only the candidates representing it; when nobody is left, the fallback.
 */

export interface RecipientRule {
  jurisdiction: string | null;
  body: string | null;
  /** Empty means any constituency. */
  constituencies: string[];
}

export interface CandidateLawmaker {
  id: number;
  jurisdiction_code: string;
  body: string;
  constituency: string | null;
}

export function matchesRule(lawmaker: CandidateLawmaker, rule: RecipientRule): boolean {
  if (rule.jurisdiction && lawmaker.jurisdiction_code !== rule.jurisdiction) return false;
  if (rule.body && lawmaker.body !== rule.body) return false;
  if (rule.constituencies.length > 0) {
    if (!lawmaker.constituency) return false;
    if (!rule.constituencies.some((c) => representsConstituency(lawmaker.constituency, c))) return false;
  }
  return true;
}

/**
 * A lawmaker represents a sender's constituency when theirs is the same or is its prefix before
 * "-": senators of "WA" and the representative of "WA-07" both represent a sender in "WA-07".
 */
export function representsConstituency(lawmakerConstituency: string | null, senderConstituency: string): boolean {
  if (!lawmakerConstituency) return false;
  const mine = lawmakerConstituency.trim().toLowerCase();
  const theirs = senderConstituency.trim().toLowerCase();
  if (!mine || !theirs) return false;
  return mine === theirs || theirs.startsWith(`${mine}-`);
}

export interface SenderPlace {
  jurisdiction: string | null;
  constituency: string;
}

/**
 * The lawmakers one sender writes to, in the candidates' order: all candidates, or, when the
 * campaign asks the sender's constituency, those representing it; the fallback when none is left.
 */
export function resolveRecipients<L extends CandidateLawmaker>(
  candidates: readonly L[],
  options: { senderPicksConstituency: boolean; place: SenderPlace | null; fallback: L | null },
): L[] {
  let chosen: L[] = [...candidates];
  if (options.senderPicksConstituency) {
    const place = options.place;
    chosen = place
      ? chosen.filter(
          (l) =>
            (!place.jurisdiction || l.jurisdiction_code === place.jurisdiction) &&
            representsConstituency(l.constituency, place.constituency),
        )
      : [];
  }
  if (chosen.length === 0 && options.fallback) return [options.fallback];
  return chosen;
}

/** The places a sender can pick: the candidates' distinct jurisdiction and constituency pairs. */
export function constituencyChoices(candidates: readonly CandidateLawmaker[]): SenderPlace[] {
  const seen = new Map<string, SenderPlace>();
  for (const l of candidates) {
    if (!l.constituency) continue;
    const key = placeValue({ jurisdiction: l.jurisdiction_code, constituency: l.constituency });
    if (!seen.has(key)) seen.set(key, { jurisdiction: l.jurisdiction_code, constituency: l.constituency });
  }
  return [...seen.values()].sort(
    (a, b) =>
      (a.jurisdiction ?? "").localeCompare(b.jurisdiction ?? "") ||
      a.constituency.localeCompare(b.constituency, "en", { numeric: true }),
  );
}

/** A place as one form value: `US:WA-07`. */
export function placeValue(place: SenderPlace): string {
  return `${place.jurisdiction ?? ""}:${place.constituency}`;
}

export function parsePlaceValue(value: string): SenderPlace | null {
  const at = value.indexOf(":");
  if (at < 0) return null;
  const jurisdiction = value.slice(0, at).trim().toUpperCase();
  const constituency = value.slice(at + 1).trim();
  if (!constituency || (jurisdiction && !/^([A-Z]{2}|EU|INT)$/.test(jurisdiction))) return null;
  return { jurisdiction: jurisdiction || null, constituency };
}

/** Constituencies typed by staff, one per line or separated by commas. */
export function parseConstituencyList(text: string | null | undefined): string[] {
  return [
    ...new Set(
      (text ?? "")
        .split(/[\n,;]+/)
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ];
}

export function ruleConstituenciesFromJson(json: string | null): string[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((c): c is string => typeof c === "string") : [];
  } catch {
    return [];
  }
}
