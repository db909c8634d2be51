import crypto from "node:crypto";

/** 160 random bits, base32-encoded without padding (Lucia's recommended token shape). */
export function randomToken(bytes = 20): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  const buf = crypto.randomBytes(bytes);
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
