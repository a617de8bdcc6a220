/** Which of Consumo's hand-written checks still run beside the requirements model: those the model does not cover. */
// The requirements model covers column presence, nullability, the Numeric/Date-Time/Currency/Key-Value
// formats, allowed values, non-negative unit prices and the null pairings of columns (every bundled
// model encodes these, Consumo's and the official one). The hand-written checks below are not in the
// model Consumo ships (or not checkable from it); the SkuPriceId → SkuId rule is the model's (CheckDistinctCount), so they stay, reported with source "consumo":
//   unknown-column, duplicate-column        ColumnHandling is Dynamic in the model; Consumo checks names.
//   csv-syntax, row-length                  the file itself, before any rule.
//   literal-null                            NullHandling placeholders ("NULL") need the text, not a value.
//   sku-price-details-key                   SkuPriceDetails keys (JSON path functions not implemented).
//   the cross-column and dataset rules      charges, costs, commitment statuses, periods and categories:
//                                           Consumo's reading of the text (ADR 0015), with tolerances.
import type { RuleId } from '../conformance/violation.js';

/** Hand-written rules the model replaces (not run when the model is). */
export const MODEL_COVERED_RULES: ReadonlySet<RuleId> = new Set<RuleId>([
  'column-presence',
  'nullability',
  'numeric-format',
  'non-negative',
  'date-format',
  'key-value-format',
  'currency-format',
  'allowed-values',
  'paired-null',
  'null-without-id',
  'sku-price-id-consistency',
]);

/** Hand-written rules that run beside the model, each reported as source "consumo". */
export const CONSUMO_ONLY_RULES: readonly RuleId[] = [
  'unknown-column',
  'duplicate-column',
  'csv-syntax',
  'row-length',
  'literal-null',
  'sku-price-details-key',
  'commitment-discount-status',
  'capacity-reservation-status',
  'unit-price-group',
  'consumed-quantity',
  'commitment-discount-quantity',
  'list-cost',
  'contracted-cost',
  'charge-frequency',
  'service-subcategory-parent',
  'billing-period-order',
  'charge-period-order',
  'service-category-consistency',
];

/** What each of them checks, for the report. */
export const CONSUMO_RULE_TEXT: Readonly<Partial<Record<RuleId, string>>> = {
  'unknown-column': 'Columns that are not FOCUS columns start with x_.',
  'duplicate-column': 'No column appears twice.',
  'csv-syntax': 'The CSV is well formed.',
  'row-length': 'Every row has as many cells as the header.',
  'literal-null': 'A null is a null, not the text NULL or an empty string.',
  'sku-price-details-key': 'SkuPriceDetails uses the FOCUS-defined keys as the spec says, custom keys start with x_.',
  'commitment-discount-status': 'CommitmentDiscountStatus is null without a CommitmentDiscountId and set on its Usage rows (ADR 0015).',
  'capacity-reservation-status': 'CapacityReservationStatus is null without a CapacityReservationId and set on its Usage rows (ADR 0015).',
  'unit-price-group': 'Unit prices, pricing quantity and SKU columns are null on Tax rows and set on Usage and Purchase rows.',
  'consumed-quantity': 'ConsumedQuantity is set on Usage rows and null otherwise.',
  'commitment-discount-quantity': 'CommitmentDiscountQuantity follows its charge category.',
  'list-cost': 'ListCost = ListUnitPrice × PricingQuantity (within the cost tolerance).',
  'contracted-cost': 'ContractedCost = ContractedUnitPrice × PricingQuantity (within the cost tolerance).',
  'charge-frequency': 'ChargeFrequency is not Usage-Based on Purchase rows.',
  'service-subcategory-parent': 'ServiceSubcategory belongs to its ServiceCategory.',
  'billing-period-order': 'BillingPeriodStart is before BillingPeriodEnd.',
  'charge-period-order': 'ChargePeriodStart is before ChargePeriodEnd.',
  'service-category-consistency': 'One ServiceName has one ServiceCategory.',
};
