/**
 * How a cost record's FOCUS columns are stored: FOCUS name → SQL column of `cost_records`, the
 * filter type it reads as and the SQL type it is stored as. Every FOCUS 1.2 column has one, plus
 * Consumo's own `x_` columns. Migrations keep their own frozen copy: this list is the live one.
 */
import { FOCUS_1_2_COLUMNS } from '@consumo/focus';
import type { FieldType } from '../../platform/filter-sql/index.js';

export interface CostRecordColumn {
  /** The FOCUS (or `x_`) column name. */
  name: string;
  /** The SQL column of `cost_records`. */
  column: string;
  type: Extract<FieldType, 'string' | 'decimal' | 'timestamp' | 'uuid'> | 'json';
  nullable: boolean;
}

/** PascalCase FOCUS name → snake_case SQL column (`BillingAccountId` → `billing_account_id`). */
export function sqlColumnOf(focusName: string): string {
  return focusName.replace(/(?<!^)(?=[A-Z])/g, '_').toLowerCase();
}

/** The SQL type each column type is stored (and bulk-inserted) as. */
export const SQL_TYPE_OF = {
  string: 'text', decimal: 'numeric', timestamp: 'timestamptz', json: 'jsonb', uuid: 'uuid',
} as const satisfies Record<CostRecordColumn['type'], string>;

const typeOf = { String: 'string', Decimal: 'decimal', 'Date/Time': 'timestamp', JSON: 'json' } as const;

/** Consumo's own columns, named as FOCUS asks of custom columns (`x_` prefix, after the FOCUS ones). */
export const CONSUMO_COLUMNS: readonly CostRecordColumn[] = [
  { name: 'x_MeterId', column: 'x_meter_id', type: 'string', nullable: false },
  { name: 'x_RatingStatus', column: 'x_rating_status', type: 'string', nullable: false },
  { name: 'x_PriceEffectiveFrom', column: 'x_price_effective_from', type: 'timestamp', nullable: true },
  { name: 'x_RatedAt', column: 'x_rated_at', type: 'timestamp', nullable: false },
  { name: 'x_RatingRunId', column: 'x_rating_run_id', type: 'uuid', nullable: true },
];

export const COST_RECORD_COLUMNS: readonly CostRecordColumn[] = [
  ...FOCUS_1_2_COLUMNS.map((c) => ({
    name: c.name,
    column: sqlColumnOf(c.name),
    type: typeOf[c.type],
    // Unknown prices are stored as null (the rule), so cost columns may be null here even where FOCUS says not.
    nullable: true,
  })),
  ...CONSUMO_COLUMNS,
];

export const COST_RECORD_COLUMN_BY_NAME: ReadonlyMap<string, CostRecordColumn> = new Map(COST_RECORD_COLUMNS.map((c) => [c.name, c]));

/**
 * Where rating takes each cost-record column from (modules/metering/rating/price-usage.ts), for
 * docs/focus.md: a catalog field (billing account, resource, meter, price version, contracted price,
 * commitment), a constant, or a computation. A column without an entry is never written by rating
 * (left null).
 */
export const COST_RECORD_ORIGIN: Readonly<Record<string, string>> = {
  AvailabilityZone: 'catalog: resource `availabilityZone`',
  BilledCost: 'computed: ContractedUnitPrice × PricingQuantity (decimal, per line)',
  BillingAccountId: 'catalog: billing account `id`',
  BillingAccountName: 'catalog: billing account `name`',
  BillingAccountType: 'constant `Billing Account`',
  BillingCurrency: 'catalog: billing account `currency`',
  BillingPeriodEnd: 'catalog: billing account calendar (platform/calendar), end of the period holding the day',
  BillingPeriodStart: 'catalog: billing account calendar (platform/calendar), start of the period holding the day',
  ChargeCategory: 'constant `Usage`',
  ChargeDescription: 'catalog: price version `chargeDescription`, else `<list unit price> <pricing unit> <resource>`',
  ChargeFrequency: 'constant `Usage-Based`',
  ChargePeriodEnd: 'the rated day’s end (UTC)',
  ChargePeriodStart: 'the rated day’s start (UTC)',
  CommitmentDiscountCategory: 'constant `Usage` on rows under a commitment',
  CommitmentDiscountId: 'catalog: commitment `id`',
  CommitmentDiscountName: 'catalog: commitment `id`',
  CommitmentDiscountQuantity: 'computed: quantity consumed under the commitment (Used) or its shortfall to max(committedQuantity, minimumQuantity) (Unused)',
  CommitmentDiscountStatus: '`Used` / `Unused` (rating)',
  CommitmentDiscountType: 'constant `Committed Capacity`',
  CommitmentDiscountUnit: 'catalog: meter `consumedUnit`',
  ConsumedQuantity: 'usage events (sum per resource, meter and day; the band’s slice for banded prices)',
  ConsumedUnit: 'catalog: meter `consumedUnit`',
  ContractedCost: 'computed: ContractedUnitPrice × PricingQuantity',
  ContractedUnitPrice: 'catalog: contracted price, else the price version’s (band’s) list unit price',
  EffectiveCost: 'computed: equal to ContractedCost',
  InvoiceIssuerName: 'catalog: price version `invoiceIssuerName`',
  ListCost: 'computed: ListUnitPrice × PricingQuantity',
  ListUnitPrice: 'catalog: price version `listUnitPrice` (or the band’s unit price)',
  PricingCategory: 'constant `Standard`, `Committed` under a commitment',
  PricingCurrency: 'catalog: price version `currency`',
  PricingCurrencyContractedUnitPrice: 'as ContractedUnitPrice',
  PricingCurrencyEffectiveCost: 'as EffectiveCost',
  PricingCurrencyListUnitPrice: 'as ListUnitPrice',
  PricingQuantity: 'computed: ConsumedQuantity ÷ price version `pricingQuantityDivisor`',
  PricingUnit: 'catalog: price version `pricingUnit`',
  ProviderName: 'catalog: price version `providerName`',
  PublisherName: 'catalog: price version `publisherName`',
  RegionId: 'catalog: resource `regionId`',
  RegionName: 'catalog: resource `regionName`',
  ResourceId: 'catalog: resource `id` (the commitment id on an Unused row without usage)',
  ResourceName: 'catalog: resource `name`',
  ResourceType: 'catalog: resource `resourceType`',
  ServiceCategory: 'catalog: resource `serviceCategory`',
  ServiceName: 'catalog: resource `serviceName`',
  ServiceSubcategory: 'catalog: resource `serviceSubcategory`',
  SkuId: 'catalog: price version `skuId`',
  SkuMeter: 'catalog: meter `id`',
  SkuPriceId: 'computed: price version id (and band) (cost-record-key.ts)',
  SubAccountId: 'catalog: resource `subAccountId`',
  SubAccountName: 'catalog: resource `subAccountName`',
  SubAccountType: 'constant `Sub Account` when the resource has a sub account',
  Tags: 'catalog: resource `tags`',
  x_MeterId: 'catalog: meter `id`',
  x_RatingStatus: 'rating: `RATED`, or why the line could not be priced',
  x_PriceEffectiveFrom: 'catalog: price version `effectiveFrom`',
  x_RatedAt: 'rating: when the line was rated',
  x_RatingRunId: 'rating: the rating run that wrote the line',
};
