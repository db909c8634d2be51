import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { forbidden, requireUser } from "~/features/auth/guards.server";
import { listEditions } from "~/features/events/editions.server";
import { EventForm } from "~/features/events/event-form";
import { createEvent, listOwnEvents } from "~/features/events/events.server";
import { eventFormOptions, handleEventForm } from "~/features/events/form.server";
import { canSubmitEvents } from "~/features/events/organiser.server";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { getLocale } from "~/i18n/i18next.server";

export const handle = { titleKey: "events:new.title" };

/** Chapters, coalition representatives and staff submit events; staff review them. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!canSubmitEvents(user)) throw forbidden();
  const [options, editions, own] = await Promise.all([
    eventFormOptions(user, await getLocale(request)),
    listEditions(),
    listOwnEvents(user),
  ]);
  const day = editions[0]?.day ?? null;
  return { options, day, own, hasEditions: editions.length > 0 };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!canSubmitEvents(user)) throw forbidden();
  await enforceRateLimit([["accountWrites", String(user.id)]]);
  return handleEventForm(await request.formData(), (input) => createEvent(user, input));
}

export default function NewEventPage() {
  const { t } = useTranslation(["events", "common"]);
  const { options, day, own, hasEditions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <PageHeader title={t("new.title")} lead={t("new.lead")} />
      {hasEditions ? null : <p className="alert alert-info">{t("new.noEditions")}</p>}
      <EventForm
        options={options}
        lastResult={actionData?.result}
        defaultValue={day ? { startsLocal: `${day}T18:00`, endsLocal: `${day}T20:00` } : {}}
        submitLabel={t("new.submit")}
      />
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
