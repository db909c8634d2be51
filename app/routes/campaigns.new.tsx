import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { requireStaff } from "~/features/auth/guards.server";
import { CampaignForm } from "~/features/campaigns/campaign-form";
import { createCampaign } from "~/features/campaigns/campaigns.server";
import { formPickers, newCampaignDefaults } from "~/features/campaigns/editing.server";
import { CampaignSchema } from "~/features/campaigns/forms";
import { pickerQuery } from "~/features/threats/picker.server";

export const handle = { titleKey: "campaigns:form.newTitle" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const threat = Number(new URL(request.url).searchParams.get("threat"));
  return {
    ...(await formPickers()),
    threatQuery: pickerQuery(request),
    defaults: newCampaignDefaults(Number.isInteger(threat) && threat > 0 ? threat : undefined),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const submission = parseWithZod(await request.formData(), { schema: CampaignSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const created = await createCampaign(staff, submission.value);
  if (!created.ok) return data(submission.reply({ fieldErrors: created.fieldErrors }), { status: 400 });
  return redirect(`/campaigns/${created.slug}/manage`);
}

export default function NewCampaignPage() {
  const { t } = useTranslation("campaigns");
  const { threats, threatQuery, lawmakers, defaults } = useLoaderData<typeof loader>();
  return (
    <div>
      <p>
        <Link to="/staff/campaigns">{t("staffList.title")}</Link>
      </p>
      <PageHeader title={t("form.newTitle")} lead={t("form.newLead")} />
      <CampaignForm
        lastResult={useActionData<typeof action>()}
        defaultValue={defaults}
        threats={threats}
        threatQuery={threatQuery}
        lawmakers={lawmakers}
        submitLabel={t("form.create")}
      />
    </div>
  );
}
