/**
 * Which accounting periods of a customer one evaluation looks at: the period open at evaluation
 * time, and every period holding a day a rating run rated (late usage may cross a threshold of a
 * period already closed). Pure; the calendar is the customer's (ADR 0017).
 */
import { calendarDayMs } from '../../../platform/formats/index.js';
import { type AccountingCalendar, type AccountingPeriod, accountingPeriodOf } from '../../../platform/calendar/accounting-calendar.js';

/** Rated days [fromDay, toDay), YYYY-MM-DD, as a rating run reports them. */
export interface RatedDays {
  fromDay: string;
  toDay: string;
}

export interface PeriodToEvaluate extends AccountingPeriod {
  /** The period has not ended at evaluation time (only an open period is projected). */
  open: boolean;
}

function dayMs(text: string, what: string): number {
  const ms = calendarDayMs(text);
  if (ms === undefined) throw new RangeError(`${what} must be a day YYYY-MM-DD, got '${text}'`);
  return ms;
}

/** The rated range as instants; throws on a malformed day (a payload is ours, so that is a bug). */
export function ratedRange(rated: RatedDays): { from: Date; to: Date } {
  return { from: new Date(dayMs(rated.fromDay, 'fromDay')), to: new Date(dayMs(rated.toDay, 'toDay')) };
}

/** The periods to evaluate, each once, in time order. */
export function periodsToEvaluate(calendar: AccountingCalendar, now: Date, rated?: { from: Date; to: Date }): PeriodToEvaluate[] {
  const byStart = new Map<number, AccountingPeriod>();
  const current = accountingPeriodOf(calendar, now);
  byStart.set(current.start.getTime(), current);
  if (rated && rated.from < rated.to) {
    for (let p = accountingPeriodOf(calendar, rated.from); p.start < rated.to; p = accountingPeriodOf(calendar, p.end)) byStart.set(p.start.getTime(), p);
  }
  return [...byStart.values()]
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .map((p) => ({ ...p, open: now >= p.start && now < p.end }));
}
