/**
 * Calendar days in UTC: a `YYYY-MM-DD` that names a real day (2025-02-30 names none), the midnight
 * it starts, and the day an instant falls on.
 */

/** One day in milliseconds (UTC has no daylight saving and JS no leap seconds). */
export const DAY_MS = 86_400_000;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days in `month` (1–12) of `year`, Gregorian leap years included; 0 for a month that is none. */
export function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

/**
 * Epoch milliseconds of the UTC midnight that starts `year`-`month`-`day` (month 1–12), or
 * undefined when that is no real day. Years 0–99 are those years, not the 1900s `Date.UTC` makes of them.
 */
export function utcMidnightMs(year: number, month: number, day: number): number | undefined {
  if (day < 1 || day > daysInMonth(year, month)) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime();
}

/**
 * Epoch milliseconds of the UTC midnight a `YYYY-MM-DD` names, or undefined when it names no real
 * day or one before year `minYear` (by default 0001: PostgreSQL's date has no year 0).
 */
export function calendarDayMs(text: string, minYear = 1): number | undefined {
  const m = DAY.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  return year < minYear ? undefined : utcMidnightMs(year, Number(m[2]), Number(m[3]));
}

/** The UTC day an instant falls on, `YYYY-MM-DD`. */
export function dayText(instant: Date | number): string {
  return new Date(instant).toISOString().slice(0, 10);
}
