import { searchable } from "~/lib/search";

/** The query parameter of the picker's search box (a GET round-trip without JavaScript). */
export const PICKER_QUERY = "threat_q";

export interface PickerThreatRow {
  id: number;
  slug: string;
  title: string;
  short_name: string | null;
  identifier: string | null;
  jurisdiction_code: string;
  first_seen_on: string;
}

export interface PickerOption {
  id: number;
  slug: string;
  label: string;
  /** Folded text the search box matches: title, short name, identifier, country. */
  search: string;
}

/**
 * One option per threat, labelled by its title, sorted by title. Titles shared by several threats
 * (the same bill reintroduced, or two countries' "Online Safety Act") add the identifier, or the
 * country when there is none, and the year first seen: "EARN IT Act (S.1207, 2023)".
 */
export function pickerOptions(rows: readonly PickerThreatRow[]): PickerOption[] {
  const byTitle = new Map<string, number>();
  for (const row of rows) byTitle.set(searchable(row.title), (byTitle.get(searchable(row.title)) ?? 0) + 1);
  const labelled = rows.map((row) => {
    const shared = (byTitle.get(searchable(row.title)) ?? 0) > 1;
    const year = row.first_seen_on.slice(0, 4);
    return {
      id: row.id,
      slug: row.slug,
      label: shared ? `${row.title} (${row.identifier || row.jurisdiction_code}, ${year})` : row.title,
      search: searchable(row.title, row.short_name, row.identifier, row.jurisdiction_code),
    };
  });
  // Still the same label (same identifier and year): the address name tells them apart.
  const byLabel = new Map<string, number>();
  for (const o of labelled) byLabel.set(o.label, (byLabel.get(o.label) ?? 0) + 1);
  return labelled
    .map((o) => ((byLabel.get(o.label) ?? 0) > 1 ? { ...o, label: `${o.label} · ${o.slug}` } : o))
    .sort((a, b) => a.label.localeCompare(b.label, "en", { sensitivity: "base" }) || a.id - b.id);
}

/**
 * The options whose text contains every word of the query (accents and case folded), plus the
 * ones already chosen, so that a search never drops a choice. An empty query keeps them all.
 */
export function filterOptions<T extends { search: string }>(
  options: readonly T[],
  query: string | null | undefined,
  keep: (option: T) => boolean = () => false,
): T[] {
  const words = searchable(query ?? "")
    .split(" ")
    .filter(Boolean);
  if (!words.length) return [...options];
  return options.filter((o) => keep(o) || words.every((w) => o.search.includes(w)));
}
