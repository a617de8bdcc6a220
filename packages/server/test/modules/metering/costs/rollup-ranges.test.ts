/** Which rollups a cost-summary range is read from: whole months by month, partial edges and DAY views by day. */
import { describe, expect, it } from 'vitest';
import { dailyRanges, planRollupRanges } from '../../../../src/modules/metering/costs/rollup-ranges.js';

describe('planRollupRanges', () => {
  it('reads a DAY view by day, whatever its range', () => {
    expect(planRollupRanges('DAY', '2026-01-01', '2026-04-01')).toEqual(dailyRanges('2026-01-01', '2026-04-01'));
  });

  it.each([
    ['whole months', '2025-12-01', '2026-04-01', { from: '2025-12-01', to: '2026-04-01' }, []],
    ['partial edges', '2025-11-25', '2026-03-10', { from: '2025-12-01', to: '2026-03-01' }, [{ from: '2025-11-25', to: '2025-12-01' }, { from: '2026-03-01', to: '2026-03-10' }]],
    ['a partial first month', '2026-01-31', '2026-03-01', { from: '2026-02-01', to: '2026-03-01' }, [{ from: '2026-01-31', to: '2026-02-01' }]],
    ['a partial last month', '2026-02-01', '2026-03-02', { from: '2026-02-01', to: '2026-03-01' }, [{ from: '2026-03-01', to: '2026-03-02' }]],
    ['the first months of the calendar', '0001-01-01', '0001-03-15', { from: '0001-01-01', to: '0001-03-01' }, [{ from: '0001-03-01', to: '0001-03-15' }]],
    ['the last months of the calendar', '9999-10-15', '9999-12-31', { from: '9999-11-01', to: '9999-12-01' }, [{ from: '9999-10-15', to: '9999-11-01' }, { from: '9999-12-01', to: '9999-12-31' }]],
  ])('reads %s of a MONTH view by month, the rest by day', (_name, from, to, months, days) => {
    expect(planRollupRanges('MONTH', from, to)).toEqual({ months, days });
  });

  it.each([
    ['inside one month', '2026-02-03', '2026-02-20'],
    ['two partial months', '2026-01-20', '2026-02-10'],
    ['one day', '2026-02-01', '2026-02-02'],
    ['the last month of the calendar, partly', '9999-12-02', '9999-12-31'],
  ])('reads a MONTH view with no whole month (%s) by day', (_name, from, to) => {
    expect(planRollupRanges('MONTH', from, to)).toEqual(dailyRanges(from, to));
  });
});
