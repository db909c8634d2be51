/**
 * A rendered HTML form as a browser without JavaScript sees it: parsed from the page's HTML with
 * htmlparser2, its controls found by label (as a person finds them) or by name, filled in, and
 * turned into exactly the entries the browser sends: the HTML standard's "constructing the entry
 * list", so disabled controls, unticked checkboxes and radio buttons, unnamed controls and buttons
 * other than the one pressed are left out, and hidden inputs go as rendered.
 *
 * A test that posts a hand-made body keeps passing when the page renders a field under another
 * name, pre-ticks a box or drops a hidden input; a test that fills the rendered form does not.
 * Only what the app's forms use is modelled: inputs, selects, textareas and buttons (also those
 * tied to the form with `form="<id>"`), sent as `application/x-www-form-urlencoded`; anything
 * else (files, multipart, a button's own `formaction`) throws rather than being faked.
 */
import type { Document, Element } from "domhandler";
import { DomUtils, parseDocument } from "htmlparser2";
import type { Client } from "./app-server";

/** Input types whose value a person types or picks (what `fill` may set). */
const TEXT_TYPES = new Set([
  "text",
  "email",
  "search",
  "url",
  "tel",
  "password",
  "number",
  "date",
  "datetime-local",
  "month",
  "week",
  "time",
  "color",
  "range",
]);
const OTHER_INPUT_TYPES = new Set(["hidden", "checkbox", "radio", "file", "submit", "image", "reset", "button"]);
/** Controls this helper reads but cannot send: a form that has one throws when it is sent. */
const UNMODELLED = new Set(["file", "image", "select-multiple"]);
const CONTROL_TAGS = new Set(["input", "select", "textarea", "button"]);

export interface FormControl {
  /** `input`, `select`, `textarea` or `button`. */
  tag: string;
  name: string;
  /**
   * An input's type in lower case (`text` when missing or unknown); `select`, `select-multiple`,
   * `textarea`, or a button's `submit`, `reset` or `button`.
   */
  type: string;
  /** The value it holds now; for a select, the selected option's. */
  value: string;
  /** A select none of whose enabled options is selected: it sends nothing. */
  unselected: boolean;
  /** Checkboxes and radio buttons only. */
  checked: boolean;
  disabled: boolean;
  /** The normalised text of each `<label>` of the control. */
  labels: string[];
  /** A select's enabled options, as `{ value, label }`. */
  options: Array<{ value: string; label: string }>;
  /** The element itself, for anything this helper does not model. */
  element: Element;
}

/**
 * A control by its `name` (and `value`, to tell apart buttons or radio buttons that share a
 * name), or by the text of its label (exact, whitespace normalised).
 */
export type ControlQuery = string | { name: string; value?: string } | { label: string };

export class HtmlForm {
  /** Where it submits: its `action` resolved against the page's URL; the page's URL without one. */
  readonly action: URL;
  readonly method: "get" | "post";
  readonly enctype: string;

