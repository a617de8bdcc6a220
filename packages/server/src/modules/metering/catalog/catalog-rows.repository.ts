/**
 * The queries every catalog table keyed by (workspace_id, id) shares — find, lock, create-or-replace,
 * remove, and one filtered page — each scoped by workspace.
 */
import { type Insertable, type Selectable, sql } from 'kysely';
import type { Database, Executor } from '../../../storage/database.js';
import { orderedBy, pageAndCount, stableSort } from '../../../storage/list-page.js';
import type { ListQuery } from '../../../platform/query/index.js';

export type IdKeyedTable = 'billing_accounts' | 'metering_resources' | 'meters' | 'commitments';
export type IdKeyedRow<T extends IdKeyedTable> = Selectable<Database[T]>;
/** What a PUT writes: every column but the key and the timestamps. */
export type IdKeyedValues<T extends IdKeyedTable> = Omit<Insertable<Database[T]>, 'workspace_id' | 'id' | 'created_at' | 'updated_at'>;

/**
 * Typed as one of the tables: a query here touches only workspace_id, id, the timestamps and the
 * caller's columns, which every id-keyed table has as the caller typed them.
 */
const typed = (table: IdKeyedTable) => table as 'meters';

export function findById<T extends IdKeyedTable>(db: Executor, table: T, workspaceId: string, id: string): Promise<IdKeyedRow<T> | undefined> {
  const row = db.selectFrom(typed(table)).selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return row as Promise<unknown> as Promise<IdKeyedRow<T> | undefined>;
}

/**
 * Whether the row exists, locking it until the transaction ends: `share` keeps it from being deleted
 * under a write that names it, `update` holds it for its own delete.
 */
export async function lockById(db: Executor, table: IdKeyedTable, workspaceId: string, id: string, mode: 'share' | 'update'): Promise<boolean> {
  const q = db.selectFrom(typed(table)).select('id').where('workspace_id', '=', workspaceId).where('id', '=', id);
  const row = await (mode === 'share' ? q.forShare() : q.forUpdate()).executeTakeFirst();
  return row !== undefined;
}

/** Creates or replaces in one statement; `inserted` tells which (xmax is 0 only on a freshly inserted row). */
export function upsertById<T extends IdKeyedTable>(
  db: Executor,
  table: T,
  workspaceId: string,
  id: string,
  values: IdKeyedValues<T>,
  now: Date,
): Promise<IdKeyedRow<T> & { inserted: boolean }> {
  const set = values as unknown as IdKeyedValues<'meters'>;
  const row = db
    .insertInto(typed(table))
    .values({ workspace_id: workspaceId, id, ...set, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'id']).doUpdateSet({ ...set, updated_at: now }))
    .returningAll()
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .executeTakeFirstOrThrow();
  return row as Promise<unknown> as Promise<IdKeyedRow<T> & { inserted: boolean }>;
}

/** Whether there was a row to remove. */
export async function removeById(db: Executor, table: IdKeyedTable, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom(typed(table)).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

/** One page of the table and the number of rows matching the filter. */
export async function listPage<T extends IdKeyedTable>(
  db: Executor,
  table: T,
  workspaceId: string,
  q: Pick<ListQuery, 'where' | 'sort' | 'limit' | 'offset'>,
): Promise<{ rows: IdKeyedRow<T>[]; total: number }> {
  const base = () => {
    const b = db.selectFrom(typed(table)).where('workspace_id', '=', workspaceId);
    return q.where ? b.where(q.where) : b;
  };
  // `id` is unique in a workspace: ending on it makes every sort total.
  const rows = () => orderedBy(base().selectAll(), stableSort(q.sort, ['id'])).limit(q.limit).offset(q.offset).execute();
  const page = await pageAndCount(q.limit, rows, base());
  return page as unknown as { rows: IdKeyedRow<T>[]; total: number };
}
