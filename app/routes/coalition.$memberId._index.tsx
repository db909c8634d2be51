import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { JsonLd } from "~/components/json-ld";
import { loadConfig } from "~/config.server";
import { memberJsonLd } from "~/features/coalition/json-ld";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm-action";
import {
  canAccessCoalitionMember,
  getOptionalUser,
  isStaff,
  notFound,
  requireIdParam,
  requireStaff,
} from "~/features/auth/guards.server";
import type { MemberStatus } from "~/lib/vocabularies";
import { getMember, setMemberStatus } from "~/features/coalition/members.server";
import { jurisdictionName } from "~/features/jurisdictions/names";
import { formatDate } from "~/lib/format";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = requireIdParam(params.memberId);
  const [member, user] = await Promise.all([getMember(id), getOptionalUser(request)]);
  // Suspended, former and unlisted members are not public; staff and their own representatives still see them.
  const privileged = !!user && canAccessCoalitionMember(user, id);
  if (!member || ((member.status !== "active" || member.public_listing !== 1) && !privileged)) throw notFound();
  const { contact_email, search_text: _s, ...shown } = member;
  return {
    pageTitle: member.name,
    member: { ...shown, contact_email: isStaff(user) ? contact_email : null },
    staff: isStaff(user),
    canEdit: !!user && canAccessCoalitionMember(user, id),
    jsonLd:
      member.status === "active" && member.public_listing === 1 ? memberJsonLd(member, loadConfig().appUrl) : null,
  };
}

const TRANSITIONS: Record<string, MemberStatus> = { suspend: "suspended", leave: "left", reactivate: "active" };

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = requireIdParam(params.memberId);
  if (!(await getMember(id))) throw notFound();
  const formData = await request.formData();
  const status = TRANSITIONS[String(formData.get("intent"))];
  if (!status || formData.get("confirm") !== "yes") return data({ done: null }, { status: 400 });
  await setMemberStatus(staff, id, status);
  return data({ done: status });
}

export default function MemberPage() {
  const { t, i18n } = useTranslation(["coalition", "common"]);
  const { member, staff, canEdit, jsonLd } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <article className="stack">
      <JsonLd data={jsonLd} />
      <p className="muted">
        <Link to="/coalition">{t("profile.back")}</Link>
      </p>
      <h1>{member.name}</h1>
      <p className="lead">
        {t(`sector.${member.sector}`, { defaultValue: member.sector })}
        {member.name_en ? (
          <>
            {" · "}
            <Link to={`/countries/${member.jurisdiction_code}`}>
              {jurisdictionName(
                { code: member.jurisdiction_code, name_en: member.name_en, name_fr: member.name_fr ?? member.name_en },
                i18n.language,
              )}
            </Link>
          </>
        ) : null}
        {member.joined_on ? ` · ${t("profile.joined", { date: formatDate(member.joined_on, i18n.language) })}` : ""}
      </p>
      {member.status !== "active" ? <p className="alert alert-info">{t(`memberStatus.${member.status}`)}</p> : null}
      {actionData?.done ? (
        <p className="alert alert-success" role="status">
          {t("profile.statusChanged", { status: t(`memberStatus.${actionData.done}`) })}
        </p>
      ) : null}
      {member.public_profile ? <p className="prose">{member.public_profile}</p> : null}
      {member.website ? (
        <p>
          <a href={member.website} rel="noopener noreferrer nofollow">
            {member.website}
          </a>
        </p>
      ) : null}
      {canEdit ? (
        <p>
          <Link className="button" to={`/coalition/${member.id}/edit`}>
            {t("profile.edit")}
          </Link>
        </p>
      ) : null}
      {staff ? (
        <section className="card narrow stack" aria-labelledby="staff-member-heading">
          <h2 id="staff-member-heading">{t("profile.staffHeading")}</h2>
          {member.contact_email ? <p>{t("profile.contact", { email: member.contact_email })}</p> : null}
          {member.status === "active" ? (
            <>
              <ConfirmAction
                label={t("profile.suspend")}
                question={t("profile.suspendQuestion", { name: member.name })}
                confirmLabel={t("profile.suspendConfirm")}
                intent="suspend"
              />
              <ConfirmAction
                label={t("profile.leave")}
                question={t("profile.leaveQuestion", { name: member.name })}
                confirmLabel={t("profile.leaveConfirm")}
                intent="leave"
              />
            </>
          ) : (
            <ConfirmAction
              label={t("profile.reactivate")}
              question={t("profile.reactivateQuestion", { name: member.name })}
              confirmLabel={t("profile.reactivateConfirm")}
              intent="reactivate"
            />
          )}
        </section>
      ) : null}
    </article>
  );
}
