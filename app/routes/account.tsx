import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, FormErrors, SelectField, NewPasswordFields } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { changePassword, getScopeName, updateProfile } from "~/features/auth/accounts.server";
import { summariseUserAgent } from "~/features/auth/devices.server";
import { forbidden, requireSession } from "~/features/auth/guards.server";
import { isCommonPassword, verifyPassword } from "~/features/auth/password.server";
import {
  createChangePasswordSchema,
  EndOtherSessionsSchema,
  EndSessionSchema,
  ProfileSchema,
  ReauthenticateWithCodeSchema,
} from "~/features/auth/forms";
import { endUserSession, invalidateUserSessions, listActiveSessions } from "~/features/auth/session.server";
import { disableTwoFactor, remainingRecoveryCodes, twoFactorRequired } from "~/features/auth/two-factor.server";
import { CurrentPasswordField, OneTimeCodeField } from "~/features/auth/two-factor-ui";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { SUPPORTED_LOCALES } from "~/i18n/config";
import { localeCookie } from "~/i18n/i18next.server";
import { DigestForm } from "~/features/staff-inbox/digest-form";
import { digestSetting, setStaffDigest } from "~/features/staff-inbox/digest.server";
import { StaffDigestSchema } from "~/features/staff-inbox/forms";

export const handle = { titleKey: "account.title" };

