import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { notFound, requireStaff } from "~/features/auth/guards.server";
import { CampaignForm } from "~/features/campaigns/campaign-form";
import { getCampaignForEdit, updateCampaign } from "~/features/campaigns/campaigns.server";
import { campaignDefaults, formPickers } from "~/features/campaigns/editing.server";
import { CampaignSchema } from "~/features/campaigns/forms";
import { pickerQuery } from "~/features/threats/picker.server";

export const handle = { titleKey: "campaigns:form.editTitle" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const found = await getCampaignForEdit(params.slug ?? "");
  if (!found) throw notFound();
  return {
    ...(await formPickers()),
    threatQuery: pickerQuery(request),
    slug: found.campaign.slug,
    status: found.campaign.status,
    defaults: campaignDefaults(found.campaign, found.templates, found.recipientIds),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const found = await getCampaignForEdit(params.slug ?? "");
  if (!found) throw notFound();
  const submission = parseWithZod(await request.formData(), { schema: CampaignSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const saved = await updateCampaign(staff, found.campaign.id, submission.value);
  if (!saved.ok) {
    return data(
      "fieldErrors" in saved
        ? submission.reply({ fieldErrors: saved.fieldErrors })
        : submission.reply({ formErrors: [saved.formError] }),
      { status: 400 },
    );
  }
  return redirect(`/campaigns/${saved.slug}/manage`);
}

export default function EditCampaignPage() {
  const { t } = useTranslation("campaigns");
  const { threats, threatQuery, lawmakers, defaults, slug, status } = useLoaderData<typeof loader>();
  return (
    <div>
      <p>
        <Link to={`/campaigns/${slug}/manage`}>{t("manage.title")}</Link>
      </p>
      <PageHeader title={t("form.editTitle")} lead={status !== "draft" ? t("form.editOpenLead") : undefined} />
      <CampaignForm
        lastResult={useActionData<typeof action>()}
        defaultValue={defaults}
        threats={threats}
        threatQuery={threatQuery}
        lawmakers={lawmakers}
        submitLabel={t("form.save")}
      />
    </div>
  );
}
