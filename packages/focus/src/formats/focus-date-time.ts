/** FOCUS Date/Time Format: UTC in ISO 8601 extended form, exactly `YYYY-MM-DDTHH:mm:ssZ`, no fraction. */
import { utcMidnightMs } from './calendar-day.js';

/** The shape of a FOCUS date/time, whatever its fields' values. */
export const FOCUS_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;

/** Epoch milliseconds cut to the whole second, toward the past (a FOCUS date/time has no fraction). */
export function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** An instant as a FOCUS date/time, `2026-04-01T00:00:00Z`: milliseconds are cut off, never rounded up into the next second. */
export function focusDateTime(instant: Date | number): string {
  return `${(instant instanceof Date ? instant : new Date(instant)).toISOString().slice(0, 19)}Z`;
}

/** Milliseconds since the epoch of a conformant value, or null when it is not one (pattern or calendar). */
export function parseFocusDateTime(text: string): number | null {
  const m = FOCUS_DATE_TIME.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const midnight = utcMidnightMs(year, month, day);
  if (midnight === undefined || hour > 23 || minute > 59 || second > 59) return null;
  return midnight + ((hour * 60 + minute) * 60 + second) * 1000;
}
