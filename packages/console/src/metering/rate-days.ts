/** The "Rate days" range checked as POST /metering/v1/rating-runs checks it, in words, before it is sent. */
import { DAY_MS, calendarDayMs } from '@consumo/focus/formats';
import type { DayRange } from './view-state.js';

/** rating-runs' limit (MAX_RUN_DAYS). */
export const MAX_RUN_DAYS = 3660;

export function ratingRangeProblem(range: DayRange): string | undefined {
  const from = calendarDayMs(range.from);
  const to = calendarDayMs(range.to);
  if (from === undefined) return 'Choose the first day to rate.';
  if (to === undefined) return 'Choose the last day to rate.';
  if (to <= from) return 'The last day cannot be before the first.';
  if ((to - from) / DAY_MS > MAX_RUN_DAYS) return `A run covers at most ${MAX_RUN_DAYS} days.`;
  return undefined;
}
