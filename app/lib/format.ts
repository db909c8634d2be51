/** Dates for an international readership: day-month-year, 24-hour clock, in UTC, said so. */
const LOCALE_FORMATS: Record<string, string> = { en: "en-GB", fr: "fr-FR" };

function intlLocale(locale: string): string {
  return LOCALE_FORMATS[locale] ?? "en-GB";
}

export function formatDateTime(iso: string, locale: string): string {
  const formatted = new Date(iso).toLocaleString(intlLocale(locale), {
    timeZone: "UTC",
    dateStyle: "medium",
    timeStyle: "short",
  });
  return `${formatted} UTC`;
}

export function formatDate(iso: string, locale: string): string {
  return new Date(iso).toLocaleDateString(intlLocale(locale), { timeZone: "UTC", dateStyle: "medium" });
}
