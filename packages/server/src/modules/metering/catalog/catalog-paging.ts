/** One page of a catalog table keyed by (workspace_id, id), and the number of rows matching the filter. */
import { type Selectable, sql } from 'kysely';
import type { Database, Executor } from '../../../storage/database.js';
import type { ListQuery, SortKey } from '../../../platform/query/index.js';

export type IdKeyedTable = 'billing_accounts' | 'metering_resources' | 'meters' | 'commitments';

/** `id` is unique in a workspace: ending on it makes every sort total, so pages never skip or repeat a row. */
export function withIdTieBreak(sort: readonly SortKey[], key = 'id'): SortKey[] {
  return sort.some((k) => k.column === key) ? [...sort] : [...sort, { column: key, direction: 'asc' }];
}

export async function listPage<T extends IdKeyedTable>(
  db: Executor,
  table: T,
  workspaceId: string,
  q: Pick<ListQuery, 'where' | 'sort' | 'limit' | 'offset'>,
): Promise<{ rows: Selectable<Database[T]>[]; total: number }> {
  const base = () => {
    // Typed as one of the tables: the query touches only workspace_id and the caller's columns.
    const b = db.selectFrom(table as IdKeyedTable as 'meters').where('workspace_id', '=', workspaceId);
    return q.where ? b.where(q.where) : b;
  };
  const rows = withIdTieBreak(q.sort).reduce(
    (acc, k) => acc.orderBy(sql.ref(k.column), k.direction),
    base().selectAll().limit(q.limit).offset(q.offset),
  );
  const [page, total] = await Promise.all([
    q.limit === 0 ? Promise.resolve([]) : rows.execute(),
    base().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: page as unknown as Selectable<Database[T]>[], total: total.n };
}
