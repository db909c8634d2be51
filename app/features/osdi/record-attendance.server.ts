/**
 * OSDI's record attendance helper: an RSVP and its person in one POST, through the public RSVP
 * form's schema and submitRsvp, so the reply is pending until the person confirms by e-mail, a
 * repeated address is not a second reply, the caps on unsolicited mail apply, and the answer is the
 * same whatever happened. The API cannot ask whether the person shares their contact with the
 * organiser, so it never does; `status`, `comment` and the helper functions are checked and
 * ignored (a reply is an acceptance; the hub keeps no comments on RSVPs).
 */
import { db } from "~db/connection";
import { RsvpSchema } from "~/features/events/forms";
import { submitRsvp } from "~/features/events/rsvp.server";
import { requireOsdiKey } from "~/features/osdi/access.server";
import { halError, halJson, halNotFound } from "~/features/osdi/hal.server";
import { osdiAnswer, requireOsdiId } from "~/features/osdi/handlers.server";
import { helperName, pathOf, primaryOf, readJsonBody, RecordHelperBody } from "~/features/osdi/helper-body.server";
import { getFixedT, getLocale } from "~/i18n/i18next.server";
import { auditApiKeyWrite } from "~/features/api-keys/keys.server";
import { isLocale } from "~/i18n/config";

const FORM_FIELD_PATHS: Record<string, string> = {
  name: "person.given_name",
  email: "person.email_addresses[0].address",
};

/** An approved event with what submitRsvp needs, or undefined. */
function rsvpEvent(id: number) {
  return db
    .selectFrom("events")
    .innerJoin("event_editions", "event_editions.id", "events.edition_id")
    .select([
      "events.id",
      "events.title",
      "events.status",
      "events.starts_at",
      "events.ends_at",
      "events.timezone",
      "event_editions.day as edition_day",
    ])
    .where("events.id", "=", id)
    .where("events.status", "=", "approved")
    .executeTakeFirst();
}

/** The whole POST: a read-write key with `attendances`, an approved event, a valid body. */
export function recordAttendanceAction(request: Request, id: string | undefined) {
  return osdiAnswer(async () => {
    if (request.method !== "POST") return halError(405, "method_not_allowed", "Only POST records an attendance.");
    const key = await requireOsdiKey(request, "attendances", true);
    const event = await rsvpEvent(requireOsdiId(id));
    if (!event) return halNotFound();
    const body = await readJsonBody(request);
    const invalid = (errors: Record<string, string>) =>
      halError(400, "invalid_body", "The body is not a valid attendance.", errors);
    if (!body.ok) return invalid(body.errors);
    const parsed = RecordHelperBody.safeParse(body.value);
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) errors[pathOf(issue.path) || "body"] ??= issue.message;
      return invalid(errors);
    }
    const { person } = parsed.data;
    const name = helperName(person);
    const form = RsvpSchema.safeParse({
      name: name || undefined,
      email: primaryOf(person.email_addresses)?.address,
      shareWithOrganiser: false,
    });
    const t = await getFixedT("en");
    if (!form.success) {
      const errors: Record<string, string> = {};
      for (const issue of form.error.issues)
        errors[FORM_FIELD_PATHS[String(issue.path[0] ?? "")] ?? "body"] ??= t(issue.message);
      return invalid(errors);
    }
    const locale = person.languages_spoken?.find(isLocale) ?? (await getLocale(request));
    const result = await submitRsvp(event, form.data, locale);
    if (!result.ok) return invalid({ event: t("events:rsvp.closed") });
    await auditApiKeyWrite(key, "osdi.attendance.record", "event", event.id);
    return halJson(
      {
        notice:
          "Thank you. The attendance is recorded once the person confirms it through the link we e-mailed them; " +
          "a reply already recorded for this address is not counted twice.",
      },
      { status: 202, personal: true },
    );
  });
}
