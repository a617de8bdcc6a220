import { describe, expect, it } from 'vitest';
import { type SummaryItem, UNTAGGED, buildTables, periodsBetween } from '../../src/costs/series.js';

function item(day: string, service: string | null, billed: string | null, currency = 'USD'): SummaryItem {
  return { periodStart: `${day}T00:00:00Z`, BillingCurrency: currency, ServiceName: service, BilledCost: billed, EffectiveCost: billed, ListCost: null };
}

const options = { groupBy: 'ServiceName', cost: 'BilledCost', granularity: 'DAY' } as const;

describe('series: top N and Other, per currency', () => {
  it('ranks values by their total and sums the rest as Other, exactly', () => {
    const items = [
      item('2026-04-01', 'a', '1.10'),
      item('2026-04-02', 'a', '2.20'),
      item('2026-04-01', 'b', '5'),
      item('2026-04-01', 'c', '0.1'),
      item('2026-04-02', 'd', '0.2'),
      item('2026-04-02', null, '0.05'),
    ];
    const [usd] = buildTables(items, { ...options, top: 2 });
    expect(usd!.periods).toEqual(['2026-04-01', '2026-04-02']);
    expect(usd!.series.map((s) => [s.name, s.values, s.total, s.other])).toEqual([
      ['b', ['5', null], '5', false],
      ['a', ['1.10', '2.20'], '3.30', false],
      ['Other (3)', ['0.1', '0.25'], '0.35', true],
    ]);
    expect(usd!.periodTotals).toEqual(['6.20', '2.45']);
    expect(usd!.total).toBe('8.65');
  });

  it('adds no Other when the values fit', () => {
    const [usd] = buildTables([item('2026-04-01', 'a', '1'), item('2026-04-01', 'b', '2')], options);
    expect(usd!.series.map((s) => s.name)).toEqual(['b', 'a']);
  });

  it('keeps currencies apart and sums rows of one cell', () => {
    const tables = buildTables(
      [item('2026-04-01', 'a', '1', 'USD'), item('2026-04-01', 'a', '2', 'EUR'), item('2026-04-01', 'a', '3', 'EUR')],
      options,
    );
    expect(tables.map((t) => [t.currency, t.total])).toEqual([
      ['EUR', '5'],
      ['USD', '1'],
    ]);
  });

  it('keeps unpriced groups null, ranked last, and labels months', () => {
    const [usd] = buildTables([item('2026-04-01', 'free', null), item('2026-05-03', 'paid', '0.01')], { ...options, granularity: 'MONTH' });
    expect(usd!.periods).toEqual(['2026-04', '2026-05']);
    expect(usd!.series.map((s) => [s.name, s.total])).toEqual([
      ['paid', '0.01'],
      ['free', null],
    ]);
    expect(usd!.periodTotals).toEqual([null, '0.01']);
  });

  it('names series by the tag value when grouped by a tag key, the costs without the key as (untagged)', () => {
    const tagged = (day: string, value: string | null, billed: string): SummaryItem => ({ ...item(day, null, billed), TagValue: value });
    const [usd] = buildTables([tagged('2026-04-01', 'core', '2'), tagged('2026-04-01', null, '0.5'), tagged('2026-04-02', 'web', '1')], { ...options, groupBy: 'TagValue' });
    expect(UNTAGGED).toBe('(untagged)');
    expect(usd!.series.map((s) => [s.name, s.total])).toEqual([
      ['core', '2'],
      ['web', '1'],
      ['(untagged)', '0.5'],
    ]);
    expect(usd!.total).toBe('3.5');
  });

  it('reads the chosen cost column', () => {
    const [usd] = buildTables([item('2026-04-01', 'a', '1')], { ...options, cost: 'ListCost' });
    expect(usd!.total).toBeNull();
  });
});

describe('the periods of a range', () => {
  it('lists every day or month of [from, to), so empty periods still show', () => {
    expect(periodsBetween('2026-01-30', '2026-02-02', 'DAY')).toEqual(['2026-01-30', '2026-01-31', '2026-02-01']);
    expect(periodsBetween('2025-12-15', '2026-03-01', 'MONTH')).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(periodsBetween('2026-02-30', '2026-03-01', 'DAY')).toEqual([]);
  });

  it('puts empty periods in the table as unpriced', () => {
    const [usd] = buildTables([item('2026-04-02', 'a', '1')], { ...options, periods: periodsBetween('2026-04-01', '2026-04-04', 'DAY') });
    expect(usd!.periods).toEqual(['2026-04-01', '2026-04-02', '2026-04-03']);
    expect(usd!.series[0]!.values).toEqual([null, '1', null]);
    expect(usd!.periodTotals).toEqual([null, '1', null]);
  });
});
