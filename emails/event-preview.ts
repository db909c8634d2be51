import enEvents from "../app/i18n/locales/en/events.json";
import { previewT, type EmailT } from "./layout";

/**
 * The event mails keep their strings in the `events` namespace (`events:email.*`); the preview
 * server's `t` reads them from there, and everything else (the layout) as usual.
 */
export function eventsPreviewT(): EmailT {
  const base = previewT();
  return (key, options = {}) => {
    if (!key.startsWith("events:")) return base(key, options);
    let node: unknown = enEvents;
    for (const part of key.slice("events:".length).split(".")) {
      node = typeof node === "object" && node !== null ? (node as Record<string, unknown>)[part] : undefined;
    }
    const template = typeof node === "string" ? node : key;
    return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_match, name: string) => String(options[name] ?? ""));
  };
}
