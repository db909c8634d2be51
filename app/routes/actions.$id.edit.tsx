import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm-action";
import { FormErrors } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { requireIdParam } from "~/features/auth/guards.server";
import { ActionForm } from "~/features/actions/action-form";
import { updateAction, withdrawAction } from "~/features/actions/actions.server";
import { listThreatPickerOptions, pickerQuery } from "~/features/threats/picker.server";
import { requireEditableAction } from "~/features/actions/guards.server";
import { ActionSchema } from "~/features/actions/forms";
import { ReviewBadge } from "~/features/actions/action-lists";
import { enforceRateLimit } from "~/features/security/rate-limit.server";

export const handle = { titleKey: "actions:edit.title" };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { action } = await requireEditableAction(request, requireIdParam(params.id));
  return {
    threats: await listThreatPickerOptions(),
    threatQuery: pickerQuery(request),
    action: {
      id: action.id,
      status: action.review_status,
      comment: action.review_comment,
      owner: action.chapter_name ?? action.organisation_name ?? "",
    },
    defaults: {
      kind: action.kind,
      occurredOn: action.occurred_on,
      description: action.description,
      policymakers: action.policymakers ?? "",
      threatId: action.threat_id ? String(action.threat_id) : "",
      outcome: action.outcome ?? "",
      evidenceUrl: action.evidence_url ?? "",
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, action: logged } = await requireEditableAction(request, requireIdParam(params.id));
  await enforceRateLimit([["accountWrites", String(user.id)]]);
  const formData = await request.formData();
  if (formData.get("intent") === "withdraw") {
    if (formData.get("confirm") !== "yes" || !(await withdrawAction(user, logged)))
      return data({ withdrawError: "actions:validation.cannotWithdraw" }, { status: 400 });
    return redirect("/actions?saved=withdrawn");
  }
  const submission = parseWithZod(formData, { schema: ActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const fieldErrors = await updateAction(user, logged, submission.value);
  if (fieldErrors) return data(submission.reply({ fieldErrors }), { status: 400 });
  return redirect("/actions?saved=1");
}

export default function EditActionPage() {
  const { t } = useTranslation("actions");
  const { threats, threatQuery, action: logged, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const withdrawError = actionData && "withdrawError" in actionData ? actionData.withdrawError : null;
  const lastResult = actionData && !("withdrawError" in actionData) ? actionData : undefined;
  return (
    <div className="stack">
      <p>
        <Link to="/actions">{t("log.back")}</Link>
      </p>
      <PageHeader title={t("edit.title")} lead={logged.owner} />
      <p>
        {t("edit.state")} <ReviewBadge status={logged.status} />
      </p>
      {logged.status === "needs_changes" && logged.comment ? (
        <p className="alert alert-info">{t("list.reviewComment", { comment: logged.comment })}</p>
      ) : null}
      {logged.status === "withdrawn" ? (
        <p className="empty-state">{t("edit.withdrawnNote")}</p>
      ) : (
        <>
          {logged.status === "accepted" || logged.status === "needs_changes" ? (
            <p className="hint">{t("edit.backToReview")}</p>
          ) : null}
          <ActionForm
            lastResult={lastResult}
            defaultValue={defaults}
            threats={threats}
            threatQuery={threatQuery}
            submitLabel={t("edit.submit")}
          />
          <section className="stack" aria-labelledby="withdraw-heading">
            <h2 id="withdraw-heading">{t("edit.withdrawTitle")}</h2>
            <p>{t("edit.withdrawLead")}</p>
            {withdrawError ? <FormErrors id="withdraw-errors" errors={[withdrawError]} /> : null}
            <ConfirmAction
              label={t("edit.withdraw")}
              question={t("edit.withdrawQuestion")}
              confirmLabel={t("edit.withdrawConfirm")}
              intent="withdraw"
            />
          </section>
        </>
      )}
    </div>
  );
}
