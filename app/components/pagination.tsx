import { Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** Previous / next links that keep the other query parameters (filters stay in the URL). */
export function Pagination({ page, perPage, total }: { page: number; perPage: number; total: number }) {
  const { t } = useTranslation();
  const location = useLocation();
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages <= 1) return null;
  const hrefFor = (target: number) => {
    const params = new URLSearchParams(location.search);
    params.set("page", String(target));
    return `${location.pathname}?${params.toString()}`;
  };
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      {page > 1 ? <Link to={hrefFor(page - 1)}>{t("pagination.previous")}</Link> : null}
      <span>{t("pagination.status", { page, pages, total })}</span>
      {page < pages ? <Link to={hrefFor(page + 1)}>{t("pagination.next")}</Link> : null}
    </nav>
  );
}
