/** Dates for an international readership: day-month-year, 24-hour clock, in UTC, said so. */
import { intlTag } from "~/i18n/config";

// Building an Intl formatter is far slower than using one: keep one per locale and style.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withTime}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(intlTag(locale), {
      timeZone: "UTC",
      dateStyle: "medium",
      ...(withTime ? { timeStyle: "short" } : {}),
    });
    formatters.set(key, found);
  }
  return found;
}

export function formatDateTime(iso: string, locale: string): string {
  return `${formatter(locale, true).format(new Date(iso))} UTC`;
}

export function formatDate(iso: string, locale: string): string {
  return formatter(locale, false).format(new Date(iso));
}

/** The years a filter offers, newest first: next year (an action logged on 1 January somewhere
 * east of UTC), this year and `past` years before it. */
export function filterYears(past = 7, now = new Date()): string[] {
  const thisYear = now.getUTCFullYear();
  return Array.from({ length: past + 2 }, (_, i) => String(thisYear + 1 - i));
}
