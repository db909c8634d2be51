import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm-action";
import { Field, FormErrors } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { notFound, requireStaff } from "~/features/auth/guards.server";
import { StatusSchema } from "~/features/letters/forms";
import { listVersions } from "~/features/letters/letter-page.server";
import { closeLetter, getLetterForEdit, markDelivered, openLetter } from "~/features/letters/letters.server";
import { listEntityHistory } from "~/features/security/audit.server";
import { formatDate, formatDateTime } from "~/lib/format";
import { AuditHistory } from "~/components/audit-history";
import { TimeChart } from "~/components/time-chart";
import { signaturesPerDay } from "~/features/letters/signatures-per-day.server";
import chartStyles from "~/styles/charts.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: chartStyles }];

export const handle = { titleKey: "letters:manage.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const found = await getLetterForEdit(params.slug ?? "");
  if (!found) throw notFound();
  const { letter, texts } = found;
  const [versions, history, perDay] = await Promise.all([
    listVersions(letter.id),
    listEntityHistory("open_letter", letter.id),
    signaturesPerDay(letter),
  ]);
  return { letter, title: texts[0]?.title ?? letter.slug, versions, history, perDay };
}

/** Staff move a letter along draft → open → closed → delivered, one confirmed step at a time. */
export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const found = await getLetterForEdit(params.slug ?? "");
  if (!found) throw notFound();
  const { letter } = found;
  const submission = parseWithZod(await request.formData(), { schema: StatusSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const input = submission.value;
  const result =
    input.intent === "open"
      ? await openLetter(staff, letter.id)
      : input.intent === "close"
        ? await closeLetter(staff, letter.id)
        : await markDelivered(staff, letter.id, input);
  if (!result.ok) return data(submission.reply({ formErrors: [result.error] }), { status: 400 });
  return redirect(`/letters/${letter.slug}/manage`);
}

function DeliverForm() {
  const { t } = useTranslation("letters");
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "deliver",
    lastResult,
    defaultValue: { deliveredOn: new Date().toISOString().slice(0, 10) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StatusSchema }),
    shouldValidate: "onBlur",
  });
  const failed = lastResult?.status === "error";
  return (
    <details className="confirm-action" open={failed}>
      <summary className="button secondary button-small">{t("manage.deliver")}</summary>
      <Form method="post" {...getFormProps(form)}>
        <p>{t("manage.deliverQuestion")}</p>
        <input type="hidden" name="intent" value="deliver" />
        <input type="hidden" name="confirm" value="yes" />
        <Field label={t("fields.deliveredOn")} meta={fields.deliveredOn} type="date" />
        <Field
          label={t("fields.deliveredTo")}
          hint={t("manage.deliveredToHint")}
          meta={fields.deliveredTo}
          type="text"
        />
        <button type="submit" className="danger button-small">
          {t("manage.deliverConfirm")}
        </button>
      </Form>
    </details>
  );
}

export default function ManageLetterPage() {
  const { t, i18n } = useTranslation(["letters", "common"]);
  const { letter, title, versions, history, perDay } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const lang = i18n.language;
  return (
    <div className="stack">
      <p>
        <Link to={`/letters/${letter.slug}`}>{t("form.backTo", { title })}</Link>
      </p>
      <PageHeader title={t("manage.title")} lead={title} />
      <FormErrors
        id="manage-errors"
        errors={["", "intent", "confirm"].flatMap((key) => lastResult?.error?.[key] ?? [])}
      />
      <dl className="meta">
        <dt>{t("fields.status")}</dt>
        <dd>
          <span className={`badge letter-${letter.status}`}>{t(`status.${letter.status}`)}</span>
        </dd>
        <dt>{t("manage.currentVersion")}</dt>
        <dd>{t("detail.version", { n: letter.current_version })}</dd>
        <dt>{t("detail.countHeading")}</dt>
        <dd>{letter.confirmed_count.toLocaleString(lang)}</dd>
        <dt>{t("fields.goal")}</dt>
        <dd>{letter.signature_goal ? letter.signature_goal.toLocaleString(lang) : "—"}</dd>
        <dt>{t("fields.opensOn")}</dt>
        <dd>{letter.opens_on ? formatDate(letter.opens_on, lang) : "—"}</dd>
        <dt>{t("fields.closesOn")}</dt>
        <dd>{letter.closes_on ? formatDate(letter.closes_on, lang) : "—"}</dd>
        {letter.delivered_on ? (
          <>
            <dt>{t("fields.deliveredOn")}</dt>
            <dd>{formatDate(letter.delivered_on, lang)}</dd>
            <dt>{t("fields.deliveredTo")}</dt>
            <dd>{letter.delivered_to}</dd>
          </>
        ) : null}
      </dl>
      <p className="inline-form">
        {letter.status !== "delivered" ? <Link to={`/letters/${letter.slug}/edit`}>{t("detail.edit")}</Link> : null}
        {letter.status !== "draft" ? (
          <Link to={`/staff/letters/${letter.slug}/signatures`}>{t("manage.signatures")}</Link>
        ) : null}
      </p>
      {letter.status !== "draft" ? (
        <section aria-labelledby="per-day-heading">
          <h2 id="per-day-heading">{t("manage.perDay.heading")}</h2>
          {perDay.length === 0 ? (
            <p className="empty-state">{t("manage.perDay.empty")}</p>
          ) : (
            <TimeChart
              title={t("manage.perDay.title")}
              caption={t("manage.perDay.caption")}
              items={perDay}
              locale={lang}
              periodHeading={t("manage.perDay.day")}
              valueHeading={t("manage.perDay.count")}
              tableSummary={t("manage.perDay.table")}
            />
          )}
        </section>
      ) : null}
      <section className="card" aria-labelledby="status-heading">
        <h2 id="status-heading">{t("manage.statusHeading")}</h2>
        <p className="hint">{t(`manage.next.${letter.status}`)}</p>
        {letter.status === "draft" ? (
          <ConfirmAction
            label={t("manage.open")}
            question={t("manage.openQuestion")}
            confirmLabel={t("manage.openConfirm")}
            intent="open"
          />
        ) : null}
        {letter.status === "open" ? (
          <ConfirmAction
            label={t("manage.close")}
            question={t("manage.closeQuestion")}
            confirmLabel={t("manage.closeConfirm")}
            intent="close"
          />
        ) : null}
        {letter.status === "closed" ? <DeliverForm /> : null}
      </section>
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t("detail.versions")}</h2>
        <ul>
          {versions.map((v) => (
            <li key={v.version}>
              <Link to={`/letters/${letter.slug}?version=${v.version}`}>{t("detail.version", { n: v.version })}</Link> ·{" "}
              {formatDateTime(v.created_at, lang)}
            </li>
          ))}
        </ul>
      </section>
      <AuditHistory
        heading={t("manage.history")}
        history={history}
        lang={lang}
        describe={(action) => t(`history.${action}`, { defaultValue: action })}
      />
    </div>
  );
}
