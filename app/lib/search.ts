/** Text for a portable `LIKE` search: lower-cased, accents folded, whitespace collapsed. */
export function searchable(...parts: Array<string | null | undefined>): string {
  return parts
    .filter(Boolean)
    .join(" ")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** A LIKE pattern for a user's query, with LIKE's own wildcards escaped (use with ESCAPE '\\'). */
export function likePattern(query: string): string {
  return `%${searchable(query).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The key that makes two organisation names the same name: compatibility-decomposed, combining
 * marks dropped, lower-cased, whitespace collapsed ("Électronique  Libre" → "electronique libre").
 * Computed here rather than in SQL so that SQLite and PostgreSQL agree on it.
 */
export function foldName(name: string): string {
  return name.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();
}
