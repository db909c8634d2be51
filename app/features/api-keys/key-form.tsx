import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxGroup, Field, FormErrors, SelectField } from "~/components/forms";
import { CreateApiKeySchema } from "~/features/api-keys/forms";
import { parseWithZod } from "~/lib/parse-form";
import { API_KEY_ACCESS, API_KEY_RESOURCES } from "~/lib/vocabularies";

/** Admins create a key with this form: a name, read or read-write, and the resources it may use. */
export function ApiKeyForm({ lastResult }: { lastResult?: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "api-key-form",
    lastResult,
    defaultValue: { access: "read" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateApiKeySchema }),
    shouldValidate: "onBlur",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="narrow stack">
      <input type="hidden" name="intent" value="create" />
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field label={t("apiKeys.name")} hint={t("apiKeys.nameHint")} meta={fields.name} type="text" />
      <SelectField
        label={t("apiKeys.access")}
        meta={fields.access}
        options={API_KEY_ACCESS.map((access) => ({ value: access, label: t(`apiKeys.accessValue.${access}`) }))}
      />
      <CheckboxGroup
        legend={t("apiKeys.resources")}
        meta={fields.resources}
        options={API_KEY_RESOURCES.map((resource) => ({ value: resource, label: t(`apiKeys.resource.${resource}`) }))}
      />
      <p className="hint">{t("apiKeys.resourcesHint")}</p>
      <p>
        <button type="submit">{t("apiKeys.create")}</button>
      </p>
    </Form>
  );
}

/** The token, once: a read-only field to copy it from, with the warning that it is not shown again. */
export function NewTokenNotice({ name, token, apiUrl }: { name: string; token: string; apiUrl: string }) {
  const { t } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="new-token-heading">
      <h2 id="new-token-heading">{t("apiKeys.tokenHeading", { name })}</h2>
      <p id="new-token-warning" className="alert alert-warning">
        {t("apiKeys.tokenWarning")}
      </p>
      <div className="field">
        <label htmlFor="new-token">{t("apiKeys.tokenLabel")}</label>
        <input
          id="new-token"
          name="token"
          type="text"
          readOnly
          value={token}
          spellCheck={false}
          autoComplete="off"
          className="token-field"
          aria-describedby="new-token-warning new-token-use"
        />
      </div>
      <p id="new-token-use" className="hint">
        {t("apiKeys.tokenUse", { url: apiUrl })}
      </p>
    </section>
  );
}
