import { Form } from "@remix-run/react";

/**
 * A destructive action behind a disclosure: the first click explains and asks, the second does it.
 * Works without JavaScript.
 */
export function ConfirmAction({
  label,
  question,
  confirmLabel,
  intent,
  hidden,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  intent: string;
  hidden?: Record<string, string | number>;
}) {
  return (
    <details className="confirm-action">
      <summary className="button secondary button-small">{label}</summary>
      <Form method="post" className="inline-form">
        <p>{question}</p>
        <input type="hidden" name="intent" value={intent} />
        {Object.entries(hidden ?? {}).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <input type="hidden" name="confirm" value="yes" />
        <button type="submit" className="danger button-small">
          {confirmLabel}
        </button>
      </Form>
    </details>
  );
}
