import { describe, expect, it } from 'vitest';
import { percentOf } from '../../src/lib/decimal-strings.js';
import { buildBudgetChart, costLine, thresholdLines } from '../../src/budgets/chart-data.js';
import type { BudgetUsage } from '../../src/budgets/types.js';

function usage(lines: BudgetUsage['periodBudgetUsage'], thresholds: [number, number, number] = [80, 100, 120]): BudgetUsage {
  return {
    billingAccountId: 'HP-AMS-1',
    customerId: 1,
    accountingDay: 1,
    accountingYear: 2026,
    accountingPeriod: 12,
    accountingStartDate: '2026-12-01',
    accountingEndDate: '2026-12-31',
    standardAlertsEnabled: true,
    projectedAlertsEnabled: true,
    useDefaultThresholds: true,
    threshold1Percent: thresholds[0],
    threshold2Percent: thresholds[1],
    threshold3Percent: thresholds[2],
    periodBudgetUsage: lines,
  };
}

const line = (type: string, budget: string, actual: string, projected: string | null = null, currency = 'usd') =>
  ({ budgetId: 7, type, valueType: 'COST', currency, periodBudgetValue: budget, actualUsage: actual, usagePercent: 0, status: 'UNDER_THRESHOLD', projectedUsage: projected }) as const;

describe('threshold lines', () => {
  it('puts each level at its exact share of the period budget', () => {
    expect(percentOf('1000.00', 80)).toBe('800.00');
    expect(percentOf('83.33', 80)).toBe('66.664');
    expect(percentOf('0.1', 120)).toBe('0.12');
    expect(thresholdLines('83.33', [80, 100, 120])).toEqual([
      { level: 1, percent: 80, amount: '66.664' },
      { level: 2, percent: 100, amount: '83.33' },
      { level: 3, percent: 120, amount: '99.996' },
    ]);
  });

  it('draws no level set to 0 and nothing for a zero budget', () => {
    expect(thresholdLines('500', [0, 100, 0]).map((t) => t.level)).toEqual([2]);
    expect(thresholdLines('0.00', [80, 100, 120])).toEqual([]);
  });
});

describe('the chart of a period', () => {
  it('shows budget, actual and projected with the thresholds in force', () => {
    const u = usage([line('RESOURCE', '1', '1'), line('COST', '1000.00', '812.34', '1250.50')], [75, 100, 0]);
    const chart = buildBudgetChart(u, costLine(u)!);
    expect(chart.currency).toBe('USD');
    expect(chart.bars.map((b) => [b.key, b.value])).toEqual([
      ['budget', '1000.00'],
      ['actual', '812.34'],
      ['projected', '1250.50'],
    ]);
    expect(chart.thresholds.map((t) => [t.percent, t.amount])).toEqual([
      [75, '750.00'],
      [100, '1000.00'],
    ]);
    expect(chart.axisMax).toBe(1250.5);
  });

  it('has no projected figure before the period begins, and the axis still reaches the top threshold', () => {
    const u = usage([line('COST', '100', '10')]);
    const chart = buildBudgetChart(u, costLine(u)!);
    expect(chart.bars[2]).toEqual({ key: 'projected', label: 'Projected', value: null });
    expect(chart.axisMax).toBe(120);
  });

  it('finds no budget line in a year without budget', () => {
    expect(costLine(usage([]))).toBeUndefined();
  });
});
