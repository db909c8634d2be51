import { parseWithZod } from "~/lib/parse-form";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect } from "~/components/filter-select";
import { ErrorList } from "~/components/forms";
import { PageHeader } from "~/components/layout";
import { Pagination } from "~/components/pagination";
import { notFound, requireStaff } from "~/features/auth/guards.server";
import { SIGNATURE_STATUSES } from "~/features/letters/constants";
import { ModerationSchema, SignatureFiltersSchema } from "~/features/letters/forms";
import {
  addToBlocklist,
  listBlocklist,
  listSignatures,
  rejectSignatures,
  removeFromBlocklist,
} from "~/features/letters/moderation.server";
import { letterForSigning } from "~/features/letters/signing-letter.server";
import { getLocale } from "~/i18n/i18next.server";
import { formatDateTime } from "~/lib/format";
import { BLOCKLIST_KINDS, SIGNATURE_KINDS } from "~/lib/vocabularies";

type Errors = Record<string, string[]>;

async function letterOr404(request: Request, slug: string | undefined) {
  const letter = await letterForSigning(slug ?? "", await getLocale(request));
  if (!letter) throw notFound();
  return letter;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const letter = await letterOr404(request, params.slug);
  const filters = SignatureFiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [list, blocklist] = await Promise.all([listSignatures(letter.id, filters), listBlocklist()]);
  return { letter, filters, ...list, blocklist, pageTitle: letter.title };
}

interface ActionResult {
  errors: Errors;
  done: "rejected" | "blocked" | "unblocked" | null;
  changed: number;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const letter = await letterOr404(request, params.slug);
  const submission = parseWithZod(await request.formData(), { schema: ModerationSchema });
  if (submission.status !== "success") {
    const errors: Errors = {};
    for (const [key, messages] of Object.entries(submission.error ?? {})) if (messages) errors[key] = messages;
    return data<ActionResult>({ errors, done: null, changed: 0 }, 400);
  }
  const value = submission.value;
  if (value.intent === "reject") {
    const changed = await rejectSignatures(staff, letter.id, value.ids, value.reason);
    return data<ActionResult>({ errors: {}, done: "rejected", changed });
  }
  if (value.intent === "block") {
    const result = await addToBlocklist(staff, value.kind, value.value, value.reason);
    if (!result.ok) return data<ActionResult>({ errors: result.fieldErrors, done: null, changed: 0 }, 400);
    return data<ActionResult>({ errors: {}, done: "blocked", changed: 0 });
  }
  await removeFromBlocklist(staff, value.id);
  return data<ActionResult>({ errors: {}, done: "unblocked", changed: 0 });
}

