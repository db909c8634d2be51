import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, FormErrors } from "~/components/forms";
import { JsonLd } from "~/components/json-ld";
import { PageHeader } from "~/components/layout";
import { loadConfig } from "~/config.server";
import { getOptionalUser, notFound } from "~/features/auth/guards.server";
import { isEventPast } from "~/features/events/edition-days";
import { getEventBySlug } from "~/features/events/events.server";
import { canManageEvent } from "~/features/events/organiser.server";
import { canReport } from "~/features/events/report.server";
import { acceptsRsvps, listSharedRsvps, submitRsvp } from "~/features/events/rsvp.server";
import { RsvpSchema } from "~/features/events/forms";
import { eventJsonLd } from "~/features/events/json-ld";
import { describeWhen } from "~/features/events/time.server";
import { jurisdictionName } from "~/features/jurisdictions/names";
import { listJurisdictions } from "~/features/jurisdictions/jurisdictions.server";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { clientIp } from "~/features/security/request.server";
import { FallbackNote, langIfOther } from "~/features/translations/content-language";
import { localiseEvent } from "~/features/translations/localise.server";
import { getLocale } from "~/i18n/i18next.server";
import eventStyles from "~/styles/events.css?url";

export const handle = { titleKey: "events:title" };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: eventStyles }];

/** Public for approved events; others only for their organiser and staff (404 to anyone else). */
async function visibleEvent(request: Request, slug: string | undefined) {
  const [event, user] = await Promise.all([getEventBySlug(slug ?? ""), getOptionalUser(request)]);
  if (!event) throw notFound();
  const manages = canManageEvent(user, event);
  if (event.status !== "approved" && !manages) throw notFound();
  return { event, manages };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event, manages } = await visibleEvent(request, params.slug);
  const locale = await getLocale(request);
  const jurisdiction = (await listJurisdictions()).find((j) => j.code === event.jurisdiction_code);
  const shown = await localiseEvent(event, locale);
  const organiser = manages
    ? {
        status: event.status,
        reviewComment: event.review_comment,
        rsvpCount: event.rsvp_count,
        shared: await listSharedRsvps(event.id),
        canReport: canReport(event),
        report: event.reported_at
          ? { attendance: event.attendance, onlineViews: event.online_views, mediaReach: event.media_reach }
          : null,
      }
    : null;
  return {
    pageTitle: shown.fields.title,
    event: {
      slug: event.slug,
      title: shown.fields.title,
      lang: shown.lang,
      fallback: shown.fallback,
      kind: event.kind,
      organiser: event.organiser_name,
      jurisdiction: jurisdiction ? jurisdictionName(jurisdiction, locale) : event.jurisdiction_code,
      city: event.city,
      online: event.online === 1,
      description: shown.fields.description,
      registrationUrl: event.registration_url,
      year: event.edition_year,
      approved: event.status === "approved",
      past: isEventPast(event, { day: event.edition_day }),
    },
    when: describeWhen(event, locale),
    jsonLd:
      event.status === "approved"
        ? eventJsonLd(event, loadConfig().appUrl, jurisdiction?.name_en ?? event.jurisdiction_code)
        : null,
    rsvpOpen: acceptsRsvps(event),
    organiser,
  };
}

