import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm-action";
import { ErrorList, Field, FormErrors, SelectField } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { isStaff, notFound, requireChapterAccess, requireIdParam, requireRole } from "~/features/auth/guards.server";
import { createInvitation } from "~/features/auth/invitations.server";
import { getChapter } from "~/features/chapters/chapters.server";
import { listChapterInvitations, listChapterMembers, removeChapterMember } from "~/features/chapters/members.server";
import { MemberInviteSchema, MemberRemoveSchema } from "~/features/chapters/forms";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { SUPPORTED_LOCALES } from "~/i18n/config";
import { formatDate } from "~/lib/format";

export const handle = { titleKey: "actions:members.title" };

/** Staff for any chapter; a lead for their own only (403 elsewhere); nobody else. */
async function chapterForManaging(request: Request, param: string | undefined) {
  const user = await requireRole(request, ["admin", "staff", "chapter_lead"]);
  const id = requireIdParam(param);
  requireChapterAccess(user, id);
  const chapter = await getChapter(id);
  if (!chapter) throw notFound();
  return { user, chapter };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, chapter } = await chapterForManaging(request, params.id);
  const [members, invitations] = await Promise.all([
    listChapterMembers(chapter.id),
    listChapterInvitations(chapter.id),
  ]);
  return {
    chapter: { id: chapter.id, name: chapter.name },
    members,
    invitations,
    staff: isStaff(user),
    selfId: user.id,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, chapter } = await chapterForManaging(request, params.id);
  await enforceRateLimit([["accountWrites", String(user.id)]]);
  const formData = await request.formData();
  if (formData.get("intent") === "remove") {
    const parsed = MemberRemoveSchema.safeParse(Object.fromEntries(formData));
    const error = parsed.success
      ? await removeChapterMember(user, chapter.id, parsed.data.userId)
      : "validation.confirm";
    if (error) return data({ intent: "remove" as const, result: null, error, done: false }, { status: 400 });
    return data({ intent: "remove" as const, result: null, error: null, done: true });
  }
  const submission = parseWithZod(formData, { schema: MemberInviteSchema });
  if (submission.status !== "success")
    return data({ intent: "invite" as const, result: submission.reply(), error: null, done: false }, { status: 400 });
  // A lead can only hand out the member role; createInvitation checks it again.
  const role = isStaff(user) ? submission.value.role : "chapter_member";
  const outcome = await createInvitation(user, { ...submission.value, role, chapterId: chapter.id });
  if (!outcome.ok)
    return data(
      {
        intent: "invite" as const,
        result: submission.reply({ fieldErrors: outcome.fieldErrors }),
        error: null,
        done: false,
      },
      { status: 400 },
    );
  return data({ intent: "invite" as const, result: submission.reply({ resetForm: true }), error: null, done: true });
}

export default function ChapterMembersPage() {
  const { t, i18n } = useTranslation(["actions", "common"]);
  const { chapter, members, invitations, staff, selfId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "invite-member",
    lastResult: actionData?.intent === "invite" ? actionData.result : undefined,
    defaultValue: { locale: i18n.language, role: "chapter_member" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: MemberInviteSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="stack">
      <p>
        <Link to={`/chapters/${chapter.id}`}>{t("chapters.backTo", { name: chapter.name })}</Link>
      </p>
      <PageHeader title={t("members.title")} lead={chapter.name} />
      {actionData?.done ? (
        <p className="alert alert-success" role="status">
          {t(actionData.intent === "invite" ? "members.invited" : "members.removed")}
        </p>
      ) : null}
      {actionData?.error ? <ErrorList errors={[actionData.error]} className="alert alert-error" /> : null}
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{t("members.current")}</h2>
        {members.length === 0 ? (
          <p className="empty-state">{t("members.none")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("fields.name")}</th>
                  <th scope="col">{t("common:fields.email")}</th>
                  <th scope="col">{t("common:fields.role")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("common:fields.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.id}>
                    <td>{m.name}</td>
                    <td>{m.email}</td>
                    <td>{t(`common:roles.${m.role}`)}</td>
                    <td>
                      {m.id !== selfId && (staff || m.role === "chapter_member") ? (
                        <ConfirmAction
                          label={t("members.remove")}
                          question={t("members.removeQuestion", { name: m.name, chapter: chapter.name })}
                          confirmLabel={t("members.removeConfirm")}
                          intent="remove"
                          hidden={{ userId: m.id }}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card narrow" aria-labelledby="invite-heading">
        <h2 id="invite-heading">{t("members.invite")}</h2>
        <p>{t("members.inviteLead")}</p>
        <Form method="post" {...getFormProps(form)}>
          <FormErrors id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="invite" />
          <Field label={t("common:fields.email")} meta={fields.email} type="email" autoComplete="off" />
          <Field label={t("fields.name")} meta={fields.name} type="text" autoComplete="off" />
          {staff ? (
            <SelectField
              label={t("common:fields.role")}
              meta={fields.role}
              options={(["chapter_member", "chapter_lead"] as const).map((r) => ({
                value: r,
                label: t(`common:roles.${r}`),
              }))}
            />
          ) : (
            <input type="hidden" name="role" value="chapter_member" />
          )}
          <SelectField
            label={t("members.language")}
            meta={fields.locale}
            options={SUPPORTED_LOCALES.map((code) => ({ value: code, label: t(`common:language.${code}`) }))}
          />
          <button type="submit">{t("members.inviteSubmit")}</button>
        </Form>
      </section>
      {invitations.length ? (
        <section aria-labelledby="pending-heading">
          <h2 id="pending-heading">{t("members.pending")}</h2>
          <ul>
            {invitations.map((inv) => (
              <li key={inv.id}>
                {inv.name} · {inv.email} · {t(`common:roles.${inv.role}`)} ·{" "}
                {t("members.expires", { date: formatDate(inv.expires_at, i18n.language) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