export default function SignatureModerationPage() {
  const { t, i18n } = useTranslation(["signatures", "common"]);
  const { letter, filters, rows, total, page, perPage, counts, blocklist } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const errors = actionData?.errors ?? {};
  const slug = encodeURIComponent(letter.slug);

  return (
    <div className="stack">
      <PageHeader title={t("moderation.title", { title: letter.title })} lead={t("moderation.lead")}>
        <p>
          <Link to={`/letters/${slug}`}>{t("page.backToLetter")}</Link> ·{" "}
          <a href={`/staff/letters/${slug}/signatures.csv`} download>
            {t("moderation.export")}
          </a>
        </p>
      </PageHeader>

      <ul className="inline-list" aria-label={t("moderation.countsLabel")}>
        {SIGNATURE_STATUSES.map((status) => (
          <li key={status}>
            {t(`status.${status}`)}: <strong>{counts[status]}</strong>
          </li>
        ))}
      </ul>

      {actionData?.done ? (
        <p className="alert alert-success" role="status">
          {t(`moderation.done.${actionData.done}`, { count: actionData.changed })}
        </p>
      ) : null}
      <ErrorList errors={errors[""] ?? errors.intent} className="alert alert-error form-errors" />

      <Form method="get" className="filters inline-form" aria-label={t("moderation.filters")}>
        <FilterSelect
          anyLabel={t("moderation.any")}
          name="status"
          label={t("moderation.status")}
          value={filters.status}
          options={SIGNATURE_STATUSES.map((s) => [s, t(`status.${s}`)])}
        />
        <FilterSelect
          anyLabel={t("moderation.any")}
          name="kind"
          label={t("moderation.kind")}
          value={filters.kind}
          options={SIGNATURE_KINDS.map((k) => [k, t(`kind.${k}`)])}
        />
        <label>
          {t("moderation.search")} <input type="search" name="q" defaultValue={filters.q ?? ""} />
        </label>
        <label>
          {t("moderation.from")} <input type="date" name="from" defaultValue={filters.from ?? ""} />
        </label>
        <label>
          {t("moderation.to")} <input type="date" name="to" defaultValue={filters.to ?? ""} />
        </label>
        <button type="submit" className="secondary">
          {t("moderation.apply")}
        </button>
      </Form>

      <Form method="post" className="stack" key={searchParams.toString()}>
        <input type="hidden" name="intent" value="reject" />
        <div className="table-wrap">
          <table className="data-table">
            <caption>{t("moderation.caption", { count: total })}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t("moderation.select")}</span>
                </th>
                <th scope="col">{t("moderation.name")}</th>
                <th scope="col">{t("moderation.email")}</th>
                <th scope="col">{t("moderation.country")}</th>
                <th scope="col">{t("moderation.kind")}</th>
                <th scope="col">{t("moderation.status")}</th>
                <th scope="col">{t("moderation.version")}</th>
                <th scope="col">{t("moderation.signedAt")}</th>
                <th scope="col">{t("moderation.ipGroup")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    {row.status === "pending" || row.status === "confirmed" ? (
                      <input
                        type="checkbox"
                        name="ids"
                        value={row.id}
                        aria-label={t("moderation.selectOne", { name: row.name })}
                      />
                    ) : null}
                  </td>
                  <td>
                    {row.name}
                    {row.affiliation ? <div className="hint">{row.affiliation}</div> : null}
                    {row.show_publicly ? null : <div className="hint">{t("moderation.notPublic")}</div>}
                  </td>
                  <td>{row.email ?? "—"}</td>
                  <td>{row.jurisdiction_code ?? "—"}</td>
                  <td>{t(`kind.${row.kind}`)}</td>
                  <td>
                    {t(`status.${row.status}`)}
                    {row.rejection_reason ? <div className="hint">{row.rejection_reason}</div> : null}
                  </td>
                  <td>{row.version}</td>
                  <td>{formatDateTime(row.created_at, i18n.language)}</td>
                  <td>
                    {row.ip_hash ? (
                      <Link to={`?q=${row.ip_hash}`} title={t("moderation.sameIp")}>
                        {row.ip_hash.slice(0, 8)}
                      </Link>
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {rows.length === 0 ? <p>{t("moderation.empty")}</p> : null}
        <Pagination page={page} perPage={perPage} total={total} />
        <ErrorList errors={errors.ids} />
        <div className="field">
          <label htmlFor="reject-reason">{t("moderation.reason")}</label>
          <input id="reject-reason" name="reason" type="text" maxLength={500} />
          <ErrorList errors={errors.reason} />
        </div>
        <button type="submit" className="danger">
          {t("moderation.reject")}
        </button>
      </Form>

      <section className="stack" aria-labelledby="blocklist-heading">
        <h2 id="blocklist-heading">{t("blocklist.title")}</h2>
        <p className="hint">{t("blocklist.lead")}</p>
        {blocklist.length ? (
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("blocklist.kind")}</th>
                  <th scope="col">{t("blocklist.value")}</th>
                  <th scope="col">{t("blocklist.reason")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("blocklist.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {blocklist.map((entry) => (
                  <tr key={entry.id}>
                    <td>{t(`blocklist.kinds.${entry.kind}`)}</td>
                    <td>{entry.value}</td>
                    <td>{entry.reason ?? "—"}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="unblock" />
                        <input type="hidden" name="id" value={entry.id} />
                        <button type="submit" className="secondary button-small">
                          {t("blocklist.remove")}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t("blocklist.empty")}</p>
        )}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="block" />
          <FilterSelect
            anyLabel={null}
            id="block-kind"
            name="kind"
            label={t("blocklist.kind")}
            options={BLOCKLIST_KINDS.map((k) => [k, t(`blocklist.kinds.${k}`)])}
          >
            <ErrorList errors={errors.kind} />
          </FilterSelect>
          <div className="field">
            <label htmlFor="block-value">{t("blocklist.value")}</label>
            <p className="hint" id="block-value-hint">
              {t("blocklist.valueHint")}
            </p>
            <input id="block-value" name="value" type="text" aria-describedby="block-value-hint" maxLength={254} />
            <ErrorList errors={errors.value} />
          </div>
          <div className="field">
            <label htmlFor="block-reason">{t("blocklist.reason")}</label>
            <input id="block-reason" name="reason" type="text" maxLength={500} />
          </div>
          <button type="submit">{t("blocklist.add")}</button>
        </Form>
      </section>
    </div>
  );
}
