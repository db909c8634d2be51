import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { requireStaff } from "~/features/auth/guards.server";
import { ChapterForm } from "~/features/chapters/chapter-form";
import { createChapter } from "~/features/chapters/chapters.server";
import { ChapterSchema } from "~/features/chapters/forms";
import { jurisdictionOptions } from "~/features/jurisdictions/jurisdictions.server";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { getLocale } from "~/i18n/i18next.server";

export const handle = { titleKey: "actions:chapters.newTitle" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { jurisdictions: await jurisdictionOptions(await getLocale(request)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  await enforceRateLimit([["accountWrites", String(staff.id)]]);
  const submission = parseWithZod(await request.formData(), { schema: ChapterSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await createChapter(staff, submission.value);
  if (!outcome.ok) return data(submission.reply({ fieldErrors: outcome.fieldErrors }), { status: 400 });
  return redirect(`/chapters/${outcome.id}`);
}

export default function NewChapterPage() {
  const { t } = useTranslation("actions");
  const { jurisdictions } = useLoaderData<typeof loader>();
  return (
    <div>
      <p>
        <Link to="/chapters">{t("chapters.back")}</Link>
      </p>
      <PageHeader title={t("chapters.newTitle")} />
      <ChapterForm
        lastResult={useActionData<typeof action>()}
        defaultValue={{ kind: "chapter", status: "active" }}
        jurisdictions={jurisdictions}
        submitLabel={t("chapters.create")}
      />
    </div>
  );
}
