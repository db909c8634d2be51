import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";

export type Section = "threats" | "coalition" | "letters" | "events" | "chapters" | "targets";

/** The opening of a section whose records do not exist yet: what it is for, and an empty state. */
export function SectionIntro({ section }: { section: Section }) {
  const { t } = useTranslation();
  return (
    <div>
      <PageHeader title={t(`nav.${section}`)} lead={t(`sections.${section}`)} />
      <p className="empty-state">{t("sections.empty")}</p>
    </div>
  );
}
