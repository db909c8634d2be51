import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { notFound, requireStaff } from "~/features/auth/guards.server";
import { LetterForm, withBlankRows } from "~/features/letters/letter-form";
import { LetterSchema } from "~/features/letters/forms";
import { getLetterBySlug } from "~/features/letters/letter-page.server";
import { getLetterForEdit, updateLetter } from "~/features/letters/letters.server";
import { listThreatPickerOptions, pickerQuery } from "~/features/threats/picker.server";

import { TranslationLinks } from "~/features/translations/translation-links";
import { versionLocales } from "~/features/translations/versions.server";

export const handle = { titleKey: "letters:form.editTitle" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const found = await getLetterForEdit(params.slug ?? "");
  if (!found) throw notFound();
  const { letter, texts, threatSlugs } = found;
  return {
    id: letter.id,
    slug: letter.slug,
    title: texts[0]?.title ?? letter.slug,
    ownLocales: texts.map((text) => text.language),
    translated: await versionLocales("letter", letter.id),
    status: letter.status,
    version: letter.current_version,
    confirmed: letter.confirmed_count,
    threats: await listThreatPickerOptions(),
    threatQuery: pickerQuery(request),
    defaults: {
      texts: withBlankRows(texts),
      opensOn: letter.opens_on ?? "",
      closesOn: letter.closes_on ?? "",
      goal: letter.signature_goal ? String(letter.signature_goal) : "",
      threats: threatSlugs,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const letter = await getLetterBySlug(params.slug ?? "");
  if (!letter) throw notFound();
  const submission = parseWithZod(await request.formData(), { schema: LetterSchema });
  if (submission.status === undefined) return data(submission.reply());
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await updateLetter(staff, letter.id, submission.value);
  if (!result.ok)
    return data(
      submission.reply({
        fieldErrors: result.fieldErrors,
        formErrors: result.formError ? [result.formError] : undefined,
      }),
      { status: 400 },
    );
  return redirect(`/letters/${letter.slug}`);
}

export default function EditLetterPage() {
  const { t } = useTranslation("letters");
  const { id, slug, title, ownLocales, translated, status, version, confirmed, defaults, threats, threatQuery } =
    useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div>
      <p>
        <Link to={`/letters/${slug}`}>{t("form.backTo", { title })}</Link>
      </p>
      <PageHeader title={t("form.editTitle")} lead={title}>
        <TranslationLinks type="letter" id={id} ownLocales={ownLocales} translated={translated} />
      </PageHeader>
      {status === "delivered" ? (
        <p className="alert alert-info">{t("form.deliveredNoEdit")}</p>
      ) : (
        <LetterForm
          lastResult={lastResult}
          defaultValue={defaults}
          threats={threats}
          threatQuery={threatQuery}
          submitLabel={t("form.save")}
          warning={
            status === "draft" ? undefined : t("form.frozenWarning", { count: confirmed, version, next: version + 1 })
          }
        />
      )}
    </div>
  );
}
