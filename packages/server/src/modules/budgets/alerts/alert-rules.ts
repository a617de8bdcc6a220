/**
 * Which budget alerts one evaluation of one customer's period creates (ADR 0018): pure decimal
 * arithmetic, no I/O. Money arrives and leaves as decimal strings; comparisons are exact
 * (cross-multiplied, never divided), so a cent below a threshold never fires and the cent at it does.
 *
 * - Standard: actual ≥ threshold% × budget.
 * - Projected (only while the period is open): actual ÷ elapsed days × days in the period ≥
 *   threshold% × budget.
 * - Of the levels crossed in one evaluation only the highest fires, and only above every alert of
 *   its kind the period already has. A projected level fires only above the highest standard level
 *   reached (so where both cross a level, the standard alert alone is created) and above every
 *   standard alert the period already has.
 */
import { Decimal } from 'decimal.js';
import type { AlertKind } from '../budgets.enums.js';

/** Far more digits than budget × percent × days can hold: products are exact, only the projected value's division rounds. */
const Dec = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -100, toExpPos: 100 });
type Dec = InstanceType<typeof Dec>;

/** Decimal places of a projected value (those of a rated cost). */
export const PROJECTED_SCALE = 8;

export type ThresholdLevels = readonly [number, number, number];

export interface AlertRuleInput {
  /** The period budget the alerts measure against (see `periodBudget`); null: no alert for the period. */
  budget: string | null;
  /** Billed cost of the period so far. */
  actual: string;
  /** Days from the period's start through its last day with cost, at least 1. */
  elapsedDays: number;
  daysInPeriod: number;
  /** Percent per level 1–3; 0 turns a level off. */
  thresholds: ThresholdLevels;
  standardEnabled: boolean;
  projectedEnabled: boolean;
  /** The period has not ended at evaluation time: only then is a projection made. */
  periodOpen: boolean;
  /** The highest level of an alert of each kind the period already has; 0: none. */
  existing: Readonly<Record<AlertKind, number>>;
}

export interface AlertToCreate {
  kind: AlertKind;
  level: 1 | 2 | 3;
  thresholdPercent: number;
  budgetValue: string;
  actualValue: string;
  /** The projected cost of the whole period (projected alerts), rounded half up to PROJECTED_SCALE places. */
  projectedValue: string | null;
}

const plain = (value: Dec) => {
  const text = value.toFixed();
  return text === '-0' ? '0' : text;
};

/**
 * The budget a period's alerts measure against: the budget's value for the period when it is
 * there and above 0, else the workspace's default alert cost level (when set and above 0), else none.
 */
export function periodBudget(periodValue: string | null | undefined, defaultCostLevel: string | null): string | null {
  if (periodValue != null && new Dec(periodValue).gt(0)) return periodValue;
  if (defaultCostLevel !== null && new Dec(defaultCostLevel).gt(0)) return defaultCostLevel;
  return null;
}

/** The highest level (3, 2, 1) that is on and whose percent `reaches` says is reached; 0: none. */
function highestCrossed(thresholds: ThresholdLevels, reaches: (percent: number) => boolean): 0 | 1 | 2 | 3 {
  for (let level = 3; level >= 1; level--) {
    const percent = thresholds[level - 1]!;
    if (percent > 0 && reaches(percent)) return level as 1 | 2 | 3;
  }
  return 0;
}

/** The projected cost of the whole period: actual ÷ elapsed days × days in the period. */
export function projectedCost(actual: string, elapsedDays: number, daysInPeriod: number): string {
  return plain(new Dec(actual).times(daysInPeriod).dividedBy(elapsedDays).toDecimalPlaces(PROJECTED_SCALE, Dec.ROUND_HALF_UP));
}

export function alertsToCreate(input: AlertRuleInput): AlertToCreate[] {
  if (input.budget === null) return [];
  if (!Number.isInteger(input.elapsedDays) || input.elapsedDays < 1) throw new RangeError(`elapsedDays must be a whole number ≥ 1, got ${input.elapsedDays}`);
  if (!Number.isInteger(input.daysInPeriod) || input.daysInPeriod < input.elapsedDays) {
    throw new RangeError(`daysInPeriod must be a whole number ≥ elapsedDays, got ${input.daysInPeriod}`);
  }
  const budget = new Dec(input.budget);
  const actual = new Dec(input.actual);
  if (!budget.gt(0) || !actual.gt(0)) return [];
  const alerts: AlertToCreate[] = [];
  const base = { budgetValue: input.budget, actualValue: input.actual };

  // actual ≥ percent/100 × budget  ⇔  actual × 100 ≥ percent × budget
  const standardReached = input.standardEnabled ? highestCrossed(input.thresholds, (p) => actual.times(100).gte(budget.times(p))) : 0;
  if (standardReached > input.existing.STANDARD) {
    alerts.push({ kind: 'STANDARD', level: standardReached as 1 | 2 | 3, thresholdPercent: input.thresholds[standardReached - 1]!, ...base, projectedValue: null });
  }

  // Cloud Cruiser: when both kinds fire in one run, only the standard alert is generated. A higher
  // projected level is not lost: the next evaluation, with the standard alert on record, makes it.
  if (input.projectedEnabled && input.periodOpen && alerts.length === 0) {
    // actual ÷ elapsed × days ≥ percent/100 × budget  ⇔  actual × days × 100 ≥ percent × budget × elapsed
    const projected = actual.times(input.daysInPeriod).times(100);
    const reached = highestCrossed(input.thresholds, (p) => projected.gte(budget.times(p).times(input.elapsedDays)));
    if (reached > Math.max(standardReached, input.existing.STANDARD, input.existing.PROJECTED)) {
      alerts.push({
        kind: 'PROJECTED',
        level: reached as 1 | 2 | 3,
        thresholdPercent: input.thresholds[reached - 1]!,
        ...base,
        projectedValue: projectedCost(input.actual, input.elapsedDays, input.daysInPeriod),
      });
    }
  }
  return alerts;
}
