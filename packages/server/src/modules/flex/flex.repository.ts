/** Typed queries over flex_orders and flex_devices; every one scoped by workspace. */
import { type Expression, type SqlBool, sql } from 'kysely';
import type { Executor } from '../../storage/database.js';
import type { SortKey } from '../../platform/query/index.js';
import type { GroupByField } from './flex.schemas.js';
import { groupByColumns } from './orders.fields.js';

export interface ListQuery {
  where: Expression<SqlBool> | undefined;
  sort: readonly SortKey[];
  limit: number;
  offset: number;
}

/** Appends the primary key so pages are stable when the sort keys tie. */
function withTieBreak(sort: readonly SortKey[]): SortKey[] {
  return sort.some((k) => k.column === 'id') ? [...sort] : [...sort, { column: 'id', direction: 'asc' }];
}

function ordersBase(db: Executor, workspaceId: string, where: Expression<SqlBool> | undefined) {
  const q = db.selectFrom('flex_orders').where('workspace_id', '=', workspaceId);
  return where ? q.where(where) : q;
}

function devicesBase(db: Executor, workspaceId: string, where: Expression<SqlBool> | undefined) {
  const q = db.selectFrom('flex_devices').where('workspace_id', '=', workspaceId);
  return where ? q.where(where) : q;
}

const countAll = () => sql<number>`count(*)::int`.as('n');

export async function listOrders(db: Executor, workspaceId: string, q: ListQuery) {
  const rowsQuery = withTieBreak(q.sort).reduce(
    (acc, key) => acc.orderBy(sql.ref(key.column), key.direction),
    ordersBase(db, workspaceId, q.where).selectAll().limit(q.limit).offset(q.offset),
  );
  const [rows, total] = await Promise.all([
    q.limit === 0 ? Promise.resolve([]) : rowsQuery.execute(),
    ordersBase(db, workspaceId, q.where).select(countAll()).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
}

export async function listDevices(db: Executor, workspaceId: string, q: ListQuery) {
  const rowsQuery = withTieBreak(q.sort).reduce(
    (acc, key) => acc.orderBy(sql.ref(key.column), key.direction),
    devicesBase(db, workspaceId, q.where).selectAll().limit(q.limit).offset(q.offset),
  );
  const [rows, total] = await Promise.all([
    q.limit === 0 ? Promise.resolve([]) : rowsQuery.execute(),
    devicesBase(db, workspaceId, q.where).select(countAll()).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: total.n };
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
  q: Omit<ListQuery, 'sort'> & { direction: 'asc' | 'desc' },
): Promise<{ values: string[]; total: number }> {
  const matching = ordersBase(db, workspaceId, q.where);
  const values =
    groupBy === 'partnerName'
      ? matching
          .select(sql<string>`reseller_name`.as('value'))
          .union(ordersBase(db, workspaceId, q.where).select(sql<string>`distributor_name`.as('value')))
      : matching.select(sql<string>`${sql.ref(groupByColumns[groupBy])}`.as('value')).distinct();
  const distinct = db.selectFrom(values.as('v')).where('v.value', 'is not', null);
  const [rows, total] = await Promise.all([
    q.limit === 0
      ? Promise.resolve([])
      : distinct.select('v.value').orderBy('v.value', q.direction).limit(q.limit).offset(q.offset).execute(),
    distinct.select(countAll()).executeTakeFirstOrThrow(),
  ]);
  return { values: rows.map((r) => r.value), total: total.n };
}
