/** Typed queries over the provider's key catalog; a key's claim is read from the subscription that holds it. */
import { type Expression, type Selectable, sql } from 'kysely';
import type { Executor, SubscriptionKeysTable } from '../../../storage/database.js';
import type { ListQuery } from '../../../platform/query/index.js';
import { type BulkColumn, arrayParameters, encodeBatch } from '../../../storage/bulk-insert.js';
import { orderedBy, pageAndCount, stableSort } from '../../../storage/list-page.js';

export type CatalogRow = Selectable<SubscriptionKeysTable>;
export type CatalogListRow = CatalogRow & { claimed_by: string | null; claimable: boolean };

/** A key to issue, every column resolved (defaults applied, times parsed). */
export interface NewCatalogKey {
  key: string;
  sku: string;
  sku_description: string;
  subscription_type: string;
  tier: string;
  tier_description: string | null;
  product_type: string;
  quantity: number;
  is_eval: boolean;
  start_time: Date;
  end_time: Date;
  provider_status: string;
  contract: string | null;
  quote: string | null;
  po: string | null;
  reseller_po: string | null;
  end_user_name: string | null;
  order_class: string | null;
  created_at: Date;
}

/** A catalog key's columns, as an import and the demo keys insert them. */
export const NEW_KEY_COLUMNS: readonly BulkColumn<'subscription_keys', NewCatalogKey>[] = [
  { name: 'key', type: 'text', value: (k) => k.key },
  { name: 'sku', type: 'text', value: (k) => k.sku },
  { name: 'sku_description', type: 'text', value: (k) => k.sku_description },
  { name: 'subscription_type', type: 'text', value: (k) => k.subscription_type },
  { name: 'tier', type: 'text', value: (k) => k.tier },
  { name: 'tier_description', type: 'text', value: (k) => k.tier_description },
  { name: 'product_type', type: 'text', value: (k) => k.product_type },
  { name: 'quantity', type: 'int4', value: (k) => k.quantity },
  { name: 'is_eval', type: 'bool', value: (k) => k.is_eval },
  { name: 'start_time', type: 'timestamptz', value: (k) => k.start_time },
  { name: 'end_time', type: 'timestamptz', value: (k) => k.end_time },
  { name: 'provider_status', type: 'text', value: (k) => k.provider_status },
  { name: 'contract', type: 'text', value: (k) => k.contract },
  { name: 'quote', type: 'text', value: (k) => k.quote },
  { name: 'po', type: 'text', value: (k) => k.po },
  { name: 'reseller_po', type: 'text', value: (k) => k.reseller_po },
  { name: 'end_user_name', type: 'text', value: (k) => k.end_user_name },
  { name: 'order_class', type: 'text', value: (k) => k.order_class },
  { name: 'created_at', type: 'timestamptz', value: (k) => k.created_at },
];

/**
 * Inserts the keys not yet in the catalog — one statement, one array parameter per column, the
 * same SQL text for 1 key or 1,000 — and returns the keys it inserted. A key already there (or
 * inserted meanwhile by a concurrent import, which this statement waits for) is skipped.
 */
export async function insertNewKeys(executor: Executor, keys: readonly NewCatalogKey[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const batch = encodeBatch('subscription_keys', NEW_KEY_COLUMNS, keys);
  const names = sql.join(batch.columns.map((c) => sql.ref(c.name)));
  const { rows } = await sql<{ key: string }>`
    insert into subscription_keys (${names}) select * from unnest(${arrayParameters(batch)})
    on conflict (key) do nothing
    returning key`.execute(executor);
  return rows.map((r) => r.key);
}

/** The catalog rows of the given keys (those that exist). */
export async function findKeys(executor: Executor, keys: readonly string[]): Promise<CatalogRow[]> {
  if (keys.length === 0) return [];
  const literal = encodeBatch('subscription_keys', [{ name: 'key', type: 'text', value: (k: string) => k }], keys).literals[0];
  const { rows } = await sql<CatalogRow>`select * from subscription_keys where key = any(${literal}::text[])`.execute(executor);
  return rows;
}

/**
 * One page of the catalog and the number of keys matching the filter. The left join on the
 * holder's subscription (`claimed_by`, key: unique) adds at most one row per key; PostgreSQL drops it from the count
 * when the filter does not mention claimed/claimedBy.
 */
export async function listPage(
  executor: Executor,
  q: Pick<ListQuery, 'where' | 'sort' | 'limit' | 'offset'>,
  /** Whether an add would claim the key now: the same expression the `claimable` filter reads. */
  claimable: Expression<boolean>,
): Promise<{ rows: CatalogListRow[]; total: number }> {
  const base = () => {
    const b = executor
      .selectFrom('subscription_keys as k')
      .leftJoin('subscriptions as s', (j) => j.onRef('s.workspace_id', '=', 'k.claimed_by').onRef('s.key', '=', 'k.key'));
    return q.where ? b.where(q.where) : b;
  };
  // Sorting by key, the primary key, already gives a total order; any other sort gets it as tie-break.
  const sort = stableSort(q.sort, ['k.key']);
  const rows = () => orderedBy(base().selectAll('k').select('s.workspace_id as claimed_by').select(sql<boolean>`${claimable}`.as('claimable')), sort).limit(q.limit).offset(q.offset).execute();
  return pageAndCount(q.limit, rows as () => Promise<CatalogListRow[]>, base());
}
