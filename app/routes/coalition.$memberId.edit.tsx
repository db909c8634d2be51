import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField, TextAreaField } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { notFound, requireCoalitionMemberAccess, requireIdParam, requireUser } from "~/features/auth/guards.server";
import { SECTORS } from "~/lib/vocabularies";
import { pendingChangeOf } from "~/features/coalition/member-changes.server";
import { getMember, saveProfile } from "~/features/coalition/members.server";
import { ProfileSchema } from "~/features/coalition/forms";
import { jurisdictionOptions } from "~/features/jurisdictions/jurisdictions.server";
import { getLocale } from "~/i18n/i18next.server";
import { formatDateTime } from "~/lib/format";

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
  const pending = await pendingChangeOf(member.id);
  // The form shows what is asked for, so that saving other fields keeps the request as it is.
  const website = pending?.website_changed ? pending.website : member.website;
  return {
    pageTitle: member.name,
    id: member.id,
    name: member.name,
    website: member.website,
    jurisdictions: await jurisdictionOptions(await getLocale(request)),
    pending: pending
      ? {
          name: pending.name,
          websiteChanged: pending.website_changed === 1,
          website: pending.website,
          since: pending.created_at,
        }
      : null,
    defaults: {
      name: pending?.name ?? member.name,
      sector: member.sector,
      jurisdiction: member.jurisdiction_code ?? "",
      website: website ?? "",
      publicProfile: member.public_profile ?? "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, member } = await memberForEditing(request, params.memberId);
  const submission = parseWithZod(await request.formData(), { schema: ProfileSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const saved = await saveProfile(user, member.id, submission.value);
  if (!saved.ok) return data(submission.reply({ fieldErrors: saved.fieldErrors }), { status: 400 });
  // A change waiting for review is shown on this page; otherwise the profile as the public sees it.
  return redirect(saved.pendingReview ? `/coalition/${member.id}/edit` : `/coalition/${member.id}`);
}

export default function EditMemberPage() {
  const { t, i18n } = useTranslation(["coalition", "common", "threats"]);
  const { id, name, website, jurisdictions, pending, defaults } = useLoaderData<typeof loader>();
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
      {pending ? (
        <div className="alert alert-info" role="status">
          <p>
            <strong>{t("profile.pending.title")}</strong>{" "}
            {t("profile.pending.since", { date: formatDateTime(pending.since, i18n.language) })}
          </p>
          <ul>
            {pending.name !== null ? <li>{t("profile.pending.name", { from: name, to: pending.name })}</li> : null}
            {pending.websiteChanged ? (
              <li>
                {t("profile.pending.website", {
                  from: website || t("changes.noWebsite"),
                  to: pending.website || t("changes.noWebsite"),
                })}
              </li>
            ) : null}
          </ul>
          <p>{t("profile.pending.meanwhile")}</p>
        </div>
      ) : null}
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
