/** Rules keyed on the kind of charge: the unit-price group, ConsumedQuantity, CommitmentDiscountQuantity, ChargeFrequency. */
// Rules keyed on the kind of charge (§6): the unit-price/SKU group by ChargeCategory, ConsumedQuantity
// only on Usage (and, from 1.1, not on Unused commitment rows), CommitmentDiscountQuantity on Usage
// and Purchase rows of a commitment, and no Usage-Based ChargeFrequency on a Purchase.
import type { FocusVersionRules } from './focus-versions.js';
import { type RowRule, chargeCategoryOf } from './row-rule.js';

function unitPriceGroup(columns: readonly string[]): RowRule {
  return (row, report) => {
    const category = chargeCategoryOf(row);
    if (category === 'Tax') {
      for (const c of columns) if (row.isSet(c)) report(c, 'unit-price-group', `${c} must be null on Tax rows`);
    } else if ((category === 'Usage' || category === 'Purchase') && !row.isCorrection()) {
      for (const c of columns) if (row.isNull(c)) report(c, 'unit-price-group', `${c} must not be null on ${category} rows (unless ChargeClass is Correction)`);
    }
  };
}

/**
 * 1.1+: "ConsumedQuantity MUST be null when ChargeCategory is not "Usage", or when ChargeCategory is
 * "Usage" and CommitmentDiscountStatus is "Unused"", else not null unless Correction. 1.0: "MUST NOT
 * be null if ChargeCategory is "Usage" and ChargeClass is not "Correction"" — Unused rows included
 * (the exception came with 1.1; ADR 0013, "Unused commitment rows in the two profiles").
 */
function consumedQuantity(columns: readonly string[], unusedHasNone: boolean): RowRule {
  return (row, report) => {
    const category = chargeCategoryOf(row);
    if (category === null) return;
    const unusedRow = row.valid('CommitmentDiscountStatus') === 'Unused';
    for (const c of columns) {
      if (category !== 'Usage') {
        if (row.isSet(c)) report(c, 'consumed-quantity', `${c} must be null when ChargeCategory is ${category}`);
      } else if (unusedHasNone && unusedRow) {
        if (row.isSet(c)) report(c, 'consumed-quantity', `${c} must be null on the Unused part of a commitment (CommitmentDiscountStatus Unused)`);
      } else if (row.isNull(c) && !row.isCorrection()) {
        const why = unusedRow ? '; FOCUS 1.0 has no exception for the Unused part of a commitment (1.1 added it)' : '';
        report(c, 'consumed-quantity', `${c} must not be null on Usage rows (unless ChargeClass is Correction)${why}`);
      }
    }
  };
}

/** 1.1+: set on Usage/Purchase rows of a commitment discount (corrections may leave it null), null on every other row. */
const commitmentDiscountQuantity: RowRule = (row, report) => {
  const c = 'CommitmentDiscountQuantity';
  const category = chargeCategoryOf(row);
  if (!row.has(c) || category === null) return;
  const ofCommitment = (category === 'Usage' || category === 'Purchase') && row.isSet('CommitmentDiscountId');
  if (!ofCommitment) {
    if (row.isSet(c)) report(c, 'commitment-discount-quantity', `${c} must be null unless the row is a Usage or Purchase of a commitment discount (CommitmentDiscountId set)`);
  } else if (row.isNull(c) && !row.isCorrection()) {
    report(c, 'commitment-discount-quantity', `${c} must not be null on ${category} rows with a CommitmentDiscountId`);
  }
};

const chargeFrequency: RowRule = (row, report) => {
  if (chargeCategoryOf(row) === 'Purchase' && row.valid('ChargeFrequency') === 'Usage-Based') {
    report('ChargeFrequency', 'charge-frequency', 'ChargeFrequency must not be Usage-Based when ChargeCategory is Purchase');
  }
};

export function chargeRules(rules: FocusVersionRules): RowRule[] {
  const list = [unitPriceGroup(rules.unitPriceGroup), consumedQuantity(rules.consumedColumns, rules.unusedCommitmentHasNoConsumption), chargeFrequency];
  if (rules.byName.has('CommitmentDiscountQuantity')) list.push(commitmentDiscountQuantity);
  return list;
}
