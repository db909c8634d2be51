/**
 * Passwords that are long enough but still easy to guess for someone who knows the account or the
 * site: the e-mail address's local part, the site's name, one character repeated, a keyboard row.
 * Shared by the browser and the server; each rule answers with the i18n key of its field message.
 */

const letters = (value: string) => value.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/**
 * The site's name as every locale spells it (`common:app.name`; a test keeps the two in step).
 * Written out rather than read from the locale files, which the browser loads one language at a
 * time.
 */
export const SITE_NAME_SPELLINGS = ["Encryption Advocacy Hub", "Plateforme de défense du chiffrement"];
const SITE_NAMES = [...new Set(SITE_NAME_SPELLINGS.map(letters))];

// Rows of the QWERTY, AZERTY and QWERTZ layouts, and the digits.
const KEYBOARD_ROWS = [
  "1234567890",
  "qwertyuiop",
  "asdfghjkl",
  "zxcvbnm",
  "azertyuiop",
  "qsdfghjklm",
  "wxcvbn",
  "qwertzuiop",
  "yxcvbnm",
];

function isKeyboardRun(password: string): boolean {
  const compact = password.toLowerCase().replace(/\s+/g, "");
  if (compact.length < 4) return false;
  return KEYBOARD_ROWS.some((row) => {
    const reversed = [...row].reverse().join("");
    const times = Math.ceil(compact.length / row.length) + 1;
    return row.repeat(times).includes(compact) || reversed.repeat(times).includes(compact);
  });
}

export function passwordRuleViolation(password: string, context: { email?: string } = {}): string | null {
  if (password.length > 0 && [...password].every((char) => char === password[0])) return "validation.password.repeated";
  if (isKeyboardRun(password)) return "validation.password.keyboard";
  const compact = letters(password);
  if (SITE_NAMES.some((name) => compact.includes(name))) return "validation.password.siteName";
  const localPart = letters(context.email?.split("@")[0] ?? "");
  if (localPart.length >= 4 && compact.includes(localPart)) return "validation.password.email";
  return null;
}
