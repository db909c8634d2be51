/**
 * What OSDI's record helpers (signature, attendance) share: a small JSON body, the inlined person
 * and the helper action functions, read strictly with messages named by their path in the body.
 */
import { z } from "zod";
import { OSDI_BODY_LIMIT } from "~/features/osdi/constants";
import type { Result } from "~/lib/result";

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const shortText = (max: number) =>
  z
    .string({ invalid_type_error: "must be a string" })
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !CONTROL.test(v), "must not contain control characters");
const names = z.array(shortText(100), { invalid_type_error: "must be an array of strings" }).max(20, "too many");

const EmailAddress = z.object(
  {
    address: shortText(254).optional(),
    primary: z.boolean({ invalid_type_error: "must be true or false" }).optional(),
    address_type: shortText(40).optional(),
    status: shortText(40).optional(),
  },
  { invalid_type_error: "must be an object" },
);

const PostalAddress = z.object(
  {
    primary: z.boolean({ invalid_type_error: "must be true or false" }).optional(),
    locality: shortText(200).optional(),
    region: shortText(200).optional(),
    country: shortText(10).optional(),
  },
  { invalid_type_error: "must be an object" },
);

const Person = z.object(
  {
    given_name: shortText(120).optional(),
    family_name: shortText(120).optional(),
    additional_name: shortText(120).optional(),
    employer: shortText(200).optional(),
    email_addresses: z
      .array(EmailAddress, { invalid_type_error: "must be an array" })
      .min(1, "needs an address")
      .max(5, "too many"),
    postal_addresses: z.array(PostalAddress, { invalid_type_error: "must be an array" }).max(5, "too many").optional(),
    languages_spoken: z.array(shortText(10), { invalid_type_error: "must be an array" }).max(5, "too many").optional(),
  },
  { required_error: "is required", invalid_type_error: "must be an object" },
);

export const RecordHelperBody = z.object(
  {
    person: Person,
    identifiers: names.optional(),
    origin_system: shortText(200).optional(),
    action_date: shortText(40).optional(),
    comments: shortText(2000).optional(),
    comment: shortText(2000).optional(),
    status: shortText(40).optional(),
    add_tags: names.optional(),
    add_lists: names.optional(),
    triggers: z.record(z.unknown()).optional(),
  },
  { invalid_type_error: "the body must be a JSON object" },
);

/** A JSON body of at most OSDI_BODY_LIMIT bytes, or the errors to answer with. */
export async function readJsonBody(
  request: Request,
): Promise<Result<{ value: unknown }, { errors: Record<string, string> }>> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json" && type !== "application/hal+json") {
    return { ok: false, errors: { body: "must be sent as application/json" } };
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > OSDI_BODY_LIMIT) return { ok: false, errors: { body: "is too large" } };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, errors: { body: "is not valid JSON" } };
  }
}

export function pathOf(path: Array<string | number>): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`)).join("");
}

/** The primary entry of a list, else its first. */
export function primaryOf<T extends { primary?: boolean }>(entries: readonly T[]): T | undefined {
  return entries.find((entry) => entry.primary) ?? entries[0];
}

/** The person's name as one line: given, additional and family names. */
export function helperName(person: { given_name?: string; additional_name?: string; family_name?: string }): string {
  return [person.given_name, person.additional_name, person.family_name]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(" ");
}
