import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm-action";
import { ErrorList } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { notFound, requireStaff } from "~/features/auth/guards.server";
import {
  RemoveTranslationSchema,
  translationSchema,
  type TranslationAddress,
} from "~/features/translations/content-types";
import type { Original } from "~/features/translations/originals.server";
import { languageName } from "~/features/translations/content-language";
import { originalToTranslate, parseTranslationAddress, translationPage } from "~/features/translations/page.server";
import { TranslationForm } from "~/features/translations/translation-form";
import { removeVersion, saveVersion } from "~/features/translations/versions.server";
import { formatDate, formatDateTime } from "~/lib/format";

export const handle = { titleKey: "translations:page.title" };

/** An address naming no type or language: a 400 that says which part is wrong. */
function badAddress(fieldErrors: Record<string, string[]>) {
  return data({ addressErrors: Object.values(fieldErrors).flat(), page: null }, { status: 400 });
}

type Found =
  { ok: false; bad: Record<string, string[]> } | { ok: true; original: Original; locale: TranslationAddress["locale"] };

async function requireOriginal(params: Record<string, string | undefined>): Promise<Found> {
  const parsed = parseTranslationAddress(params);
  if (!parsed.ok) return { ok: false, bad: parsed.fieldErrors };
  const found = await originalToTranslate(parsed.address);
  if (!found.ok) {
    if (!("fieldErrors" in found)) throw notFound();
    return { ok: false, bad: found.fieldErrors };
  }
  return { ok: true, original: found.original, locale: parsed.address.locale };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const found = await requireOriginal(params);
  if (!found.ok) return badAddress(found.bad);
  return { addressErrors: null, page: await translationPage(found.original, found.locale) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const found = await requireOriginal(params);
  if (!found.ok) return data({ status: "error" as const, error: found.bad }, { status: 400 });
  const { original, locale } = found;
  const formData = await request.formData();
  const back = `/staff/translations/${original.type}/${original.id}/${locale}`;
  if (formData.get("intent") === "remove") {
    const submission = parseWithZod(formData, { schema: RemoveTranslationSchema });
    if (submission.status !== "success") return data(submission.reply(), { status: 400 });
    await removeVersion(staff, original, locale);
    return redirect(`${back}?done=removed`);
  }
  const submission = parseWithZod(formData, { schema: translationSchema(original.type) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { intent: _intent, ...texts } = submission.value as Record<string, string>;
  await saveVersion(staff, original, locale, texts);
  return redirect(`${back}?done=saved`);
}

export default function TranslationPage() {
  const { t, i18n } = useTranslation("translations");
  const { addressErrors, page } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  if (!page) {
    return (
      <div className="stack">
        <PageHeader title={t("page.title")} />
        <ErrorList errors={addressErrors} className="alert alert-error" />
        <p>
          <Link to="/staff/translations">{t("overview.title")}</Link>
        </p>
      </div>
    );
  }
  const versionName = languageName(page.locale, i18n.language);
  const defaults = page.version?.fields ?? {};
  return (
    <div className="stack">
      <p className="inline-form">
        <Link to="/staff/translations">{t("overview.title")}</Link>
        <Link to={page.editPath}>{t("page.editOriginal")}</Link>
        <Link to={page.publicPath}>{t("page.viewPublic")}</Link>
      </p>
      <PageHeader title={t("page.heading", { language: versionName })} lead={page.label} />
      {done === "saved" || done === "removed" ? (
        <p className="alert alert-success" role="status">
          {t(`page.done.${done}`, { language: versionName })}
        </p>
      ) : null}
      {page.version ? (
        <p className="muted">
          {t("page.savedOn", {
            date: formatDateTime(page.version.updatedAt, i18n.language),
            name: page.version.updatedBy ?? "—",
          })}
        </p>
      ) : (
        <p className="muted">{t("page.none", { language: versionName })}</p>
      )}
      {page.stale ? (
        <p className="alert alert-info">{t("stale", { date: formatDate(page.originalUpdatedAt, i18n.language) })}</p>
      ) : null}
      <TranslationForm
        type={page.type}
        locale={page.locale}
        originalLocale={page.originalLocale}
        fields={page.fields}
        defaultValue={defaults}
        lastResult={lastResult}
      />
      {page.version ? (
        <ConfirmAction
          label={t("page.remove")}
          question={t("page.removeQuestion", { language: versionName })}
          confirmLabel={t("page.removeConfirm")}
          intent="remove"
        />
      ) : null}
    </div>
  );
}
