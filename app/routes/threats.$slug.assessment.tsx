import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PlainSelect } from "~/components/filter-select";
import { ErrorList } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { forbidden, notFound, requireUser } from "~/features/auth/guards.server";
import {
  canAssess,
  listActiveProperties,
  parseAssessmentForm,
  saveAssessment,
} from "~/features/threats/assessments.server";
import { RATINGS } from "~/lib/vocabularies";
import { getAssessment, getThreatHeader } from "~/features/threats/queries.server";

async function threatForAssessment(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const threat = await getThreatHeader(slug ?? "");
  if (!threat) throw notFound();
  if (!(await canAssess(user, threat.jurisdiction_code))) throw forbidden();
  return { user, threat };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { threat } = await threatForAssessment(request, params.slug);
  const [properties, assessment] = await Promise.all([listActiveProperties(), getAssessment(threat.id)]);
  return { pageTitle: threat.title, threat, properties, assessment };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, threat } = await threatForAssessment(request, params.slug);
  const parsed = await parseAssessmentForm(await request.formData());
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors }, { status: 400 });
  await saveAssessment(user, threat.id, parsed);
  return redirect(`/threats/${threat.slug}`);
}

export default function AssessmentPage() {
  const { t, i18n } = useTranslation(["threats", "common"]);
  const { threat, properties, assessment } = useLoaderData<typeof loader>();
  const errors = useActionData<typeof action>()?.fieldErrors ?? {};
  const current = new Map(assessment?.ratings.map((r) => [r.property_id, r]) ?? []);
  return (
    <div>
      <p>
        <Link to={`/threats/${threat.slug}`}>{t("form.backTo", { title: threat.title })}</Link>
      </p>
      <PageHeader title={t("assessment.title")} lead={t("assessment.lead")} />
      <Form method="post" className="stack">
        <div className="field">
          <label htmlFor="summary">{t("assessment.summary")}</label>
          <textarea id="summary" name="summary" rows={3} defaultValue={assessment?.summary ?? ""} />
          <ErrorList errors={errors.summary} />
        </div>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("assessment.property")}</th>
                <th scope="col">{t("assessment.rating")}</th>
                <th scope="col">{t("fields.note")}</th>
              </tr>
            </thead>
            <tbody>
              {properties.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <label htmlFor={`rating-${p.id}`}>
                      <span className="muted">{t(`assessment.kind.${p.kind}`)}</span> ·{" "}
                      {i18n.language === "fr" ? p.name_fr : p.name_en}
                    </label>
                  </th>
                  <td>
                    <PlainSelect
                      id={`rating-${p.id}`}
                      name={`rating-${p.id}`}
                      value={current.get(p.id)?.rating}
                      anyLabel={t("common:fields.choose")}
                      options={RATINGS.map((r) => [r, t(`rating.${r}`)])}
                      invalid={Boolean(errors[`rating-${p.id}`])}
                    />
                    <ErrorList errors={errors[`rating-${p.id}`]} />
                  </td>
                  <td>
                    <input
                      aria-label={t("assessment.noteFor", { property: i18n.language === "fr" ? p.name_fr : p.name_en })}
                      name={`note-${p.id}`}
                      defaultValue={current.get(p.id)?.note ?? ""}
                      maxLength={1000}
                    />
                    <ErrorList errors={errors[`note-${p.id}`]} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>
          <button type="submit">{t("assessment.save")}</button>
        </p>
      </Form>
    </div>
  );
}
