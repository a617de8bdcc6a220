/**
 * RFC 3339 date-times with an offset (`2026-04-15T10:00:00Z`, `…T12:00:00.5+02:00`; `T` and `Z` in
 * either case), every field in range: an impossible date or clock time is refused, never rolled
 * over, and so is a leap second (`:60`), which neither JS nor PostgreSQL keeps. The filter language
 * reads its timestamp literals with its own check (`isRfc3339Timestamp` of @consumo/filter, which
 * depends on nothing); this one is for bodies and parameters.
 */
import { utcMidnightMs } from '@consumo/focus/formats';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

export interface Rfc3339Rules {
  /** The most fraction digits taken (default: any number; JS keeps milliseconds). */
  maxFractionDigits?: number;
  /** The first year taken (default 0001: PostgreSQL's timestamptz has no year 0). */
  minYear?: number;
}

/** The instant an RFC 3339 date-time names, or undefined when it is none (or breaks `rules`). */
export function parseRfc3339(text: string, rules: Rfc3339Rules = {}): Date | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (year < (rules.minYear ?? 1) || utcMidnightMs(year, month, day) === undefined) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (m[7] !== undefined && m[7].length > (rules.maxFractionDigits ?? Infinity)) return undefined;
  if (m[8] !== undefined && (Number(m[8]) > 23 || Number(m[9]) > 59)) return undefined;
  const ms = Date.parse(text.toUpperCase());
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
