/**
 * The date range of a contents request: `relativeDate` (case-insensitive, computed in UTC from the
 * injected clock; wins over the pair) or `startDate` + `endDate` (YYYY-MM-DD, both inclusive), and
 * the five named 400s (missingAllDates, missingPair, invalidOrImpossibleDate, invalidRange, invalidRelativeDate).
 */
import { RELATIVE_DATES, type RelativeDate, exportDayMs, relativeDayRange } from '@consumo/focus/formats';
import { badRequest } from '../../platform/errors/index.js';
import { DAY_MS, dayText, utcDate } from '../../platform/formats/index.js';

/** Days as UTC midnights: `first` and `last` inclusive (the file name), `[from, to)` for SQL. */
export interface DayRange {
  first: string;
  last: string;
  from: Date;
  to: Date;
}

export type DateError = 'missingAllDates' | 'missingPair' | 'invalidOrImpossibleDate' | 'invalidRange' | 'invalidRelativeDate';

function dateError(reason: DateError, subject: string, description: string) {
  return badRequest([{ source: 'query.parameter', subject, description: `${reason}: ${description}` }]);
}

function range(from: Date, to: Date): DayRange {
  return { first: dayText(from), last: dayText(new Date(to.getTime() - DAY_MS)), from, to };
}

/** A YYYY-MM-DD that names a real calendar day of the years 0100–9999, as a UTC midnight; undefined otherwise (2025-02-30 included). */
export function parseDay(text: string): Date | undefined {
  const ms = exportDayMs(text);
  return ms === undefined ? undefined : new Date(ms);
}

/** The days a `relativeDate` preset names on the UTC day of `now` (`relativeDayRange`, shared with the console). */
export function relativeRange(name: RelativeDate, now: number): DayRange {
  const { fromMs, toMs } = relativeDayRange(name, now);
  return range(new Date(fromMs), new Date(toMs));
}

export interface DateQuery {
  relativeDate?: string | undefined;
  startDate?: string | undefined;
  endDate?: string | undefined;
}

/** The range a request names, or the 400 that says which of the five rules it broke. */
export function resolveRange(query: DateQuery, now: number): DayRange {
  const { relativeDate, startDate, endDate } = query;
  if (relativeDate !== undefined) {
    const name = relativeDate.toUpperCase() as RelativeDate;
    if (!RELATIVE_DATES.includes(name)) {
      throw dateError('invalidRelativeDate', 'relativeDate', `Must be one of: ${RELATIVE_DATES.join(', ')} (any case).`);
    }
    return relativeRange(name, now);
  }
  if (startDate === undefined && endDate === undefined) {
    throw dateError('missingAllDates', 'relativeDate', 'Give either relativeDate or both startDate and endDate.');
  }
  if (startDate === undefined || endDate === undefined) {
    const missing = startDate === undefined ? 'startDate' : 'endDate';
    throw dateError('missingPair', missing, 'startDate and endDate must be given together.');
  }
  const from = parseDay(startDate);
  if (!from) throw dateError('invalidOrImpossibleDate', 'startDate', 'Must be a real calendar day, YYYY-MM-DD.');
  const last = parseDay(endDate);
  if (!last) throw dateError('invalidOrImpossibleDate', 'endDate', 'Must be a real calendar day, YYYY-MM-DD.');
  if (from > last) throw dateError('invalidRange', 'startDate', 'startDate must not be after endDate.');
  return range(from, new Date(last.getTime() + DAY_MS));
}

/** A billing period of a run: its month and the part of the run's range that falls in it, `[from, to)`. */
export interface Period {
  month: string;
  from: Date;
  to: Date;
}

/** The calendar months that overlap the inclusive day range, each cut to the range. */
export function periodsOf(firstDay: string, lastDay: string): Period[] {
  const from = parseDay(firstDay)!;
  const to = new Date(parseDay(lastDay)!.getTime() + DAY_MS);
  const periods: Period[] = [];
  let start = utcDate(from.getUTCFullYear(), from.getUTCMonth(), 1);
  while (start < to) {
    const end = utcDate(start.getUTCFullYear(), start.getUTCMonth() + 1, 1);
    periods.push({ month: dayText(start).slice(0, 7), from: start < from ? from : start, to: end > to ? to : end });
    start = end;
  }
  return periods;
}
