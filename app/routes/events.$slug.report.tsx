import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { forbidden, notFound, requireUser } from "~/features/auth/guards.server";
import { getEventBySlug } from "~/features/events/events.server";
import { canManageEvent } from "~/features/events/organiser.server";
import { canReport, reportEvent } from "~/features/events/report.server";
import { ReportSchema } from "~/features/events/forms";
import { enforceRateLimit } from "~/features/security/rate-limit.server";

export const handle = { titleKey: "events:report.title" };

async function reportableEvent(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const event = await getEventBySlug(slug ?? "");
  if (!event) throw notFound();
  if (!canManageEvent(user, event)) throw forbidden();
  return { user, event };
}

/** The organiser reports the audiences after the event has started. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await reportableEvent(request, params.slug);
  return {
    event: { slug: event.slug, title: event.title },
    open: canReport(event),
    values: {
      attendance: event.attendance === null ? "" : String(event.attendance),
      onlineViews: event.online_views === null ? "" : String(event.online_views),
      mediaReach: event.media_reach === null ? "" : String(event.media_reach),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, event } = await reportableEvent(request, params.slug);
  await enforceRateLimit([["accountWrites", String(user.id)]]);
  const submission = parseWithZod(await request.formData(), { schema: ReportSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  if (!(await reportEvent(user, event, submission.value))) {
    return data({ result: submission.reply({ formErrors: ["events:report.notYet"] }) }, { status: 400 });
  }
  return redirect(`/events/${event.slug}`);
}

export default function ReportPage() {
  const { t } = useTranslation("events");
  const { event, open, values } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: values,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReportSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="stack">
      <PageHeader title={t("report.title")} lead={event.title} />
      {open ? (
        <Form method="post" {...getFormProps(form)} className="narrow">
          <p className="hint">{t("report.lead")}</p>
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field
            label={t("fields.attendance")}
            hint={t("report.attendanceHint")}
            meta={fields.attendance}
            type="number"
          />
          <Field
            label={t("fields.onlineViews")}
            hint={t("report.onlineHint")}
            meta={fields.onlineViews}
            type="number"
          />
          <Field label={t("fields.mediaReach")} hint={t("report.mediaHint")} meta={fields.mediaReach} type="number" />
          <button type="submit">{t("report.submit")}</button>
        </Form>
      ) : (
        <p className="alert alert-info">{t("report.notYet")}</p>
      )}
      <p>
        <Link to={`/events/${event.slug}`}>{t("detail.backToEvent")}</Link>
      </p>
    </div>
  );
}
