// The FOCUS versions the checker knows (1.0 and 1.2) and what differs between them: the columns, and
// which cross-column rules of the normative text apply.
//
// Decisions on the spec's known inconsistencies (https://github.com/FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec, specification/columns/*.md):
// - 1.2 PricingCurrency and PricingCurrencyEffectiveCost: the constraint tables say "Allows nulls:
//   True", the requirement bullets say "MUST NOT be null". The bullets are normative and the official
//   validator model enforces them, so both are checked as not nullable (as FOCUS_1_2_COLUMNS has them).
// - 1.2 PricingCurrencyListUnitPrice's text names ListUnitPrice by a copy-paste slip: it is checked as
//   a non-negative decimal, like the other unit prices.
// - 1.0 calls ConsumedUnit a Metric, 1.1+ a Dimension: no rule depends on that.
// - 1.0 (and 1.1) allow one SkuPriceId to have several SkuIds "in cases of commitment discount
//   flexibility"; 1.2 dropped the exception. Under 1.0 the SkuPriceId → SkuId rule skips rows that
//   carry a CommitmentDiscountId.
// - Unit ⇔ quantity and RegionName ⇔ RegionId null-pairing is 1.2 text; 1.0 ties PricingUnit to the
//   unit-price group and ConsumedUnit to the Usage rule instead, and leaves RegionName free.
// - 1.0 wants ConsumedQuantity/ConsumedUnit on every Usage row that is not a correction, the Unused part
//   of a commitment included; 1.1 made them null there (ADR 0013). Each version is checked as written.
//
// Where the official validator's 1.2 requirements model (model-1.2.0.1) encodes a sentence differently
// from its text, the text is checked (ADR 0015): InvoiceId nullability depends on whether the charge is
// on an invoice, which no row says, so neither null nor a value is reported (the model asserts both,
// InvoiceId-C-004-C and -C-005-C, unconditionally); CommitmentDiscountStatus is null without a
// CommitmentDiscountId, set on Usage rows with one, and Used or Unused (the model inverts the condition
// of -C-004-C and lists Active/Expired/Pending in -C-005-M); CapacityReservationStatus likewise is null
// without a CapacityReservationId and set on Usage rows with one (the model's -C-003-C/-C-004-C
// conditions are malformed, so the validator applies both to every row).
import { FOCUS_1_0_COLUMNS } from '../columns/focus-1.0-columns.js';
import { FOCUS_1_2_COLUMNS, type FocusColumn } from '../columns/focus-1.2-columns.js';

export type FocusVersion = '1.0' | '1.2';
export const FOCUS_VERSIONS: readonly FocusVersion[] = ['1.0', '1.2'];
export const DEFAULT_FOCUS_VERSION: FocusVersion = '1.2';

export interface FocusVersionRules {
  version: FocusVersion;
  columns: readonly FocusColumn[];
  byName: ReadonlyMap<string, FocusColumn>;
  /** Null on Tax; not null on Usage and Purchase unless Correction. */
  unitPriceGroup: readonly string[];
  /** [a, b]: a is null exactly when b is null. */
  pairedNull: readonly (readonly [string, string])[];
  /** [dependent, id]: the dependent must be null when the id is null. */
  nullWithoutId: readonly (readonly [string, string])[];
  /** The columns the ConsumedQuantity rule (null unless Usage, set on Usage) applies to. */
  consumedColumns: readonly string[];
  /** 1.1+: ConsumedQuantity is also null on rows of an Unused commitment (1.0: set on them, as on every Usage row). */
  unusedCommitmentHasNoConsumption: boolean;
  /** 1.0: one SkuPriceId may have several SkuIds on commitment-discount rows. */
  skuPriceFlexibilityException: boolean;
  /** Unit prices: non-negative decimals. */
  unitPrices: readonly string[];
  /** Columns in ISO 4217 form (PricingCurrency may be a virtual currency from 1.2 on: not here). */
  currencyColumns: readonly string[];
}

const byName = (columns: readonly FocusColumn[]) => new Map(columns.map((c) => [c.name, c]));

const COMMON_NULL_WITHOUT_ID = [
  ['SubAccountName', 'SubAccountId'],
  ['ResourceName', 'ResourceId'],
  ['CommitmentDiscountName', 'CommitmentDiscountId'],
  ['CommitmentDiscountStatus', 'CommitmentDiscountId'],
] as const;

const COMMON_PAIRS = [
  ['ResourceType', 'ResourceId'],
  ['CommitmentDiscountCategory', 'CommitmentDiscountId'],
  ['CommitmentDiscountType', 'CommitmentDiscountId'],
] as const;

const FOCUS_1_0: FocusVersionRules = {
  version: '1.0',
  columns: FOCUS_1_0_COLUMNS,
  byName: byName(FOCUS_1_0_COLUMNS),
  unitPriceGroup: ['ListUnitPrice', 'ContractedUnitPrice', 'PricingQuantity', 'PricingUnit', 'PricingCategory', 'SkuId', 'SkuPriceId'],
  pairedNull: COMMON_PAIRS,
  nullWithoutId: COMMON_NULL_WITHOUT_ID,
  consumedColumns: ['ConsumedQuantity', 'ConsumedUnit'],
  unusedCommitmentHasNoConsumption: false,
  skuPriceFlexibilityException: true,
  unitPrices: ['ListUnitPrice', 'ContractedUnitPrice'],
  currencyColumns: ['BillingCurrency'],
};

const FOCUS_1_2: FocusVersionRules = {
  version: '1.2',
  columns: FOCUS_1_2_COLUMNS,
  byName: byName(FOCUS_1_2_COLUMNS),
  unitPriceGroup: [
    'ListUnitPrice',
    'ContractedUnitPrice',
    'PricingQuantity',
    'PricingCategory',
    'SkuId',
    'SkuPriceId',
    'PricingCurrencyListUnitPrice',
    'PricingCurrencyContractedUnitPrice',
  ],
  pairedNull: [
    ['PricingUnit', 'PricingQuantity'],
    ['ConsumedUnit', 'ConsumedQuantity'],
    ['CommitmentDiscountUnit', 'CommitmentDiscountQuantity'],
    ['RegionName', 'RegionId'],
    ['SubAccountType', 'SubAccountId'],
    ...COMMON_PAIRS,
  ],
  nullWithoutId: [
    ...COMMON_NULL_WITHOUT_ID,
    ['CapacityReservationStatus', 'CapacityReservationId'],
    ['SkuMeter', 'SkuId'],
    ['SkuPriceDetails', 'SkuPriceId'],
  ],
  consumedColumns: ['ConsumedQuantity'],
  unusedCommitmentHasNoConsumption: true,
  skuPriceFlexibilityException: false,
  unitPrices: ['ListUnitPrice', 'ContractedUnitPrice', 'PricingCurrencyListUnitPrice', 'PricingCurrencyContractedUnitPrice'],
  currencyColumns: ['BillingCurrency'],
};

const RULES: Readonly<Record<FocusVersion, FocusVersionRules>> = { '1.0': FOCUS_1_0, '1.2': FOCUS_1_2 };

export function rulesOf(version: FocusVersion): FocusVersionRules {
  return RULES[version];
}
