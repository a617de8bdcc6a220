/** Columns that are null together: units and quantities, names and ids, statuses and their ids. */
// Columns null together (§6 "paired columns"): a unit and its quantity, a name and its id, the
// commitment-discount and capacity-reservation columns and their ids.
//
// As the FOCUS 1.2 text says it, which is not always how the official validator's model encodes it
// (ADR 0015): "CommitmentDiscountStatus MUST be null when CommitmentDiscountId is null" and "MUST NOT be
// null when CommitmentDiscountId is not null and ChargeCategory is "Usage"" (model rules
// CommitmentDiscountStatus-C-003-C and -C-004-C, the latter's condition inverted in model-1.2.0.1); the
// same two for CapacityReservationStatus (-C-003-C and -C-004-C, conditions the validator cannot read,
// so it applies them to every row). Allowed values are the cell rules' (Used, Unused).
import type { FocusVersionRules } from './focus-versions.js';
import { type RowRule, chargeCategoryOf } from './row-rule.js';

function pairedNull(a: string, b: string): RowRule {
  return (row, report) => {
    if (!row.has(a) || !row.has(b)) return;
    const aNull = row.isNull(a);
    if (aNull === row.isNull(b)) return;
    report(a, 'paired-null', aNull ? `${a} must not be null when ${b} is set` : `${a} must be null when ${b} is null`);
  };
}

function nullWithoutId(dependent: string, id: string): RowRule {
  return (row, report) => {
    if (row.has(dependent) && row.has(id) && row.isNull(id) && row.isSet(dependent)) {
      report(dependent, 'null-without-id', `${dependent} must be null when ${id} is null`);
    }
  };
}

/** The status column must be set on Usage rows that carry the id (e.g. CommitmentDiscountStatus). */
function statusOnUsage(status: string, id: string, rule: 'commitment-discount-status' | 'capacity-reservation-status'): RowRule {
  return (row, report) => {
    if (row.has(status) && row.isSet(id) && chargeCategoryOf(row) === 'Usage' && row.isNull(status)) {
      report(status, rule, `${status} must be set on Usage rows with a ${id}`);
    }
  };
}

export function pairingRules(rules: FocusVersionRules): RowRule[] {
  const list: RowRule[] = [
    ...rules.pairedNull.map(([a, b]) => pairedNull(a, b)),
    ...rules.nullWithoutId.map(([dependent, id]) => nullWithoutId(dependent, id)),
    statusOnUsage('CommitmentDiscountStatus', 'CommitmentDiscountId', 'commitment-discount-status'),
  ];
  if (rules.byName.has('CapacityReservationStatus')) {
    list.push(statusOnUsage('CapacityReservationStatus', 'CapacityReservationId', 'capacity-reservation-status'));
  }
  return list;
}
