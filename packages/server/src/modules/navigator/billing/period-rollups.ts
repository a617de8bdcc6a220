/**
 * Which rollups a billing period is summed from (ADR 0020 points 26 and 29): each calendar month
 * the period touches is read either from its days in the daily rollups or from its row in the
 * monthly rollups less the days of that month outside the period, whichever reads fewer days. A
 * calendar month's period is one monthly piece (a thirtieth of the rows); an anniversary period
 * from the 5th to the 5th reads June's monthly rows less 1–4 June, and 1–4 July from the days,
 * instead of thirty days. Both give the same sums: rating rewrites a month's rows from its days in
 * the day's own transaction, and sums of numeric are exact, so a month less some days is the sum
 * of the others.
 */

/** A part of a billing period `[start, end)` (YYYY-MM-DD) and the rollups it is read from. */
export interface RollupPiece {
  period: number;
  /**
   * True: the monthly rows of every month from `start`'s to the one before `end` (`end`'s own when
   * it is not a first day), less the daily rows of those months before `start` and from `end` on.
   * False: the daily rows of `[start, end)`.
   */
  monthly: boolean;
  start: string;
  end: string;
}

/**
 * Reading a month's monthly rows, counted in days of daily rows: about one day's rows, and one index
 * range more. A partial month is read as its month less the days outside the period when that reads
 * fewer days than the period's days in it.
 */
const MONTH_READ_DAYS = 2;

const DAY_MS = 86_400_000;
const ms = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
const firstOfMonth = (day: string) => `${day.slice(0, 7)}-01`;
function nextMonth(day: string): string {
  const d = new Date(ms(firstOfMonth(day)));
  d.setUTCMonth(d.getUTCMonth() + 1);
  return dayOf(d.getTime());
}
const days = (from: string, to: string) => Math.round((ms(to) - ms(from)) / DAY_MS);

/** The pieces of periods `[start, end)`: every period has at least one, and together they cover each of its days exactly once. */
export function rollupPieces<P extends { period: number; start: string; end: string }>(periods: readonly P[]): (P & RollupPiece)[] {
  const pieces: (P & RollupPiece)[] = [];
  for (const p of periods) {
    // The period's part of each month it touches, read by days or by month; consecutive months merged.
    let open: { monthly: boolean; start: string; end: string } | undefined;
    for (let month = firstOfMonth(p.start); month < p.end; month = nextMonth(month)) {
      const monthEnd = nextMonth(month);
      const from = p.start > month ? p.start : month;
      const to = p.end < monthEnd ? p.end : monthEnd;
      const outside = days(month, from) + days(to, monthEnd);
      const monthly = outside === 0 || MONTH_READ_DAYS + outside < days(from, to);
      if (open && open.monthly === monthly) open.end = to;
      else {
        if (open) pieces.push({ ...p, ...open });
        open = { monthly, start: from, end: to };
      }
    }
    pieces.push({ ...p, ...open! });
  }
  return pieces;
}
