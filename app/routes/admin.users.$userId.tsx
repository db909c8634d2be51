import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm-action";
import { ErrorList, FormErrors } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { RoleFields } from "~/components/role-fields";
import { notFound, requireAdmin, requireIdParam } from "~/features/auth/guards.server";
import { UserRoleSchema } from "~/features/auth/forms";
import {
  changeUserRole,
  endUserSessions,
  getUserDetail,
  listScopes,
  setUserStatus,
} from "~/features/users/users.server";
import { ROLES } from "~/lib/vocabularies";
import { formatDateTime } from "~/lib/format";

export const handle = { titleKey: "users.detailTitle" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const user = await getUserDetail(requireIdParam(params.userId));
  if (!user) throw notFound();
  return { user, ...(await listScopes()) };
}

interface ActionResult {
  intent: string;
  result: SubmissionResult<string[]> | null;
  message: string | null;
  errors?: string[];
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireAdmin(request);
  const userId = requireIdParam(params.userId);
  if (!(await getUserDetail(userId))) throw notFound();
  const formData = await request.formData();
  const intent = String(formData.get("intent") ?? "");
  if (intent === "role") {
    const submission = parseWithZod(formData, { schema: UserRoleSchema });
    if (submission.status !== "success")
      return data<ActionResult>({ intent, result: submission.reply(), message: null }, { status: 400 });
    const fieldErrors = await changeUserRole(actor, userId, submission.value);
    if (fieldErrors)
      return data<ActionResult>({ intent, result: submission.reply({ fieldErrors }), message: null }, { status: 400 });
    return data<ActionResult>({ intent, result: submission.reply(), message: "users.roleSaved" });
  }
  if (formData.get("confirm") !== "yes")
    return data<ActionResult>({ intent, result: null, message: null, errors: ["validation.confirm"] }, { status: 400 });
  if (intent === "deactivate" || intent === "reactivate") {
    const errors = await setUserStatus(actor, userId, intent === "deactivate" ? "deactivated" : "active");
    if (errors)
      return data<ActionResult>({ intent, result: null, message: null, errors: errors.status }, { status: 400 });
    return data<ActionResult>({
      intent,
      result: null,
      message: intent === "deactivate" ? "users.deactivated" : "users.reactivated",
    });
  }
  if (intent === "end-sessions") {
    await endUserSessions(actor, userId);
    return data<ActionResult>({ intent, result: null, message: "users.sessionsEnded" });
  }
  return data<ActionResult>({ intent, result: null, message: null, errors: ["validation.intent"] }, { status: 400 });
}

export default function UserDetailPage() {
  const { t, i18n } = useTranslation();
  const { user, chapters, organisations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.intent === "role" ? actionData.result : undefined,
    defaultValue: {
      role: user.role,
      chapterId: user.chapter_id ? String(user.chapter_id) : "",
      coalitionMemberId: user.coalition_member_id ? String(user.coalition_member_id) : "",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: UserRoleSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="stack">
      <p>
        <Link to="/admin/users">{t("users.back")}</Link>
      </p>
      <PageHeader title={user.name} lead={user.email} />
      {actionData?.message ? (
        <p className="alert alert-success" role="status">
          {t(actionData.message)}
        </p>
      ) : null}
      <ErrorList errors={actionData?.errors} />
      <dl className="meta">
        <dt>{t("fields.status")}</dt>
        <dd>{t(`users.status.${user.status}`)}</dd>
        <dt>{t("users.lastLogin")}</dt>
        <dd>{user.last_login_at ? formatDateTime(user.last_login_at, i18n.language) : t("users.never")}</dd>
        <dt>{t("users.activeSessions")}</dt>
        <dd>{user.activeSessions}</dd>
      </dl>

      <section className="card narrow" aria-labelledby="role-heading">
        <h2 id="role-heading">{t("users.roleHeading")}</h2>
        <p className="hint">{t("users.roleHint")}</p>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="role" />
          <RoleFields fields={fields} roles={ROLES} chapters={chapters} organisations={organisations} />
          <button type="submit">{t("actions.save")}</button>
        </Form>
      </section>

      <section className="card narrow" aria-labelledby="access-heading">
        <h2 id="access-heading">{t("users.accessHeading")}</h2>
        <div className="stack">
          <ConfirmAction
            label={t("users.endSessions")}
            question={t("users.endSessionsQuestion")}
            confirmLabel={t("users.endSessionsConfirm")}
            intent="end-sessions"
          />
          {user.status === "active" ? (
            <ConfirmAction
              label={t("users.deactivate")}
              question={t("users.deactivateQuestion", { name: user.name })}
              confirmLabel={t("users.deactivateConfirm")}
              intent="deactivate"
            />
          ) : (
            <ConfirmAction
              label={t("users.reactivate")}
              question={t("users.reactivateQuestion", { name: user.name })}
              confirmLabel={t("users.reactivateConfirm")}
              intent="reactivate"
            />
          )}
        </div>
      </section>
    </div>
  );
}
