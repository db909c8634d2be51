import { parseWithZod } from "~/lib/parse-form";
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ConfirmAction } from "~/components/confirm-action";
import { FilterSelect } from "~/components/filter-select";
import { ErrorList } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { requireStaff } from "~/features/auth/guards.server";
import { evaluateYear, getTarget } from "~/features/targets/progress.server";
import { parseYear, TargetCommandSchema } from "~/features/targets/forms";
import { retakeSnapshot } from "~/features/targets/snapshots.server";
import { currentYear, isYearOver } from "~/features/targets/status";
import { deleteTarget, moveTarget, targetYears } from "~/features/targets/targets.server";
import { formatValue, StatusBadge } from "~/features/targets/target-card";
import { toCardData } from "~/features/targets/view.server";
import { formatDate } from "~/lib/format";
import targetStyles from "~/styles/targets.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: targetStyles }];

export const handle = { titleKey: "targets:staff.title" };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const thisYear = currentYear();
  const parsed = parseYear(new URL(request.url).searchParams.get("year"), thisYear);
  if (!parsed.ok) throw new Response("Bad Request: year", { status: 400, statusText: "Bad Request" });
  const { year } = parsed;
  const [progress, years] = await Promise.all([evaluateYear(year), targetYears()]);
  return {
    year,
    past: isYearOver(year),
    years: [...new Set([thisYear, thisYear + 1, year, ...years])].sort((a, b) => b - a),
    targets: progress.map(toCardData),
  };
}

type Done = "moved" | "deleted" | "snapshotTaken";

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const submission = parseWithZod(await request.formData(), { schema: TargetCommandSchema });
  if (submission.status !== "success") {
    return data(
      {
        done: null as Done | null,
        errors: Object.values(submission.error ?? {})
          .flat()
          .filter((e): e is string => !!e),
      },
      { status: 400 },
    );
  }
  const { intent, targetId, confirm } = submission.value;
  const target = await getTarget(targetId);
  if (!target) return data({ done: null, errors: ["targets:validation.notFound"] }, { status: 400 });
  if ((intent === "delete" || intent === "snapshot") && confirm !== "yes") {
    return data({ done: null, errors: ["validation.confirm"] }, { status: 400 });
  }
  if (intent === "snapshot" && !isYearOver(target.year)) {
    return data({ done: null, errors: ["validation.intent"] }, { status: 400 });
  }
  let done: Done;
  if (intent === "delete") {
    await deleteTarget(staff, target);
    done = "deleted";
  } else if (intent === "snapshot") {
    await retakeSnapshot(staff, target);
    done = "snapshotTaken";
  } else {
    await moveTarget(staff, target, intent);
    done = "moved";
  }
  return data({ done: done as Done | null, errors: [] as string[] });
}

export default function StaffTargetsPage() {
  const { t, i18n } = useTranslation(["targets", "common"]);
  const { year, past, years, targets } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <div className="stack">
      <PageHeader title={t("staff.title")} lead={t("staff.lead")}>
        <p className="inline-form">
          <Link className="button" to={`/staff/targets/new?year=${year}`}>
            {t("staff.new")}
          </Link>
          <Link to={`/targets?year=${year}`}>{t("staff.viewPublic")}</Link>
        </p>
      </PageHeader>
      <Form method="get" className="inline-form">
        <FilterSelect
          inline
          anyLabel={null}
          id="staff-target-year"
          name="year"
          label={t("page.yearLabel")}
          value={year}
          options={years.map((y) => [String(y), String(y)])}
        />
        <button type="submit">{t("page.show")}</button>
      </Form>
      {result?.done ? (
        <p className="alert alert-success" role="status">
          {t(`staff.${result.done}`)}
        </p>
      ) : null}
      <ErrorList errors={result?.errors} className="alert alert-error" />
      {targets.length === 0 ? (
        <p className="empty-state">{t("staff.none", { year })}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("page.title", { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("staff.position")}</th>
                <th scope="col">{t("fields.title")}</th>
                <th scope="col">{t("fields.metric")}</th>
                <th scope="col">{t("page.value")}</th>
                <th scope="col">{t("fields.goal")}</th>
                <th scope="col">{t("common:fields.status")}</th>
                <th scope="col">{t("common:fields.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {targets.map((target, index) => (
                <tr key={target.id}>
                  <td>{index + 1}</td>
                  <td>
                    <Link to={`/staff/targets/${target.id}`}>{target.title}</Link>
                  </td>
                  <td>{t(`metric.${target.metric}.name`, { defaultValue: target.metric })}</td>
                  <td>
                    {formatValue(t, target.value, target.unit, i18n.language)}
                    <br />
                    <span className="muted">
                      {target.snapshotTakenAt
                        ? t("staff.snapshotOf", { date: formatDate(target.snapshotTakenAt, i18n.language) })
                        : t("staff.noSnapshot")}
                    </span>
                  </td>
                  <td>{formatValue(t, target.goal, target.unit, i18n.language)}</td>
                  <td>
                    <StatusBadge status={target.status} />
                  </td>
                  <td>
                    <div className="target-actions">
                      <Form method="post">
                        <input type="hidden" name="targetId" value={target.id} />
                        <button
                          type="submit"
                          name="intent"
                          value="up"
                          className="secondary button-small"
                          disabled={index === 0}
                          aria-label={`${t("staff.moveUp")}: ${target.title}`}
                        >
                          ↑
                        </button>
                        <button
                          type="submit"
                          name="intent"
                          value="down"
                          className="secondary button-small"
                          disabled={index === targets.length - 1}
                          aria-label={`${t("staff.moveDown")}: ${target.title}`}
                        >
                          ↓
                        </button>
                      </Form>
                      <Link to={`/staff/targets/${target.id}`}>{t("page.edit")}</Link>
                      {past ? (
                        <ConfirmAction
                          label={t("staff.retake")}
                          question={t("staff.retakeQuestion", { title: target.title })}
                          confirmLabel={t("staff.retakeConfirm")}
                          intent="snapshot"
                          hidden={{ targetId: target.id }}
                        />
                      ) : null}
                      <ConfirmAction
                        label={t("staff.delete")}
                        question={t("staff.deleteQuestion", { title: target.title })}
                        confirmLabel={t("staff.deleteConfirm")}
                        intent="delete"
                        hidden={{ targetId: target.id }}
                      />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
