/** What the event form needs from the server, and how a save answers. */
import { parseWithZod } from "~/lib/parse-form";
import { data, redirect } from "@remix-run/node";
import type { User } from "~db/schema";
import { isStaff } from "~/features/auth/guards.server";
import { jurisdictionOptions } from "~/features/jurisdictions/jurisdictions.server";
import type { EventFormOptions } from "~/features/events/event-form";
import type { SaveResult } from "~/features/events/events.server";
import { organiserFor } from "~/features/events/organiser.server";
import { EventSchema, type EventInput } from "~/features/events/forms";
import { timeZones } from "~/features/events/time.server";
import { zonesByCountry } from "~/features/events/zones.server";

export async function eventFormOptions(user: User, locale: string): Promise<EventFormOptions> {
  const [jurisdictions, organiser] = await Promise.all([jurisdictionOptions(locale), organiserFor(user)]);
  const zones = timeZones();
  return {
    jurisdictions,
    timeZones: zones,
    countryZones: zonesByCountry(zones),
    typesOrganiser: isStaff(user),
    organiserName: organiser.name,
  };
}

/** Parses the form, saves through `save`, and answers: a redirect to the event, or a 400 with field errors. */
export async function handleEventForm(formData: FormData, save: (input: EventInput) => Promise<SaveResult>) {
  const submission = parseWithZod(formData, { schema: EventSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const saved = await save(submission.value);
  if (!saved.ok) {
    const { "": formErrors, ...fieldErrors } = saved.fieldErrors;
    return data({ result: submission.reply({ formErrors, fieldErrors }) }, { status: 400 });
  }
  return redirect(`/events/${saved.slug}`);
}
