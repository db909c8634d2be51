import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm-action";
import { Field, FormErrors, SelectField } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { RoleFields } from "~/components/role-fields";
import { requireStaff } from "~/features/auth/guards.server";
import {
  createInvitation,
  invitableRoles,
  listOpenInvitations,
  revokeInvitation,
} from "~/features/auth/invitations.server";
import { InvitationSchema } from "~/features/auth/forms";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { listScopes } from "~/features/users/users.server";
import { SUPPORTED_LOCALES } from "~/i18n/config";
import { formatDate } from "~/lib/format";
import { parseId } from "~/lib/ids";

export const handle = { titleKey: "invite.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStaff(request);
  const [invitations, scopes] = await Promise.all([listOpenInvitations(user), listScopes()]);
  return { invitations, roles: invitableRoles(user), ...scopes };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireStaff(request);
  await enforceRateLimit([["accountWrites", String(user.id)]]);
  const formData = await request.formData();
  if (formData.get("intent") === "revoke") {
    const id = parseId(formData.get("invitationId"));
    const ok = formData.get("confirm") === "yes" && id !== null && (await revokeInvitation(user, id));
    return data({ intent: "revoke" as const, result: null, done: ok }, { status: ok ? 200 : 400 });
  }
  const submission = parseWithZod(formData, { schema: InvitationSchema });
  if (submission.status !== "success")
    return data({ intent: "invite" as const, result: submission.reply(), done: false }, { status: 400 });
  const outcome = await createInvitation(user, submission.value);
  if (!outcome.ok) {
    return data(
      { intent: "invite" as const, result: submission.reply({ fieldErrors: outcome.fieldErrors }), done: false },
      { status: 400 },
    );
  }
  return data({ intent: "invite" as const, result: submission.reply({ resetForm: true }), done: true });
}

export default function InvitationsPage() {
  const { t, i18n } = useTranslation();
  const { invitations, roles, chapters, organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.intent === "invite" ? actionData.result : undefined,
    defaultValue: { locale: "en" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InvitationSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="stack">
      <PageHeader title={t("invite.title")} lead={t("invite.lead")} />
      {actionData?.done ? (
        <p className="alert alert-success" role="status">
          {actionData.intent === "invite" ? t("invite.sent") : t("invite.revoked")}
        </p>
      ) : null}
      <section className="card narrow" aria-labelledby="new-invitation">
        <h2 id="new-invitation">{t("invite.new")}</h2>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="invite" />
          <Field label={t("fields.email")} meta={fields.email} type="email" autoComplete="off" />
          <Field label={t("fields.name")} meta={fields.name} type="text" autoComplete="off" />
          <RoleFields fields={fields} roles={roles} chapters={chapters} organisations={organisations} withHints />
          <SelectField
            label={t("invite.language")}
            meta={fields.locale}
            options={SUPPORTED_LOCALES.map((code) => ({ value: code, label: t(`language.${code}`) }))}
          />
          <button type="submit">{t("invite.submit")}</button>
        </Form>
      </section>

      <section aria-labelledby="open-invitations">
        <h2 id="open-invitations">{t("invite.open")}</h2>
        {invitations.length === 0 ? (
          <p className="empty-state">{t("invite.none")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("fields.name")}</th>
                  <th scope="col">{t("fields.email")}</th>
                  <th scope="col">{t("fields.role")}</th>
                  <th scope="col">{t("invite.expires")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("fields.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {invitations.map((invitation) => (
                  <tr key={invitation.id}>
                    <td>{invitation.name}</td>
                    <td>{invitation.email}</td>
                    <td>
                      {t(`roles.${invitation.role}`)}
                      {(invitation.chapter_name ?? invitation.organisation_name)
                        ? ` · ${invitation.chapter_name ?? invitation.organisation_name}`
                        : ""}
                    </td>
                    <td>{formatDate(invitation.expires_at, i18n.language)}</td>
                    <td>
                      <ConfirmAction
                        label={t("invite.revoke")}
                        question={t("invite.revokeQuestion", { email: invitation.email })}
                        confirmLabel={t("invite.revokeConfirm")}
                        intent="revoke"
                        hidden={{ invitationId: invitation.id }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
