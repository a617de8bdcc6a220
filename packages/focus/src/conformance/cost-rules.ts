/** ListCost = ListUnitPrice × PricingQuantity and ContractedCost = ContractedUnitPrice × PricingQuantity, in decimals. */
// ListCost = ListUnitPrice × PricingQuantity and ContractedCost = ContractedUnitPrice × PricingQuantity
// (§6 arithmetic), on every row that is not a Correction and has both factors, in decimal arithmetic.
//
// Tolerance: |cost − price × quantity| ≤ max(1e-6 × |price × quantity|, 1e-6). The relative part
// admits costs computed from more digits than the file writes (large amounts); the absolute floor, a
// millionth of the currency unit, admits tiny costs rounded to 6 or more decimals (providers write
// 8–11; Consumo rounds to 8). Not 0.01: a cent floor would pass most unit errors on small rows (in the
// official 1.0 sample it hides costs 10,000 times their price × quantity), and FOCUS asks for the
// product, not for an invoice rounded to cents.
import { Decimal } from 'decimal.js';
import type { RowRule } from './row-rule.js';

/** 80 significant digits: a product of two written decimals is exact, so only the tolerance decides. */
const Exact = Decimal.clone({ precision: 80 });

export interface CostTolerance {
  /** Allowed difference as a fraction of |price × quantity|. */
  relative: string;
  /** Allowed difference in the billing currency, whatever the amount. */
  absolute: string;
}

export const DEFAULT_COST_TOLERANCE: CostTolerance = { relative: '1e-6', absolute: '1e-6' };

function productRule(cost: string, price: string, rule: 'list-cost' | 'contracted-cost', tolerance: CostTolerance): RowRule {
  const relative = new Exact(tolerance.relative);
  const absolute = new Exact(tolerance.absolute);
  return (row, report) => {
    const c = row.valid(cost);
    const p = row.valid(price);
    const q = row.valid('PricingQuantity');
    if (c === null || p === null || q === null || row.isCorrection()) return;
    const expected = new Exact(p).times(q);
    const difference = new Exact(c).minus(expected).abs();
    const allowed = Exact.max(expected.abs().times(relative), absolute);
    if (difference.lte(allowed)) return;
    report(cost, rule, `${cost} ${c} ≠ ${price} ${p} × PricingQuantity ${q} = ${expected.toFixed()} (off by ${difference.toFixed()}, more than ${allowed.toFixed()})`);
  };
}

export function costRules(tolerance: CostTolerance = DEFAULT_COST_TOLERANCE): RowRule[] {
  return [productRule('ListCost', 'ListUnitPrice', 'list-cost', tolerance), productRule('ContractedCost', 'ContractedUnitPrice', 'contracted-cost', tolerance)];
}
