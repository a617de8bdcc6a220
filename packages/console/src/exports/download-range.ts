/**
 * The range an export is downloaded (or run) for: a `relativeDate` preset, which the server resolves,
 * or a first and last day (YYYY-MM-DD, both inclusive, on ChargePeriodStart), checked before sending.
 */
import { RELATIVE_DATES, type RelativeDate } from '../lib/relative-dates.js';

export type RangeChoice = { kind: 'relative'; relativeDate: RelativeDate } | { kind: 'days'; startDate: string; endDate: string };

export const DEFAULT_RANGE: RangeChoice = { kind: 'relative', relativeDate: 'PREVIOUS_MONTH' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(text);
}

/** Why the range cannot be asked for, or undefined when it can. */
export function rangeProblem(range: RangeChoice): string | undefined {
  if (range.kind === 'relative') return (RELATIVE_DATES as readonly string[]).includes(range.relativeDate) ? undefined : `Unknown preset ${range.relativeDate}.`;
  if (!range.startDate || !range.endDate) return 'Give both a first and a last day.';
  if (!isDay(range.startDate) || !isDay(range.endDate)) return 'Days are YYYY-MM-DD.';
  if (range.startDate > range.endDate) return 'The first day comes after the last day.';
  return undefined;
}

/** The query (contents) or body (runs) parameters of the range. */
export function rangeParams(range: RangeChoice): { relativeDate: string } | { startDate: string; endDate: string } {
  return range.kind === 'relative' ? { relativeDate: range.relativeDate } : { startDate: range.startDate, endDate: range.endDate };
}

/** "PREVIOUS_MONTH" or "2026-11-01 to 2026-11-30", to say what was asked. */
export function rangeText(range: RangeChoice): string {
  return range.kind === 'relative' ? range.relativeDate : `${range.startDate} to ${range.endDate}`;
}
