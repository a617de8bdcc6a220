/** Which subscription fields filter, sort and select may touch, and as which columns or expressions. */
import { type RawBuilder, sql } from 'kysely';
import type { FieldMap } from '../../platform/filter-sql/index.js';
import type { SortKey } from '../../platform/query/index.js';
import { SUBSCRIPTION_RESOURCE_TYPE } from './subscriptions.schemas.js';

/**
 * subscriptionStatus at a moment: the provider's state when it is not STARTED, otherwise ENDED
 * once the term is over and NONE before it begins (ADR 0009). Computed, not stored, so it is
 * right at every instant of the injected clock without a job rewriting rows.
 */
export function statusExpression(now: Date): RawBuilder<string> {
  return sql<string>`(case when provider_status <> 'STARTED' then provider_status
    when end_time <= ${now} then 'ENDED' when start_time > ${now} then 'NONE' else 'STARTED' end)`;
}

export function subscriptionStatusAt(row: { provider_status: string; start_time: Date; end_time: Date }, now: Date): string {
  if (row.provider_status !== 'STARTED') return row.provider_status;
  if (row.end_time.getTime() <= now.getTime()) return 'ENDED';
  if (row.start_time.getTime() > now.getTime()) return 'NONE';
  return 'STARTED';
}

/** The sort column standing for the computed status; the repository orders by the expression. */
export const STATUS_SORT_COLUMN = 'subscription_status';

/** Filterable as the v1 spec lists them (plus tierDescription, quote, po, resellerPo, added in 2025). */
export function subscriptionFilterFields(now: Date): FieldMap {
  return {
    id: { column: 'id', type: 'uuid' },
    type: { column: 'type', type: 'string', expression: sql`${SUBSCRIPTION_RESOURCE_TYPE}::text` },
    subscriptionType: { column: 'subscription_type', type: 'string' },
    subscriptionStatus: { column: STATUS_SORT_COLUMN, type: 'string', expression: statusExpression(now) },
    key: { column: 'key', type: 'string' },
    quantity: { column: 'quantity', type: 'integer' },
    availableQuantity: { column: 'available_quantity', type: 'integer' },
    isEval: { column: 'is_eval', type: 'boolean' },
    sku: { column: 'sku', type: 'string' },
    skuDescription: { column: 'sku_description', type: 'string' },
    contract: { column: 'contract', type: 'string', nullable: true },
    startTime: { column: 'start_time', type: 'timestamp' },
    endTime: { column: 'end_time', type: 'timestamp' },
    productType: { column: 'product_type', type: 'string' },
    tier: { column: 'tier', type: 'string' },
    tierDescription: { column: 'tier_description', type: 'string', nullable: true },
    quote: { column: 'quote', type: 'string', nullable: true },
    po: { column: 'po', type: 'string', nullable: true },
    resellerPo: { column: 'reseller_po', type: 'string', nullable: true },
    createdAt: { column: 'created_at', type: 'timestamp' },
    updatedAt: { column: 'updated_at', type: 'timestamp' },
  };
}

export const subscriptionSortColumns: Readonly<Record<string, string>> = {
  id: 'id',
  subscriptionType: 'subscription_type',
  subscriptionStatus: STATUS_SORT_COLUMN,
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  key: 'key',
  quantity: 'quantity',
  availableQuantity: 'available_quantity',
  isEval: 'is_eval',
  sku: 'sku',
  skuDescription: 'sku_description',
  contract: 'contract',
  startTime: 'start_time',
  endTime: 'end_time',
  productType: 'product_type',
  tier: 'tier',
  tierDescription: 'tier_description',
  quote: 'quote',
  po: 'po',
  resellerPo: 'reseller_po',
};

/** Newest first is not documented; the order keys were added in is what a console shows, so oldest first by key. */
export const defaultSubscriptionSort: readonly SortKey[] = [
  { column: 'created_at', direction: 'asc' },
  { column: 'key', direction: 'asc' },
];

export const subscriptionSelectFields = [
  'id', 'type', 'subscriptionType', 'subscriptionStatus', 'createdAt', 'updatedAt', 'key', 'quantity', 'availableQuantity',
  'isEval', 'sku', 'skuDescription', 'contract', 'startTime', 'endTime', 'tags', 'productType', 'tier', 'tierDescription',
  'quote', 'po', 'resellerPo',
] as const;

/** v1alpha1 names its fields differently (the legacy schema); the same columns underneath. */
export const legacyFilterFields: FieldMap = {
  id: { column: 'id', type: 'uuid' },
  key: { column: 'key', type: 'string' },
  aasType: { column: 'aas_type', type: 'string', expression: sql`'IAAS'::text` },
  'appointment/subscriptionStart': { column: 'start_time', type: 'timestamp' },
  'appointment/subscriptionEnd': { column: 'end_time', type: 'timestamp' },
  contract: { column: 'contract', type: 'string', nullable: true },
  endUserName: { column: 'end_user_name', type: 'string', nullable: true },
  evaluationType: {
    column: 'evaluation_type',
    type: 'string',
    expression: sql`(case when is_eval then 'EVAL' else 'NONE' end)`,
  },
  orderClass: { column: 'order_class', type: 'string', nullable: true },
  po: { column: 'po', type: 'string', nullable: true },
  productDescription: { column: 'sku_description', type: 'string' },
  productSku: { column: 'sku', type: 'string' },
  quantity: { column: 'quantity', type: 'integer' },
  quote: { column: 'quote', type: 'string', nullable: true },
};

export const legacySortColumns: Readonly<Record<string, string>> = {
  id: 'id',
  key: 'key',
  contract: 'contract',
  endUserName: 'end_user_name',
  orderClass: 'order_class',
  po: 'po',
  productDescription: 'sku_description',
  productSku: 'sku',
  quantity: 'quantity',
  quote: 'quote',
  'appointment/subscriptionStart': 'start_time',
  'appointment/subscriptionEnd': 'end_time',
};

export const legacySelectFields = [
  'id', 'key', 'aasType', 'appointment', 'contract', 'endUserName', 'evaluationType', 'orderClass', 'po',
  'productDescription', 'productSku', 'quantity', 'quote',
] as const;
