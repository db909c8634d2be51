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
