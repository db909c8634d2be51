import { useId } from "react";
import { useTranslation } from "react-i18next";
import { EVENT_RESOURCE } from "~/features/webhooks/constants";
import type { ApiKeyResource, WebhookDisabledReason, WebhookEventType } from "~/lib/vocabularies";

/** Names of the subscribed events the key cannot receive, for a hint next to the endpoint. */
export function useMissingEvents(resources: readonly ApiKeyResource[]) {
  const { t } = useTranslation("webhooks");
  return (events: readonly WebhookEventType[]) =>
    events
      .filter((event) => {
        const needed = EVENT_RESOURCE[event];
        return needed !== null && !resources.includes(needed);
      })
      .map((event) => t(`events.${event}`));
}

export function EndpointStatus({
  endpoint,
}: {
  endpoint: { enabled: boolean; disabledReason: WebhookDisabledReason | null; consecutiveFailures: number };
}) {
  const { t } = useTranslation("webhooks");
  if (endpoint.enabled) return <span className="badge badge-sent">{t("status.enabled")}</span>;
  return (
    <>
      <span className="badge badge-failed">{t("status.disabled")}</span>{" "}
      {endpoint.disabledReason
        ? t(`disabledBy.${endpoint.disabledReason}`, { count: endpoint.consecutiveFailures })
        : null}
    </>
  );
}

/** The signing secret in a read-only field, so it can be selected and copied whole. */
export function SecretField({ secret }: { secret: string }) {
  const { t } = useTranslation("webhooks");
  const id = useId();
  return (
    <div className="field secret-field">
      <label htmlFor={id}>{t("secret.label")}</label>
      <p className="hint" id={`${id}-hint`}>
        {t("secret.hint")}
      </p>
      <input
        id={id}
        type="text"
        readOnly
        value={secret}
        aria-describedby={`${id}-hint`}
        spellCheck={false}
        autoComplete="off"
      />
    </div>
  );
}
