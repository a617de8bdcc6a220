/** What the key catalog's list may filter and sort on, and as which columns or expressions. */
import { sql } from 'kysely';
import { type ListSpec, listSpec, withFieldExpression } from '../../../platform/query/index.js';

/**
 * What a workspace's add would accept now (the checks of the add operation, in SQL): nobody holds
 * the key, its term has not ended and the provider has started it. `now` is the server's clock,
 * so a client never has to guess it.
 */
export function claimableExpression(now: Date) {
  return sql<boolean>`(s.key is null and k.end_time > ${now} and k.provider_status = 'STARTED')`;
}

/** In the order an item carries them (claimed is filterable only); the list has no select. */
const catalogTable = listSpec(
  {
    key: { column: 'k.key', type: 'string' },
    sku: { column: 'k.sku', type: 'string' },
    skuDescription: { column: 'k.sku_description', type: 'string' },
    subscriptionType: { column: 'k.subscription_type', type: 'string' },
    tier: { column: 'k.tier', type: 'string' },
    tierDescription: { column: 'k.tier_description', type: 'string', nullable: true, sort: false },
    productType: { column: 'k.product_type', type: 'string' },
    quantity: { column: 'k.quantity', type: 'integer' },
    isEval: { column: 'k.is_eval', type: 'boolean' },
    startTime: { column: 'k.start_time', type: 'timestamp' },
    endTime: { column: 'k.end_time', type: 'timestamp' },
    status: { column: 'k.provider_status', type: 'string' },
    contract: { column: 'k.contract', type: 'string', nullable: true },
    quote: { column: 'k.quote', type: 'string', nullable: true, sort: false },
    po: { column: 'k.po', type: 'string', nullable: true, sort: false },
    resellerPo: { column: 'k.reseller_po', type: 'string', nullable: true, sort: false },
    endUserName: { column: 'k.end_user_name', type: 'string', nullable: true, sort: false },
    orderClass: { column: 'k.order_class', type: 'string', nullable: true, sort: false },
    // A subscription holds the key: the left-joined row exists.
    claimed: { column: 's.key', type: 'boolean', expression: sql`(s.key is not null)`, sort: false },
    claimedBy: { column: 's.workspace_id', type: 'string', nullable: true },
    // Read through claimableExpression(now): catalogList gives it per request.
    claimable: { column: 'k.key', type: 'boolean', sort: false },
    createdAt: { column: 'k.created_at', type: 'timestamp' },
  },
  { defaultSort: ['key'], defaultLimit: 100, select: false },
);

/** The catalog's list at `now`. */
export function catalogList(now: Date): ListSpec {
  return withFieldExpression(catalogTable, 'claimable', claimableExpression(now));
}
