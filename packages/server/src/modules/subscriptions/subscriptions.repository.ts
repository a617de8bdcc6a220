/** Typed queries over subscriptions and the key catalog they are claimed from; every one scoped by workspace. */
import { type Selectable, sql } from 'kysely';
import type { Executor, SubscriptionKeysTable, SubscriptionsTable } from '../../storage/database.js';
import { type FilteredPageQuery, orderedBy, planEachTime, stableSort } from '../../storage/list-page.js';
import { listVersionColumn, pageAndKeptCount } from '../../storage/list-counts.js';
import type { SortKey } from '../../platform/query/index.js';
import { STATUS_SORT_COLUMN, statusExpression } from './subscriptions.fields.js';

export type SubscriptionRow = Selectable<SubscriptionsTable>;
export type KeyRow = Selectable<SubscriptionKeysTable>;

export interface PageQuery extends FilteredPageQuery {
  now: Date;
}

const UNIQUE_COLUMNS = ['id', 'key'];

function orderKey(key: SortKey, now: Date) {
  return key.column === STATUS_SORT_COLUMN ? statusExpression(now) : sql.ref(key.column);
}

/** One page and the number of matches; the sort always ends on a unique column so pages are stable. */
export async function listPage(db: Executor, workspaceId: string, q: PageQuery): Promise<{ rows: SubscriptionRow[]; total: number }> {
  const base = () => {
    let b = db.selectFrom('subscriptions').where('workspace_id', '=', workspaceId);
    if (q.where) b = b.where(q.where);
    if (q.tagWhere) b = b.where(q.tagWhere);
    return b;
  };
  const sort = stableSort(q.sort, UNIQUE_COLUMNS);
  const versioned = base().selectAll().select(listVersionColumn(workspaceId, 'subscriptions').as('list_version'));
  const rows = () => planEachTime(orderedBy(versioned, sort, (k) => orderKey(k, q.now)).limit(q.limit).offset(q.offset)).execute();
  // The total is counted once per list version: writes to subscriptions raise it (ADR 0029); the
  // page's own statement says which version it read.
  const page = await pageAndKeptCount(q.limit, rows, base(), { db, workspaceId, list: 'subscriptions', pageVersion: (read) => read[0]?.list_version });
  return { rows: page.rows.map(({ list_version: _version, ...row }) => row), total: page.total };
}

export function findById(db: Executor, workspaceId: string, id: string): Promise<SubscriptionRow | undefined> {
  return db.selectFrom('subscriptions').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** The catalog entry of a key and the workspace holding it, if any (provider-side view). */
export function findKey(db: Executor, key: string): Promise<(KeyRow & { holder: string | null }) | undefined> {
  return db
    .selectFrom('subscription_keys as k')
    .leftJoin('subscriptions as s', (j) => j.onRef('s.workspace_id', '=', 'k.claimed_by').onRef('s.key', '=', 'k.key'))
    .selectAll('k')
    .select('s.workspace_id as holder')
    .where('k.key', '=', key)
    .executeTakeFirst();
}

/**
 * Claims a free key for a workspace, copying its catalog data. Returns undefined when another
 * claim got there first. The key catalog is installation-wide, so the one-holder rule lives there:
 * the conditional update of the key's row takes its lock, and a concurrent claimer waits, then
 * finds `claimed_by` set and updates nothing (no error, so the transaction stays usable).
 */
export async function claimKey(db: Executor, k: KeyRow, claim: { workspaceId: string; id: string; tags: Record<string, string>; now: Date }) {
  const taken = await db
    .updateTable('subscription_keys')
    .set({ claimed_by: claim.workspaceId })
    .where('key', '=', k.key)
    .where('claimed_by', 'is', null)
    .executeTakeFirst();
  if (taken.numUpdatedRows === 0n) return undefined;
  return db
    .insertInto('subscriptions')
    .values({
      workspace_id: claim.workspaceId,
      id: claim.id,
      key: k.key,
      created_at: claim.now,
      updated_at: claim.now,
      sku: k.sku,
      sku_description: k.sku_description,
      subscription_type: k.subscription_type,
      tier: k.tier,
      tier_description: k.tier_description,
      product_type: k.product_type,
      quantity: k.quantity,
      available_quantity: k.quantity,
      is_eval: k.is_eval,
      start_time: k.start_time,
      end_time: k.end_time,
      provider_status: k.provider_status,
      contract: k.contract,
      quote: k.quote,
      po: k.po,
      reseller_po: k.reseller_po,
      end_user_name: k.end_user_name,
      order_class: k.order_class,
      tags: JSON.stringify(claim.tags),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Locks and reads the listed subscriptions of a workspace (id order, so concurrent updates cannot deadlock). */
export function lockByIds(db: Executor, workspaceId: string, ids: readonly string[]): Promise<SubscriptionRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('subscriptions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
}

export async function writeTags(db: Executor, workspaceId: string, id: string, tags: Record<string, string>, now: Date): Promise<void> {
  await db
    .updateTable('subscriptions')
    .set({ tags: JSON.stringify(tags), updated_at: now, generation: sql`generation + 1` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** Removes a subscription from its workspace; its key becomes free in the catalog again. */
export async function unclaim(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const gone = await db.deleteFrom('subscriptions').where('workspace_id', '=', workspaceId).where('id', '=', id).returning('key').executeTakeFirst();
  if (!gone) return false;
  await db.updateTable('subscription_keys').set({ claimed_by: null }).where('key', '=', gone.key).where('claimed_by', '=', workspaceId).execute();
  return true;
}