/** The public RSVP form: a pending reply and its confirmation mail. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { event } = await visibleEvent(request, params.slug);
  const ip = clientIp(context);
  await enforceRateLimit([
    ["publicFormBurst", ip],
    ["publicFormSustained", ip],
  ]);
  const submission = parseWithZod(await request.formData(), { schema: RsvpSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  const result = await submitRsvp(event, submission.value, await getLocale(request));
  if (!result.ok) {
    return data({ result: submission.reply({ formErrors: ["events:rsvp.closed"] }), sent: false }, { status: 400 });
  }
  return data({ result: submission.reply({ resetForm: true }), sent: true });
}

function RsvpForm() {
  const { t } = useTranslation(["events", "common"]);
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: RsvpSchema }),
    shouldValidate: "onBlur",
  });
  const share = getInputProps(fields.shareWithOrganiser, { type: "checkbox" });
  return (
    <section className="card stack" aria-labelledby="rsvp-heading">
      <h2 id="rsvp-heading">{t("rsvp.heading")}</h2>
      {actionData?.sent ? (
        <p className="alert alert-success" role="status">
          {t("rsvp.sent")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("common:fields.name")} meta={fields.name} type="text" autoComplete="name" />
        <Field label={t("common:fields.email")} meta={fields.email} type="email" autoComplete="email" />
        <div className="field">
          <label>
            <input {...share} key={share.key} aria-describedby={`${fields.shareWithOrganiser.id}-hint`} />{" "}
            {t("rsvp.share")}
          </label>
          <p id={`${fields.shareWithOrganiser.id}-hint`} className="hint">
            {t("rsvp.shareHint")}
          </p>
          <ErrorList id={fields.shareWithOrganiser.errorId} errors={fields.shareWithOrganiser.errors} />
        </div>
        <button type="submit">{t("rsvp.submit")}</button>
      </Form>
    </section>
  );
}

function OrganiserPanel({
  slug,
  organiser,
}: {
  slug: string;
  organiser: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["organiser"]>;
}) {
  const { t } = useTranslation("events");
  return (
    <section className="card stack" aria-labelledby="organiser-heading">
      <h2 id="organiser-heading">{t("organiser.heading")}</h2>
      <p>
        <span className="badge">{t(`status.${organiser.status}`)}</span>
      </p>
      {organiser.status === "changes_requested" && organiser.reviewComment ? (
        <p className="alert alert-info">
          {t("edit.staffComment")} {organiser.reviewComment}
        </p>
      ) : null}
      <p>
        <Link to={`/events/${slug}/edit`}>{t("organiser.edit")}</Link>
        {organiser.canReport ? (
          <>
            {" · "}
            <Link to={`/events/${slug}/report`}>{t("organiser.report")}</Link>
          </>
        ) : null}
      </p>
      <p>{t("organiser.rsvpCount", { count: organiser.rsvpCount })}</p>
      {organiser.report ? (
        <p>
          {t("organiser.reported", {
            attendance: organiser.report.attendance ?? 0,
            online: organiser.report.onlineViews ?? 0,
            media: organiser.report.mediaReach ?? 0,
          })}
        </p>
      ) : null}
      <h3>{t("organiser.sharedHeading")}</h3>
      <p className="hint">{t("organiser.sharedHint")}</p>
      {organiser.shared.length === 0 ? (
        <p className="empty-state">{t("organiser.sharedNone")}</p>
      ) : (
        <ul>
          {organiser.shared.map((person) => (
            <li key={person.email}>
              {person.name} &lt;{person.email}&gt;
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default function EventPage() {
  const { t, i18n } = useTranslation(["events", "common"]);
  const { event, when, rsvpOpen, organiser, jsonLd } = useLoaderData<typeof loader>();
  const contentLang = langIfOther(event.lang, i18n.language);
  const where = [event.city, event.jurisdiction].filter(Boolean).join(", ");
  return (
    <div className="stack">
      <JsonLd data={jsonLd} />
      <PageHeader title={event.title} titleLang={contentLang} lead={t(`kind.${event.kind}`)}>
        {event.past ? (
          <p>
            <span className="badge badge-past">{t("year.past")}</span>
          </p>
        ) : null}
      </PageHeader>
      <dl className="event-facts">
        <dt>{t("detail.date")}</dt>
        <dd>{when.date}</dd>
        <dt>{t("detail.time")}</dt>
        <dd>
          {when.time} <span className="muted">({t("detail.zone", { name: when.zoneName, zone: when.zone })})</span>
          <br />
          <span className="hint">{t("detail.utc", { time: when.utc })}</span>
        </dd>
        <dt>{t("detail.where")}</dt>
        <dd>{event.online ? (where ? t("detail.andOnline", { where }) : t("detail.online")) : where}</dd>
        <dt>{t("fields.organiser")}</dt>
        <dd>{event.organiser}</dd>
        {event.registrationUrl ? (
          <>
            <dt>{t("fields.registrationUrl")}</dt>
            <dd>
              <a href={event.registrationUrl} rel="noopener noreferrer nofollow">
                {event.registrationUrl}
              </a>
            </dd>
          </>
        ) : null}
      </dl>
      <div>
        <div className="prose event-description" lang={contentLang}>
          {event.description.split(/\n{2,}/).map((paragraph, index) => (
            <p key={index}>{paragraph}</p>
          ))}
        </div>
        <FallbackNote lang={event.lang} fallback={event.fallback} />
      </div>
      {organiser ? <OrganiserPanel slug={event.slug} organiser={organiser} /> : null}
      {rsvpOpen ? <RsvpForm /> : <p className="muted">{event.approved ? t("rsvp.ended") : t("rsvp.afterApproval")}</p>}
      <p>
        <Link to={`/events?edition=${event.year}`}>{t("detail.back")}</Link> ·{" "}
        <a href={`/events/${event.year}.ics`}>{t("list.calendarEdition", { year: event.year })}</a>
      </p>
    </div>
  );
}
