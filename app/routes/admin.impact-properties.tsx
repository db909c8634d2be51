import { parseWithZod } from "~/lib/parse-form";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { notFound, requireAdmin } from "~/features/auth/guards.server";
import { listAllProperties, PropertySchema, updateProperty } from "~/features/threats/impact-properties.server";

export const handle = { titleKey: "threats:properties.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { properties: await listAllProperties() };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: PropertySchema });
  const propertyId = Number(formData.get("propertyId"));
  if (submission.status !== "success") {
    return data(
      { propertyId, errors: Object.values(submission.error ?? {}).flatMap((e) => e ?? []), saved: false },
      { status: 400 },
    );
  }
  if (!(await updateProperty(admin, submission.value))) throw notFound();
  return data({ propertyId, errors: [] as string[], saved: true });
}

export default function ImpactPropertiesPage() {
  const { t } = useTranslation(["threats", "common"]);
  const { properties } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="stack">
      <PageHeader title={t("properties.title")} lead={t("properties.lead")} />
      {properties.map((p) => (
        <Form key={p.id} method="post" className="card stack" aria-label={p.name_en}>
          <input type="hidden" name="propertyId" value={p.id} />
          <p className="muted">
            {t(`assessment.kind.${p.kind}`)} · <code>{p.key}</code>
          </p>
          {actionData?.propertyId === p.id ? (
            actionData.saved ? (
              <p className="alert alert-success" role="status">
                {t("properties.saved")}
              </p>
            ) : (
              <ErrorList errors={actionData.errors} />
            )
          ) : null}
          <div className="field">
            <label htmlFor={`en-${p.id}`}>{t("properties.nameEn")}</label>
            <input id={`en-${p.id}`} name="nameEn" defaultValue={p.name_en} maxLength={200} required />
          </div>
          <div className="field">
            <label htmlFor={`fr-${p.id}`}>{t("properties.nameFr")}</label>
            <input id={`fr-${p.id}`} name="nameFr" defaultValue={p.name_fr} maxLength={200} required />
          </div>
          <div className="field">
            <label htmlFor={`pos-${p.id}`}>{t("properties.position")}</label>
            <input id={`pos-${p.id}`} name="position" type="number" min={0} max={999} defaultValue={p.position} />
          </div>
          <label>
            <input type="checkbox" name="active" defaultChecked={p.active === 1} /> {t("properties.active")}
          </label>
          <p>
            <button type="submit">{t("common:actions.save")}</button>
          </p>
        </Form>
      ))}
    </div>
  );
}
