/**
 * Which Global Encryption Day edition is coming and which are over. The day is a calendar date
 * kept everywhere on Earth: it is over only once it has ended at UTC−12, at 12:00 UTC the next
 * day. Until then an edition is the next one, and its events stay open (see docs/decisions).
 */

export interface EditionDay {
  year: number;
  /** `YYYY-MM-DD` */
  day: string;
}

/** The instant the edition's day has ended everywhere (ISO, UTC). */
export function editionOverAt(day: string): string {
  const next = new Date(`${day}T12:00:00.000Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString();
}

export function isEditionPast(edition: Pick<EditionDay, "day">, now = new Date()): boolean {
  return now.toISOString() >= editionOverAt(edition.day);
}

/** The earliest edition whose day is not over, if staff opened one. */
export function nextEdition<E extends EditionDay>(editions: readonly E[], now = new Date()): E | undefined {
  return editions
    .filter((edition) => !isEditionPast(edition, now))
    .sort((a, b) => a.day.localeCompare(b.day))
    .at(0);
}

/** The latest edition whose day is over. */
export function previousEdition<E extends EditionDay>(editions: readonly E[], now = new Date()): E | undefined {
  return editions
    .filter((edition) => isEditionPast(edition, now))
    .sort((a, b) => b.day.localeCompare(a.day))
    .at(0);
}

/** What `/events` shows when no edition is asked for: the next one, else the latest that took place. */
export function defaultEdition<E extends EditionDay>(editions: readonly E[], now = new Date()): E | undefined {
  return nextEdition(editions, now) ?? previousEdition(editions, now);
}

/** An event is past once it ended, or once its edition's day is over. */
export function isEventPast(event: { ends_at: string }, edition: Pick<EditionDay, "day">, now = new Date()): boolean {
  return event.ends_at <= now.toISOString() || isEditionPast(edition, now);
}
