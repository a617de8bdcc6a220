/**
 * Which rollups a cost-summary range is read from: a MONTH view reads the whole calendar months
 * inside [from, to) from the monthly rollups and only the partial months at its edges from the
 * daily ones; a DAY view reads days. Both give the same sums (a monthly row is the sum of its
 * month's daily rows, rewritten by rating with each day): ADR 0027, "Monthly rollups".
 */
import type { Granularity } from './cost-summary.fields.js';

/** Inclusive and exclusive days, `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

export interface RollupRanges {
  /** Whole months, by their first days, read from the monthly rollups; undefined: none. */
  months: DayRange | undefined;
  /** Day ranges read from the daily rollups (none, one or two). */
  days: DayRange[];
}

/** Months counted from year 0: `YYYY-MM-DD` → year × 12 + month − 1. */
const monthNumber = (day: string) => Number(day.slice(0, 4)) * 12 + Number(day.slice(5, 7)) - 1;

/** The first day of a month number (4-digit years: only months up to `to`'s, at most 9999-12, are named). */
function firstDay(month: number): string {
  return `${String(Math.floor(month / 12)).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}-01`;
}

/** The whole range from the daily rollups: DAY views, and the reference the monthly path is checked against. */
export function dailyRanges(from: string, to: string): RollupRanges {
  return { months: undefined, days: [{ from, to }] };
}

/** The ranges to read [from, to) (valid days, from < to) at the granularity from. */
export function planRollupRanges(granularity: Granularity, from: string, to: string): RollupRanges {
  if (granularity === 'DAY') return dailyRanges(from, to);
  const startsOnFirst = from.endsWith('-01');
  const firstWhole = monthNumber(from) + (startsOnFirst ? 0 : 1);
  // Whole months end where to's month starts: a to on the 1st ends the last one there exactly.
  const endWhole = monthNumber(to);
  if (firstWhole >= endWhole) return dailyRanges(from, to);
  const months = { from: firstDay(firstWhole), to: firstDay(endWhole) };
  const days: DayRange[] = [];
  if (!startsOnFirst) days.push({ from, to: months.from });
  if (!to.endsWith('-01')) days.push({ from: months.to, to });
  return { months, days };
}
