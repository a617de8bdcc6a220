/**
 * Cloud Cruiser's two shortcuts for a year's period values, in exact decimal arithmetic: "Divide" a
 * yearly budget by 12, and "Copy" one period's value to all 12.
 */
import { Dec } from '../metering/rating/decimal.js';
import type { BudgetPeriod } from './customer-budget.js';

export const PERIODS_PER_YEAR = 12;

const scaleOf = (value: string) => (value.split('.')[1] ?? '').length;

/**
 * The yearly value divided by 12: periods 1–11 get the twelfth rounded down to the cent (or to the
 * yearly value's own scale when it has more decimals), period 12 the remainder, so that the twelve
 * values sum exactly to the yearly value. Every value is written with the same scale.
 */
export function divideYearly(yearly: string): BudgetPeriod[] {
  const scale = Math.max(2, scaleOf(yearly));
  const total = new Dec(yearly);
  const share = total.dividedBy(PERIODS_PER_YEAR).toDecimalPlaces(scale, Dec.ROUND_DOWN);
  const last = total.minus(share.times(PERIODS_PER_YEAR - 1));
  return Array.from({ length: PERIODS_PER_YEAR }, (_, i) => ({
    accountingPeriod: i + 1,
    budgetValue: (i === PERIODS_PER_YEAR - 1 ? last : share).toFixed(scale),
  }));
}

/** The same value, as written, for each of the 12 periods. */
export function copyPeriod(value: string): BudgetPeriod[] {
  return Array.from({ length: PERIODS_PER_YEAR }, (_, i) => ({ accountingPeriod: i + 1, budgetValue: value }));
}
