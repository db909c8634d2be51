import type { LinksFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { PageHeader } from "~/components/layout";
import { openApiDocument } from "~/features/open-data/openapi.server";
import { referenceView, type FieldRow, type ParameterRow, type TypeInfo } from "~/features/open-data/reference";

import apiStyles from "~/styles/api-docs.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: apiStyles }];

export const handle = { titleKey: "common:apiDocs.title" };

/** The open-data API's reference, read from the same generated document as `/api/v1/openapi.json`. Public. */
export function loader() {
  return referenceView(openApiDocument());
}

/** The document's prose marks code with backticks; show it as code. */
function Prose({ text }: { text: string }) {
  const parts = text.split(/`([^`]+)`/);
  return <>{parts.map((part, i) => (i % 2 ? <code key={i}>{part}</code> : <Fragment key={i}>{part}</Fragment>))}</>;
}

function TypeCell({ info }: { info: TypeInfo }) {
  return (
    <td>
      <code>{info.type}</code>
      {info.format ? <span className="api-meta muted">{info.format}</span> : null}
    </td>
  );
}

function Constraints({ info }: { info: TypeInfo }) {
  const { t } = useTranslation();
  const notes: ReactNode[] = [];
  if (info.values.length)
    notes.push(
      <span key="values" className="api-meta">
        {t("apiDocs.values")}{" "}
        {info.values.map((value, i) => (
          <Fragment key={value}>
            {i ? ", " : ""}
            <code>{value}</code>
          </Fragment>
        ))}
      </span>,
    );
  if (info.min !== null && info.max !== null)
    notes.push(
      <span key="range" className="api-meta">
        {t("apiDocs.range", { min: info.min, max: info.max })}
      </span>,
    );
  if (info.maxLength !== null)
    notes.push(
      <span key="length" className="api-meta">
        {t("apiDocs.maxLength", { max: info.maxLength })}
      </span>,
    );
  if (info.pattern !== null)
    notes.push(
      <span key="pattern" className="api-meta">
        {t("apiDocs.pattern")} <code>{info.pattern}</code>
      </span>,
    );
  return <>{notes}</>;
}

function FieldsTable({ fields, caption }: { fields: FieldRow[]; caption: string }) {
  const { t } = useTranslation();
  if (!fields.length) return <p>{t("apiDocs.noFields")}</p>;
  return (
    <div className="table-wrap">
      <table className="api-fields">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("apiDocs.field")}</th>
            <th scope="col">{t("apiDocs.type")}</th>
            <th scope="col">{t("apiDocs.description")}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field.name}>
              <th scope="row">
                <code>{field.name}</code>
              </th>
              <TypeCell info={field} />
              <td>
                {field.description ? (
                  <span lang="en">
                    <Prose text={field.description} />
                  </span>
                ) : null}
                <Constraints info={field} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ParametersTable({ parameters, caption }: { parameters: ParameterRow[]; caption: string }) {
  const { t } = useTranslation();
  if (!parameters.length) return <p>{t("apiDocs.noParameters")}</p>;
  return (
    <div className="table-wrap">
      <table className="api-fields">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("apiDocs.parameter")}</th>
            <th scope="col">{t("apiDocs.type")}</th>
            <th scope="col">{t("apiDocs.description")}</th>
          </tr>
        </thead>
        <tbody>
          {parameters.map((parameter) => (
            <tr key={`${parameter.in}-${parameter.name}`}>
              <th scope="row">
                <code>{parameter.name}</code>
                <span className="api-meta muted">
                  {t(parameter.in === "path" ? "apiDocs.in.path" : "apiDocs.in.query")}
                  {parameter.required ? `, ${t("apiDocs.required")}` : ""}
                </span>
              </th>
              <TypeCell info={parameter} />
              <td>
                {parameter.description ? (
                  <span lang="en">
                    <Prose text={parameter.description} />
                  </span>
                ) : null}
                <Constraints info={parameter} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function ApiReference() {
  const { t } = useTranslation();
  const view = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <PageHeader title={t("apiDocs.title")} lead={t("apiDocs.lead")}>
        <p>
          <a href="/api/v1/openapi.json">{t("apiDocs.document")}</a>
          <span className="muted"> · {t("apiDocs.version", { version: view.version })}</span>
        </p>
        <p>
          {t("apiDocs.server")} <code>{view.server}</code>
        </p>
        <p className="muted">{t("apiDocs.english")}</p>
      </PageHeader>

      <nav aria-labelledby="api-contents" className="api-toc">
        <h2 id="api-contents">{t("apiDocs.contents")}</h2>
        <ul>
          {view.tags.flatMap((tag) =>
            tag.operations.map((op) => (
              <li key={op.id}>
                <a href={`#${op.id}`}>
                  <code>
                    {op.method} {op.path}
                  </code>
                </a>
              </li>
            )),
          )}
        </ul>
      </nav>

      {view.tags.map((tag) => (
        <section key={tag.name} aria-labelledby={`tag-${tag.name}`} className="stack">
          <h2 id={`tag-${tag.name}`}>{t(`apiDocs.tags.${tag.name}`, { defaultValue: tag.name })}</h2>
          <p lang="en">{tag.description}</p>
          {tag.operations.map((op) => (
            <section key={op.id} id={op.id} aria-labelledby={`${op.id}-title`} className="api-endpoint stack">
              <h3 id={`${op.id}-title`}>
                <span className="api-method">{op.method}</span>
                <code>{op.path}</code>
              </h3>
              <p lang="en">
                <strong>{op.summary}.</strong> <Prose text={op.description} />
              </p>
              <p className="api-example">
                {t("apiDocs.example")}{" "}
                <a href={op.exampleUrl}>
                  <code>{op.exampleUrl}</code>
                </a>
              </p>
              <h4>{t("apiDocs.parameters")}</h4>
              <ParametersTable parameters={op.parameters} caption={`${t("apiDocs.parameters")}: ${op.path}`} />
              <h4>{t("apiDocs.responses")}</h4>
              {op.responses.map((response) => (
                <div key={response.status} className="stack">
                  <h5>
                    <code>{response.status}</code> {t(`apiDocs.status.${response.status}`, { defaultValue: "" })}
                  </h5>
                  <p>
                    <span lang="en">{response.description}</span>{" "}
                    <span className="muted">
                      {t("apiDocs.contentType")} <code>{response.contentType}</code>
                    </span>
                  </p>
                  {response.component ? (
                    <p>
                      <a href={`#error-${response.component}`}>{t("apiDocs.sharedError")}</a>
                    </p>
                  ) : (
                    <FieldsTable fields={response.fields} caption={`${response.status}: ${op.path}`} />
                  )}
                </div>
              ))}
            </section>
          ))}
        </section>
      ))}

      <section aria-labelledby="api-errors" className="stack">
        <h2 id="api-errors">{t("apiDocs.errors")}</h2>
        <p>{t("apiDocs.errorsLead")}</p>
        {view.errors.map((error) => (
          <section key={error.name} id={`error-${error.name}`} aria-labelledby={`error-${error.name}-title`}>
            <h3 id={`error-${error.name}-title`}>
              <code>{error.fields.find((f) => f.name === "error")?.type ?? error.name}</code>
            </h3>
            <p lang="en">{error.description}</p>
            <FieldsTable fields={error.fields} caption={error.name} />
          </section>
        ))}
      </section>
    </div>
  );
}
