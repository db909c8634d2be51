/** Gmail ignores dots and treats googlemail.com as gmail.com. */
export const GMAIL_DOMAINS = ["gmail.com", "googlemail.com"];

/**
 * The form of an address used to find duplicates: lower case, without a `+tag`, and for Gmail
 * without dots. Never used to send mail.
 */
export function normaliseEmail(address: string): string {
  const value = address.trim().toLowerCase();
  const at = value.lastIndexOf("@");
  if (at < 1) return value;
  let local = value.slice(0, at);
  let domain = value.slice(at + 1);
  if (GMAIL_DOMAINS.includes(domain)) {
    local = local.split("+")[0].replace(/\./g, "");
    domain = "gmail.com";
  } else {
    local = local.split("+")[0];
  }
  return `${local}@${domain}`;
}
