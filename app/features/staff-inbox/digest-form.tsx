import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms";
import { StaffDigestSchema } from "~/features/staff-inbox/forms";
import { parseWithZod } from "~/lib/parse-form";

/** The account page's opt-out of the daily digest of waiting reviews (staff and admins only). */
export function DigestForm({
  enabled,
  lastResult,
  saved,
}: {
  enabled: boolean;
  lastResult: SubmissionResult<string[]> | null | undefined;
  saved: boolean;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "staff-digest",
    lastResult,
    defaultValue: { digest: enabled ? "on" : undefined },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: StaffDigestSchema }),
    shouldValidate: "onSubmit",
  });
  const digest = getInputProps(fields.digest, { type: "checkbox" });
  const hintId = `${fields.digest.id}-hint`;
  const describedBy = fields.digest.errors?.length ? `${hintId} ${fields.digest.errorId}` : hintId;
  return (
    <section className="card narrow" aria-labelledby="digest-heading">
      <h2 id="digest-heading">{t("inbox.digest.heading")}</h2>
      {saved ? (
        <p className="alert alert-success" role="status">
          {t("inbox.digest.saved")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <input type="hidden" name="intent" value="staff-digest" />
        <div className="field">
          <label>
            <input {...digest} key={digest.key} aria-describedby={describedBy} /> {t("inbox.digest.label")}
          </label>
          <p id={hintId} className="hint">
            {t("inbox.digest.hint")}
          </p>
          <ErrorList id={fields.digest.errorId} errors={fields.digest.errors} />
        </div>
        <button type="submit">{t("inbox.digest.submit")}</button>
      </Form>
    </section>
  );
}