const ChangePasswordClientSchema = createChangePasswordSchema();

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, sessionId, twoFactorEnabled } = await requireSession(request);
  const sessions = await listActiveSessions(user.id, sessionId);
  return {
    user: { name: user.name, email: user.email, role: user.role, locale: user.locale },
    scopeName: await getScopeName(user),
    digest: digestSetting(user),
    sessions: sessions.map(({ userAgent, ...session }) => ({ ...session, device: summariseUserAgent(userAgent) })),
    twoFactor: {
      enabled: twoFactorEnabled,
      required: twoFactorRequired(user),
      recoveryCodesLeft: twoFactorEnabled ? await remainingRecoveryCodes(user.id) : 0,
    },
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
  if (intent === "staff-digest") {
    if (digestSetting(session.user) === null) throw forbidden();
    const submission = parseWithZod(formData, { schema: StaffDigestSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply(), saved: false }, { status: 400 });
    await setStaffDigest(session.user, submission.value.digest);
    return data({ intent, result: submission.reply(), saved: true });
  }
  if (intent === "password") {
    const submission = parseWithZod(formData, {
      schema: createChangePasswordSchema(isCommonPassword, { email: session.user.email }),
    });
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
  if (intent === "end-session") {
    const submission = parseWithZod(formData, { schema: EndSessionSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply(), saved: false }, { status: 400 });
    // Ending the current one is signing out: that is the sign-out button's job.
    const ended =
      submission.value.sessionId !== session.sessionId &&
      (await endUserSession(session.user.id, submission.value.sessionId));
    return data({ intent, result: submission.reply(), saved: ended }, { status: ended ? 200 : 400 });
  }
  if (intent === "end-other-sessions") {
    const submission = parseWithZod(formData, { schema: EndOtherSessionsSchema });
    if (submission.status !== "success")
      return data({ intent, result: submission.reply(), saved: false }, { status: 400 });
    await invalidateUserSessions(session.user.id, session.sessionId);
    return data({ intent, result: submission.reply({ resetForm: true }), saved: true });
  }
  if (intent === "disable-two-factor") {
    const submission = parseWithZod(formData, { schema: ReauthenticateWithCodeSchema });
    if (submission.status !== "success")
      return data(
        { intent, result: submission.reply({ hideFields: ["currentPassword"] }), saved: false },
        { status: 400 },
      );
    if (twoFactorRequired(session.user) || !session.twoFactorEnabled) {
      return data(
        { intent, result: submission.reply({ formErrors: ["twoFactor.cannotDisable"] }), saved: false },
        { status: 400 },
      );
    }
    await enforceRateLimit([["twoFactorPerUser", String(session.user.id)]]);
    if (!(await verifyPassword(session.user.password_hash, submission.value.currentPassword))) {
      return data(
        {
          intent,
          result: submission.reply({
            fieldErrors: { currentPassword: ["validation.password.wrongCurrent"] },
            hideFields: ["currentPassword"],
          }),
          saved: false,
        },
        { status: 400 },
      );
    }
    if (!(await disableTwoFactor(session.user.id, submission.value.code))) {
      return data(
        { intent, result: submission.reply({ fieldErrors: { code: ["validation.totp.wrong"] } }), saved: false },
        { status: 400 },
      );
    }
    return data({ intent, result: submission.reply({ resetForm: true }), saved: true });
  }
  return data({ intent: null, result: null, saved: false }, { status: 400 });
}

export default function AccountPage() {
  const { t } = useTranslation();
  const { user, scopeName, sessions, twoFactor, digest } = useLoaderData<typeof loader>();
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
  const [endOthersForm, endOthersFields] = useForm({
    id: "end-other-sessions",
    lastResult: actionData?.intent === "end-other-sessions" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EndOtherSessionsSchema }),
    shouldValidate: "onSubmit",
  });
  const [disableForm, disableFields] = useForm({
    id: "disable-two-factor",
    lastResult: actionData?.intent === "disable-two-factor" ? actionData.result : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReauthenticateWithCodeSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const others = sessions.filter((s) => !s.current);
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

      {digest === null ? null : (
        <DigestForm
          enabled={digest}
          lastResult={actionData?.intent === "staff-digest" ? actionData.result : undefined}
          saved={actionData?.intent === "staff-digest" && actionData.saved}
        />
      )}

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

      <section className="card narrow" aria-labelledby="two-factor-heading">
        <h2 id="two-factor-heading">{t("twoFactor.sectionHeading")}</h2>
        {actionData?.intent === "disable-two-factor" && actionData.saved ? (
          <p className="alert alert-success" role="status">
            {t("twoFactor.disabled")}
          </p>
        ) : null}
        {twoFactor.enabled ? (
          <>
            <p>{t("twoFactor.statusOn", { count: twoFactor.recoveryCodesLeft })}</p>
            {twoFactor.required ? (
              <p className="hint">{t("twoFactor.requiredForRole")}</p>
            ) : (
              <Form method="post" {...getFormProps(disableForm)}>
                <FormErrors id={disableForm.errorId} errors={disableForm.errors} />
                <input type="hidden" name="intent" value="disable-two-factor" />
                <OneTimeCodeField meta={disableFields.code} hint={t("twoFactor.disableHint")} />
                <CurrentPasswordField meta={disableFields.currentPassword} />
                <button type="submit">{t("twoFactor.disableSubmit")}</button>
              </Form>
            )}
          </>
        ) : (
          <>
            <p>{t("twoFactor.statusOff")}</p>
            <p>
              <Link to="/account/two-factor">{t("twoFactor.enable")}</Link>
            </p>
          </>
        )}
      </section>

      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t("sessions.heading")}</h2>
        <p className="hint">{t("sessions.lead")}</p>
        {actionData?.intent === "end-session" && actionData.saved ? (
          <p className="alert alert-success" role="status">
            {t("sessions.ended")}
          </p>
        ) : null}
        {actionData?.intent === "end-other-sessions" && actionData.saved ? (
          <p className="alert alert-success" role="status">
            {t("sessions.othersEnded")}
          </p>
        ) : null}
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("sessions.heading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("sessions.device")}</th>
                <th scope="col">{t("sessions.network")}</th>
                <th scope="col">{t("sessions.lastSeen")}</th>
                <th scope="col">{t("sessions.signedIn")}</th>
                <th scope="col">{t("fields.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id}>
                  <td>
                    {t("sessions.deviceSummary", {
                      browser: s.device.browser ?? t("sessions.unknownBrowser"),
                      os: s.device.os ?? t("sessions.unknownOs"),
                    })}
                  </td>
                  <td>{s.network ?? t("sessions.unknownNetwork")}</td>
                  <td>
                    <time dateTime={s.lastSeenAt}>{formatStamp(s.lastSeenAt, user.locale)}</time>
                  </td>
                  <td>
                    <time dateTime={s.createdAt}>{formatStamp(s.createdAt, user.locale)}</time>
                  </td>
                  <td>
                    {s.current ? (
                      <strong>{t("sessions.current")}</strong>
                    ) : (
                      <Form method="post">
                        <input type="hidden" name="intent" value="end-session" />
                        <input type="hidden" name="sessionId" value={s.id} />
                        <button type="submit" className="secondary">
                          {t("sessions.end")}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {others.length > 0 ? (
          <Form method="post" {...getFormProps(endOthersForm)}>
            <input type="hidden" name="intent" value="end-other-sessions" />
            <div className="field">
              <label>
                <input
                  type="checkbox"
                  name={endOthersFields.confirm.name}
                  value="yes"
                  aria-describedby={
                    endOthersFields.confirm.errors?.length ? endOthersFields.confirm.errorId : undefined
                  }
                />{" "}
                {t("sessions.confirmEndOthers", { count: others.length })}
              </label>
              <ErrorList id={endOthersFields.confirm.errorId} errors={endOthersFields.confirm.errors} />
            </div>
            <button type="submit">{t("sessions.endOthers")}</button>
          </Form>
        ) : null}
      </section>
    </div>
  );
}

function formatStamp(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(
    new Date(iso),
  );
}
