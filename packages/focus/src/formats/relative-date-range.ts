/**
 * The FOCUS export's `relativeDate` presets as day ranges `[fromMs, toMs)` (UTC midnights), with
 * today = the UTC day of `now`. The server's export contents and the console's date presets both
 * read them here, so a preset covers the same days everywhere:
 * - YESTERDAY and LAST_n_DAYS: the n whole days ending yesterday (today, still open, is excluded);
 * - LAST_QUARTER, LAST_6_MONTHS, LAST_YEAR, LAST_13_MONTHS: the 3, 6, 12, 13 whole calendar months ending last month;
 * - CURRENT_MONTH / QUARTER / YEAR: from its first day up to and including today;
 * - PREVIOUS_MONTH / QUARTER / YEAR: the whole previous calendar month, quarter, year.
 */
import { DAY_MS } from './calendar-day.js';
import type { RelativeDate } from './export-options.js';
import { utcMs } from './utc-date.js';

export interface RelativeDayRange {
  /** The first day's midnight. */
  fromMs: number;
  /** The midnight after the last day. */
  toMs: number;
}

export function relativeDayRange(name: RelativeDate, now: number): RelativeDayRange {
  const t = new Date(now);
  const y = t.getUTCFullYear();
  const m = t.getUTCMonth();
  const today = utcMs(y, m, t.getUTCDate());
  const tomorrow = today + DAY_MS;
  const q = Math.floor(m / 3) * 3;
  const range = (fromMs: number, toMs: number): RelativeDayRange => ({ fromMs, toMs });
  const days = /^LAST_(\d+)_DAYS$/.exec(name);
  if (days) return range(today - Number(days[1]) * DAY_MS, today);
  switch (name) {
    case 'YESTERDAY':
      return range(today - DAY_MS, today);
    case 'LAST_QUARTER':
      return range(utcMs(y, m - 3), utcMs(y, m));
    case 'LAST_6_MONTHS':
      return range(utcMs(y, m - 6), utcMs(y, m));
    case 'LAST_YEAR':
      return range(utcMs(y, m - 12), utcMs(y, m));
    case 'LAST_13_MONTHS':
      return range(utcMs(y, m - 13), utcMs(y, m));
    case 'CURRENT_MONTH':
      return range(utcMs(y, m), tomorrow);
    case 'PREVIOUS_MONTH':
      return range(utcMs(y, m - 1), utcMs(y, m));
    case 'CURRENT_QUARTER':
      return range(utcMs(y, q), tomorrow);
    case 'PREVIOUS_QUARTER':
      return range(utcMs(y, q - 3), utcMs(y, q));
    case 'CURRENT_YEAR':
      return range(utcMs(y, 0), tomorrow);
    case 'PREVIOUS_YEAR':
      return range(utcMs(y - 1, 0), utcMs(y, 0));
    default:
      throw new Error(`unhandled relative date ${name}`);
  }
}
