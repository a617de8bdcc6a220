/** One page of a catalog table keyed by (workspace_id, id), and the number of rows matching the filter. */
import type { Selectable } from 'kysely';
import type { Database, Executor } from '../../../storage/database.js';
import { orderedBy, pageAndCount, stableSort } from '../../../storage/list-page.js';
import type { ListQuery } from '../../../platform/query/index.js';

export type IdKeyedTable = 'billing_accounts' | 'metering_resources' | 'meters' | 'commitments';

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
  // `id` is unique in a workspace: ending on it makes every sort total.
  const rows = () => orderedBy(base().selectAll(), stableSort(q.sort, ['id'])).limit(q.limit).offset(q.offset).execute();
  const page = await pageAndCount(q.limit, rows, base());
  return page as unknown as { rows: Selectable<Database[T]>[]; total: number };
}
