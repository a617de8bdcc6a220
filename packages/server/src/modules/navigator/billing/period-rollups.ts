/**
 * Which rollups a billing period is summed from (ADR 0020 point 26): the whole calendar months
 * inside it from the monthly rollups, the rest from the daily ones — the plan a `MONTH` cost summary
 * reads by (`rollup-ranges.ts`, ADR 0027 "Monthly rollups"). A calendar month's period is one monthly
 * piece (a thirtieth of the rows); an anniversary period (the 15th to the 15th) holds no whole month
 * and is read from the days. Both give the same sums: rating rewrites a month's row from its days.
 */
import { planRollupRanges } from '../../metering/costs/rollup-ranges.js';

/** A part of a billing period `[start, end)` (YYYY-MM-DD) and the rollups it is read from; `monthly`: its start and end are first days of months. */
export interface RollupPiece {
  period: number;
  monthly: boolean;
  start: string;
  end: string;
}

/** The pieces of periods `[start, end)`: every period has at least one, and together they cover it exactly once. */
export function rollupPieces<P extends { period: number; start: string; end: string }>(periods: readonly P[]): (P & RollupPiece)[] {
  const pieces: (P & RollupPiece)[] = [];
  for (const p of periods) {
    const { months, days } = planRollupRanges('MONTH', p.start, p.end);
    if (months) pieces.push({ ...p, monthly: true, start: months.from, end: months.to });
    for (const d of days) pieces.push({ ...p, monthly: false, start: d.from, end: d.to });
  }
  return pieces;
}
