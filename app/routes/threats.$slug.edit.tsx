import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { notFound, requireStaff } from "~/features/auth/guards.server";
import { jurisdictionOptions } from "~/features/jurisdictions/jurisdictions.server";
import { getLocale } from "~/i18n/i18next.server";
import { updateThreat } from "~/features/threats/mutations.server";
import { getThreatDetail, getThreatIdBySlug } from "~/features/threats/queries.server";
import { ThreatSchema } from "~/features/threats/forms";
import { ThreatForm } from "~/features/threats/threat-form";
import { TranslationLinks } from "~/features/translations/translation-links";
import { versionLocales } from "~/features/translations/versions.server";

export const handle = { titleKey: "threats:form.editTitle" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const threat = await getThreatDetail(params.slug ?? "");
  if (!threat) throw notFound();
  return {
    id: threat.id,
    slug: threat.slug,
    title: threat.title,
    originalLocale: threat.original_locale,
    translated: await versionLocales("threat", threat.id),
    jurisdictions: await jurisdictionOptions(await getLocale(request)),
    defaults: {
      jurisdiction: threat.jurisdiction_code,
      kind: threat.kind,
      identifier: threat.identifier ?? "",
      title: threat.title,
      shortName: threat.short_name ?? "",
      summary: threat.summary,
      originalLocale: threat.original_locale,
      categories: threat.categories,
      severity: threat.severity,
      firstSeenOn: threat.first_seen_on,
      sources: threat.sources.map((s) => s.url).join("\n"),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const threatId = await getThreatIdBySlug(params.slug ?? "");
  if (!threatId) throw notFound();
  const submission = parseWithZod(await request.formData(), { schema: ThreatSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const fieldErrors = await updateThreat(staff, threatId, submission.value);
  if (fieldErrors) return data(submission.reply({ fieldErrors }), { status: 400 });
  return redirect(`/threats/${params.slug}`);
}

export default function EditThreatPage() {
  const { t } = useTranslation("threats");
  const { id, slug, title, originalLocale, translated, jurisdictions, defaults } = useLoaderData<typeof loader>();
  return (
    <div>
      <p>
        <Link to={`/threats/${slug}`}>{t("form.backTo", { title })}</Link>
      </p>
      <PageHeader title={t("form.editTitle")} lead={title}>
        <TranslationLinks type="threat" id={id} ownLocales={[originalLocale]} translated={translated} />
      </PageHeader>
      <ThreatForm
        lastResult={useActionData<typeof action>()}
        jurisdictions={jurisdictions}
        defaultValue={defaults}
        submitLabel={t("form.save")}
      />
    </div>
  );
}
