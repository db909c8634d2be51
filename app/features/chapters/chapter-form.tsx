import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField } from "~/components/forms";
import { REGIONS } from "~/lib/vocabularies";
import { ChapterSchema } from "~/features/chapters/forms";
import { CHAPTER_KINDS, CHAPTER_STATUSES } from "~/lib/vocabularies";

/** Staff create and edit chapters with this form. */
export function ChapterForm({
  lastResult,
  defaultValue,
  jurisdictions,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, string>;
  jurisdictions: ReadonlyArray<{ value: string; label: string }>;
  submitLabel: string;
}) {
  const { t } = useTranslation(["actions", "common"]);
  const [form, fields] = useForm({
    id: "chapter-form",
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChapterSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="narrow">
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={t("fields.name")} meta={fields.name} type="text" />
      <SelectField
        label={t("fields.jurisdiction")}
        meta={fields.jurisdiction}
        placeholder={t("common:fields.choose")}
        options={jurisdictions}
      />
      <SelectField
        label={t("fields.chapterKind")}
        meta={fields.kind}
        options={CHAPTER_KINDS.map((k) => ({ value: k, label: t(`common:chapters.kind.${k}`) }))}
      />
      <SelectField
        label={t("fields.status")}
        meta={fields.status}
        options={CHAPTER_STATUSES.map((s) => ({ value: s, label: t(`chapterStatus.${s}`) }))}
      />
      <SelectField
        label={t("fields.region")}
        meta={fields.region}
        placeholder={t("common:fields.none")}
        options={REGIONS.map((r) => ({ value: r, label: t(`region.${r}`) }))}
      />
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
