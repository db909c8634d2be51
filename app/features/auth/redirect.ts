/**
 * Only same-site paths: never `//evil.example` or `/\evil.example`. What is left is made a valid
 * header value: control characters refuse the path, other characters (é, €) are percent-encoded.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/account"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(to) || to.length > 2000) return fallback;
  if (/^[\x21-\x7e]*$/.test(to)) return to;
  try {
    const url = new URL(to, "http://localhost");
    const encoded = url.pathname + url.search + url.hash;
    return url.host === "localhost" && /^\/(?![/\\])[\x21-\x7e]*$/.test(encoded) ? encoded : fallback;
  } catch {
    return fallback;
  }
}
