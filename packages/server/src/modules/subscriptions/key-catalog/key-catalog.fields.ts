/** What the key catalog's list may filter and sort on, and as which columns or expressions. */
import { sql } from 'kysely';
import type { FieldMap } from '../../../platform/filter-sql/index.js';
import type { ListSpec } from '../../../platform/query/index.js';

const staticFilterFields: FieldMap = {
  key: { column: 'k.key', type: 'string' },
  sku: { column: 'k.sku', type: 'string' },
  skuDescription: { column: 'k.sku_description', type: 'string' },
  subscriptionType: { column: 'k.subscription_type', type: 'string' },
  tier: { column: 'k.tier', type: 'string' },
  tierDescription: { column: 'k.tier_description', type: 'string', nullable: true },
  productType: { column: 'k.product_type', type: 'string' },
  quantity: { column: 'k.quantity', type: 'integer' },
  isEval: { column: 'k.is_eval', type: 'boolean' },
  startTime: { column: 'k.start_time', type: 'timestamp' },
  endTime: { column: 'k.end_time', type: 'timestamp' },
  status: { column: 'k.provider_status', type: 'string' },
  contract: { column: 'k.contract', type: 'string', nullable: true },
  quote: { column: 'k.quote', type: 'string', nullable: true },
  po: { column: 'k.po', type: 'string', nullable: true },
  resellerPo: { column: 'k.reseller_po', type: 'string', nullable: true },
  endUserName: { column: 'k.end_user_name', type: 'string', nullable: true },
  orderClass: { column: 'k.order_class', type: 'string', nullable: true },
  createdAt: { column: 'k.created_at', type: 'timestamp' },
  // A subscription holds the key: the left-joined row exists.
  claimed: { column: 's.key', type: 'boolean', expression: sql`(s.key is not null)` },
  claimedBy: { column: 's.workspace_id', type: 'string', nullable: true },
};

const sortColumns: Readonly<Record<string, string>> = {
  key: 'k.key',
  sku: 'k.sku',
  skuDescription: 'k.sku_description',
  subscriptionType: 'k.subscription_type',
  tier: 'k.tier',
  productType: 'k.product_type',
  quantity: 'k.quantity',
  isEval: 'k.is_eval',
  startTime: 'k.start_time',
  endTime: 'k.end_time',
  status: 'k.provider_status',
  contract: 'k.contract',
  claimedBy: 's.workspace_id',
  createdAt: 'k.created_at',
};

/**
 * What a workspace's add would accept now (the checks of the add operation, in SQL): nobody holds
 * the key, its term has not ended and the provider has started it. `now` is the server's clock,
 * so a client never has to guess it.
 */
function claimableExpression(now: Date) {
  return sql<boolean>`(s.key is null and k.end_time > ${now} and k.provider_status = 'STARTED')`;
}

export const catalogList = (now: Date): ListSpec => ({
  filterFields: { ...staticFilterFields, claimable: { column: 'k.key', type: 'boolean', expression: claimableExpression(now) } },
  sortColumns,
  defaultSort: [{ column: 'k.key', direction: 'asc' }],
  selectFields: [],
  defaultLimit: 100,
});
