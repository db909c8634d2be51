import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "~/lib/parse-form";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField, TextAreaField } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { getScopeName } from "~/features/auth/accounts.server";
import { CHAPTER_ROLES, requireRole } from "~/features/auth/guards.server";
import { enforceRateLimit } from "~/features/security/rate-limit.server";
import { THREAT_KINDS } from "~/lib/vocabularies";
import { listProposals, proposeThreat } from "~/features/threats/proposals.server";
import { ProposalSchema } from "~/features/threats/forms";
import { formatDate } from "~/lib/format";

export const handle = { titleKey: "threats:propose.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, CHAPTER_ROLES);
  const [chapterName, proposals] = await Promise.all([getScopeName(user), listProposals(user)]);
  return { chapterName, proposals };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, CHAPTER_ROLES);
  await enforceRateLimit([["accountWrites", String(user.id)]]);
  const submission = parseWithZod(await request.formData(), { schema: ProposalSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), sent: false }, { status: 400 });
  await proposeThreat(user, submission.value);
  return data({ result: submission.reply({ resetForm: true }), sent: true });
}

export default function ProposeThreatPage() {
  const { t, i18n } = useTranslation(["threats", "common"]);
  const { chapterName, proposals } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProposalSchema }),
    shouldValidate: "onBlur",
  });
  return (
    <div className="stack">
      <PageHeader title={t("propose.title")} lead={t("propose.lead", { chapter: chapterName ?? "" })} />
      {actionData?.sent ? (
        <p className="alert alert-success" role="status">
          {t("propose.sent")}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="narrow">
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          label={t("fields.kind")}
          meta={fields.kind}
          placeholder={t("common:fields.choose")}
          options={THREAT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <Field label={t("fields.identifier")} hint={t("form.identifierHint")} meta={fields.identifier} type="text" />
        <Field label={t("fields.title")} meta={fields.title} type="text" />
        <TextAreaField label={t("propose.whatItDoes")} meta={fields.summary} rows={6} />
        <Field label={t("fields.sourceUrl")} meta={fields.sourceUrl} type="url" />
        <button type="submit">{t("propose.submit")}</button>
      </Form>
      <section aria-labelledby="my-proposals">
        <h2 id="my-proposals">{t("propose.chapterProposals")}</h2>
        {proposals.length === 0 ? (
          <p className="empty-state">{t("propose.none")}</p>
        ) : (
          <ul>
            {proposals.map((p) => (
              <li key={p.id}>
                {p.title} · {formatDate(p.created_at, i18n.language)} ·{" "}
                <span className="badge">{t(`proposalStatus.${p.status}`)}</span>
                {p.review_reason ? ` — ${p.review_reason}` : ""}
                {p.threat_slug ? (
                  <>
                    {" "}
                    · <a href={`/threats/${p.threat_slug}`}>{t("propose.seeThreat")}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
