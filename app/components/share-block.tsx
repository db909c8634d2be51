/**
 * "Pass it on" after someone signs a letter or writes to their lawmakers: the link to copy, an
 * e-mail, and plain share links (no third-party script or request: each is only a link until the
 * person follows it). With JavaScript, a copy button (Clipboard API) and the device's own share
 * sheet (Web Share API) appear where the browser has them; without, the link sits in a read-only
 * field that selects on focus and copies by hand.
 */
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";

export interface ShareBlockProps {
  /** The absolute URL to pass on. */
  url: string;
  /** A sentence that goes before the URL in the message. */
  text: string;
  /** The e-mail's subject (and the share sheet's title). */
  subject: string;
}

/** The plain share links, in the order shown; each is built from the message and the URL. */
export function shareLinks({ url, text, subject }: ShareBlockProps) {
  const message = `${text} ${url}`;
  const e = encodeURIComponent;
  return [
    { key: "email", href: `mailto:?subject=${e(subject)}&body=${e(message)}` },
    { key: "bluesky", href: `https://bsky.app/intent/compose?text=${e(message)}` },
    { key: "linkedin", href: `https://www.linkedin.com/sharing/share-offsite/?url=${e(url)}` },
    { key: "whatsapp", href: `https://wa.me/?text=${e(message)}` },
  ] as const;
}

export function ShareBlock(props: ShareBlockProps) {
  const { url, text, subject } = props;
  const { t } = useTranslation("common");
  const id = useId();
  const [can, setCan] = useState({ copy: false, share: false });
  const [status, setStatus] = useState("");
  useEffect(() => {
    setCan({
      copy: typeof navigator !== "undefined" && !!navigator.clipboard?.writeText,
      share: typeof navigator !== "undefined" && typeof navigator.share === "function",
    });
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setStatus(t("share.copied"));
    } catch {
      setStatus(t("share.copyFailed"));
    }
  }

  async function share() {
    try {
      await navigator.share({ title: subject, text, url });
    } catch {
      // Dismissing the share sheet is not an error worth telling.
    }
  }

  return (
    <section className="share-block card stack" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("share.heading")}</h2>
      <p>{t("share.lead")}</p>
      <div className="share-copy">
        <label htmlFor={`${id}-url`}>{t("share.linkLabel")}</label>
        <div className="share-copy-row">
          <input
            id={`${id}-url`}
            type="url"
            readOnly
            value={url}
            aria-describedby={`${id}-hint`}
            onFocus={(event) => event.currentTarget.select()}
          />
          {can.copy ? (
            <button type="button" className="secondary" onClick={copy}>
              {t("share.copy")}
            </button>
          ) : null}
        </div>
        <p id={`${id}-hint`} className="hint">
          {t("share.linkHint")}
        </p>
        {/* A live region without the status role: the page's own status (signed, confirmed) stays the one. */}
        <p aria-live="polite" className="share-status">
          {status}
        </p>
      </div>
      <ul className="share-links" aria-label={t("share.linksLabel")}>
        {shareLinks(props).map((link) => (
          <li key={link.key}>
            <a href={link.href} rel="noopener noreferrer" data-share={link.key}>
              {t(`share.via.${link.key}`)}
            </a>
          </li>
        ))}
        {can.share ? (
          <li>
            <button type="button" className="secondary" onClick={share}>
              {t("share.native")}
            </button>
          </li>
        ) : null}
      </ul>
      <p className="hint">{t("share.privacy")}</p>
    </section>
  );
}
