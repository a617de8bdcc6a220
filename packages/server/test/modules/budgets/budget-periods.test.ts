/** Cloud Cruiser's Divide and Copy (ADR 0018): twelve values that sum exactly to the yearly one, the remainder on period 12. */
import { Decimal as DecimalJs } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { copyPeriod, divideYearly } from '../../../src/modules/budgets/budget-periods.js';

/** Past the 24 digits a budget value has (decimal.js rounds to 20 by default). */
const Decimal = DecimalJs.clone({ precision: 50 });
const BUDGET_VALUE = /^\d{1,18}(\.\d{1,6})?$/;

/** A budget value as the API takes it: up to 18 digits before the point and 6 after. */
const budgetValue = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 18n - 1n }), fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }))
  .map(([whole, fraction]) => (fraction === undefined ? whole.toString() : `${whole}.${fraction}`));

describe('divideYearly', () => {
  it('gives periods 1-11 the twelfth rounded down and period 12 the rest, summing exactly', () => {
    fc.assert(
      fc.property(budgetValue, (yearly) => {
        const periods = divideYearly(yearly);
        expect(periods.map((p) => p.accountingPeriod)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        const values = periods.map((p) => p.budgetValue);
        const scale = Math.max(2, (yearly.split('.')[1] ?? '').length);
        for (const v of values) {
          expect(v).toMatch(BUDGET_VALUE);
          expect((v.split('.')[1] ?? '').length).toBe(scale);
        }
        expect(new Set(values.slice(0, 11)).size).toBe(1);
        const total = values.reduce((acc, v) => acc.plus(v), new Decimal(0));
        expect(total.equals(new Decimal(yearly))).toBe(true);
        // The rest is never smaller than a share, and exceeds it by less than 12 units of the last place.
        const rest = new Decimal(values[11]!).minus(values[0]!);
        expect(rest.gte(0) && rest.lt(new Decimal(12).times(new Decimal(10).pow(-scale)))).toBe(true);
      }),
    );
  });

  it('puts the remainder cents on period 12', () => {
    expect(divideYearly('1000').map((p) => p.budgetValue)).toEqual([...Array(11).fill('83.33'), '83.37']);
    expect(divideYearly('12').map((p) => p.budgetValue)).toEqual(Array(12).fill('1.00'));
    expect(divideYearly('0').map((p) => p.budgetValue)).toEqual(Array(12).fill('0.00'));
    expect(divideYearly('0.05').map((p) => p.budgetValue)).toEqual([...Array(11).fill('0.00'), '0.05']);
  });
});

describe('copyPeriod', () => {
  it('copies the value as written to all 12 periods', () => {
    expect(copyPeriod('42500.0')).toEqual(Array.from({ length: 12 }, (_, i) => ({ accountingPeriod: i + 1, budgetValue: '42500.0' })));
  });
});
