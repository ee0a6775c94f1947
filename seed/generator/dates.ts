/**
 * Calendar arithmetic on whole UTC days, so dates never depend on the machine's time zone.
 */

const MS_PER_DAY = 86_400_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** Days since 1970-01-01 of an ISO day (`2024-10-21`). */
export function dayNumber(isoDay: string): number {
  return Math.round(Date.parse(`${isoDay}T00:00:00Z`) / MS_PER_DAY);
}

/** The ISO day (`2024-10-21`) of a day number. */
export function isoDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** An ISO date-time in UTC (`2024-10-21T14:05:00Z`) of a day number and minute of that day. */
export function isoDateTime(day: number, minuteOfDay: number): string {
  return `${new Date(day * MS_PER_DAY + minuteOfDay * 60_000).toISOString().slice(0, 16)}:00Z`;
}

/** English weekday name of a day number ("Monday"). */
export function weekday(day: number): string {
  return WEEKDAYS[(((day + 4) % 7) + 7) % 7] as string;
}
