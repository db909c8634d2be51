import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, FormErrors, SelectField, TextAreaField } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { ApplicationSchema, HONEYPOT_FIELD, isHoneypotFilled, PUBLIC_PROFILE_MAX } from "~/features/coalition/forms";
import { applyForMembership } from "~/features/coalition/applications.server";
import { SECTORS, APPLICATION_KINDS } from "~/lib/vocabularies";
import { jurisdictionOptions } from "~/features/jurisdictions/jurisdictions.server";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { clientIp } from "~/features/security/request.server";
import { getLocale } from "~/i18n/i18next.server";

export const handle = { titleKey: "applications:apply.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  return { jurisdictions: await jurisdictionOptions(await getLocale(request)) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ip = clientIp(context);
  await enforceRateLimit([
    ["publicFormBurst", ip],
    ["publicFormSustained", ip],
  ]);
  const formData = await request.formData();
  // Bots get the same answer as people, and nothing is written.
  if (isHoneypotFilled(formData)) return data({ result: undefined, sent: true });
  const submission = parseWithZod(formData, { schema: ApplicationSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  const result = await applyForMembership(submission.value, await getLocale(request));
  if (!result.ok) {
    return data({ result: submission.reply({ fieldErrors: result.fieldErrors }), sent: false }, { status: 400 });
  }
  return data({ result: submission.reply({ resetForm: true }), sent: true });
}

export default function ApplicationForm() {
  const { t } = useTranslation(["applications", "coalition", "common"]);
  const { jurisdictions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApplicationSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });

  if (actionData?.sent) {
    return (
      <div className="narrow stack">
        <PageHeader title={t("apply.sentTitle")} />
        <p className="alert alert-success" role="status">
          {t("apply.sent")}
        </p>
        <p>{t("apply.sentNext")}</p>
        <p>
          <a href="/coalition">{t("apply.backToDirectory")}</a>
        </p>
      </div>
    );
  }

  const consent = getInputProps(fields.consentPublic, { type: "checkbox" });
  return (
    <div className="narrow stack">
      <PageHeader title={t("apply.title")} lead={t("apply.lead")} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          label={t("fields.kind")}
          meta={fields.kind}
          placeholder={t("common:fields.choose")}
          options={APPLICATION_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <Field label={t("fields.name")} hint={t("apply.nameHint")} meta={fields.name} type="text" />
        <SelectField
          label={t("fields.sector")}
          meta={fields.sector}
          placeholder={t("common:fields.choose")}
          options={SECTORS.map((s) => ({ value: s, label: t(`coalition:sector.${s}`) }))}
        />
        <SelectField
          label={t("fields.jurisdiction")}
          meta={fields.jurisdiction}
          placeholder={t("common:fields.choose")}
          options={jurisdictions}
        />
        <Field label={t("fields.website")} hint={t("apply.websiteHint")} meta={fields.website} type="url" />
        <Field label={t("fields.contactName")} meta={fields.contactName} type="text" autoComplete="name" />
        <Field
          label={t("fields.contactEmail")}
          hint={t("apply.contactEmailHint")}
          meta={fields.contactEmail}
          type="email"
          autoComplete="email"
        />
        <TextAreaField
          label={t("fields.motivation")}
          hint={t("apply.motivationHint")}
          meta={fields.motivation}
          rows={6}
        />
        <TextAreaField
          label={t("fields.publicProfile")}
          hint={t("apply.publicProfileHint", { max: PUBLIC_PROFILE_MAX })}
          meta={fields.publicProfile}
          rows={5}
        />
        <div className="field">
          <label>
            <input {...consent} key={consent.key} aria-describedby={`${fields.consentPublic.id}-hint`} />{" "}
            {t("fields.consentPublic")}
          </label>
          <p id={`${fields.consentPublic.id}-hint`} className="hint">
            {t("apply.consentHint")}
          </p>
          <ErrorList id={fields.consentPublic.errorId} errors={fields.consentPublic.errors} />
        </div>
        <div className="visually-hidden" aria-hidden="true">
          <label htmlFor={HONEYPOT_FIELD}>{t("apply.honeypot")}</label>
          <input id={HONEYPOT_FIELD} name={HONEYPOT_FIELD} type="text" tabIndex={-1} autoComplete="off" />
        </div>
        <p className="hint">{t("apply.privacy")}</p>
        <button type="submit">{t("apply.submit")}</button>
      </Form>
    </div>
  );
}
