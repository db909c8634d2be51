import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { notFound, requireIdParam, requireStaff } from "~/features/auth/guards.server";
import { jurisdictionOptions } from "~/features/jurisdictions/jurisdictions.server";
import { isStale } from "~/features/lawmakers/constants";
import { getLawmaker, updateLawmaker } from "~/features/lawmakers/lawmakers.server";
import { LawmakerSchema } from "~/features/lawmakers/forms";
import { hasNoContact } from "~/features/lawmakers/identity";
import { NoContactBadge, StaleBadge } from "~/features/lawmakers/table";
import { getLocale } from "~/i18n/i18next.server";

async function lawmakerForEditing(request: Request, param: string | undefined) {
  const user = await requireStaff(request);
  const lawmaker = await getLawmaker(requireIdParam(param));
  if (!lawmaker) throw notFound();
  return { user, lawmaker };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lawmaker } = await lawmakerForEditing(request, params.id);
  return {
    pageTitle: lawmaker.name,
    id: lawmaker.id,
    name: lawmaker.name,
    verifiedOn: lawmaker.verified_on,
    stale: isStale(lawmaker.verified_on),
    noContact: hasNoContact(lawmaker),
    jurisdictions: await jurisdictionOptions(await getLocale(request)),
    defaults: {
      name: lawmaker.name,
      title: lawmaker.title ?? "",
      body: lawmaker.body,
      jurisdiction: lawmaker.jurisdiction_code,
      constituency: lawmaker.constituency ?? "",
      party: lawmaker.party ?? "",
      email: lawmaker.email ?? "",
      contactUrl: lawmaker.contact_url ?? "",
      sourceUrl: lawmaker.source_url ?? "",
      verifiedOn: lawmaker.verified_on ?? "",
      ocdDivisionId: lawmaker.ocd_division_id ?? "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, lawmaker } = await lawmakerForEditing(request, params.id);
  const submission = parseWithZod(await request.formData(), { schema: LawmakerSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const fieldErrors = await updateLawmaker(user, lawmaker.id, submission.value);
  if (fieldErrors) return data(submission.reply({ fieldErrors }), { status: 400 });
  return redirect(`/lawmakers/${lawmaker.id}?saved=1`);
}

export default function EditLawmakerPage() {
  const { t } = useTranslation(["lawmakers", "common"]);
  const { name, jurisdictions, defaults, stale, verifiedOn, noContact } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult: useActionData<typeof action>(),
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LawmakerSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div>
      <p>
        <Link to="/lawmakers">{t("form.back")}</Link>
      </p>
      <PageHeader title={name} lead={t("form.lead")} />
      {searchParams.get("saved") ? (
        <p className="alert alert-success" role="status">
          {t("form.saved")}
        </p>
      ) : null}
      {stale ? (
        <p className="alert alert-info" id="stale-explained">
          <StaleBadge verifiedOn={verifiedOn} /> {t("form.staleHint")}
        </p>
      ) : null}
      {noContact ? (
        <p className="alert alert-info" id="no-contact-explained">
          <NoContactBadge /> {t("form.noContactHint")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="narrow">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("columns.name")} meta={fields.name} type="text" />
        <Field label={t("columns.title")} meta={fields.title} type="text" />
        <Field label={t("columns.body")} meta={fields.body} type="text" hint={t("form.bodyHint")} />
        <SelectField
          label={t("columns.jurisdiction_code")}
          meta={fields.jurisdiction}
          placeholder={t("common:fields.choose")}
          options={jurisdictions}
        />
        <Field label={t("columns.constituency")} meta={fields.constituency} type="text" />
        <Field label={t("columns.ocd_division_id")} meta={fields.ocdDivisionId} type="text" hint={t("form.ocdHint")} />
        <Field label={t("columns.party")} meta={fields.party} type="text" />
        <Field label={t("columns.email")} meta={fields.email} type="email" hint={t("form.contactHint")} />
        <Field label={t("columns.contact_url")} meta={fields.contactUrl} type="url" />
        <Field label={t("columns.source_url")} meta={fields.sourceUrl} type="url" />
        <Field label={t("columns.verified_on")} meta={fields.verifiedOn} type="date" hint={t("form.verifiedHint")} />
        <button type="submit">{t("common:actions.save")}</button>
      </Form>
    </div>
  );
}
