import { describe, expect, it } from 'vitest';
import { rollupPieces } from '../../../src/modules/navigator/billing/period-rollups.js';

const period = (start: string, end: string, n = 0) => ({ workspaceId: 'w', period: n, start, end });

describe('rollupPieces (which rollups a billing period is summed from)', () => {
  it('reads a calendar month from the monthly rollups, as one piece', () => {
    expect(rollupPieces([period('2026-06-01', '2026-07-01')])).toEqual([{ workspaceId: 'w', period: 0, monthly: true, start: '2026-06-01', end: '2026-07-01' }]);
  });

  it('reads an anniversary period (no whole month inside) from the daily rollups', () => {
    expect(rollupPieces([period('2026-06-15', '2026-07-15', 3)])).toEqual([{ workspaceId: 'w', period: 3, monthly: false, start: '2026-06-15', end: '2026-07-15' }]);
    // A period starting on a short month's last day (accounting day 31 in February) holds no whole month either.
    expect(rollupPieces([period('2026-02-28', '2026-03-31')]).map((p) => p.monthly)).toEqual([false]);
  });

  it('splits a longer range into its whole months and the days at its edges, covering every day once', () => {
    const pieces = rollupPieces([period('2026-05-20', '2026-08-10')]);
    expect(pieces).toEqual([
      { workspaceId: 'w', period: 0, monthly: true, start: '2026-06-01', end: '2026-08-01' },
      { workspaceId: 'w', period: 0, monthly: false, start: '2026-05-20', end: '2026-06-01' },
      { workspaceId: 'w', period: 0, monthly: false, start: '2026-08-01', end: '2026-08-10' },
    ]);
    // Across a year's end, and several periods at once, each keeping its own number.
    expect(rollupPieces([period('2026-12-01', '2027-01-01', 0), period('2027-01-01', '2027-02-01', 1)]).map((p) => [p.period, p.monthly, p.start, p.end])).toEqual([
      [0, true, '2026-12-01', '2027-01-01'],
      [1, true, '2027-01-01', '2027-02-01'],
    ]);
  });
});
