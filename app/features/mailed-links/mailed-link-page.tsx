import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { PageHeader } from "~/components/layout";

interface MailedLinkPageProps {
  title: string;
  /** The token to post back, or null when the link is unknown, used or expired. */
  token: string | null;
  lead?: string;
  submitLabel: string;
  /** A red button, for links that undo something (withdrawing a signature). */
  danger?: boolean;
  /** Set once the button was pressed and it worked. */
  done?: { title: string; lead?: string; body: ReactNode } | null;
  /** The button was pressed and the token was refused. */
  refused: boolean;
  errorMessage: string;
  /** Where to go from the error: back to the list, or to start again. */
  errorLink: ReactNode;
  /** Shown under the button. */
  children?: ReactNode;
}

/** One page for every mailed link: a single button, then what it did or why it could not. */
export function MailedLinkPage(props: MailedLinkPageProps) {
  const { title, token, lead, submitLabel, danger, done, refused, errorMessage, errorLink, children } = props;
  if (done) {
    return (
      <div className="narrow stack">
        <PageHeader title={done.title} lead={done.lead} />
        {done.body}
      </div>
    );
  }
  if (!token || refused) {
    return (
      <div className="narrow stack">
        <PageHeader title={title} />
        <p className="alert alert-error" role="alert">
          {errorMessage}
        </p>
        <p>{errorLink}</p>
      </div>
    );
  }
  return (
    <div className="narrow stack">
      <PageHeader title={title} lead={lead} />
      <Form method="post">
        <input type="hidden" name="token" value={token} />
        <button type="submit" className={danger ? "danger" : undefined}>
          {submitLabel}
        </button>
      </Form>
      {children}
    </div>
  );
}

/** The usual outcome of a mailed link: a short notice and where to go next. */
export function DoneNotice({ message, next }: { message: string; next: ReactNode }) {
  return (
    <>
      <p className="alert alert-success" role="status">
        {message}
      </p>
      <p>{next}</p>
    </>
  );
}
