/**
 * What a FOCUS export is asked for with (GreenLake's FOCUS Exports API, ADR 0013): its column
 * profile, and its range as a relative date or as two calendar days.
 */
import { calendarDayMs } from './calendar-day.js';

/** The column sets an export writes: `greenlake` (GreenLake's own 43 FOCUS 1.0 columns), `focus-1.2` and `focus-1.3`. */
export const EXPORT_PROFILES = ['greenlake', 'focus-1.2', 'focus-1.3'] as const;
export type ExportProfile = (typeof EXPORT_PROFILES)[number];

/** The `relativeDate` values, in the order the API lists them (matched in any case). */
export const RELATIVE_DATES = [
  'YESTERDAY', 'LAST_7_DAYS', 'LAST_14_DAYS', 'LAST_30_DAYS', 'LAST_60_DAYS', 'LAST_90_DAYS', 'LAST_120_DAYS',
  'LAST_QUARTER', 'LAST_YEAR', 'LAST_6_MONTHS', 'LAST_13_MONTHS', 'CURRENT_MONTH', 'PREVIOUS_MONTH',
  'CURRENT_QUARTER', 'PREVIOUS_QUARTER', 'CURRENT_YEAR', 'PREVIOUS_YEAR',
] as const;
export type RelativeDate = (typeof RELATIVE_DATES)[number];

/**
 * Epoch milliseconds of the UTC midnight of a `startDate` or `endDate`: a real day of the years
 * 0100–9999. Years 0000–0099 have always been refused here (the first check read them through
 * `Date.UTC`, which takes them for 1900–1999).
 */
export function exportDayMs(text: string): number | undefined {
  return calendarDayMs(text, 100);
}
