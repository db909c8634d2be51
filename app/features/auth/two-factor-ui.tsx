/** The parts of the enrolment and sign-in pages for one-time codes, shared by /login and /account. */
import { getFormProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/forms";
import { parseWithZod } from "~/lib/parse-form";
import { ReauthenticateWithCodeSchema, SecondFactorSchema, TotpCodeSchema } from "~/features/auth/forms";

export interface EnrolmentView {
  secret: string;
  qrSvg: string;
}

/** The QR code, the secret as text, and the form for the first code. */
export function EnrolmentForm({
  enrolment,
  lastResult,
  askPassword = false,
}: {
  enrolment: EnrolmentView;
  lastResult?: SubmissionResult<string[]> | null;
  /** From a session (not right after the password step): the password is asked for too. */
  askPassword?: boolean;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm<{ code: string; currentPassword?: string }>({
    id: "enrol",
    lastResult,
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: askPassword ? ReauthenticateWithCodeSchema : TotpCodeSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  // Groups of four characters are easier to type.
  const grouped = enrolment.secret.replace(/(.{4})/g, "$1 ").trim();
  return (
    <section className="card narrow" aria-labelledby="enrol-heading">
      <h2 id="enrol-heading">{t("twoFactor.enrolHeading")}</h2>
      <ol>
        <li>{t("twoFactor.enrolStepApp")}</li>
        <li>{t("twoFactor.enrolStepScan")}</li>
      </ol>
      <figure className="qr-code">
        <div role="img" aria-label={t("twoFactor.qrLabel")} dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
        <figcaption>
          {t("twoFactor.secretLabel")} <code data-testid="totp-secret">{grouped}</code>
        </figcaption>
      </figure>
      <Form method="post" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="enrol" />
        <OneTimeCodeField meta={fields.code} hint={t("twoFactor.codeHint")} />
        {askPassword ? <CurrentPasswordField meta={fields.currentPassword} /> : null}
        <button type="submit">{t("twoFactor.enrolSubmit")}</button>
      </Form>
    </section>
  );
}

/** The second step of sign-in: an app code or a recovery code. */
export function SecondFactorForm({ lastResult }: { lastResult?: SubmissionResult<string[]> | null }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "verify",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SecondFactorSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="verify" />
      <OneTimeCodeField meta={fields.code} hint={t("twoFactor.verifyHint")} />
      <button type="submit">{t("twoFactor.verifySubmit")}</button>
    </Form>
  );
}

/** Shown once, right after enrolment. */
export function RecoveryCodes({ codes, continueTo }: { codes: string[]; continueTo: string }) {
  const { t } = useTranslation();
  return (
    <section className="card narrow" aria-labelledby="recovery-heading">
      <p className="alert alert-success" role="status">
        {t("twoFactor.enabled")}
      </p>
      <h2 id="recovery-heading">{t("twoFactor.recoveryHeading")}</h2>
      <p>{t("twoFactor.recoveryLead")}</p>
      <ul className="recovery-codes" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <Link to={continueTo}>{t("twoFactor.continue")}</Link>
      </p>
    </section>
  );
}

/** The one-time code input, as every two-step form asks for it (numeric keyboard, autofill from SMS or app). */
export function OneTimeCodeField({ meta, hint }: { meta: FieldMetadata<string>; hint: string }) {
  const { t } = useTranslation();
  return (
    <Field
      label={t("twoFactor.codeLabel")}
      hint={hint}
      meta={meta}
      type="text"
      inputMode="numeric"
      autoComplete="one-time-code"
    />
  );
}

/** The current password, asked for again before two-step sign-in is turned on or off. */
export function CurrentPasswordField({ meta }: { meta: FieldMetadata<string | undefined> }) {
  const { t } = useTranslation();
  return (
    <Field
      label={t("fields.currentPassword")}
      meta={meta as FieldMetadata<string>}
      type="password"
      autoComplete="current-password"
    />
  );
}
