/**
 * OSDI's record signature helper: a signature and its person in one POST. It goes through the
 * public form's rules, not around them: the same schema (IndividualSignatureSchema) and the same
 * signIndividual, so the signature is pending until the person confirms by e-mail, a repeated
 * address is not a second signature, blocked addresses and the caps on unsolicited mail apply,
 * and the answer is the same whatever happened. Helper functions the hub has no use for
 * (add_tags, add_lists, triggers) are checked and otherwise ignored; the confirmation mail is
 * always sent, whatever `triggers.autoresponse` says, because it is what makes a signature real.
 */
import { z } from "zod";
import { IndividualSignatureSchema } from "~/features/letters/forms";
import { signIndividual } from "~/features/letters/signing.server";
import { OSDI_BODY_LIMIT } from "~/features/osdi/constants";
import { requireOsdiKey } from "~/features/osdi/access.server";
import { halError, halJson, halNotFound } from "~/features/osdi/hal.server";
import { osdiAnswer, requireOsdiId } from "~/features/osdi/handlers.server";
import { publicPetitionId } from "~/features/osdi/petitions.server";
import { getFixedT, getLocale } from "~/i18n/i18next.server";
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

const RecordSignatureBody = z.object(
  {
    person: Person,
    identifiers: names.optional(),
    origin_system: shortText(200).optional(),
    action_date: shortText(40).optional(),
    comments: shortText(2000).optional(),
    add_tags: names.optional(),
    add_lists: names.optional(),
    triggers: z.record(z.unknown()).optional(),
  },
  { invalid_type_error: "the body must be a JSON object" },
);

export type RecordSignatureResult = Result<{ status: number; body: unknown }, { errors: Record<string, string> }>;

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

function pathOf(path: Array<string | number>): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : i === 0 ? part : `.${part}`)).join("");
}

// Where each field of the public form comes from in the OSDI body.
const FORM_FIELD_PATHS: Record<string, string> = {
  name: "person.given_name",
  affiliation: "person.employer",
  jurisdiction: "person.postal_addresses[0].country",
  email: "person.email_addresses[0].address",
};

export async function recordSignature(
  letterId: number,
  value: unknown,
  context: { ip: string; locale: string },
): Promise<RecordSignatureResult> {
  const parsed = RecordSignatureBody.safeParse(value);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[pathOf(issue.path) || "body"] ??= issue.message;
    return { ok: false, errors };
  }
  const { person } = parsed.data;
  const email = person.email_addresses.find((e) => e.primary) ?? person.email_addresses[0];
  const address = person.postal_addresses?.find((a) => a.primary) ?? person.postal_addresses?.[0];
  const name = [person.given_name, person.additional_name, person.family_name]
    .map((part) => part?.trim())
    .filter(Boolean)
    .join(" ");
  const form = IndividualSignatureSchema.safeParse({
    intent: "individual",
    name: name || undefined,
    affiliation: person.employer?.trim() || undefined,
    jurisdiction: address?.country,
    email: email?.address,
    // The API cannot ask the person whether to list their name: an API signature is never listed.
    showPublicly: false,
  });
  const t = await getFixedT("en");
  if (!form.success) {
    const errors: Record<string, string> = {};
    for (const issue of form.error.issues) {
      const field = String(issue.path[0] ?? "");
      errors[FORM_FIELD_PATHS[field] ?? "body"] ??= t(issue.message);
    }
    return { ok: false, errors };
  }
  const locale = person.languages_spoken?.find((l) => l === "fr" || l === "en") ?? context.locale;
  const result = await signIndividual(letterId, form.data, { ip: context.ip, locale });
  if (!result.ok) {
    const errors: Record<string, string> = {};
    for (const [field, messages] of Object.entries(result.fieldErrors ?? {}))
      errors[FORM_FIELD_PATHS[field] ?? field] = t(messages[0] ?? "validation.invalid");
    if (result.formErrors?.length) errors.petition = t(result.formErrors[0]!);
    return { ok: false, errors };
  }
  // The same answer for a new signature, a repeated address and a blocked one.
  return {
    ok: true,
    status: 202,
    body: {
      notice:
        "Thank you. The signature is recorded once the person confirms it through the link we e-mailed them; " +
        "a signature already recorded for this address is not counted twice.",
    },
  };
}

/** The whole POST: a read-write key with `signatures`, a public petition, a valid body. */
export function recordSignatureAction(request: Request, id: string | undefined, ip: string) {
  return osdiAnswer(async () => {
    if (request.method !== "POST") return halError(405, "method_not_allowed", "Only POST records a signature.");
    await requireOsdiKey(request, "signatures", true);
    const letterId = await publicPetitionId(requireOsdiId(id));
    if (!letterId) return halNotFound();
    const body = await readJsonBody(request);
    if (!body.ok) return halError(400, "invalid_body", "The body is not a valid signature.", body.errors);
    const result = await recordSignature(letterId, body.value, { ip, locale: await getLocale(request) });
    if (!result.ok) return halError(400, "invalid_body", "The body is not a valid signature.", result.errors);
    return halJson(result.body, { status: result.status, personal: true });
  });
}
