import crypto from "node:crypto";

/**
 * `length` characters of a 32-letter alphabet, 5 random bits each: the default 32 make 160 bits
 * (Lucia's recommended token shape; ASVS asks at least 128 for a session token).
 */
export function randomToken(length = 32): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  const buf = crypto.randomBytes(length);
  let out = "";
  for (const byte of buf) out += alphabet[byte & 31];
  return out;
}

export function sha256Hex(value: string): string {
  return crypto.createHash("sha256").update(value).digest("hex");
}

export function constantTimeEqualHex(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
