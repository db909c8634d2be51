import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { requireStaff } from "~/features/auth/guards.server";
import { jurisdictionOptions } from "~/features/jurisdictions/jurisdictions.server";
import { getLocale } from "~/i18n/i18next.server";
import { createThreat } from "~/features/threats/mutations.server";
import { ThreatSchema } from "~/features/threats/forms";
import { ThreatForm } from "~/features/threats/threat-form";

export const handle = { titleKey: "threats:form.newTitle" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { jurisdictions: await jurisdictionOptions(await getLocale(request)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const submission = parseWithZod(await request.formData(), { schema: ThreatSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const created = await createThreat(staff, submission.value);
  if (!created.ok) return data(submission.reply({ fieldErrors: created.fieldErrors }), { status: 400 });
  return redirect(`/threats/${created.slug}`);
}

export default function NewThreatPage() {
  const { t } = useTranslation("threats");
  const { jurisdictions } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title={t("form.newTitle")} lead={t("form.newLead")} />
      <ThreatForm
        lastResult={useActionData<typeof action>()}
        jurisdictions={jurisdictions}
        submitLabel={t("form.create")}
        defaultValue={{ firstSeenOn: new Date().toISOString().slice(0, 10) }}
      />
    </div>
  );
}
