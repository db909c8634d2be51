import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField, TextAreaField } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { notFound, requireCoalitionMemberAccess, requireIdParam, requireUser } from "~/features/auth/guards.server";
import { SECTORS } from "~/features/coalition/constants";
import { getMember, saveProfile } from "~/features/coalition/members.server";
import { ProfileSchema } from "~/features/coalition/profile-schema";
import { jurisdictionOptions } from "~/features/jurisdictions/jurisdictions.server";
import { getLocale } from "~/i18n/i18next.server";

/** A representative edits their own organisation only; staff edit any. */
async function memberForEditing(request: Request, param: string | undefined) {
  const user = await requireUser(request);
  const id = requireIdParam(param);
  requireCoalitionMemberAccess(user, id);
  const member = await getMember(id);
  if (!member) throw notFound();
  return { user, member };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { member } = await memberForEditing(request, params.memberId);
  return {
    pageTitle: member.name,
    id: member.id,
    name: member.name,
    jurisdictions: await jurisdictionOptions(await getLocale(request)),
    defaults: {
      name: member.name,
      sector: member.sector,
      jurisdiction: member.jurisdiction_code ?? "",
      website: member.website ?? "",
      publicProfile: member.public_profile ?? "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, member } = await memberForEditing(request, params.memberId);
  const submission = parseWithZod(await request.formData(), { schema: ProfileSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const fieldErrors = await saveProfile(user, member.id, submission.value);
  if (fieldErrors) return data(submission.reply({ fieldErrors }), { status: 400 });
  return redirect(`/coalition/${member.id}`);
}

export default function EditMemberPage() {
  const { t } = useTranslation(["coalition", "common", "threats"]);
  const { id, name, jurisdictions, defaults } = useLoaderData<typeof loader>();
  const [form, fields] = useForm({
    lastResult: useActionData<typeof action>(),
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div>
      <p>
        <Link to={`/coalition/${id}`}>{t("threats:form.backTo", { title: name })}</Link>
      </p>
      <PageHeader title={t("profile.editTitle")} lead={t("profile.editLead")} />
      <Form method="post" {...getFormProps(form)} className="narrow">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field label={t("profile.name")} meta={fields.name} type="text" />
        <SelectField
          label={t("directory.sector")}
          meta={fields.sector}
          options={SECTORS.map((s) => ({ value: s, label: t(`sector.${s}`) }))}
        />
        <SelectField
          label={t("directory.country")}
          meta={fields.jurisdiction}
          placeholder={t("common:fields.choose")}
          options={jurisdictions}
        />
        <Field label={t("profile.website")} meta={fields.website} type="url" />
        <TextAreaField
          label={t("profile.publicProfile")}
          hint={t("profile.publicProfileHint")}
          meta={fields.publicProfile}
          rows={6}
        />
        <button type="submit">{t("common:actions.save")}</button>
      </Form>
    </div>
  );
}
