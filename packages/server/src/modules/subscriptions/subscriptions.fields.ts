/** Which subscription fields filter, sort and select may touch, and as which columns or expressions. */
import { type RawBuilder, sql } from 'kysely';
import { type ListFields, type ListSpec, listSpec, selectOnly, withFieldExpression } from '../../platform/query/index.js';
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

/**
 * The v1 item's fields, in its order. Filterable: the fields the v1 spec lists (plus tierDescription,
 * quote, po, resellerPo, added in 2025) and type. subscriptionStatus reads the clock, so
 * subscriptionList gives it its expression; its sort column is the one the repository orders by it.
 */
const v1Fields = {
  id: { column: 'id', type: 'uuid' },
  type: { column: 'type', type: 'string', expression: sql`${SUBSCRIPTION_RESOURCE_TYPE}::text`, sort: false },
  subscriptionType: { column: 'subscription_type', type: 'string' },
  subscriptionStatus: { column: STATUS_SORT_COLUMN, type: 'string' },
  createdAt: { column: 'created_at', type: 'timestamp' },
  updatedAt: { column: 'updated_at', type: 'timestamp' },
  key: { column: 'key', type: 'string' },
  quantity: { column: 'quantity', type: 'integer' },
  availableQuantity: { column: 'available_quantity', type: 'integer' },
  isEval: { column: 'is_eval', type: 'boolean' },
  sku: { column: 'sku', type: 'string' },
  skuDescription: { column: 'sku_description', type: 'string' },
  contract: { column: 'contract', type: 'string', nullable: true },
  startTime: { column: 'start_time', type: 'timestamp' },
  endTime: { column: 'end_time', type: 'timestamp' },
  tags: selectOnly,
  productType: { column: 'product_type', type: 'string' },
  tier: { column: 'tier', type: 'string' },
  tierDescription: { column: 'tier_description', type: 'string', nullable: true },
  quote: { column: 'quote', type: 'string', nullable: true },
  po: { column: 'po', type: 'string', nullable: true },
  resellerPo: { column: 'reseller_po', type: 'string', nullable: true },
} satisfies ListFields;

/**
 * The v1 list at `now`. Its default sort: newest first is not documented; the order keys were added
 * in is what a console shows, so oldest first by key.
 */
const v1List = listSpec(v1Fields, { defaultSort: ['createdAt', 'key'], defaultLimit: 50 });

export function subscriptionList(now: Date): ListSpec {
  return withFieldExpression(v1List, 'subscriptionStatus', statusExpression(now));
}

/** v1alpha1 names its fields differently (the legacy schema): the same columns underneath, and some of its own. */
export const legacySubscriptionList = listSpec(
  {
    id: v1Fields.id,
    key: v1Fields.key,
    aasType: { column: 'aas_type', type: 'string', expression: sql`'IAAS'::text`, sort: false },
    appointment: selectOnly,
    'appointment/subscriptionStart': { ...v1Fields.startTime, select: false },
    'appointment/subscriptionEnd': { ...v1Fields.endTime, select: false },
    contract: v1Fields.contract,
    endUserName: { column: 'end_user_name', type: 'string', nullable: true },
    evaluationType: {
      column: 'evaluation_type',
      type: 'string',
      expression: sql`(case when is_eval then 'EVAL' else 'NONE' end)`,
      sort: false,
    },
    orderClass: { column: 'order_class', type: 'string', nullable: true },
    po: v1Fields.po,
    productDescription: v1Fields.skuDescription,
    productSku: v1Fields.sku,
    quantity: v1Fields.quantity,
    quote: v1Fields.quote,
  },
  { defaultSort: ['key'], defaultLimit: 2000 },
);