  constructor(
    readonly element: Element,
    readonly controls: FormControl[],
    pageUrl: URL,
  ) {
    const action = element.attribs.action;
    this.action = new URL(action ? action : pageUrl.href.replace(/#.*$/, ""), pageUrl);
    this.method = (element.attribs.method ?? "").toLowerCase() === "post" ? "post" : "get";
    this.enctype = (element.attribs.enctype ?? "application/x-www-form-urlencoded").toLowerCase();
  }

  get id(): string | undefined {
    return this.element.attribs.id;
  }

  /** Whether a control named `name` holds `value` (e.g. the hidden `intent` that tells forms apart). */
  has(name: string, value?: string): boolean {
    return this.controls.some((c) => c.name === name && (value === undefined || c.value === value));
  }

  /** The one control the query finds; throws when there is none or several. */
  control(query: ControlQuery): FormControl {
    const q = typeof query === "string" ? { name: query } : query;
    const found =
      "name" in q
        ? this.controls.filter((c) => c.name === q.name && (q.value === undefined || c.value === q.value))
        : this.controls.filter((c) => c.labels.includes(normalise(q.label)));
    if (found.length !== 1) {
      throw new Error(
        `expected one control ${JSON.stringify(q)} in the form, found ${found.length}: ${this.describe()}`,
      );
    }
    return found[0];
  }

  /** Types into a text-like input or textarea, or picks a select's option by its value. */
  fill(query: ControlQuery, value: string): this {
    const control = this.control(query);
    if (control.disabled) throw new Error(`${JSON.stringify(query)} is disabled: a person cannot fill it in`);
    if (control.type === "select") {
      if (!control.options.some((o) => o.value === value)) {
        throw new Error(`${JSON.stringify(query)} offers no option "${value}"`);
      }
      control.unselected = false;
    } else if (control.type !== "textarea" && !TEXT_TYPES.has(control.type)) {
      throw new Error(`${JSON.stringify(query)} is a ${control.type} input, not a field a person types into`);
    }
    control.value = value;
    return this;
  }

  /** Picks a select's option by the text a person reads. */
  select(query: ControlQuery, optionLabel: string): this {
    const option = this.control(query).options.find((o) => o.label === normalise(optionLabel));
    if (!option) throw new Error(`${JSON.stringify(query)} offers no option labelled "${optionLabel}"`);
    return this.fill(query, option.value);
  }

  /** Ticks (or unticks) a checkbox. */
  check(query: ControlQuery, checked = true): this {
    const control = this.control(query);
    if (control.type !== "checkbox") throw new Error(`${JSON.stringify(query)} is a ${control.type}, not a checkbox`);
    if (control.disabled) throw new Error(`${JSON.stringify(query)} is disabled: a person cannot tick it`);
    control.checked = checked;
    return this;
  }

  /**
   * The name/value pairs the browser sends, in document order, when `submitter` (a query for the
   * button pressed) submits the form; without one, its first submit button, as Enter in a field does.
   */
  entries(submitter?: ControlQuery): Array<[string, string]> {
    const pressed = this.pressed(submitter);
    const entries: Array<[string, string]> = [];
    for (const control of this.controls) {
      if (control.disabled || !control.name) continue;
      if (control.type === "submit") {
        if (control === pressed) entries.push([control.name, control.value]);
        continue;
      }
      if (control.type === "reset" || control.type === "button") continue;
      if ((control.type === "checkbox" || control.type === "radio") && !control.checked) continue;
      if (control.type === "select" && control.unselected) continue;
      if (UNMODELLED.has(control.type)) throw new Error(`"${control.name}" is a ${control.type}: not modelled here`);
      entries.push([control.name, control.value]);
    }
    return entries;
  }

  /** The request body the browser sends (`application/x-www-form-urlencoded`). */
  body(submitter?: ControlQuery): URLSearchParams {
    if (this.enctype !== "application/x-www-form-urlencoded") {
      throw new Error(`the form is sent as ${this.enctype}: not modelled here`);
    }
    return new URLSearchParams(this.entries(submitter));
  }

  /** Submits it as the browser would, through `client` (its cookies, its address, its Origin). */
  submit(client: Client, submitter?: ControlQuery): Promise<Response> {
    const body = this.body(submitter);
    if (this.method === "get") return client.get(`${this.action.pathname}?${body.toString()}`);
    return client.request(`${this.action.pathname}${this.action.search}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body,
    });
  }

  private pressed(submitter?: ControlQuery): FormControl | undefined {
    const pressed = submitter === undefined ? this.controls.find((c) => c.type === "submit") : this.control(submitter);
    if (!pressed) return undefined;
    if (pressed.type !== "submit") throw new Error(`${JSON.stringify(submitter)} does not submit the form`);
    if (pressed.disabled) throw new Error("the submit button is disabled");
    for (const attribute of ["formaction", "formmethod", "formenctype"]) {
      if (pressed.element.attribs[attribute] !== undefined) throw new Error(`${attribute} is not modelled here`);
    }
    return pressed;
  }

  private describe(): string {
    return this.controls
      .map((c) => `${c.name || "(unnamed)"}:${c.type}${c.labels.length ? ` "${c.labels.join('" / "')}"` : ""}`)
      .join(", ");
  }
}

/** Every form of the page, each with its controls, including those tied to it with `form="<id>"`. */
export function parseForms(html: string, pageUrl: string | URL): HtmlForm[] {
  const url = new URL(pageUrl);
  const document = parseDocument(html);
  const controls = DomUtils.findAll((el) => CONTROL_TAGS.has(el.name), document.children);
  const labels = labelsByControl(document);
  return DomUtils.findAll((el) => el.name === "form", document.children).map((form) => {
    const id = form.attribs.id;
    const owned = controls.filter((el) =>
      el.attribs.form !== undefined ? id !== undefined && el.attribs.form === id : closestForm(el) === form,
    );
    return new HtmlForm(
      form,
      owned.map((el) => readControl(el, labels.get(el) ?? [])),
      url,
    );
  });
}

/** The one form of the page that `matches`; throws when there is none or several. */
export function findForm(html: string, pageUrl: string | URL, matches: (form: HtmlForm) => boolean): HtmlForm {
  const forms = parseForms(html, pageUrl).filter(matches);
  if (forms.length !== 1) throw new Error(`expected one matching form on ${String(pageUrl)}, found ${forms.length}`);
  return forms[0];
}

/** GETs a page through `client` (200 expected) and returns its one form that `matches`. */
export async function formOnPage(
  client: Client,
  pathname: string,
  matches: (form: HtmlForm) => boolean,
): Promise<HtmlForm> {
  const response = await client.get(pathname);
  if (response.status !== 200) throw new Error(`GET ${pathname} answered ${response.status}`);
  return findForm(await response.text(), new URL(pathname, client.baseUrl), matches);
}

function normalise(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function closestForm(el: Element): Element | null {
  for (let node = el.parent; node; node = node.parent) {
    if (DomUtils.isTag(node) && node.name === "form") return node;
  }
  return null;
}

/** What `<label for>` and wrapping labels say about each control (the label's text, controls' own text left out). */
function labelsByControl(document: Document): Map<Element, string[]> {
  const byControl = new Map<Element, string[]>();
  for (const label of DomUtils.findAll((el) => el.name === "label", document.children)) {
    const target = label.attribs.for
      ? DomUtils.getElementById(label.attribs.for, document.children)
      : DomUtils.findOne(
          (el) => CONTROL_TAGS.has(el.name) && (el.name !== "input" || el.attribs.type !== "hidden"),
          label.children,
        );
    if (!target || !CONTROL_TAGS.has(target.name)) continue;
    const text = normalise(textWithoutControls(label));
    byControl.set(target, [...(byControl.get(target) ?? []), text]);
  }
  return byControl;
}

function textWithoutControls(node: Element): string {
  return node.children
    .map((child) =>
      DomUtils.isTag(child)
        ? CONTROL_TAGS.has(child.name)
          ? ""
          : textWithoutControls(child)
        : DomUtils.textContent(child),
    )
    .join("");
}

/** Disabled by its own attribute, or inside a disabled fieldset (outside that fieldset's first legend). */
function isDisabled(el: Element): boolean {
  if (el.attribs.disabled !== undefined) return true;
  let child: Element = el;
  for (let node = el.parent; node && DomUtils.isTag(node); node = node.parent) {
    if (node.name === "fieldset" && node.attribs.disabled !== undefined) {
      const firstLegend = node.children.find((n) => DomUtils.isTag(n) && n.name === "legend");
      if (firstLegend !== child) return true;
    }
    child = node;
  }
  return false;
}

function isEnabledOption(option: Element): boolean {
  const parent = option.parent;
  const inDisabledGroup =
    !!parent && DomUtils.isTag(parent) && parent.name === "optgroup" && parent.attribs.disabled !== undefined;
  return option.attribs.disabled === undefined && !inDisabledGroup;
}

function readControl(el: Element, labels: string[]): FormControl {
  const base = { tag: el.name, name: el.attribs.name ?? "", disabled: isDisabled(el), labels, element: el };
  const none = { unselected: false, checked: false, options: [] };
  if (el.name === "select") {
    const options = DomUtils.findAll((o) => o.name === "option", el.children);
    const labelOf = (o: Element) => normalise(o.attribs.label ?? DomUtils.textContent(o));
    const valueOf = (o: Element) => o.attribs.value ?? normalise(DomUtils.textContent(o));
    // Without a selected option a single-choice select shows (and sends) its first enabled one; a
    // selected option that is disabled sends nothing.
    const selected = options.find((o) => o.attribs.selected !== undefined) ?? options.find(isEnabledOption);
    return {
      ...base,
      ...none,
      type: el.attribs.multiple === undefined ? "select" : "select-multiple",
      value: selected ? valueOf(selected) : "",
      unselected: !selected || !isEnabledOption(selected),
      options: options.filter(isEnabledOption).map((o) => ({ value: valueOf(o), label: labelOf(o) })),
    };
  }
  if (el.name === "textarea") {
    // HTML drops a newline right after <textarea>; htmlparser2 keeps it.
    return { ...base, ...none, type: "textarea", value: DomUtils.textContent(el).replace(/^\r?\n/, "") };
  }
  if (el.name === "button") {
    const declared = (el.attribs.type ?? "submit").toLowerCase();
    const type = declared === "reset" || declared === "button" ? declared : "submit";
    return { ...base, ...none, type, value: el.attribs.value ?? "" };
  }
  const declared = (el.attribs.type ?? "text").toLowerCase();
  const type = TEXT_TYPES.has(declared) || OTHER_INPUT_TYPES.has(declared) ? declared : "text";
  const checkable = type === "checkbox" || type === "radio";
  return {
    ...base,
    ...none,
    type,
    // A checkbox or radio button without a value sends "on".
    value: el.attribs.value ?? (checkable ? "on" : ""),
    checked: checkable && el.attribs.checked !== undefined,
  };
}
