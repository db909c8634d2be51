import type { Locale } from "~/i18n/config";
import { renderMarkdown } from "~/lib/markdown.server";
import type { FieldErrors } from "~/lib/field-errors";
import type { Result } from "~/lib/result";
import {
  CONTENT_FIELDS,
  TranslationAddressSchema,
  type TranslationAddress,
} from "~/features/translations/content-types";
import { getOriginal, type Original } from "~/features/translations/originals.server";
import { getVersion, isStale, versionLocales } from "~/features/translations/versions.server";

/** The type, id and language of a translation page's address, or the reasons it names none. */
export function parseTranslationAddress(
  params: Record<string, string | undefined>,
): Result<{ address: TranslationAddress }, { fieldErrors: FieldErrors }> {
  const parsed = TranslationAddressSchema.safeParse(params);
  if (!parsed.success) {
    const fieldErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0])] ??= []).push(issue.message);
    return { ok: false, fieldErrors };
  }
  return { ok: true, address: parsed.data };
}

/** The item's original, unless the address asks for a version in the original's own language. */
export async function originalToTranslate(
  address: TranslationAddress,
): Promise<Result<{ original: Original }, { fieldErrors: FieldErrors } | { reason: "not_found" }>> {
  const original = await getOriginal(address.type, address.id);
  if (!original) return { ok: false, reason: "not_found" };
  if (original.ownLocales.includes(address.locale))
    return { ok: false, fieldErrors: { locale: ["translations:validation.originalLocale"] } };
  return { ok: true, original };
}

/** What the translation page shows: the original field by field, the saved version, whether it is stale. */
export async function translationPage(original: Original, locale: Locale) {
  const [version, locales] = await Promise.all([
    getVersion(original.type, original.id, locale),
    versionLocales(original.type, original.id),
  ]);
  return {
    type: original.type,
    id: original.id,
    locale,
    label: original.label,
    originalLocale: original.originalLocale,
    publicPath: original.publicPath,
    editPath: original.editPath,
    originalUpdatedAt: original.updatedAt,
    fields: CONTENT_FIELDS[original.type].map((spec) => ({
      ...spec,
      original: original.fields[spec.name],
      // Shown as the reader will see it: Markdown rendered and sanitised like the public page's.
      originalHtml: spec.markdown ? renderMarkdown(original.fields[spec.name]) : null,
    })),
    version: version ? { fields: version.fields, updatedAt: version.updatedAt, updatedBy: version.updatedBy } : null,
    stale: version ? isStale(original, version) : false,
    translated: locales,
  };
}
