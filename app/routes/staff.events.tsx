import { parseWithZod } from "~/lib/parse-form";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { requireStaff } from "~/features/auth/guards.server";
import { listEditions, saveEdition } from "~/features/events/editions.server";
import { listReviewQueue, reviewEvent } from "~/features/events/review.server";
import { EditionSchema, ReviewSchema } from "~/features/events/forms";

export const handle = { titleKey: "events:staff.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const [editions, queue] = await Promise.all([listEditions(), listReviewQueue()]);
  return { editions, ...queue };
}

type Errors = Record<string, string[]>;

function flatten(error: Record<string, string[] | null> | undefined): Errors {
  const errors: Errors = {};
  for (const [key, messages] of Object.entries(error ?? {})) if (messages) errors[key] = messages;
  return errors;
}

/** Editions (create, edit) and the review queue (approve, send back with a comment). */
export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const formData = await request.formData();
  const intent = formData.get("intent");
  const target = String(formData.get(intent === "edition" ? "editionId" : "eventId") ?? "new");
  const key = `${intent === "edition" ? "edition" : "event"}-${target || "new"}`;
  if (intent === "edition") {
    const submission = parseWithZod(formData, { schema: EditionSchema });
    if (submission.status !== "success")
      return data({ key, errors: flatten(submission.error ?? undefined), done: null }, 400);
    const errors = await saveEdition(staff, submission.value);
    if (errors) return data({ key, errors, done: null }, 400);
    return data({ key, errors: {} as Errors, done: "edition" });
  }
  const submission = parseWithZod(formData, { schema: ReviewSchema });
  if (submission.status !== "success")
    return data({ key, errors: flatten(submission.error ?? undefined), done: null }, 400);
  const errors = await reviewEvent(staff, submission.value);
  if (errors) return data({ key, errors, done: null }, 400);
  return data({ key, errors: {} as Errors, done: submission.value.intent });
}

function EditionForm({
  edition,
  errors,
}: {
  edition?: { id: number; year: number; day: string; theme: string | null };
  errors: Errors;
}) {
  const { t } = useTranslation("events");
  const id = edition ? String(edition.id) : "new";
  return (
    <Form method="post" className="filters">
      <input type="hidden" name="intent" value="edition" />
      {edition ? <input type="hidden" name="editionId" value={edition.id} /> : null}
      <div className="field">
        <label htmlFor={`year-${id}`}>{t("fields.year")}</label>
        <input id={`year-${id}`} name="year" type="number" defaultValue={edition?.year} required />
        <ErrorList errors={errors.year} />
      </div>
      <div className="field">
        <label htmlFor={`day-${id}`}>{t("fields.day")}</label>
        <input id={`day-${id}`} name="day" type="date" defaultValue={edition?.day} required />
        <ErrorList errors={errors.day} />
      </div>
      <div className="field">
        <label htmlFor={`theme-${id}`}>{t("fields.theme")}</label>
        <input id={`theme-${id}`} name="theme" type="text" defaultValue={edition?.theme ?? ""} />
        <ErrorList errors={errors.theme} />
      </div>
      <ErrorList errors={errors.editionId} />
      <button type="submit" className="button-small">
        {edition ? t("staff.saveEdition") : t("staff.createEdition")}
      </button>
    </Form>
  );
}

export default function StaffEventsPage() {
  const { t } = useTranslation(["events", "common"]);
  const { editions, submitted, sentBack } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errorsFor = (key: string): Errors => (actionData && actionData.key === key ? actionData.errors : {});
  return (
    <div className="stack">
      <PageHeader title={t("staff.title")} lead={t("staff.lead")} />
      {actionData?.done ? (
        <p className="alert alert-success" role="status">
          {t(`staff.done.${actionData.done}`)}
        </p>
      ) : null}
      <section aria-labelledby="queue-heading" className="stack">
        <h2 id="queue-heading">{t("staff.queue")}</h2>
        {submitted.length === 0 ? <p className="empty-state">{t("staff.queueEmpty")}</p> : null}
        {submitted.map((event) => {
          const errors = errorsFor(`event-${event.id}`);
          return (
            <article key={event.id} className="card stack" aria-labelledby={`event-${event.id}`}>
              <h3 id={`event-${event.id}`}>
                <Link to={`/events/${event.slug}`}>{event.title}</Link>
              </h3>
              <p className="muted">
                {t(`kind.${event.kind}`)} · {event.organiser_name} · {event.city ?? ""}{" "}
                {event.online ? t("detail.online") : ""} ({event.jurisdiction_code}) ·{" "}
                {event.starts_local.replace("T", " ")} {event.timezone} ·{" "}
                {t("staff.submittedBy", { name: event.submitter_name ?? "—" })}
              </p>
              <p>{event.description}</p>
              <ErrorList errors={errors[""] ?? errors.eventId} />
              <Form method="post">
                <input type="hidden" name="intent" value="approve" />
                <input type="hidden" name="eventId" value={event.id} />
                <button type="submit" className="button-small">
                  {t("staff.approve")}
                </button>
              </Form>
              <details>
                <summary className="button secondary button-small">{t("staff.sendBack")}</summary>
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="sendBack" />
                  <input type="hidden" name="eventId" value={event.id} />
                  <div className="field">
                    <label htmlFor={`comment-${event.id}`}>{t("staff.comment")}</label>
                    <textarea
                      id={`comment-${event.id}`}
                      name="comment"
                      rows={3}
                      aria-describedby={errors.comment ? `comment-${event.id}-error` : undefined}
                    />
                    <ErrorList id={`comment-${event.id}-error`} errors={errors.comment} />
                  </div>
                  <button type="submit">{t("staff.sendBackConfirm")}</button>
                </Form>
              </details>
            </article>
          );
        })}
      </section>
      <section aria-labelledby="sent-back-heading">
        <h2 id="sent-back-heading">{t("staff.sentBack")}</h2>
        {sentBack.length === 0 ? (
          <p className="empty-state">{t("staff.sentBackEmpty")}</p>
        ) : (
          <ul>
            {sentBack.map((event) => (
              <li key={event.id}>
                <Link to={`/events/${event.slug}`}>{event.title}</Link> · {event.organiser_name} —{" "}
                {event.review_comment}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="editions-heading" className="stack">
        <h2 id="editions-heading">{t("staff.editions")}</h2>
        <p className="hint">{t("staff.editionsHint")}</p>
        {editions.map((edition) => (
          <div key={edition.id}>
            <h3>
              <Link to={`/events?edition=${edition.year}`}>{t("list.editionName", { year: edition.year })}</Link>
            </h3>
            <EditionForm edition={edition} errors={errorsFor(`edition-${edition.id}`)} />
          </div>
        ))}
        <h3>{t("staff.newEdition")}</h3>
        <EditionForm errors={errorsFor("edition-new")} />
      </section>
    </div>
  );
}
