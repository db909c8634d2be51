import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { checkRsvpToken, confirmRsvp } from "~/features/events/rsvp.server";
import { DoneNotice, MailedLinkPage } from "~/features/mailed-links/mailed-link-page";
import { mailedLinkAction, mailedLinkLoader } from "~/features/mailed-links/mailed-link.server";

export const handle = { titleKey: "events:confirm.title" };
export const loader = mailedLinkLoader(checkRsvpToken);
export const action = mailedLinkAction(confirmRsvp);

export default function ConfirmRsvpPage() {
  const { t } = useTranslation("events");
  const { token, found } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <MailedLinkPage
      title={t("confirm.title")}
      token={token}
      lead={t("confirm.lead", { name: found?.name, title: found?.eventTitle })}
      submitLabel={t("confirm.submit")}
      done={
        result?.ok
          ? {
              title: t("confirm.doneTitle"),
              body: (
                <DoneNotice
                  message={t("confirm.done")}
                  next={<Link to={`/events/${result.eventSlug}`}>{t("detail.backToEvent")}</Link>}
                />
              ),
            }
          : null
      }
      refused={result?.ok === false}
      errorMessage={result?.ok === false && result.reason === "closed" ? t("confirm.closed") : t("confirm.invalid")}
      errorLink={<Link to="/events">{t("detail.back")}</Link>}
    >
      {found ? (
        <p>
          <Link to={`/events/${found.eventSlug}`}>{t("detail.backToEvent")}</Link>
        </p>
      ) : null}
    </MailedLinkPage>
  );
}
