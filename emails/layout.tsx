import { Body, Button, Container, Head, Heading, Hr, Html, Link, Preview, Text } from "@react-email/components";
import type { ReactNode } from "react";
import enEmail from "../app/i18n/locales/en/email.json";

/** The translation function templates receive: `getFixedT(locale, "email")` in the app. */
export type EmailT = (key: string, options?: Record<string, unknown>) => string;

/** What every template gets besides its own props. */
export interface EmailContext {
  t: EmailT;
  locale: string;
}

/**
 * A dependency-free English `t` for the React Email preview server, which cannot await i18next.
 * It only handles what the templates use: nested keys, `{{var}}` and `_one`/`_other` plurals.
 */
export function previewT(): EmailT {
  const lookup = (key: string): string | undefined => {
    let node: unknown = enEmail;
    for (const part of key.split(".")) {
      node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
    }
    return typeof node === "string" ? node : undefined;
  };
  return (key, options = {}) => {
    const count = options.count;
    const plural = typeof count === "number" ? lookup(`${key}_${count === 1 ? "one" : "other"}`) : undefined;
    const template = plural ?? lookup(key) ?? key;
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_match, name: string) => String(options[name] ?? ""));
  };
}

/** Dates in e-mails are shown in UTC, spelled out in the recipient's language. */
export function formatEmailDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(
    new Date(iso),
  );
}

// System fonts only: no remote fonts or images, so nothing is fetched when the mail is opened.
const fontFamily = '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

const styles = {
  body: { backgroundColor: "#f4f4f5", color: "#18181b", fontFamily, margin: 0, padding: "24px 0" },
  container: { backgroundColor: "#ffffff", maxWidth: "560px", margin: "0 auto", padding: "32px 24px" },
  heading: { fontSize: "22px", lineHeight: "1.3", margin: "0 0 16px" },
  text: { fontSize: "16px", lineHeight: "1.5", margin: "0 0 16px" },
  // Dark blue on white: contrast ratio above 7:1 (WCAG AAA for body text).
  button: {
    backgroundColor: "#1e3a8a",
    borderRadius: "4px",
    color: "#ffffff",
    display: "inline-block",
    fontSize: "16px",
    fontWeight: 600,
    padding: "12px 20px",
    textDecoration: "none",
  },
  link: { color: "#1e3a8a", textDecoration: "underline", wordBreak: "break-all" as const },
  small: { color: "#52525b", fontSize: "13px", lineHeight: "1.5", margin: "0 0 8px" },
  hr: { borderColor: "#e4e4e7", margin: "24px 0" },
};

export function EmailText({ children }: { children: ReactNode }) {
  return <Text style={styles.text}>{children}</Text>;
}

/** A call-to-action button followed by the same URL as text, for clients that drop buttons. */
export function EmailAction({ href, label, t }: { href: string; label: string; t: EmailT }) {
  return (
    <>
      <Button href={href} style={styles.button}>
        {label}
      </Button>
      <Text style={{ ...styles.small, marginTop: "16px" }}>{t("layout.linkFallback")}</Text>
      <Text style={styles.small}>
        <Link href={href} style={styles.link}>
          {href}
        </Link>
      </Text>
    </>
  );
}

export function EmailLayout({
  t,
  locale,
  title,
  preview,
  children,
}: EmailContext & { title: string; preview: string; children: ReactNode }) {
  return (
    <Html lang={locale} dir="ltr">
      <Head>
        <title>{title}</title>
        <meta name="color-scheme" content="light" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={styles.body}>
        <Container style={styles.container}>
          <Heading as="h1" style={styles.heading}>
            {title}
          </Heading>
          {children}
          <Hr style={styles.hr} />
          <Text style={styles.small}>{t("layout.ignore")}</Text>
          <Text style={styles.small}>{t("layout.footer")}</Text>
        </Container>
      </Body>
    </Html>
  );
}
