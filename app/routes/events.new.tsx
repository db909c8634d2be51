import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextAreaField } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { forbidden, isStaff, requireUser } from "~/features/auth/guards.server";
import { nextEdition } from "~/features/events/edition-days";
import {
  requestEdition,
  requestedEditionToday,
  type EditionRequestStatus,
} from "~/features/events/edition-requests.server";
import { listEditions } from "~/features/events/editions.server";
import { EventForm } from "~/features/events/event-form";
import { createEvent, listOwnEvents } from "~/features/events/events.server";
import { eventFormOptions, handleEventForm } from "~/features/events/form.server";
import { EditionRequestSchema } from "~/features/events/forms";
import { canSubmitEvents } from "~/features/events/organiser.server";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { getLocale } from "~/i18n/i18next.server";
import { parseWithZod } from "~/lib/parse-form";

export const handle = { titleKey: "events:new.title" };

/**
 * Chapters, coalition representatives and staff submit events for the next edition; staff review
 * them. With no edition to come, the page says so and lets the person ask staff to open one.
 * `?country=XX` preselects the country and its most common time zone.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!canSubmitEvents(user)) throw forbidden();
  const [options, editions, own, requested] = await Promise.all([
    eventFormOptions(user, await getLocale(request)),
    listEditions(),
    listOwnEvents(user),
    requestedEditionToday(user),
  ]);
  const next = nextEdition(editions) ?? null;
  const hint = new URL(request.url).searchParams.get("country")?.trim().toUpperCase() ?? "";
  const country = options.jurisdictions.some((j) => j.value === hint) ? hint : null;
  const zone = country ? (options.countryZones[country]?.[0] ?? null) : null;
  return { options, day: next?.day ?? null, open: next !== null, staff: isStaff(user), requested, country, zone, own };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!canSubmitEvents(user)) throw forbidden();
  await enforceRateLimit([["accountWrites", String(user.id)]]);
  const formData = await request.formData();
  if (formData.get("intent") === "requestEdition") {
    const submission = parseWithZod(formData, { schema: EditionRequestSchema });
    if (submission.status !== "success") return data({ request: submission.reply(), requested: null }, { status: 400 });
    const status = await requestEdition(user, submission.value);
    if (status === "open") {
      return data(
        { request: submission.reply({ formErrors: ["events:closed.open"] }), requested: null },
        { status: 400 },
      );
    }
    return data({ request: submission.reply({ resetForm: true }), requested: status });
  }
  return handleEventForm(formData, (input) => createEvent(user, input));
}

/** No edition to come: what to do, and (for all but staff, who open editions themselves) the request. */
function NoEditionOpen({
  staff,
  requested,
  lastResult,
}: {
  staff: boolean;
  requested: EditionRequestStatus | "already" | null;
  lastResult?: SubmissionResult<string[]> | null;
}) {
  const { t } = useTranslation(["events", "common"]);
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EditionRequestSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <section aria-labelledby="closed-heading" className="card stack">
      <h2 id="closed-heading">{t("closed.heading")}</h2>
      {staff ? (
        <p>
          {t("closed.staff")} <Link to="/staff/events">{t("closed.staffLink")}</Link>
        </p>
      ) : (
        <>
          <p>{t("closed.body")}</p>
          {requested ? (
            <p className="alert alert-success" role="status">
              {t(requested === "sent" ? "closed.sent" : "closed.already")}
            </p>
          ) : (
            <Form method="post" {...getFormProps(form)} className="narrow">
              <FormErrors id={form.errorId} errors={form.errors} />
              <input type="hidden" name="intent" value="requestEdition" />
              <TextAreaField label={t("closed.note")} hint={t("closed.noteHint")} meta={fields.note} rows={3} />
              <button type="submit">{t("closed.submit")}</button>
            </Form>
          )}
        </>
      )}
    </section>
  );
}

export default function NewEventPage() {
  const { t } = useTranslation(["events", "common"]);
  const { options, day, open, staff, requested, country, zone, own } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const eventResult = actionData && "result" in actionData ? actionData.result : undefined;
  const requestData = actionData && "request" in actionData ? actionData : undefined;
  const defaultValue = {
    ...(day ? { startsLocal: `${day}T18:00`, endsLocal: `${day}T20:00` } : {}),
    ...(country ? { jurisdiction: country } : {}),
    ...(zone ? { timezone: zone } : {}),
  };
  return (
    <div className="stack">
      <PageHeader title={t("new.title")} lead={t("new.lead")} />
      {open ? (
        <EventForm
          options={options}
          lastResult={eventResult}
          defaultValue={defaultValue}
          submitLabel={t("new.submit")}
        />
      ) : (
        <NoEditionOpen
          staff={staff}
          requested={requestData?.requested ?? (requested ? "already" : null)}
          lastResult={requestData?.request}
        />
      )}
      <section aria-labelledby="own-events">
        <h2 id="own-events">{t("new.ownHeading")}</h2>
        {own.length === 0 ? (
          <p className="empty-state">{t("new.ownNone")}</p>
        ) : (
          <ul>
            {own.map((event) => (
              <li key={event.id}>
                <Link to={`/events/${event.slug}`}>{event.title}</Link> · {event.starts_local.replace("T", " ")} (
                {event.timezone}) · <span className="badge">{t(`status.${event.status}`)}</span>
                {event.status === "changes_requested" && event.review_comment ? ` — ${event.review_comment}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
