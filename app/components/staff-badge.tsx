import { useTranslation } from "react-i18next";

/**
 * The Staff link's label with a small count of the items waiting in the review queues. Screen
 * readers hear one phrase ("Staff, 7 items waiting"); the count itself is only drawn.
 */
export function StaffBadge({ waiting }: { waiting: number }) {
  const { t } = useTranslation();
  if (waiting <= 0) return <>{t("nav.staff")}</>;
  return (
    <>
      <span className="visually-hidden">{t("nav.staffWaiting", { count: waiting })}</span>
      <span aria-hidden="true">
        {t("nav.staff")}{" "}
        <span className="staff-badge" data-testid="staff-badge">
          {waiting > 99 ? "99+" : waiting}
        </span>
      </span>
    </>
  );
}
