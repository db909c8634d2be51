/** A text's paragraphs (separated by blank lines), each a list of lines, for escaped rendering. */
export function paragraphs(text: string): string[][] {
  return text
    .split(/\n{2,}/)
    .map((p) => p.split("\n"))
    .filter((lines) => lines.some((l) => l.trim() !== ""));
}
