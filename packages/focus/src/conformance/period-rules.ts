/** A period starts before it ends: BillingPeriodStart < BillingPeriodEnd, ChargePeriodStart < ChargePeriodEnd (ends are exclusive). */
import { parseFocusDateTime } from './date-time-format.js';
import type { RowRule } from './row-rule.js';

function periodOrder(start: string, end: string, rule: 'billing-period-order' | 'charge-period-order'): RowRule {
  return (row, report) => {
    const s = row.valid(start);
    const e = row.valid(end);
    if (s === null || e === null) return;
    if (parseFocusDateTime(s)! < parseFocusDateTime(e)!) return;
    report(end, rule, `${end} ${e} must be after ${start} ${s} (the start is inclusive, the end exclusive)`);
  };
}

export function periodRules(): RowRule[] {
  return [periodOrder('BillingPeriodStart', 'BillingPeriodEnd', 'billing-period-order'), periodOrder('ChargePeriodStart', 'ChargePeriodEnd', 'charge-period-order')];
}
