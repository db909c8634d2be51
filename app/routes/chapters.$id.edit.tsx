import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { notFound, requireIdParam, requireStaff } from "~/features/auth/guards.server";
import { ChapterForm } from "~/features/chapters/chapter-form";
import { getChapter, updateChapter } from "~/features/chapters/chapters.server";
import { ChapterSchema } from "~/features/chapters/forms";
import { jurisdictionOptions } from "~/features/jurisdictions/jurisdictions.server";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { getLocale } from "~/i18n/i18next.server";

export const handle = { titleKey: "actions:chapters.editTitle" };

async function chapterForStaff(request: Request, param: string | undefined) {
  const staff = await requireStaff(request);
  const chapter = await getChapter(requireIdParam(param));
  if (!chapter) throw notFound();
  return { staff, chapter };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { chapter } = await chapterForStaff(request, params.id);
  return {
    id: chapter.id,
    name: chapter.name,
    jurisdictions: await jurisdictionOptions(await getLocale(request)),
    defaults: {
      name: chapter.name,
      jurisdiction: chapter.jurisdiction_code,
      kind: chapter.kind,
      status: chapter.status,
      region: chapter.region ?? "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { staff, chapter } = await chapterForStaff(request, params.id);
  await enforceRateLimit([["accountWrites", String(staff.id)]]);
  const submission = parseWithZod(await request.formData(), { schema: ChapterSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const fieldErrors = await updateChapter(staff, chapter.id, submission.value);
  if (fieldErrors) return data(submission.reply({ fieldErrors }), { status: 400 });
  return redirect(`/chapters/${chapter.id}`);
}

export default function EditChapterPage() {
  const { t } = useTranslation("actions");
  const { id, name, jurisdictions, defaults } = useLoaderData<typeof loader>();
  return (
    <div>
      <p>
        <Link to={`/chapters/${id}`}>{t("chapters.backTo", { name })}</Link>
      </p>
      <PageHeader title={t("chapters.editTitle")} lead={name} />
      <ChapterForm
        lastResult={useActionData<typeof action>()}
        defaultValue={defaults}
        jurisdictions={jurisdictions}
        submitLabel={t("common:actions.save")}
      />
    </div>
  );
}
