import { describe, expect, it } from 'vitest';
import { rollupPieces } from '../../../src/modules/navigator/billing/period-rollups.js';

const period = (start: string, end: string, n = 0) => ({ workspaceId: 'w', period: n, start, end });
const brief = (start: string, end: string) => rollupPieces([period(start, end)]).map((p) => [p.monthly, p.start, p.end]);

const DAY_MS = 86_400_000;
const t = (day: string) => Date.parse(`${day}T00:00:00Z`);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * How many times each day is counted when the pieces are read as the statement reads them: a daily
 * piece adds its days; a monthly one adds every day of the months from its start's to its last
 * day's and takes away those before its start and from its end on.
 */
function dayCounts(pieces: readonly { monthly: boolean; start: string; end: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (from: number, to: number, by: number) => {
    for (let d = from; d < to; d += DAY_MS) counts.set(day(d), (counts.get(day(d)) ?? 0) + by);
  };
  for (const p of pieces) {
    if (!p.monthly) {
      add(t(p.start), t(p.end), 1);
      continue;
    }
    const first = t(`${p.start.slice(0, 7)}-01`);
    const last = new Date(t(p.end) - DAY_MS);
    const afterLast = Date.UTC(last.getUTCFullYear(), last.getUTCMonth() + 1, 1);
    add(first, afterLast, 1);
    add(first, t(p.start), -1);
    add(t(p.end), afterLast, -1);
  }
  for (const [d, n] of counts) if (n === 0) counts.delete(d);
  return counts;
}

describe('rollupPieces (which rollups a billing period is summed from)', () => {
  it('reads a calendar month from the monthly rollups, as one piece', () => {
    expect(rollupPieces([period('2026-06-01', '2026-07-01')])).toEqual([{ workspaceId: 'w', period: 0, monthly: true, start: '2026-06-01', end: '2026-07-01' }]);
  });

  it('reads a period from the middle of a month to the middle of the next from the days when its month parts are about half months', () => {
    expect(rollupPieces([period('2026-06-15', '2026-07-15', 3)])).toEqual([{ workspaceId: 'w', period: 3, monthly: false, start: '2026-06-15', end: '2026-07-15' }]);
  });

  it('reads most of a month as the month less its other days, and a few days as days', () => {
    // From the 5th: June less 1–4 June, then 1–4 July from the days.
    expect(brief('2026-06-05', '2026-07-05')).toEqual([[true, '2026-06-05', '2026-07-01'], [false, '2026-07-01', '2026-07-05']]);
    // From the 28th: 28–30 June from the days, then July less 28–31 July.
    expect(brief('2026-06-28', '2026-07-28')).toEqual([[false, '2026-06-28', '2026-07-01'], [true, '2026-07-01', '2026-07-28']]);
    // Accounting day 31 in February: 28 February from the days, March less 31 March.
    expect(brief('2026-02-28', '2026-03-31')).toEqual([[false, '2026-02-28', '2026-03-01'], [true, '2026-03-01', '2026-03-31']]);
    // Within one month: the month less both ends.
    expect(brief('2026-06-03', '2026-06-29')).toEqual([[true, '2026-06-03', '2026-06-29']]);
  });

  it('splits a longer range into its whole months and the days at its edges, covering every day once', () => {
    expect(brief('2026-05-20', '2026-08-10')).toEqual([
      [false, '2026-05-20', '2026-06-01'],
      [true, '2026-06-01', '2026-08-01'],
      [false, '2026-08-01', '2026-08-10'],
    ]);
    // A month less its first days merges with the whole months after it.
    expect(brief('2026-05-03', '2026-08-01')).toEqual([[true, '2026-05-03', '2026-08-01']]);
    // Across a year's end, and several periods at once, each keeping its own number.
    expect(rollupPieces([period('2026-12-01', '2027-01-01', 0), period('2027-01-01', '2027-02-01', 1)]).map((p) => [p.period, p.monthly, p.start, p.end])).toEqual([
      [0, true, '2026-12-01', '2027-01-01'],
      [1, true, '2027-01-01', '2027-02-01'],
    ]);
  });

  it('counts every day of a period once and no other day, whatever its start and end', () => {
    const starts = Array.from({ length: 70 }, (_, i) => day(t('2027-12-20') + i * DAY_MS));
    for (const start of starts) {
      for (const length of [1, 2, 9, 15, 28, 29, 30, 31, 45, 59, 60, 61, 95]) {
        const end = day(t(start) + length * DAY_MS);
        const expected = new Map(Array.from({ length }, (_, i) => [day(t(start) + i * DAY_MS), 1]));
        expect(dayCounts(rollupPieces([period(start, end)])), `${start} – ${end}`).toEqual(expected);
      }
    }
  });
});
