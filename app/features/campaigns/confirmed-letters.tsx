import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ConfirmedLetter } from "~/features/campaigns/confirm.server";

function safeUrl(url: string | null): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}

/** Copies a letter with JavaScript; without it the text stays selectable in its box. */
function CopyButton({ targetId }: { targetId: string }) {
  const { t } = useTranslation("campaigns");
  // Shown only where the clipboard works, so never without JavaScript.
  const [available, setAvailable] = useState(false);
  const [copied, setCopied] = useState(false);
  useEffect(() => setAvailable(Boolean(navigator.clipboard)), []);
  if (!available) return null;
  return (
    <button
      type="button"
      className="secondary button-small"
      onClick={() => {
        const area = document.getElementById(targetId);
        if (!(area instanceof HTMLTextAreaElement)) return;
        void navigator.clipboard.writeText(area.value).then(() => setCopied(true));
      }}
    >
      {copied ? t("confirm.copied") : t("confirm.copy")}
    </button>
  );
}

/** After confirming: what went to the outbox, and the letters to send through a contact form. */
export function ConfirmedLetters({ letters }: { letters: ConfirmedLetter[] }) {
  const { t } = useTranslation("campaigns");
  const mailed = letters.filter((l) => l.status !== "handed_to_sender");
  const handed = letters.filter((l) => l.status === "handed_to_sender");
  return (
    <div className="stack">
      {mailed.length ? (
        <section aria-labelledby="mailed-heading" className="stack">
          <h2 id="mailed-heading">{t("confirm.mailedHeading", { count: mailed.length })}</h2>
          <p className="alert alert-success" role="status">
            {t("confirm.mailed", { count: mailed.length })}
          </p>
          <ul>
            {mailed.map((l) => (
              <li key={l.id}>
                {l.lawmakerName}
                {l.lawmakerTitle ? ` · ${l.lawmakerTitle}` : ""} — {t(`letterStatus.${l.status}`)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {handed.length ? (
        <section aria-labelledby="handed-heading" className="stack">
          <h2 id="handed-heading">{t("confirm.handedHeading", { count: handed.length })}</h2>
          <p>{t("confirm.handedLead")}</p>
          {handed.map((l) => {
            const id = `letter-${l.id}`;
            const url = safeUrl(l.contactUrl);
            const subjectId = `letter-${l.id}-subject`;
            return (
              <article key={l.id} className="card stack" aria-label={l.lawmakerName}>
                <h3>{t("send.to", { name: l.lawmakerName })}</h3>
                <div className="field">
                  <label htmlFor={subjectId}>{t("confirm.letterSubject")}</label>
                  <input id={subjectId} type="text" readOnly defaultValue={l.subject} />
                </div>
                <div className="field">
                  <label htmlFor={id}>{t("confirm.letterText")}</label>
                  <textarea id={id} readOnly rows={12} defaultValue={l.body ?? ""} />
                </div>
                <p className="inline-form">
                  <CopyButton targetId={id} />
                  {url ? (
                    <a className="button" href={url} target="_blank" rel="noopener noreferrer">
                      {t("confirm.openContactForm", { name: l.lawmakerName })}
                    </a>
                  ) : null}
                </p>
              </article>
            );
          })}
        </section>
      ) : null}
    </div>
  );
}
