/**
 * Logic-less letter templates: `{{variable}}` and nothing else. Pure (shared by the staff form's
 * client validation, the public preview and the server), and its output is plain text: pages show it
 * through React and mail through a component that escapes every value.
 */

export const TEMPLATE_VARIABLES = [
  "lawmaker.name",
  "lawmaker.title",
  "sender.name",
  "sender.locality",
  "sender.personal_note",
  "threat.title",
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateValues = Record<TemplateVariable, string>;

export type TemplateErrorCode = "unknownVariable" | "unclosed" | "logic" | "empty";
export interface TemplateError {
  code: TemplateErrorCode;
  /** What was written between the braces (or after an unclosed `{{`), cut to 40 characters. */
  variable: string;
}

const KNOWN: ReadonlySet<string> = new Set(TEMPLATE_VARIABLES);
// Mustache and Handlebars sections, partials, comments, unescaped output, helpers and filters.
const LOGIC_START = /^[#/^>!&{=~*@]|^else\b/;
const LOGIC_INSIDE = /[\s()|<>=!?:,"'[\]{}]/;

type Part = { text: string } | { variable: TemplateVariable };

function parse(template: string): { parts: Part[]; errors: TemplateError[] } {
  const parts: Part[] = [];
  const errors: TemplateError[] = [];
  let at = 0;
  while (at < template.length) {
    const open = template.indexOf("{{", at);
    if (open === -1) {
      parts.push({ text: template.slice(at) });
      break;
    }
    if (open > at) parts.push({ text: template.slice(at, open) });
    const close = template.indexOf("}}", open + 2);
    const nextOpen = template.indexOf("{{", open + 2);
    if (close === -1 || (nextOpen !== -1 && nextOpen < close && template[open + 2] !== "{")) {
      errors.push({ code: "unclosed", variable: template.slice(open, open + 40).split("\n")[0] });
      at = close === -1 ? template.length : nextOpen;
      continue;
    }
    let end = close + 2;
    let inner = template.slice(open + 2, close);
    // `{{{name}}}` (unescaped output in Mustache) reads as one tag, reported as logic.
    if (inner.startsWith("{") && template[end] === "}") {
      inner = `${inner}}`;
      end += 1;
    }
    const name = inner.trim();
    const shown = name.slice(0, 40);
    if (name === "") errors.push({ code: "empty", variable: "" });
    else if (LOGIC_START.test(name) || LOGIC_INSIDE.test(name)) errors.push({ code: "logic", variable: shown });
    else if (!KNOWN.has(name)) errors.push({ code: "unknownVariable", variable: shown });
    else parts.push({ variable: name as TemplateVariable });
    at = end;
  }
  return { parts, errors };
}

/** Every problem of a template, in order; empty when it can be saved. */
export function validateTemplate(template: string): TemplateError[] {
  return parse(template).errors;
}

/** The variables a template uses (e.g. to ask for a personal paragraph only when it is used). */
export function templateVariables(template: string): TemplateVariable[] {
  const found = new Set<TemplateVariable>();
  for (const part of parse(template).parts) if ("variable" in part) found.add(part.variable);
  return [...found];
}

/** One i18n message per error: `campaigns:template.<code>|<variable>` (split by the form). */
export function templateErrorMessage(error: TemplateError): string {
  return `campaigns:template.${error.code}|${error.variable}`;
}

const CONTROL_EXCEPT_NEWLINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * The template with its variables filled in, as plain text. Values are inserted literally (never
 * parsed again, so a sender named `{{threat.title}}` stays that text); an invalid template throws,
 * as it cannot have been saved.
 */
export function renderTemplate(template: string, values: TemplateValues): string {
  const { parts, errors } = parse(template);
  if (errors.length) throw new Error(`invalid template: ${errors[0].code} ${errors[0].variable}`);
  const text = parts
    .map((part) => ("text" in part ? part.text : values[part.variable].replace(CONTROL_EXCEPT_NEWLINES, "")))
    .join("");
  // An empty optional paragraph (no personal note) leaves no gap of blank lines.
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export const SUBJECT_MAX_LENGTH = 150;

/** A subject is a header: one line, no control characters, capped (on a character boundary). */
export function renderSubject(template: string, values: TemplateValues): string {
  const line = renderTemplate(template, values)
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  const chars = [...line];
  return chars.length > SUBJECT_MAX_LENGTH ? `${chars.slice(0, SUBJECT_MAX_LENGTH - 1).join("")}…` : line;
}

/** Sample values, for the staff preview before any sender exists. */
export function sampleValues(lawmaker: { name: string; title: string | null }, threatTitle: string): TemplateValues {
  return {
    "lawmaker.name": lawmaker.name,
    "lawmaker.title": lawmaker.title ?? "",
    "sender.name": "Ana Souza",
    "sender.locality": "Seattle",
    "sender.personal_note": "As a nurse, I rely on encrypted messages to talk to my patients safely.",
    "threat.title": threatTitle,
  };
}
