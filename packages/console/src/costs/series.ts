/**
 * cost-summary items → what the chart and the table show, one table per billing currency (a sum
 * across currencies would mean nothing): periods in order, the top N values of the grouping
 * dimension (or tag key) by their total over the range, the rest summed as one "Other" series. All sums exact.
 * Given the range's periods, every one of them is a row, with or without costs.
 */
import { DAY_MS, calendarDayMs, dayText } from '@consumo/focus/formats';
import { compareDecimal, sumDecimals } from '../lib/decimal-strings.js';
import type { CostColumn, Granularity, GroupBy } from './view-state.js';

/** The item field a series is named by: a dimension, or the value of the tag key grouped by. */
export type SeriesField = GroupBy | 'TagValue';

/** The part of a cost-summary item read here. */
export type SummaryItem = { periodStart: string; BillingCurrency: string } & Partial<Record<SeriesField, string | null>> &
  Record<CostColumn, string | null>;

export interface Series {
  name: string;
  /** One per period; null where no priced cost fell. */
  values: (string | null)[];
  total: string | null;
  /** True for the series that sums the values outside the top N. */
  other: boolean;
}

export interface CurrencyTable {
  currency: string;
  /** Period labels: YYYY-MM-DD for DAY, YYYY-MM for MONTH. */
  periods: string[];
  series: Series[];
  periodTotals: (string | null)[];
  total: string | null;
}

export const TOP_SERIES = 10;
/** The label of items whose dimension is null. */
export const NO_VALUE = '(none)';
/** The label of the costs whose records lack the tag key grouped by (TagValue null). */
export const UNTAGGED = '(untagged)';

export function periodLabel(periodStart: string, granularity: Granularity): string {
  return periodStart.slice(0, granularity === 'MONTH' ? 7 : 10);
}

/** Every period label of `[from, to)` (YYYY-MM-DD days), so periods without costs still show as empty. */
export function periodsBetween(from: string, to: string, granularity: Granularity): string[] {
  const start = calendarDayMs(from);
  const end = calendarDayMs(to);
  if (start === undefined || end === undefined) return [];
  const labels = new Set<string>();
  for (let t = start; t < end; t += DAY_MS) labels.add(periodLabel(dayText(t), granularity));
  return [...labels];
}

/** Biggest total first; unpriced (null) last; equal totals by name. */
function byTotal(a: { name: string; total: string | null }, b: { name: string; total: string | null }): number {
  if (a.total === null || b.total === null) return a.total === b.total ? a.name.localeCompare(b.name) : a.total === null ? 1 : -1;
  return compareDecimal(b.total, a.total) || a.name.localeCompare(b.name);
}

export function buildTables(
  items: readonly SummaryItem[],
  options: { groupBy: SeriesField; cost: CostColumn; granularity: Granularity; top?: number; periods?: readonly string[] },
): CurrencyTable[] {
  const top = options.top ?? TOP_SERIES;
  const currencies = [...new Set(items.map((i) => i.BillingCurrency))].sort();
  return currencies.map((currency) => {
    const mine = items.filter((i) => i.BillingCurrency === currency);
    const periods = [...new Set([...(options.periods ?? []), ...mine.map((i) => periodLabel(i.periodStart, options.granularity))])].sort();
    const index = new Map(periods.map((p, n) => [p, n]));
    // name → per period, the values that fell there
    const cells = new Map<string, (string | null)[][]>();
    for (const item of mine) {
      const name = item[options.groupBy] ?? (options.groupBy === 'TagValue' ? UNTAGGED : NO_VALUE);
      let row = cells.get(name);
      if (!row) cells.set(name, (row = periods.map(() => [])));
      row[index.get(periodLabel(item.periodStart, options.granularity))!]!.push(item[options.cost]);
    }
    const all = [...cells].map(([name, row]) => {
      const values = row.map((cell) => sumDecimals(cell));
      return { name, values, total: sumDecimals(values), other: false };
    });
    all.sort(byTotal);
    const series: Series[] = all.slice(0, top);
    const rest = all.slice(top);
    if (rest.length > 0) {
      const values = periods.map((_, n) => sumDecimals(rest.map((s) => s.values[n])));
      series.push({ name: `Other (${rest.length})`, values, total: sumDecimals(values), other: true });
    }
    const periodTotals = periods.map((_, n) => sumDecimals(series.map((s) => s.values[n])));
    return { currency, periods, series, periodTotals, total: sumDecimals(periodTotals) };
  });
}
