/**
 * The FOCUS export's `relativeDate` presets as `[from, to)` day ranges (YYYY-MM-DD, `to` exclusive,
 * the way cost-summary takes them): names and days from @consumo/focus/formats, which the server's
 * export contents read too. Today is the UTC day of `now`.
 */
import { RELATIVE_DATES, type RelativeDate, dayText, relativeDayRange } from '@consumo/focus/formats';

export { RELATIVE_DATES, type RelativeDate };

export interface DayRange {
  /** First day included. */
  from: string;
  /** First day not included. */
  to: string;
}

const range = (from: number, to: number): DayRange => ({ from: dayText(from), to: dayText(to) });

export function isRelativeDate(text: string): text is RelativeDate {
  return (RELATIVE_DATES as readonly string[]).includes(text);
}

/** The range a preset names on the day `now` falls on (the FOCUS export's own rules, from @consumo/focus/formats). */
export function relativeRange(name: RelativeDate, now: number): DayRange {
  const { fromMs, toMs } = relativeDayRange(name, now);
  return range(fromMs, toMs);
}

/** "LAST_30_DAYS" → "Last 30 days". */
export function relativeDateLabel(name: RelativeDate): string {
  const words = name.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
