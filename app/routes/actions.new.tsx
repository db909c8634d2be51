import { parseWithZod } from "~/lib/parse-form";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { getScopeName } from "~/features/auth/accounts.server";
import { ActionForm } from "~/features/actions/action-form";
import { logAction } from "~/features/actions/actions.server";
import { listThreatPickerOptions, pickerQuery } from "~/features/threats/picker.server";
import { requireLogger } from "~/features/actions/guards.server";
import { ActionSchema } from "~/features/actions/forms";
import { enforceRateLimit } from "~/features/security/rate-limit.server";

export const handle = { titleKey: "actions:new.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireLogger(request);
  const [threats, scopeName] = await Promise.all([listThreatPickerOptions(), getScopeName(user)]);
  // A link from a threat page preselects it (?threat=<id>).
  const threat = new URL(request.url).searchParams.get("threat") ?? "";
  return {
    threats,
    threatQuery: pickerQuery(request),
    scopeName,
    preselected: /^\d{1,12}$/.test(threat) ? threat : "",
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireLogger(request);
  await enforceRateLimit([["accountWrites", String(user.id)]]);
  const submission = parseWithZod(await request.formData(), { schema: ActionSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const outcome = await logAction(user, submission.value);
  if (!outcome.ok) return data(submission.reply({ fieldErrors: outcome.fieldErrors }), { status: 400 });
  return redirect("/actions?saved=1");
}

export default function NewActionPage() {
  const { t } = useTranslation("actions");
  const { threats, threatQuery, scopeName, preselected } = useLoaderData<typeof loader>();
  return (
    <div>
      <p>
        <Link to="/actions">{t("log.back")}</Link>
      </p>
      <PageHeader title={t("new.title")} lead={t("new.lead", { scope: scopeName ?? "" })} />
      <ActionForm
        lastResult={useActionData<typeof action>()}
        defaultValue={{ threatId: preselected }}
        threats={threats}
        threatQuery={threatQuery}
        submitLabel={t("new.submit")}
      />
    </div>
  );
}
