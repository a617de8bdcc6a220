/** Checks ingest statistics' from and to and fills in the defaults; each problem is a 400 naming its parameter. */
import { type Issue, badRequest } from '../../../platform/errors/index.js';
import { DAY_MS, calendarDayMs, dayText } from '../../../platform/formats/index.js';

/** Without `from`: this many days before `to`. */
export const DEFAULT_RANGE_DAYS = 30;
/** A year and a day: a leap year's days with a day to spare. */
export const MAX_RANGE_DAYS = 366;

const FIRST_DAY_MS = calendarDayMs('0001-01-01')!;

export interface StatisticsRange {
  from: string;
  to: string;
  fromMs: number;
  toMs: number;
}

export function parseStatisticsRange(query: { from?: string; to?: string }, nowMs: number): StatisticsRange {
  const issues: Issue[] = [];
  const notADate = (subject: string, text: string) =>
    issues.push({ source: 'query.parameter', subject, description: `Must be an existing day as an ISO date (YYYY-MM-DD), got '${text}'.` });
  const tomorrowMs = Math.floor(nowMs / DAY_MS) * DAY_MS + DAY_MS;
  let fromMs = query.from === undefined ? undefined : calendarDayMs(query.from);
  if (query.from !== undefined && fromMs === undefined) notADate('from', query.from);
  const toMs = query.to === undefined ? tomorrowMs : calendarDayMs(query.to);
  if (toMs === undefined) notADate('to', query.to!);
  // Not before year 1, which both calendars have (see calendarDayMs).
  if (query.from === undefined && toMs !== undefined) fromMs = Math.max(toMs - DEFAULT_RANGE_DAYS * DAY_MS, FIRST_DAY_MS);
  if (issues.length === 0 && fromMs !== undefined && toMs !== undefined) {
    if (toMs <= fromMs) {
      issues.push({ source: 'query.parameter', subject: 'to', description: `Must be after from (${dayText(fromMs)}); to is exclusive.` });
    } else if ((toMs - fromMs) / DAY_MS > MAX_RANGE_DAYS) {
      issues.push({
        source: 'query.parameter',
        subject: 'to',
        description: `May be at most ${MAX_RANGE_DAYS} days after from, got ${(toMs - fromMs) / DAY_MS}.`,
      });
    }
  }
  if (issues.length) throw badRequest(issues);
  return { from: dayText(fromMs!), to: dayText(toMs!), fromMs: fromMs!, toMs: toMs! };
}
