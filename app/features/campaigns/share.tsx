import { useTranslation } from "react-i18next";
import { ShareBlock } from "~/components/share-block";

/** The share step after someone writes to their lawmakers (sent, then confirmed by e-mail). */
export function CampaignShareBlock({ url, title }: { url: string; title: string }) {
  const { t } = useTranslation("common");
  return <ShareBlock url={url} subject={t("share.campaignSubject", { title })} text={t("share.campaignText")} />;
}
