import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm-action";
import { PageHeader } from "~/components/layout";
import { forbidden, isStaff, notFound, requireUser } from "~/features/auth/guards.server";
import { EventForm } from "~/features/events/event-form";
import { eventFormValues, getEventBySlug, updateEvent, withdrawEvent } from "~/features/events/events.server";
import { eventFormOptions, handleEventForm } from "~/features/events/form.server";
import { canManageEvent } from "~/features/events/organiser.server";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { TranslationLinks } from "~/features/translations/translation-links";
import { versionLocales } from "~/features/translations/versions.server";
import { getLocale } from "~/i18n/i18next.server";

export const handle = { titleKey: "events:edit.title" };

async function editableEvent(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const event = await getEventBySlug(slug ?? "");
  if (!event) throw notFound();
  if (!canManageEvent(user, event)) throw forbidden();
  return { user, event };
}

/** The organiser (the submitting chapter's people, the organisation's representatives) or staff. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, event } = await editableEvent(request, params.slug);
  const options = await eventFormOptions(user, await getLocale(request));
  options.organiserName = event.organiser_name;
  // The event's zone stays selectable even where this platform lists it under another name.
  if (!options.timeZones.includes(event.timezone)) options.timeZones = [...options.timeZones, event.timezone].sort();
  return {
    options,
    values: eventFormValues(event),
    event: {
      id: event.id,
      slug: event.slug,
      title: event.title,
      status: event.status,
      review_comment: event.review_comment,
      original_locale: event.original_locale,
    },
    staff: isStaff(user),
    // A public (approved) event's other languages, for the staff.
    translated: isStaff(user) && event.status === "approved" ? await versionLocales("event", event.id) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, event } = await editableEvent(request, params.slug);
  await enforceRateLimit([["accountWrites", String(user.id)]]);
  const formData = await request.formData();
  if (formData.get("intent") === "withdraw") {
    if (formData.get("confirm") !== "yes" || !(await withdrawEvent(user, event))) {
      return data({ result: null, withdrawError: true }, { status: 400 });
    }
    return redirect(`/events/${event.slug}`);
  }
  return handleEventForm(formData, (input) => updateEvent(user, event, input));
}

export default function EditEventPage() {
  const { t } = useTranslation(["events", "common"]);
  const { options, values, event, staff, translated } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <PageHeader title={t("edit.title")} lead={event.title}>
        <p>
          <span className="badge">{t(`status.${event.status}`)}</span>
        </p>
        {translated ? (
          <TranslationLinks type="event" id={event.id} ownLocales={[event.original_locale]} translated={translated} />
        ) : null}
      </PageHeader>
      {event.status === "changes_requested" && event.review_comment ? (
        <div className="alert alert-info">
          <p>
            <strong>{t("edit.staffComment")}</strong>
          </p>
          <p>{event.review_comment}</p>
        </div>
      ) : null}
      {event.status === "withdrawn" ? (
        <p className="alert alert-error">{t("errors.notEditable")}</p>
      ) : (
        <>
          {staff ? null : <p className="hint">{t("edit.backToReview")}</p>}
          <EventForm
            options={options}
            lastResult={actionData?.result}
            defaultValue={values}
            submitLabel={staff ? t("edit.save") : t("edit.resubmit")}
          />
          <ConfirmAction
            label={t("edit.withdraw")}
            question={t("edit.withdrawQuestion")}
            confirmLabel={t("edit.withdrawConfirm")}
            intent="withdraw"
          />
        </>
      )}
      <p>
        <Link to={`/events/${event.slug}`}>{t("detail.back")}</Link>
      </p>
    </div>
  );
}
