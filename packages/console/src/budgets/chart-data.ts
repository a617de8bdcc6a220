/**
 * What the budget chart and its table show for one period: budget, actual and projected as bars,
 * the thresholds in force as lines at their amounts. All figures are the API's decimal strings;
 * nothing is computed here: the projection is usage's `projectedUsage` (the server's, by the rule
 * projected alerts use).
 */
import { compareDecimal, percentOf } from '../lib/decimal-strings.js';
import type { BudgetUsage, PeriodBudgetUsage } from './types.js';

export type BarKey = 'budget' | 'actual' | 'projected';

export interface BudgetBar {
  key: BarKey;
  label: string;
  /** A decimal string; null where the API has no figure (no projection before the period starts). */
  value: string | null;
}

export interface ThresholdLine {
  level: 1 | 2 | 3;
  percent: number;
  /** percent of the period budget, exact. */
  amount: string;
}

export interface BudgetChartData {
  currency: string;
  bars: BudgetBar[];
  thresholds: ThresholdLine[];
  /** The top of the value axis: the largest bar or threshold (drawn as floats; the table shows the exact strings). */
  axisMax: number;
}

export const BAR_LABELS: Record<BarKey, string> = { budget: 'Budget', actual: 'Actual', projected: 'Projected' };

/** The thresholds in force (usage's, the budget's own or the workspace's), as amounts; a level at 0 % is off, and a zero budget draws none. */
export function thresholdLines(periodBudget: string, percents: readonly [number, number, number]): ThresholdLine[] {
  if (compareDecimal(periodBudget, '0') <= 0) return [];
  return percents.flatMap((percent, i) => (percent > 0 ? [{ level: (i + 1) as 1 | 2 | 3, percent, amount: percentOf(periodBudget, percent) }] : []));
}

/** The usage line of the account's COST budget (the page's budget); undefined when the year has none. */
export function costLine(usage: BudgetUsage): PeriodBudgetUsage | undefined {
  return usage.periodBudgetUsage.find((line) => line.type === 'COST') ?? usage.periodBudgetUsage[0];
}

export function buildBudgetChart(usage: BudgetUsage, line: PeriodBudgetUsage): BudgetChartData {
  const bars: BudgetBar[] = [
    { key: 'budget', label: BAR_LABELS.budget, value: line.periodBudgetValue },
    { key: 'actual', label: BAR_LABELS.actual, value: line.actualUsage },
    { key: 'projected', label: BAR_LABELS.projected, value: line.projectedUsage },
  ];
  const thresholds = thresholdLines(line.periodBudgetValue, [usage.threshold1Percent, usage.threshold2Percent, usage.threshold3Percent]);
  const numbers = [...bars.map((b) => b.value), ...thresholds.map((t) => t.amount)].filter((v): v is string => v !== null).map(Number);
  return { currency: line.currency.toUpperCase(), bars, thresholds, axisMax: Math.max(0, ...numbers) };
}

/** Words for usage's status. */
export const STATUS_LABELS: Record<PeriodBudgetUsage['status'], string> = {
  NO_USAGE: 'No usage rated yet',
  NO_BUDGET: 'No budget value for this period',
  UNDER_THRESHOLD: 'Under every threshold',
  THRESHOLD_1: 'Threshold 1 reached',
  THRESHOLD_2: 'Threshold 2 reached',
  THRESHOLD_3: 'Threshold 3 reached',
};
