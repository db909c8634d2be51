import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { notFound, requireIdParam, requireStaff } from "~/features/auth/guards.server";
import { jurisdictionOptions } from "~/features/jurisdictions/jurisdictions.server";
import { parseFilter } from "~/features/targets/catalogue";
import { getTarget } from "~/features/targets/progress.server";
import { TargetSchema } from "~/features/targets/forms";
import { TargetForm, type TargetFormDefaults } from "~/features/targets/target-form";
import { updateTarget } from "~/features/targets/targets.server";
import { TranslationLinks } from "~/features/translations/translation-links";
import { versionLocales } from "~/features/translations/versions.server";
import { getLocale } from "~/i18n/i18next.server";

export const handle = { titleKey: "targets:staff.editTitle" };

async function requireTarget(id: string | undefined) {
  const target = await getTarget(requireIdParam(id));
  if (!target) throw notFound();
  return target;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const target = await requireTarget(params.id);
  const filter = parseFilter(target.filter);
  const defaults: TargetFormDefaults = {
    year: target.year,
    title: target.title,
    originalLocale: target.original_locale,
    metric: target.metric,
    ...filter,
    goal: target.goal,
    manualValue: target.manual_value ?? undefined,
    manualUnit: target.manual_unit ?? "count",
    manualEvidence: target.manual_evidence ?? undefined,
    manualEvidenceUrl: target.manual_evidence_url ?? undefined,
  };
  return {
    id: target.id,
    year: target.year,
    originalLocale: target.original_locale,
    translated: await versionLocales("target", target.id),
    defaults,
    jurisdictions: await jurisdictionOptions(await getLocale(request)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const target = await requireTarget(params.id);
  const submission = parseWithZod(await request.formData(), { schema: TargetSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const problems = await updateTarget(staff, target, submission.value);
  if (problems) return data(submission.reply({ fieldErrors: problems }), { status: 400 });
  return redirect(`/staff/targets?year=${submission.value.year}`);
}

export default function EditTargetPage() {
  const { t } = useTranslation("targets");
  const { id, year, originalLocale, translated, defaults, jurisdictions } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title={t("staff.editTitle")}>
        <p className="inline-form">
          <Link to={`/staff/targets?year=${year}`}>{t("staff.title")}</Link>
          <Link to={`/targets/${id}`}>{t("staff.viewPublic")}</Link>
        </p>
        <TranslationLinks type="target" id={id} ownLocales={[originalLocale]} translated={translated} />
      </PageHeader>
      <TargetForm
        lastResult={useActionData<typeof action>()}
        jurisdictions={jurisdictions}
        submitLabel={t("staff.save")}
        defaultValue={defaults}
      />
    </div>
  );
}
