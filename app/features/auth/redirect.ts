/** Only same-site paths: never `//evil.example` or `/\evil.example`. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/account"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\r\n\t]/.test(to) || to.length > 2000) return fallback;
  return to;
}
