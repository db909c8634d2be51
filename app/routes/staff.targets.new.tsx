import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { requireStaff } from "~/features/auth/guards.server";
import { jurisdictionOptions } from "~/features/jurisdictions/jurisdictions.server";
import { parseYear, TargetSchema } from "~/features/targets/forms";
import { currentYear } from "~/features/targets/status";
import { TargetForm } from "~/features/targets/target-form";
import { createTarget } from "~/features/targets/targets.server";
import { getLocale } from "~/i18n/i18next.server";

export const handle = { titleKey: "targets:staff.newTitle" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const parsed = parseYear(new URL(request.url).searchParams.get("year"), currentYear());
  return {
    year: parsed.ok ? parsed.year : currentYear(),
    jurisdictions: await jurisdictionOptions(await getLocale(request)),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const submission = parseWithZod(await request.formData(), { schema: TargetSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const created = await createTarget(staff, submission.value);
  if (!created.ok) return data(submission.reply({ fieldErrors: created.fieldErrors }), { status: 400 });
  return redirect(`/targets?year=${submission.value.year}`);
}

export default function NewTargetPage() {
  const { t } = useTranslation("targets");
  const { year, jurisdictions } = useLoaderData<typeof loader>();
  return (
    <div>
      <PageHeader title={t("staff.newTitle")} />
      <TargetForm
        lastResult={useActionData<typeof action>()}
        jurisdictions={jurisdictions}
        submitLabel={t("staff.create")}
        defaultValue={{ year, manualUnit: "count" }}
      />
    </div>
  );
}
