/** Typed queries over flex_orders and flex_devices; every one scoped by workspace. */
import { type Expression, type Selectable, type SqlBool, sql } from 'kysely';
import type { Database, Executor } from '../../storage/database.js';
import type { ListQuery } from '../../platform/query/index.js';
import type { GroupByField } from './flex.schemas.js';
import { groupByColumns } from './orders.fields.js';
import { orderedBy, pageAndCount, stableSort } from '../../storage/list-page.js';

/** The two Flex tables; both are keyed by (workspace_id, id), which is all the list query relies on. */
type FlexTable = 'flex_orders' | 'flex_devices';

/**
 * Each table's page key: unique within a workspace and the last column of its list indexes
 * (flex_devices_make_tier ends with resource_id), so it is the tie-break that makes any sort
 * total and the key a deferred join can read from an index alone.
 */
const pageKey: Record<FlexTable, 'id' | 'resource_id'> = {
  flex_orders: 'id',
  flex_devices: 'resource_id',
};

/** Columns unique within a workspace: sorting by one of them already gives a total order. */
const uniqueColumns: Record<FlexTable, readonly string[]> = {
  flex_orders: ['id'],
  flex_devices: ['id', 'resource_id'],
};

function ordersBase(db: Executor, workspaceId: string, where: Expression<SqlBool> | undefined) {
  const q = db.selectFrom('flex_orders').where('workspace_id', '=', workspaceId);
  return where ? q.where(where) : q;
}

/** One page of a Flex table and the number of rows matching the filter, run side by side. */
export async function listPage<T extends FlexTable>(
  db: Executor,
  table: T,
  workspaceId: string,
  q: Pick<ListQuery, 'where' | 'sort' | 'limit' | 'offset'>,
): Promise<{ rows: Selectable<Database[T]>[]; total: number }> {
  const base = () => {
    // Typed as one of the two tables: the query touches only the columns they share and the table's page key.
    const b = db.selectFrom(table as FlexTable as 'flex_devices').where('workspace_id', '=', workspaceId);
    return q.where ? b.where(q.where) : b;
  };
  // The page key breaks ties so pages are stable — unless a sort key is unique already.
  const sort = stableSort(q.sort, uniqueColumns[table], pageKey[table]);
  // A deferred join: the page's keys come from the filter's index alone (an index-only scan when it
  // covers the sort), and only those rows are read whole — a deep offset then skips index entries,
  // not table rows.
  const key: 'id' | 'resource_id' = pageKey[table];
  const pageKeys = orderedBy(base().select(key), sort).limit(q.limit).offset(q.offset);
  const rowsQuery = orderedBy(
    db
      .selectFrom(table as FlexTable as 'flex_devices')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where(key, 'in', pageKeys),
    sort,
  );
  const { rows, total } = await pageAndCount(q.limit, () => rowsQuery.execute(), base());
  return { rows: rows as unknown as Selectable<Database[T]>[], total };
}

export function findDeviceByResourceId(db: Executor, workspaceId: string, resourceId: string) {
  return db
    .selectFrom('flex_devices')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('resource_id', '=', resourceId)
    .executeTakeFirst();
}

/**
 * Distinct values of one order field among the orders that match the filter.
 * partnerName is the union of reseller and distributor names, as the Flex guide defines it.
 */
export async function distinctOrderValues(
  db: Executor,
  workspaceId: string,
  groupBy: GroupByField,
  q: Pick<ListQuery, 'where' | 'limit' | 'offset'> & { direction: 'asc' | 'desc' },
): Promise<{ values: string[]; total: number }> {
  const matching = ordersBase(db, workspaceId, q.where);
  const values =
    groupBy === 'partnerName'
      ? matching
          .select(sql<string>`reseller_name`.as('value'))
          .union(ordersBase(db, workspaceId, q.where).select(sql<string>`distributor_name`.as('value')))
      : matching.select(sql<string>`${sql.ref(groupByColumns[groupBy])}`.as('value')).distinct();
  const distinct = db.selectFrom(values.as('v')).where('v.value', 'is not', null);
  const page = () => distinct.select('v.value').orderBy('v.value', q.direction).limit(q.limit).offset(q.offset).execute();
  const { rows, total } = await pageAndCount(q.limit, page, distinct);
  return { values: rows.map((r) => r.value), total };
}
