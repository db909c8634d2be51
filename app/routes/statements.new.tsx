import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField, TextAreaField } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { requireStaff } from "~/features/auth/guards.server";
import { jurisdictionOptions } from "~/features/jurisdictions/jurisdictions.server";
import { getLocale } from "~/i18n/i18next.server";
import { STANCES, STATEMENT_KINDS } from "~/lib/vocabularies";
import { StatementSchema } from "~/features/threats/forms";
import { createStatement } from "~/features/threats/statements.server";

export const handle = { titleKey: "threats:statement.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { jurisdictions: await jurisdictionOptions(await getLocale(request)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const submission = parseWithZod(await request.formData(), { schema: StatementSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const fieldErrors = await createStatement(staff, submission.value);
  if (fieldErrors) return data(submission.reply({ fieldErrors }), { status: 400 });
  return redirect(
    submission.value.threatSlug
      ? `/threats/${submission.value.threatSlug}`
      : `/countries/${submission.value.jurisdiction}`,
  );
}

export default function NewStatementPage() {
  const { t } = useTranslation(["threats", "common"]);
  const { jurisdictions } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult: useActionData<typeof action>(),
    defaultValue: {
      threatSlug: searchParams.get("threat") ?? "",
      jurisdiction: searchParams.get("jurisdiction") ?? "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StatementSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div>
      <PageHeader title={t("statement.title")} lead={t("statement.lead")} />
      <Form method="post" {...getFormProps(form)} className="narrow">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("statement.speaker")} meta={fields.speaker} type="text" />
        <Field label={t("statement.speakerRole")} meta={fields.speakerRole} type="text" />
        <Field label={t("statement.body")} meta={fields.body} type="text" />
        <SelectField
          label={t("fields.jurisdiction")}
          meta={fields.jurisdiction}
          placeholder={t("common:fields.choose")}
          options={jurisdictions}
        />
        <Field label={t("fields.date")} meta={fields.statedOn} type="date" />
        <SelectField
          label={t("statement.stance")}
          meta={fields.stance}
          placeholder={t("common:fields.choose")}
          options={STANCES.map((s) => ({ value: s, label: t(`stance.${s}`) }))}
        />
        <SelectField
          label={t("statement.kind")}
          meta={fields.kind}
          placeholder={t("common:fields.choose")}
          options={STATEMENT_KINDS.map((k) => ({ value: k, label: t(`statementKind.${k}`) }))}
        />
        <TextAreaField label={t("statement.quote")} meta={fields.quote} />
        <Field label={t("fields.sourceUrl")} meta={fields.url} type="url" />
        <Field label={t("statement.threat")} hint={t("form.relatedHint")} meta={fields.threatSlug} type="text" />
        <button type="submit">{t("statement.save")}</button>
      </Form>
    </div>
  );
}
