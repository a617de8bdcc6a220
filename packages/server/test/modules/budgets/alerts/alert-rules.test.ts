/** The alert rules' arithmetic, exact to the cent: standard and projected, levels, what exists already, flags. */
import { describe, expect, it } from 'vitest';
import { type AlertRuleInput, alertsToCreate, periodBudget, projectedCost } from '../../../../src/modules/budgets/alerts/alert-rules.js';

const base: AlertRuleInput = {
  budget: '1000.00',
  actual: '0',
  elapsedDays: 31,
  daysInPeriod: 31,
  thresholds: [80, 100, 120],
  standardEnabled: true,
  projectedEnabled: true,
  periodOpen: false,
  existing: { STANDARD: 0, PROJECTED: 0 },
};
const rules = (input: Partial<AlertRuleInput>) => alertsToCreate({ ...base, ...input });
const kinds = (input: Partial<AlertRuleInput>) => rules(input).map((a) => `${a.kind}:${a.level}`);

describe('standard alerts', () => {
  it('fire at the cent the threshold is reached, not a cent before', () => {
    expect(kinds({ actual: '799.99' })).toEqual([]);
    expect(kinds({ actual: '800.00' })).toEqual(['STANDARD:1']);
    expect(kinds({ actual: '999.99' })).toEqual(['STANDARD:1']);
    expect(kinds({ actual: '1000' })).toEqual(['STANDARD:2']);
    expect(kinds({ actual: '1199.99' })).toEqual(['STANDARD:2']);
    expect(kinds({ actual: '1200.00' })).toEqual(['STANDARD:3']);
  });

  it('compare exactly where a binary float would not: 0.1 + 0.2 of a 0.375 budget at 80%', () => {
    // 80% of 0.375 is 0.3; 0.1 + 0.2 in floats is 0.30000000000000004, in decimals 0.3.
    expect(kinds({ budget: '0.375', actual: '0.3' })).toEqual(['STANDARD:1']);
    expect(kinds({ budget: '0.375', actual: '0.29999999' })).toEqual([]);
    // Budgets of 18 integer digits with 6 fraction digits keep every digit.
    expect(kinds({ budget: '123456789012345678.000001', actual: '98765431209876542.4000008' })).toEqual(['STANDARD:1']);
    expect(kinds({ budget: '123456789012345678.000001', actual: '98765431209876542.4000007' })).toEqual([]);
  });

  it('answer the alert with the budget and the actual as given, the threshold percent of its level', () => {
    expect(rules({ actual: '1000.50' })).toEqual([
      { kind: 'STANDARD', level: 2, thresholdPercent: 100, budgetValue: '1000.00', actualValue: '1000.50', projectedValue: null },
    ]);
  });

  it('fire only the highest level crossed, and only above the highest one the period has', () => {
    expect(kinds({ actual: '1300', existing: { STANDARD: 0, PROJECTED: 0 } })).toEqual(['STANDARD:3']);
    expect(kinds({ actual: '1300', existing: { STANDARD: 3, PROJECTED: 0 } })).toEqual([]);
    expect(kinds({ actual: '1000', existing: { STANDARD: 1, PROJECTED: 0 } })).toEqual(['STANDARD:2']);
    expect(kinds({ actual: '850', existing: { STANDARD: 2, PROJECTED: 0 } })).toEqual([]);
    // A projected alert at a level does not keep the standard one of that level from firing.
    expect(kinds({ actual: '1000', existing: { STANDARD: 1, PROJECTED: 3 } })).toEqual(['STANDARD:2']);
  });

  it('skip levels turned off (0) and count levels by number, not by percent', () => {
    expect(kinds({ actual: '900', thresholds: [0, 90, 0] })).toEqual(['STANDARD:2']);
    expect(kinds({ actual: '5000', thresholds: [0, 0, 0] })).toEqual([]);
    expect(kinds({ actual: '600', thresholds: [50, 0, 60] })).toEqual(['STANDARD:3']);
    expect(kinds({ actual: '550', thresholds: [50, 0, 60] })).toEqual(['STANDARD:1']);
    // Level 3 below level 2 in percent: the highest level crossed is still the answer.
    expect(kinds({ actual: '700', thresholds: [90, 100, 70] })).toEqual(['STANDARD:3']);
    expect(kinds({ actual: '10000', thresholds: [80, 100, 1000] })).toEqual(['STANDARD:3']);
  });

  it('need a budget above 0, usage above 0 and the kind enabled', () => {
    expect(kinds({ budget: null, actual: '5' })).toEqual([]);
    expect(kinds({ budget: '0', actual: '5' })).toEqual([]);
    expect(kinds({ actual: '0' })).toEqual([]);
    expect(kinds({ actual: '-5' })).toEqual([]);
    expect(kinds({ actual: '5000', standardEnabled: false })).toEqual([]);
  });
});

