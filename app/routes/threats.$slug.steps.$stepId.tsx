import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm-action";
import { Field, FormErrors, SelectField, TextAreaField } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { notFound, requireStaff } from "~/features/auth/guards.server";
import { correctStep, getStep, removeStep } from "~/features/threats/corrections.server";
import { StepCorrectionSchema, StepRemovalSchema } from "~/features/threats/forms";
import { getThreatHeader } from "~/features/threats/queries.server";
import { parseId } from "~/lib/ids";
import { CLASSIFICATIONS } from "~/lib/vocabularies";

export const handle = { titleKey: "threats:corrections.title" };

async function findStep(params: LoaderFunctionArgs["params"]) {
  const threat = await getThreatHeader(params.slug ?? "");
  const stepId = parseId(params.stepId);
  const step = threat && stepId ? await getStep(threat.id, stepId) : undefined;
  if (!threat || !step) throw notFound();
  return { threat, step };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const { threat, step } = await findStep(params);
  return {
    threat,
    stepId: step.id,
    defaults: {
      occurredOn: step.occurred_on,
      classification: step.classification,
      note: step.note ?? "",
      sourceUrl: step.source_url ?? "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const { threat, step } = await findStep(params);
  const formData = await request.formData();
  if (formData.get("intent") === "delete") {
    const submission = parseWithZod(formData, { schema: StepRemovalSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    await removeStep(staff, threat.id, step.id);
    return redirect(`/threats/${threat.slug}?saved=removed`);
  }
  const submission = parseWithZod(formData, { schema: StepCorrectionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await correctStep(staff, threat.id, step.id, submission.value);
  return redirect(`/threats/${threat.slug}?saved=corrected`);
}

export default function CorrectStepPage() {
  const { t } = useTranslation(["threats", "common"]);
  const { threat, defaults } = useLoaderData<typeof loader>();
  const [form, fields] = useForm({
    id: "correct-step",
    lastResult: useActionData<typeof action>(),
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StepCorrectionSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div>
      <p>
        <Link to={`/threats/${threat.slug}`}>{t("form.backTo", { title: threat.title })}</Link>
      </p>
      <PageHeader title={t("corrections.title")} lead={t("corrections.lead")} />
      <div className="stack narrow">
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="correct" />
          <Field label={t("fields.date")} meta={fields.occurredOn} type="date" />
          <SelectField
            label={t("fields.classification")}
            meta={fields.classification}
            placeholder={t("common:fields.choose")}
            options={CLASSIFICATIONS.map((c) => ({ value: c, label: t(`classification.${c}`) }))}
          />
          <TextAreaField label={t("fields.note")} meta={fields.note} />
          <Field label={t("fields.sourceUrl")} meta={fields.sourceUrl} type="url" />
          <p className="hint">{t("corrections.notifyHint")}</p>
          <button type="submit">{t("corrections.save")}</button>
        </Form>
        <section className="card" aria-labelledby="remove-step-heading">
          <h2 id="remove-step-heading">{t("corrections.removeHeading")}</h2>
          <p>{t("corrections.removeLead")}</p>
          <ConfirmAction
            label={t("corrections.remove")}
            question={t("corrections.removeQuestion")}
            confirmLabel={t("corrections.removeConfirm")}
            intent="delete"
          />
        </section>
      </div>
    </div>
  );
}
