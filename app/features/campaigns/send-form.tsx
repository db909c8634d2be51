import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { Form, useFormAction } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, FormErrors, SelectField } from "~/components/forms";
import { LetterText } from "~/features/campaigns/letter-view";
import { SEND_HONEYPOT_FIELD, SendLettersSchema } from "~/features/campaigns/forms";

export interface PreviewLetter {
  lawmakerId: number;
  lawmakerName: string;
  lawmakerTitle: string | null;
  byEmail: boolean;
  subject: string;
  body: string;
}

export interface SendActionData {
  result?: SubmissionResult<string[]>;
  /** Step two: the exact letters, and the values that produce them again. */
  preview?: { letters: PreviewLetter[]; values: Record<string, string>; seed: string };
}

/** Where the preview starts: the no-JavaScript answer scrolls there by the form's fragment. */
export const PREVIEW_ID = "preview";

/**
 * Step two: the letters as they will be sent, and the button that sends them. It appears above
 * the form that asked for it, so it takes the focus and scrolls into view: people would otherwise
 * press Preview again and never see Send.
 */
export function LettersPreview({ preview }: { preview: NonNullable<SendActionData["preview"]> }) {
  const { t } = useTranslation("campaigns");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: "start" });
  }, [preview.seed]);
  return (
    <section className="stack" aria-labelledby="preview-heading" id={PREVIEW_ID}>
      <h2 id="preview-heading" ref={heading} tabIndex={-1}>
        {t("send.previewHeading", { count: preview.letters.length })}
      </h2>
      <p>{t("send.previewLead")}</p>
      {preview.letters.map((letter) => (
        <article key={letter.lawmakerId} className="card" aria-label={letter.lawmakerName}>
          <h3>
            {t("send.to", { name: letter.lawmakerName })}
            {letter.lawmakerTitle ? ` · ${letter.lawmakerTitle}` : ""}
          </h3>
          <p>
            <strong>{t("send.subject")}</strong> {letter.subject}
          </p>
          <LetterText text={letter.body} />
          {!letter.byEmail ? <p className="hint">{t("send.contactFormNote")}</p> : null}
        </article>
      ))}
      <Form method="post">
        <input type="hidden" name="intent" value="send" />
        <input type="hidden" name="seed" value={preview.seed} />
        {Object.entries(preview.values).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <p className="hint">{t("send.confirmHint")}</p>
        <button type="submit">{t("send.send", { count: preview.letters.length })}</button>
      </Form>
      <p className="hint">{t("send.changeHint")}</p>
    </section>
  );
}

/** Step one: who writes, from where, with an optional paragraph of their own. */
export function SenderForm({
  lastResult,
  places,
  asksNote,
  asksLocality,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  places: Array<{ value: string; label: string }> | null;
  asksNote: boolean;
  asksLocality: boolean;
}) {
  const { t } = useTranslation(["campaigns", "common"]);
  const [form, fields] = useForm({
    id: "write",
    lastResult,
    defaultValue: { intent: "preview" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SendLettersSchema }),
    shouldValidate: "onBlur",
  });
  const note = getTextareaProps(fields.personalNote);
  const formAction = useFormAction();
  return (
    <Form
      method="post"
      action={`${formAction}#${PREVIEW_ID}`}
      {...getFormProps(form)}
      className="narrow"
      aria-labelledby="write-heading"
    >
      <h2 id="write-heading">{t("send.formHeading")}</h2>
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="intent" value="preview" />
      {places ? (
        <SelectField
          label={t("send.place")}
          hint={t("send.placeHint")}
          meta={fields.place}
          placeholder={t("form.choose")}
          options={places}
        />
      ) : null}
      <Field label={t("send.name")} meta={fields.name} type="text" autoComplete="name" />
      <Field label={t("send.email")} hint={t("send.emailHint")} meta={fields.email} type="email" autoComplete="email" />
      {asksLocality ? (
        <Field label={t("send.locality")} hint={t("send.localityHint")} meta={fields.locality} type="text" />
      ) : null}
      {asksNote ? (
        <div className="field">
          <label htmlFor={fields.personalNote.id}>{t("send.note")}</label>
          <p id={`${fields.personalNote.id}-hint`} className="hint">
            {t("send.noteHint")}
          </p>
          <textarea
            {...note}
            key={note.key}
            rows={5}
            aria-describedby={`${fields.personalNote.id}-hint${fields.personalNote.errors?.length ? ` ${fields.personalNote.errorId}` : ""}`}
          />
          <ErrorList id={fields.personalNote.errorId} errors={fields.personalNote.errors} />
        </div>
      ) : null}
      <div className="visually-hidden" aria-hidden="true">
        <label htmlFor={`write-${SEND_HONEYPOT_FIELD}`}>{t("send.honeypot")}</label>
        <input
          id={`write-${SEND_HONEYPOT_FIELD}`}
          name={SEND_HONEYPOT_FIELD}
          type="text"
          tabIndex={-1}
          autoComplete="off"
        />
      </div>
      <p className="hint">{t("send.privacy")}</p>
      <button type="submit">{t("send.preview")}</button>
    </Form>
  );
}
