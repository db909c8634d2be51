import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { listChapters } from "~/features/chapters/chapters.server";
import { jurisdictionName } from "~/features/jurisdictions/names";

export const handle = { titleKey: "nav.chapters" };

export async function loader() {
  return { chapters: await listChapters() };
}

export default function ChaptersPage() {
  const { t, i18n } = useTranslation();
  const { chapters } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title={t("nav.chapters")} lead={t("sections.chapters")} />
      {chapters.length === 0 ? (
        <p className="empty-state">{t("chapters.none")}</p>
      ) : (
        <ul className="grid" aria-label={t("nav.chapters")}>
          {chapters.map((chapter) => (
            <li key={chapter.id} className="card">
              <strong>{chapter.name}</strong>
              <div className="muted">
                {jurisdictionName(chapter, i18n.language)} · {t(`chapters.kind.${chapter.kind}`)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
