import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasNoContact } from "~/features/lawmakers/identity";

interface Row {
  id: number;
  name: string;
  title: string | null;
  body: string;
  jurisdiction_code: string;
  constituency: string | null;
  party: string | null;
  email: string | null;
  contact_url: string | null;
  verified_on: string | null;
  stale: boolean;
}

/** No contact yet: words, explained by the note above the table (or on the lawmaker's page). */
export function NoContactBadge() {
  const { t } = useTranslation("lawmakers");
  return (
    <span className="badge badge-pending" aria-describedby="no-contact-explained">
      {t("directory.noContact")}
    </span>
  );
}

/** The stale flag: words, not only a colour, and explained by the note above the table. */
export function StaleBadge({ verifiedOn }: { verifiedOn: string | null }) {
  const { t } = useTranslation("lawmakers");
  return (
    <span className="badge badge-pending" aria-describedby="stale-explained">
      {verifiedOn ? t("directory.stale") : t("directory.neverVerified")}
    </span>
  );
}

export function LawmakerTable({ rows }: { rows: Row[] }) {
  const { t } = useTranslation("lawmakers");
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{t("title")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("columns.name")}</th>
            <th scope="col">{t("columns.body")}</th>
            <th scope="col">{t("columns.jurisdiction_code")}</th>
            <th scope="col">{t("columns.constituency")}</th>
            <th scope="col">{t("columns.party")}</th>
            <th scope="col">{t("directory.contact")}</th>
            <th scope="col">{t("columns.verified_on")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>
                <Link to={`/lawmakers/${row.id}`}>{row.name}</Link>
                {row.title ? <div className="muted">{row.title}</div> : null}
              </td>
              <td>{row.body}</td>
              <td>{row.jurisdiction_code}</td>
              <td>{row.constituency ?? ""}</td>
              <td>{row.party ?? ""}</td>
              <td>
                {row.email ? <div>{row.email}</div> : null}
                {row.contact_url ? (
                  <a href={row.contact_url} rel="noopener noreferrer nofollow">
                    {row.email ? t("directory.contactForm") : t("directory.contactFormOnly")}
                  </a>
                ) : null}
                {hasNoContact(row) ? <NoContactBadge /> : null}
              </td>
              <td>
                {row.verified_on ?? ""} {row.stale ? <StaleBadge verifiedOn={row.verified_on} /> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
