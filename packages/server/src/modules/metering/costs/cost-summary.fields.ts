/** The dimensions cost-summary may group and filter by (FOCUS names) and the `cost_rollups_daily` column holding each. */
import type { FieldMap } from '../../../platform/filter-sql/index.js';
import type { CostRollupsDailyTable } from '../../../storage/database.js';

/** The longest tag key `groupByTag` takes: the longest a resource's tag key may be. */
export { MAX_TAG_KEY_LENGTH } from '../catalog/resources.schemas.js';

export type RollupColumn = keyof CostRollupsDailyTable & string;

/** In the order an item carries them; BillingCurrency last, as every item has it. */
export const SUMMARY_GROUP_COLUMNS = {
  ServiceName: 'service_name',
  ServiceCategory: 'service_category',
  BillingAccountId: 'billing_account_id',
  SubAccountId: 'sub_account_id',
  RegionId: 'region_id',
  ResourceType: 'resource_type',
  SkuId: 'sku_id',
  ChargeCategory: 'charge_category',
  BillingCurrency: 'billing_currency',
} as const satisfies Record<string, RollupColumn>;

export type SummaryGroupField = keyof typeof SUMMARY_GROUP_COLUMNS;

export const SUMMARY_GROUP_FIELDS = Object.keys(SUMMARY_GROUP_COLUMNS) as SummaryGroupField[];

export const MAX_GROUP_FIELDS = 5;

/** The dimensions the rollups may leave null (FOCUS lets a record have no sub account, region, resource type or SKU). */
const NULLABLE_COLUMNS = new Set<RollupColumn>(['sub_account_id', 'region_id', 'resource_type', 'sku_id']);

/** What `filter` may name: every dimension, as text (`ServiceName eq 'Compute' and RegionId in ('us-east-1','us-west-2')`). */
export const SUMMARY_FILTER_FIELDS: FieldMap = Object.fromEntries(
  Object.entries(SUMMARY_GROUP_COLUMNS).map(([name, column]) => [name, { column, type: 'string', nullable: NULLABLE_COLUMNS.has(column) }]),
);

/** The summed measures: FOCUS name → rollup column. */
export const SUMMARY_MEASURES = {
  ListCost: 'list_cost',
  ContractedCost: 'contracted_cost',
  EffectiveCost: 'effective_cost',
  BilledCost: 'billed_cost',
  ConsumedQuantity: 'consumed_quantity',
  PricingQuantity: 'pricing_quantity',
} as const satisfies Record<string, RollupColumn>;

export type SummaryMeasure = keyof typeof SUMMARY_MEASURES;

export const GRANULARITIES = ['DAY', 'MONTH'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

/** Two leap years of days (2 × 366): any two consecutive years by day, for year-over-year charts. */
export const MAX_DAY_RANGE_DAYS = 732;

/** The most tag keys cost-tag-keys lists (the first, in key order). */
export const MAX_TAG_KEYS = 1000;
