/**
 * The 12 period values of a budget, as Cloud Cruiser's UI sets them: "Copy" the first value to
 * all, "Divide" a yearly amount by 12 exactly (the API's own rule, ADR 0019), their exact sum, and
 * the words for an accounting period.
 */
import { scaleOf, splitExactly, sumDecimals } from '../lib/decimal-strings.js';
import { MONEY } from './budget-amount.js';

export const PERIODS_PER_YEAR = 12;

/** 1…12. */
export const PERIOD_NUMBERS: readonly number[] = Array.from({ length: PERIODS_PER_YEAR }, (_, i) => i + 1);

/**
 * A yearly amount divided by 12: periods 1–11 get the twelfth rounded down to the cent (or to the
 * yearly amount's own scale when it has more decimals), period 12 the rest, so the twelve add up
 * exactly to the yearly amount; every value has that one scale ("1000.00" → eleven "83.33", "83.37").
 * null when `yearly` is not a decimal ≥ 0 in the API's bounds.
 */
export function divideYearly(yearly: string): string[] | null {
  const text = yearly.trim();
  if (!MONEY.test(text)) return null;
  return splitExactly(text, PERIODS_PER_YEAR, Math.max(2, scaleOf(text)));
}

/** The first value copied to every period, as written. */
export function copyFirstToAll(values: readonly string[]): string[] {
  const first = (values[0] ?? '').trim();
  return PERIOD_NUMBERS.map(() => first);
}

/** The exact sum of the values that are decimals ≥ 0; null when none is. */
export function yearTotal(values: readonly string[]): string | null {
  return sumDecimals(values.map((v) => v.trim()).filter((v) => MONEY.test(v)));
}

/** "Period 3 of 2026". */
export function periodLabel(accountingYear: number, accountingPeriod: number): string {
  return `Period ${accountingPeriod} of ${accountingYear}`;
}

/** "P3" — short, for table headers and inputs. */
export function shortPeriodLabel(accountingPeriod: number): string {
  return `P${accountingPeriod}`;
}

/** A period's days as the usage answers them (first and last day, both included): "2026-12-01 – 2026-12-31". */
export function periodDaysLabel(startDate: string, endDate: string): string {
  return `${startDate} – ${endDate}`;
}
