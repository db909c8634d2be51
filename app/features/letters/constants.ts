export { LETTER_STATUSES, SIGNATURE_STATUSES, type LetterStatus, type SignatureStatus } from "~/lib/vocabularies";

/** Languages a letter's text can be written in (the site's languages, plus a few common ones). */
export const LETTER_LANGUAGES = ["en", "fr", "es", "pt", "ar", "de"] as const;
