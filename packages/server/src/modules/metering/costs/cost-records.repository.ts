/** Reads pages of `cost_records`, always within one workspace; only the columns asked for are read. */
import { sql } from 'kysely';
import type { Executor } from '../../../storage/database.js';
import type { FilteredPageQuery } from '../../../storage/list-page.js';
import type { SortKey } from '../../../platform/query/index.js';
import { COST_RECORD_KEY } from '../../cost-records/index.js';
import type { CostRecordSqlColumn } from './cost-records.fields.js';

export interface CostRecordsPageQuery extends FilteredPageQuery {
  columns: readonly CostRecordSqlColumn[];
}

export type CostRecordRow = Record<string, unknown>;

/**
 * The caller's sort, completed with the primary-key columns it does not name: the order is then
 * total, and a row never moves between pages of an unchanged table.
 */
export function totalOrder(sort: readonly SortKey[]): SortKey[] {
  const named = new Set(sort.map((k) => k.column));
  return [...sort, ...COST_RECORD_KEY.filter((c) => !named.has(c)).map((column) => ({ column, direction: 'asc' as const }))];
}

/** One page and the number of matching records, side by side. */
export async function listCostRecords(db: Executor, workspaceId: string, q: CostRecordsPageQuery): Promise<{ rows: CostRecordRow[]; total: number }> {
  const base = () => {
    let b = db.selectFrom('cost_records').where('workspace_id', '=', workspaceId);
    if (q.where) b = b.where(q.where);
    if (q.tagWhere) b = b.where(q.tagWhere);
    return b;
  };
  const rowsQuery = totalOrder(q.sort).reduce(
    (acc, k) => acc.orderBy(sql.ref(k.column), k.direction),
    base().select(q.columns).limit(q.limit).offset(q.offset),
  );
  const [rows, total] = await Promise.all([
    q.limit === 0 ? Promise.resolve([]) : rowsQuery.execute(),
    // count(*) is a bigint: the drivers hand it back as a string or a number, both exact below 2^53.
    base().select(sql<string | number>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: rows as CostRecordRow[], total: Number(total.n) };
}
