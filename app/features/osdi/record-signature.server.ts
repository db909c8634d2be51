/**
 * OSDI's record signature helper: a signature and its person in one POST. It goes through the
 * public form's rules, not around them: the same schema (IndividualSignatureSchema) and the same
 * signIndividual, so the signature is pending until the person confirms by e-mail, a repeated
 * address is not a second signature, blocked addresses and the caps on unsolicited mail apply,
 * and the answer is the same whatever happened. Helper functions the hub has no use for
 * (add_tags, add_lists, triggers) are checked and otherwise ignored; the confirmation mail is
 * always sent, whatever `triggers.autoresponse` says, because it is what makes a signature real.
 */
import { IndividualSignatureSchema } from "~/features/letters/forms";
import { signIndividual } from "~/features/letters/signing.server";
import { requireOsdiKey } from "~/features/osdi/access.server";
import { halError, halJson, halNotFound } from "~/features/osdi/hal.server";
import { helperName, pathOf, primaryOf, readJsonBody, RecordHelperBody } from "~/features/osdi/helper-body.server";
import { osdiAnswer, requireOsdiId } from "~/features/osdi/handlers.server";
import { publicPetitionId } from "~/features/osdi/petitions.server";
import { getFixedT, getLocale } from "~/i18n/i18next.server";
import type { Result } from "~/lib/result";
import { auditApiKeyWrite } from "~/features/api-keys/keys.server";
import { isLocale } from "~/i18n/config";

export type RecordSignatureResult = Result<{ status: number; body: unknown }, { errors: Record<string, string> }>;

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
  const parsed = RecordHelperBody.safeParse(value);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[pathOf(issue.path) || "body"] ??= issue.message;
    return { ok: false, errors };
  }
  const { person } = parsed.data;
  const email = primaryOf(person.email_addresses);
  const address = primaryOf(person.postal_addresses ?? []);
  const name = helperName(person);
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
  const locale = person.languages_spoken?.find(isLocale) ?? context.locale;
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
    const key = await requireOsdiKey(request, "signatures", true);
    const letterId = await publicPetitionId(requireOsdiId(id));
    if (!letterId) return halNotFound();
    const body = await readJsonBody(request);
    if (!body.ok) return halError(400, "invalid_body", "The body is not a valid signature.", body.errors);
    const result = await recordSignature(letterId, body.value, { ip, locale: await getLocale(request) });
    if (!result.ok) return halError(400, "invalid_body", "The body is not a valid signature.", result.errors);
    await auditApiKeyWrite(key, "osdi.signature.record", "open_letter", letterId);
    return halJson(result.body, { status: result.status, personal: true });
  });
}
