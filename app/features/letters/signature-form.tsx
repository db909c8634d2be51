import { formatDate } from "~/lib/format";
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { useFetcher } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { ShareBlock } from "~/components/share-block";
import { ErrorList, Field, FormErrors, SelectField } from "~/components/forms";
import type { LetterStatus } from "~/features/letters/constants";
import { IndividualSignatureSchema, SIGNATURE_HONEYPOT_FIELD } from "~/features/letters/forms";
import { jurisdictionNamesIn } from "~/features/jurisdictions/names";
import { isLocale } from "~/i18n/config";

/** Jurisdictions that are not countries: a person signs from a country, or from none ("INT"). */
const NOT_COUNTRIES = new Set(["EU", "INT"]);

/**
 * Country choices from the same package the jurisdictions seed uses (the language bundle's
 * names), so the codes match the table without a loader: the form renders on any page (the letter
 * page, the sign route).
 */
function useCountryOptions(locale: string) {
  const { t } = useTranslation("signatures");
  return useMemo(() => {
    const lang = isLocale(locale) ? locale : "en";
    const options = Object.entries(jurisdictionNamesIn(lang))
      .filter(([code]) => !NOT_COUNTRIES.has(code))
      .map(([code, label]) => ({ value: code, label }));
    options.sort((a, b) => a.label.localeCompare(b.label, lang));
    return [...options, { value: "INT", label: t("form.noCountry") }];
  }, [locale, t]);
}

/** What `/letters/:slug/sign` answers (the route and the form share this shape). */
export interface SignActionData {
  result?: SubmissionResult<string[]>;
  /** Set on success: the neutral "check your e-mail", or the organisation's signature. */
  done?: "individual" | "organisation";
}

export interface SignatureFormProps {
  letter: { slug: string; status: LetterStatus };
  /** The sign route passes the server's answer back so field errors show after a 400. */
  lastResult?: SubmissionResult<string[]> | null;
  /** When the representative's organisation signed; its sign button is then not offered again. */
  organisationSignedAt?: string | null;
  /** The reader is a signed-in coalition member representative: they sign for their organisation. */
  isRepresentative: boolean;
  /** The letter's absolute URL and title, offered to pass on once signed. */
  share?: LetterShare;
}

export interface LetterShare {
  url: string;
  title: string;
}

/** The share step after a signature (the "check your e-mail" answer and the confirmed one). */
export function LetterShareBlock({ share }: { share: LetterShare }) {
  const { t } = useTranslation("common");
  return (
    <ShareBlock
      url={share.url}
      subject={t("share.letterSubject", { title: share.title })}
      text={t("share.letterText")}
    />
  );
}

/** The answer after signing, in place of the form. */
export function SignatureDone({ done, share }: { done: "individual" | "organisation"; share?: LetterShare }) {
  const { t } = useTranslation("signatures");
  return (
    <>
      {done === "individual" ? (
        <div className="stack" role="status">
          <p className="alert alert-success">{t("done.checkEmail")}</p>
          <p>{t("done.checkEmailNext")}</p>
        </div>
      ) : (
        <p className="alert alert-success" role="status">
          {t("done.organisation")}
        </p>
      )}
      {share ? <LetterShareBlock share={share} /> : null}
    </>
  );
}

/**
 * The signature form of an open letter: an individual signs with their e-mail (double opt-in);
 * a signed-in coalition member representative may sign for their organisation in one click.
 * Posts to `/letters/:slug/sign`, which decides; works without JavaScript.
 */
export function SignatureForm({
  letter,
  lastResult,
  isRepresentative,
  organisationSignedAt,
  share,
}: SignatureFormProps) {
  const { t, i18n } = useTranslation(["signatures", "common"]);
  const countryOptions = useCountryOptions(i18n.language);
  const action = `/letters/${encodeURIComponent(letter.slug)}/sign`;
  // With JavaScript the form posts in place (the letter page stays); without, the sign route renders.
  const fetcher = useFetcher<SignActionData>({ key: `sign-${letter.slug}` });
  const [form, fields] = useForm({
    id: `sign-${letter.slug}`,
    lastResult: lastResult ?? fetcher.data?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: IndividualSignatureSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });

  if (letter.status !== "open") {
    return (
      <section className="signature-form stack" aria-labelledby={`sign-${letter.slug}-heading`}>
        <h2 id={`sign-${letter.slug}-heading`}>{t("form.title")}</h2>
        <p className="alert">{letter.status === "draft" ? t("form.notOpenYet") : t("form.closed")}</p>
      </section>
    );
  }

  if (fetcher.data?.done) {
    return (
      <section className="signature-form stack" aria-labelledby={`sign-${letter.slug}-heading`}>
        <h2 id={`sign-${letter.slug}-heading`}>{t("form.title")}</h2>
        <SignatureDone done={fetcher.data.done} share={share} />
      </section>
    );
  }

  const showPublicly = getInputProps(fields.showPublicly, { type: "checkbox" });
  return (
    <section className="signature-form stack" aria-labelledby={`sign-${letter.slug}-heading`}>
      <h2 id={`sign-${letter.slug}-heading`}>{t("form.title")}</h2>
      {isRepresentative && organisationSignedAt ? (
        <p className="alert alert-success" role="status">
          {t("form.organisationSigned", { date: formatDate(organisationSignedAt, i18n.language) })}
        </p>
      ) : isRepresentative ? (
        <fetcher.Form method="post" action={action} className="stack">
          <input type="hidden" name="intent" value="organisation" />
          <p className="hint">{t("form.organisationLead")}</p>
          <button type="submit" disabled={fetcher.state !== "idle"}>
            {t("form.signForOrganisation")}
          </button>
        </fetcher.Form>
      ) : null}
      <fetcher.Form method="post" action={action} {...getFormProps(form)} className="stack">
        <p className="hint">{t("form.individualLead")}</p>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="intent" value="individual" />
        <Field label={t("form.name")} meta={fields.name} type="text" autoComplete="name" />
        <Field
          label={t("form.affiliation")}
          hint={t("form.affiliationHint")}
          meta={fields.affiliation}
          type="text"
          autoComplete="organization"
        />
        <SelectField
          label={t("form.country")}
          meta={fields.jurisdiction}
          placeholder={t("common:fields.choose")}
          options={countryOptions}
        />
        <Field
          label={t("form.email")}
          hint={t("form.emailHint")}
          meta={fields.email}
          type="email"
          autoComplete="email"
        />
        <div className="field">
          <label>
            <input {...showPublicly} key={showPublicly.key} aria-describedby={`${fields.showPublicly.id}-hint`} />{" "}
            {t("form.showPublicly")}
          </label>
          <p id={`${fields.showPublicly.id}-hint`} className="hint">
            {t("form.showPubliclyHint")}
          </p>
          <ErrorList id={fields.showPublicly.errorId} errors={fields.showPublicly.errors} />
        </div>
        <div className="visually-hidden" aria-hidden="true">
          <label htmlFor={`${form.id}-${SIGNATURE_HONEYPOT_FIELD}`}>{t("form.honeypot")}</label>
          <input
            id={`${form.id}-${SIGNATURE_HONEYPOT_FIELD}`}
            name={SIGNATURE_HONEYPOT_FIELD}
            type="text"
            tabIndex={-1}
            autoComplete="off"
          />
        </div>
        <p className="hint">{t("form.privacy")}</p>
        <button type="submit" disabled={fetcher.state !== "idle"}>
          {t("form.submit")}
        </button>
      </fetcher.Form>
    </section>
  );
}
