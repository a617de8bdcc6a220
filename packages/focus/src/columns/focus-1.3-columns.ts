// The FOCUS 1.3 columns of both datasets, Cost and Usage (65) and Contract Commitment (13): names,
// types, feature levels, null rules and allowed values copied from the FOCUS 1.3 specification
// (FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec, specification/datasets/cost_and_usage/dataset.md and
// specification/datasets/contract_commitment/dataset.md @ c67b95bd40e6fb43a57f74a53a615c4d6d3c118f;
// CC BY 4.0, © Joint Development Foundation Projects, LLC, FOCUS Series and contributors; see NOTICE).
//
// Decisions where the specification contradicts itself (as for 1.2, focus-versions.ts):
// - PricingCurrency and PricingCurrencyEffectiveCost: the 1.3 table still says "Allows nulls: True",
//   the requirement text and the requirements model say MUST NOT be null: not nullable here.
// - The Contract Commitment table writes "Numeric" for ContractCommitmentCost/Quantity; the column
//   text says Decimal, which is what is listed.
/** The FOCUS 1.3 column specifications of the Cost and Usage and Contract Commitment datasets. */
import { FOCUS_1_2_COLUMNS, SERVICE_SUBCATEGORY_NAMES, type FocusColumn } from './focus-1.2-columns.js';

export type FocusDataset = 'CostAndUsage' | 'ContractCommitment';

/** How a column's nulls are ruled: never null, null or not depending on other columns, or free. */
export type FocusNullRule = 'never' | 'conditional' | 'allowed';

export interface Focus13Column extends FocusColumn {
  nulls: FocusNullRule;
  /** The FOCUS version that introduced the column (`0.5` … `1.3`). */
  introduced: string;
  /** Deprecated in 1.3 but still Mandatory (ProviderName, PublisherName): kept in every 1.3 export. */
  deprecated?: true;
}

/** ServiceCategory's 19 values and ServiceSubcategory's 82 are unchanged from 1.2. */
const FOCUS_1_3_SERVICE_CATEGORIES: readonly string[] = FOCUS_1_2_COLUMNS.find((c) => c.name === 'ServiceCategory')?.allowedValues ?? [];

