/** The periods one evaluation looks at: the open one and those of the rated days, in the customer's calendar. */
import { describe, expect, it } from 'vitest';
import { periodsToEvaluate, ratedRange } from '../../../../src/modules/budgets/alerts/evaluation-periods.js';

const at = (iso: string) => new Date(iso);
const shown = (periods: ReturnType<typeof periodsToEvaluate>) =>
  periods.map((p) => `${p.year}/${p.period} ${p.start.toISOString().slice(0, 10)}..${p.end.toISOString().slice(0, 10)}${p.open ? ' open' : ''}`);

describe('periodsToEvaluate', () => {
  it('is the open period alone when no days were rated', () => {
    expect(shown(periodsToEvaluate({ accountingDay: 1, fiscalStartMonth: 1 }, at('2026-05-10T12:00:00Z')))).toEqual(['2026/5 2026-05-01..2026-06-01 open']);
  });

  it('adds every period holding a rated day, once, in time order', () => {
    const rated = ratedRange({ fromDay: '2026-03-30', toDay: '2026-05-02' });
    expect(shown(periodsToEvaluate({ accountingDay: 1, fiscalStartMonth: 1 }, at('2026-05-10T00:00:00Z'), rated))).toEqual([
      '2026/3 2026-03-01..2026-04-01',
      '2026/4 2026-04-01..2026-05-01',
      '2026/5 2026-05-01..2026-06-01 open',
    ]);
  });

  it('follows the accounting day and fiscal start month (periods from the 15th, year from April)', () => {
    const rated = ratedRange({ fromDay: '2026-04-14', toDay: '2026-04-16' });
    expect(shown(periodsToEvaluate({ accountingDay: 15, fiscalStartMonth: 4 }, at('2026-04-20T00:00:00Z'), rated))).toEqual([
      '2025/12 2026-03-15..2026-04-15',
      '2026/1 2026-04-15..2026-05-15 open',
    ]);
  });

  it('takes an empty rated range as none', () => {
    const rated = ratedRange({ fromDay: '2026-01-10', toDay: '2026-01-10' });
    expect(periodsToEvaluate({ accountingDay: 1, fiscalStartMonth: 1 }, at('2026-05-10T00:00:00Z'), rated)).toHaveLength(1);
  });

  it('refuses a malformed day', () => {
    expect(() => ratedRange({ fromDay: '2026-02-30', toDay: '2026-03-01' })).toThrow(RangeError);
  });
});
