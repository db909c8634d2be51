/**
 * Text a person typed (their name, their organisation's name) as it goes into a mail sent to an
 * address they may not own: plain text, shortened, and with nothing a mail client would turn into
 * a link. Mail clients link anything that looks like a URL or a domain ("evil.example/login",
 * "www.x", "http://…"), so the dots between letters or digits become a one-dot leader (U+2024,
 * "․"), which reads the same but links nothing, and a scheme's "://" becomes ":⁄⁄" (U+2044).
 * React Email escapes HTML, so markup stays visible as text.
 */
export const PERSON_TEXT_MAX = 80;

const ELLIPSIS = "…";

export function personText(value: string, max = PERSON_TEXT_MAX): string {
  // One line: line breaks and other control characters become spaces.
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
  // Counted in code points, so a name is never cut inside a character.
  const chars = Array.from(flat);
  const short =
    chars.length > max
      ? `${chars
          .slice(0, max - 1)
          .join("")
          .trimEnd()}${ELLIPSIS}`
      : flat;
  return short
    .replace(/:\/\//g, ":\u2044\u2044")
    .replace(/([\p{L}\p{N}])[.\uFF0E\u3002]+(?=[\p{L}\p{N}])/gu, "$1\u2024");
}