/** The 65 Cost and Usage columns of FOCUS 1.3, in the specification's (alphabetical) order. */
export const FOCUS_1_3_COLUMNS: readonly Focus13Column[] = [
  { name: 'AllocatedMethodDetails', type: 'JSON', level: 'Recommended', nullable: true, nulls: 'allowed', allowedValues: null, introduced: '1.3' },
  { name: 'AllocatedMethodId', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.3' },
  { name: 'AllocatedResourceId', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.3' },
  { name: 'AllocatedResourceName', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.3' },
  { name: 'AllocatedTags', type: 'JSON', level: 'Conditional', nullable: true, nulls: 'allowed', allowedValues: null, introduced: '1.3' },
  { name: 'AvailabilityZone', type: 'String', level: 'Recommended', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '0.5' },
  { name: 'BilledCost', type: 'Decimal', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '0.5' },
  { name: 'BillingAccountId', type: 'String', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '0.5' },
  { name: 'BillingAccountName', type: 'String', level: 'Mandatory', nullable: true, nulls: 'allowed', allowedValues: null, introduced: '0.5' },
  { name: 'BillingAccountType', type: 'String', level: 'Conditional', nullable: false, nulls: 'never', allowedValues: null, introduced: '1.2' },
  { name: 'BillingCurrency', type: 'String', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '0.5' },
  { name: 'BillingPeriodEnd', type: 'Date/Time', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '0.5' },
  { name: 'BillingPeriodStart', type: 'Date/Time', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '0.5' },
  { name: 'CapacityReservationId', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.1' },
  { name: 'CapacityReservationStatus', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: ['Used', 'Unused'], introduced: '1.1' },
  { name: 'ChargeCategory', type: 'String', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'], introduced: '0.5' },
  { name: 'ChargeClass', type: 'String', level: 'Mandatory', nullable: true, nulls: 'allowed', allowedValues: ['Correction'], introduced: '1.0' },
  { name: 'ChargeDescription', type: 'String', level: 'Mandatory', nullable: true, nulls: 'allowed', allowedValues: null, introduced: '1.0-preview' },
  { name: 'ChargeFrequency', type: 'String', level: 'Recommended', nullable: false, nulls: 'never', allowedValues: ['One-Time', 'Recurring', 'Usage-Based'], introduced: '1.0-preview' },
  { name: 'ChargePeriodEnd', type: 'Date/Time', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '0.5' },
  { name: 'ChargePeriodStart', type: 'Date/Time', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '0.5' },
  { name: 'CommitmentDiscountCategory', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: ['Spend', 'Usage'], introduced: '1.0-preview' },
  { name: 'CommitmentDiscountId', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.0-preview' },
  { name: 'CommitmentDiscountName', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.0-preview' },
  { name: 'CommitmentDiscountQuantity', type: 'Decimal', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.1' },
  { name: 'CommitmentDiscountStatus', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: ['Used', 'Unused'], introduced: '1.0' },
  { name: 'CommitmentDiscountType', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.0-preview' },
  { name: 'CommitmentDiscountUnit', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.1' },
  { name: 'ConsumedQuantity', type: 'Decimal', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.0' },
  { name: 'ConsumedUnit', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.0' },
  { name: 'ContractApplied', type: 'JSON', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.3' },
  { name: 'ContractedCost', type: 'Decimal', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '1.0' },
  { name: 'ContractedUnitPrice', type: 'Decimal', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.0' },
  { name: 'EffectiveCost', type: 'Decimal', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '1.0-preview' },
  { name: 'HostProviderName', type: 'String', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '1.3' },
  { name: 'InvoiceId', type: 'String', level: 'Recommended', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.2' },
  { name: 'InvoiceIssuerName', type: 'String', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '0.5' },
  { name: 'ListCost', type: 'Decimal', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '1.0-preview' },
  { name: 'ListUnitPrice', type: 'Decimal', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.0-preview' },
  { name: 'PricingCategory', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: ['Standard', 'Dynamic', 'Committed', 'Other'], introduced: '1.0-preview' },
  { name: 'PricingCurrency', type: 'String', level: 'Conditional', nullable: false, nulls: 'never', allowedValues: null, introduced: '1.2' },
  { name: 'PricingCurrencyContractedUnitPrice', type: 'Decimal', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.2' },
  { name: 'PricingCurrencyEffectiveCost', type: 'Decimal', level: 'Conditional', nullable: false, nulls: 'never', allowedValues: null, introduced: '1.2' },
  { name: 'PricingCurrencyListUnitPrice', type: 'Decimal', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.2' },
  { name: 'PricingQuantity', type: 'Decimal', level: 'Mandatory', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.0-preview' },
  { name: 'PricingUnit', type: 'String', level: 'Mandatory', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.0-preview' },
  { name: 'ProviderName', type: 'String', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '0.5', deprecated: true },
  { name: 'PublisherName', type: 'String', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '0.5', deprecated: true },
  { name: 'RegionId', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.0' },
  { name: 'RegionName', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.0' },
  { name: 'ResourceId', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '0.5' },
  { name: 'ResourceName', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '0.5' },
  { name: 'ResourceType', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.0-preview' },
  { name: 'ServiceCategory', type: 'String', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: FOCUS_1_3_SERVICE_CATEGORIES, introduced: '0.5' },
  { name: 'ServiceName', type: 'String', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '0.5' },
  { name: 'ServiceProviderName', type: 'String', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '1.3' },
  { name: 'ServiceSubcategory', type: 'String', level: 'Recommended', nullable: false, nulls: 'never', allowedValues: SERVICE_SUBCATEGORY_NAMES, introduced: '1.1' },
  { name: 'SkuId', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.0-preview' },
  { name: 'SkuMeter', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.1' },
  { name: 'SkuPriceDetails', type: 'JSON', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.1' },
  { name: 'SkuPriceId', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.0-preview' },
  { name: 'SubAccountId', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '0.5' },
  { name: 'SubAccountName', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '0.5' },
  { name: 'SubAccountType', type: 'String', level: 'Conditional', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.2' },
  { name: 'Tags', type: 'JSON', level: 'Conditional', nullable: true, nulls: 'allowed', allowedValues: null, introduced: '1.0-preview' },
];

/** The 13 Contract Commitment columns (a supporting dataset, new in 1.3), in the specification's order. */
export const FOCUS_1_3_CONTRACT_COMMITMENT_COLUMNS: readonly Focus13Column[] = [
  { name: 'BillingCurrency', type: 'String', level: 'Mandatory', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.3' },
  { name: 'ContractCommitmentCategory', type: 'String', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: ['Spend', 'Usage'], introduced: '1.3' },
  { name: 'ContractCommitmentCost', type: 'Decimal', level: 'Mandatory', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.3' },
  { name: 'ContractCommitmentDescription', type: 'String', level: 'Mandatory', nullable: true, nulls: 'allowed', allowedValues: null, introduced: '1.3' },
  { name: 'ContractCommitmentId', type: 'String', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '1.3' },
  { name: 'ContractCommitmentPeriodEnd', type: 'Date/Time', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '1.3' },
  { name: 'ContractCommitmentPeriodStart', type: 'Date/Time', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '1.3' },
  { name: 'ContractCommitmentQuantity', type: 'Decimal', level: 'Mandatory', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.3' },
  { name: 'ContractCommitmentType', type: 'String', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '1.3' },
  { name: 'ContractCommitmentUnit', type: 'String', level: 'Mandatory', nullable: true, nulls: 'conditional', allowedValues: null, introduced: '1.3' },
  { name: 'ContractId', type: 'String', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '1.3' },
  { name: 'ContractPeriodEnd', type: 'Date/Time', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '1.3' },
  { name: 'ContractPeriodStart', type: 'Date/Time', level: 'Mandatory', nullable: false, nulls: 'never', allowedValues: null, introduced: '1.3' },
];
