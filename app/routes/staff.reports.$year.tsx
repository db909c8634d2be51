import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm-action";
import { CheckboxGroup, FormErrors, TextAreaField } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { requireStaff } from "~/features/auth/guards.server";
import { ReportEditSchema } from "~/features/reports/forms";
import { publishReport, saveReport, unpublishReport } from "~/features/reports/publishing.server";
import { getPublication, sectionTexts } from "~/features/reports/report.server";
import { REPORT_SECTIONS, type SectionKey } from "~/features/reports/types";
import { requireReportYear } from "~/features/reports/view.server";
import { SUPPORTED_LOCALES } from "~/i18n/config";
import { getLocale } from "~/i18n/i18next.server";
import { formatDate } from "~/lib/format";
import { parseWithZod } from "~/lib/parse-form";

export const handle = { titleKey: "reports:index.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const year = requireReportYear(params.year);
  const [publication, texts, locale] = await Promise.all([
    getPublication(year),
    sectionTexts(year),
    getLocale(request),
  ]);
  return {
    year,
    published: publication?.published ?? false,
    publishedAt: publication?.publishedAt ?? null,
    sections: publication?.sections ?? [...REPORT_SECTIONS],
    texts,
    locale,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const year = requireReportYear(params.year);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "publish" || intent === "unpublish") {
    if (form.get("confirm") !== "yes") return data({ status: "error" as const }, { status: 400 });
    if (intent === "publish") await publishReport(staff, year);
    else await unpublishReport(staff, year);
    return redirect(`/staff/reports/${year}?done=${intent}`);
  }
  const submission = parseWithZod(form, { schema: ReportEditSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const texts: Partial<Record<SectionKey, Record<string, string>>> = {};
  for (const section of REPORT_SECTIONS) {
    const byLanguage = submission.value.texts?.[section];
    texts[section] = Object.fromEntries(SUPPORTED_LOCALES.map((l) => [l, byLanguage?.[l] ?? ""]));
  }
  await saveReport(staff, year, { sections: submission.value.sections, texts });
  return redirect(`/staff/reports/${year}?done=save`);
}

export default function StaffReportPage() {
  const { t } = useTranslation(["reports", "common"]);
  const { year, published, publishedAt, sections, texts, locale } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const [form, fields] = useForm({
    lastResult: lastResult && "initialValue" in lastResult ? lastResult : undefined,
    defaultValue: { sections, texts },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReportEditSchema }),
    shouldValidate: "onBlur",
  });
  const textFields = fields.texts.getFieldset();
  return (
    <div className="stack">
      <PageHeader title={t("staff.title", { year })} lead={t("staff.lead")}>
        <p>
          {t("staff.status")}:{" "}
          <strong>
            {published && publishedAt
              ? t("staff.statusPublished", { date: formatDate(publishedAt, locale) })
              : t("staff.statusDraft")}
          </strong>
        </p>
        <p className="inline-form">
          <Link to={`/reports/${year}`}>{t("staff.preview")}</Link>
          <Link to={`/staff/reports/${year - 1}`} rel="prev">
            {year - 1}
          </Link>
          <Link to={`/staff/reports/${year + 1}`} rel="next">
            {year + 1}
          </Link>
        </p>
      </PageHeader>
      {published ? <p className="report-notice">{t("staff.liveNotice")}</p> : null}
      {done ? (
        <p role="status" className="flash">
          {done === "publish" ? t("staff.published") : done === "unpublish" ? t("staff.unpublished") : t("staff.saved")}
        </p>
      ) : null}
      <div className="inline-form">
        <ConfirmAction
          label={published ? t("staff.republish") : t("staff.publish")}
          question={t("staff.publishConfirm", { year })}
          confirmLabel={published ? t("staff.republish") : t("staff.publish")}
          intent="publish"
        />
        {published ? (
          <ConfirmAction
            label={t("staff.unpublish")}
            question={t("staff.unpublishConfirm", { year })}
            confirmLabel={t("staff.unpublish")}
            intent="unpublish"
          />
        ) : null}
      </div>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="save" />
        <CheckboxGroup
          legend={t("staff.sections")}
          meta={fields.sections as FieldMetadata<string[]>}
          options={REPORT_SECTIONS.map((s) => ({ value: s, label: t(`section.${s}`) }))}
        />
        <h2>{t("staff.texts")}</h2>
        {REPORT_SECTIONS.map((section) => {
          const languages = textFields[section].getFieldset();
          return (
            <fieldset key={section} className="field stack">
              <legend>{t(`section.${section}`)}</legend>
              {SUPPORTED_LOCALES.map((language) => (
                <TextAreaField
                  key={language}
                  meta={languages[language] as FieldMetadata<string>}
                  label={t("staff.textLabel", {
                    section: t(`section.${section}`),
                    language: t(`language.${language}`),
                  })}
                  hint={t("staff.textHint")}
                />
              ))}
            </fieldset>
          );
        })}
        <p>
          <button type="submit">{t("staff.save")}</button>
        </p>
      </Form>
    </div>
  );
}
