import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField, NewPasswordFields } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { changePassword, getScopeName, updateProfile } from "~/features/auth/accounts.server";
import { requireSession } from "~/features/auth/guards.server";
import { isCommonPassword } from "~/features/auth/password.server";
import { createChangePasswordSchema, ProfileSchema } from "~/features/auth/schema";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { SUPPORTED_LOCALES } from "~/i18n/config";
import { localeCookie } from "~/i18n/i18next.server";

export const handle = { titleKey: "account.title" };

const ChangePasswordClientSchema = createChangePasswordSchema();

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await requireSession(request);
  return {
    user: { name: user.name, email: user.email, role: user.role, locale: user.locale },
    scopeName: await getScopeName(user),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await requireSession(request);
  await enforceRateLimit([["accountWrites", String(session.user.id)]]);
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "profile") {
    const submission = parseWithZod(formData, { schema: ProfileSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply(), saved: false }, { status: 400 });
    await updateProfile(session.user.id, submission.value);
    return data(
      { intent, result: submission.reply(), saved: true },
      { headers: { "Set-Cookie": await localeCookie.serialize(submission.value.locale) } },
    );
  }
  if (intent === "password") {
    const submission = parseWithZod(formData, { schema: createChangePasswordSchema(isCommonPassword) });
    const hideFields = ["currentPassword", "password", "confirmPassword"];
    if (submission.status !== "success")
      return data({ intent, result: submission.reply({ hideFields }), saved: false }, { status: 400 });
    const fieldErrors = await changePassword(
      session.user,
      submission.value.currentPassword,
      submission.value.password,
      session.sessionId,
    );
    if (fieldErrors)
      return data({ intent, result: submission.reply({ fieldErrors, hideFields }), saved: false }, { status: 400 });
    return data({ intent, result: submission.reply({ resetForm: true }), saved: true });
  }
  return data({ intent: null, result: null, saved: false }, { status: 400 });
}

export default function AccountPage() {
  const { t } = useTranslation();
  const { user, scopeName } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [profileForm, profileFields] = useForm({
    id: "profile",
    lastResult: actionData?.intent === "profile" ? actionData.result : undefined,
    defaultValue: { name: user.name, locale: user.locale },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
    shouldValidate: "onBlur",
  });
  const [passwordForm, passwordFields] = useForm({
    id: "password",
    lastResult: actionData?.intent === "password" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordClientSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="stack">
      <PageHeader title={t("account.title")} lead={t("account.signedInAs", { email: user.email })} />
      <dl className="meta">
        <dt>{t("fields.role")}</dt>
        <dd>{t(`roles.${user.role}`)}</dd>
        {scopeName ? (
          <>
            <dt>{t("account.scope")}</dt>
            <dd>{scopeName}</dd>
          </>
        ) : null}
      </dl>

      <p>
        <Link to="/account/follows">{t("threats:follows.title")}</Link>
        {["chapter_lead", "chapter_member", "coalition_member"].includes(user.role) ? (
          <>
            {" · "}
            <Link to="/actions">{t("actions:log.title")}</Link>
          </>
        ) : null}
      </p>

      <section className="card narrow" aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("account.profile")}</h2>
        {actionData?.intent === "profile" && actionData.saved ? (
          <p className="alert alert-success" role="status">
            {t("account.profileSaved")}
          </p>
        ) : null}
        <Form method="post" {...getFormProps(profileForm)}>
          <input type="hidden" name="intent" value="profile" />
          <Field label={t("fields.name")} meta={profileFields.name} type="text" autoComplete="name" />
          <SelectField
            label={t("account.emailLanguage")}
            meta={profileFields.locale}
            options={SUPPORTED_LOCALES.map((code) => ({ value: code, label: t(`language.${code}`) }))}
          />
          <button type="submit">{t("actions.save")}</button>
        </Form>
      </section>

      <section className="card narrow" aria-labelledby="password-heading">
        <h2 id="password-heading">{t("account.changePassword")}</h2>
        <p className="hint">{t("account.passwordRules")}</p>
        {actionData?.intent === "password" && actionData.saved ? (
          <p className="alert alert-success" role="status">
            {t("account.passwordChanged")}
          </p>
        ) : null}
        <Form method="post" {...getFormProps(passwordForm)}>
          <FormErrors id={passwordForm.errorId} errors={passwordForm.errors} />
          <input type="hidden" name="intent" value="password" />
          <Field
            label={t("fields.currentPassword")}
            meta={passwordFields.currentPassword}
            type="password"
            autoComplete="current-password"
          />
          <NewPasswordFields password={passwordFields.password} confirmPassword={passwordFields.confirmPassword} />
          <button type="submit">{t("account.changePassword")}</button>
        </Form>
      </section>
    </div>
  );
}
