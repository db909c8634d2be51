/**
 * The fields a page's forms send to one path, read from the rendered HTML: names of inputs,
 * selects, text areas and buttons, with the values the page offers (options, defaults, intents).
 */
import type { FormShape } from "./arbitraries";

const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

const attr = (tag: string, name: string): string | undefined => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decode(match[1]) : undefined;
};

/** Merges into `shape` the fields of the forms in `html` that post to `path` (or to themselves). */
export function readForms(html: string, path: string, shape: FormShape): void {
  const target = path.split("?")[0];
  for (const form of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const method = (attr(form[1], "method") ?? "get").toLowerCase();
    const action = (attr(form[1], "action") ?? target).split("?")[0];
    if (method !== "post" || action !== target) continue;
    const body = form[2];
    for (const control of body.matchAll(/<(input|button|textarea|select)\b([^>]*)>/g)) {
      const name = attr(control[2], "name");
      if (!name) continue;
      const values = shape.fields.get(name) ?? [];
      const value = attr(control[2], "value");
      if (name === "intent") {
        if (value && !shape.intents.includes(value)) shape.intents.push(value);
        continue;
      }
      if (value !== undefined && !values.includes(value)) values.push(value);
      if (control[1] === "select") {
        const end = body.indexOf("</select>", control.index);
        for (const option of body.slice(control.index, end).matchAll(/<option\b([^>]*)>/g)) {
          const optionValue = attr(option[1], "value");
          if (optionValue !== undefined && !values.includes(optionValue)) values.push(optionValue);
        }
      }
      shape.fields.set(name, values);
    }
  }
}