describe('projected alerts', () => {
  const open = { periodOpen: true, elapsedDays: 10, daysInPeriod: 31 };

  it('project actual ÷ elapsed days × days in the period, exact to the cent', () => {
    // 1000 over 10 of 31 days: 3100 projected; 100% of 3100 is reached exactly.
    expect(kinds({ ...open, budget: '3100', actual: '1000' })).toEqual(['PROJECTED:2']);
    // 999.99 projects 3099.969: short of 100% by 3.1 cents, past 80%.
    expect(kinds({ ...open, budget: '3100', actual: '999.99' })).toEqual(['PROJECTED:1']);
    expect(rules({ ...open, budget: '3100', actual: '999.99' })[0]).toMatchObject({ projectedValue: '3099.969', actualValue: '999.99' });
  });

  it('round only the projected value shown, half up to 8 places; the comparison stays exact', () => {
    expect(projectedCost('100', 3, 31)).toBe('1033.33333333');
    expect(projectedCost('200', 3, 31)).toBe('2066.66666667');
    // 1033.333… × 3 days is exactly 100 × 31: 100% of a 1033.3333333333… budget cannot be written; of 1033.33 it is crossed.
    expect(kinds({ periodOpen: true, elapsedDays: 3, budget: '1033.33', actual: '100' })).toEqual(['PROJECTED:2']);
    expect(kinds({ periodOpen: true, elapsedDays: 3, budget: '1033.34', actual: '100' })).toEqual(['PROJECTED:1']);
  });

  it('are made only while the period is open', () => {
    expect(kinds({ ...open, budget: '3100', actual: '1000', periodOpen: false })).toEqual([]);
  });

  it('give way to the standard alert where both cross a level: only the standard one is created', () => {
    // Whole period elapsed: the projection is the actual, both reach level 2.
    expect(kinds({ periodOpen: true, elapsedDays: 31, actual: '1000' })).toEqual(['STANDARD:2']);
    // Standard reaches 1, the projection 3: both fire, so only the standard one is created in this run…
    expect(kinds({ periodOpen: true, elapsedDays: 15, daysInPeriod: 30, actual: '850' })).toEqual(['STANDARD:1']);
    // …and the next evaluation, with it on record, makes the projected one.
    expect(kinds({ periodOpen: true, elapsedDays: 15, daysInPeriod: 30, actual: '850', existing: { STANDARD: 1, PROJECTED: 0 } })).toEqual(['PROJECTED:3']);
    // Standard reaches 2, the projection 2 as well: the standard one only.
    expect(kinds({ periodOpen: true, elapsedDays: 29, daysInPeriod: 30, actual: '1000' })).toEqual(['STANDARD:2']);
  });

  it('fire only above every standard alert the period has and above the projected ones', () => {
    const over = { ...open, budget: '3100', actual: '1300' }; // projects 4030: 130%
    expect(kinds({ ...over })).toEqual(['PROJECTED:3']);
    expect(kinds({ ...over, existing: { STANDARD: 0, PROJECTED: 3 } })).toEqual([]);
    expect(kinds({ ...over, existing: { STANDARD: 3, PROJECTED: 0 } })).toEqual([]);
    expect(kinds({ ...over, existing: { STANDARD: 0, PROJECTED: 2 } })).toEqual(['PROJECTED:3']);
    expect(kinds({ ...over, existing: { STANDARD: 2, PROJECTED: 1 } })).toEqual(['PROJECTED:3']);
  });

  it('are created alone when standard alerts are disabled, and not when projected ones are', () => {
    expect(kinds({ periodOpen: true, elapsedDays: 31, actual: '1000', standardEnabled: false })).toEqual(['PROJECTED:2']);
    expect(kinds({ ...open, budget: '3100', actual: '1300', projectedEnabled: false })).toEqual([]);
  });

  it('refuse elapsed days below 1 or beyond the period', () => {
    expect(() => rules({ ...open, actual: '1', elapsedDays: 0 })).toThrow(RangeError);
    expect(() => rules({ ...open, actual: '1', elapsedDays: 32 })).toThrow(RangeError);
  });
});

describe('the period budget', () => {
  it('is the period value when above 0, else the default alert cost level when above 0, else none', () => {
    expect(periodBudget('1000.00', '50')).toBe('1000.00');
    expect(periodBudget('0.0', '50')).toBe('50');
    expect(periodBudget(undefined, '50')).toBe('50');
    expect(periodBudget(null, null)).toBeNull();
    expect(periodBudget('0', '0')).toBeNull();
    expect(periodBudget('0', null)).toBeNull();
  });
});
