import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { requireStaff } from "~/features/auth/guards.server";
import { LetterForm, withBlankRows } from "~/features/letters/letter-form";
import { LetterSchema } from "~/features/letters/forms";
import { createLetter } from "~/features/letters/letters.server";
import { listThreatPickerOptions, pickerQuery } from "~/features/threats/picker.server";

export const handle = { titleKey: "letters:form.newTitle" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { threats: await listThreatPickerOptions(), threatQuery: pickerQuery(request) };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const submission = parseWithZod(await request.formData(), { schema: LetterSchema });
  // "Add a translation" without JavaScript: the same form comes back with one more row.
  if (submission.status === undefined) return data(submission.reply());
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const created = await createLetter(staff, submission.value);
  if (!created.ok) return data(submission.reply({ fieldErrors: created.fieldErrors }), { status: 400 });
  return redirect(`/letters/${created.slug}`);
}

export default function NewLetterPage() {
  const { t } = useTranslation("letters");
  const { threats, threatQuery } = useLoaderData<typeof loader>();
  return (
    <div>
      <p>
        <Link to="/letters">{t("detail.back")}</Link>
      </p>
      <PageHeader title={t("form.newTitle")} lead={t("form.newLead")} />
      <LetterForm
        lastResult={useActionData<typeof action>()}
        defaultValue={{ texts: withBlankRows([{ language: "en", title: "", body: "" }]) }}
        threats={threats}
        threatQuery={threatQuery}
        submitLabel={t("form.create")}
      />
    </div>
  );
}
