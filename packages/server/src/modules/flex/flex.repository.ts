/** Typed queries over flex_orders and flex_devices; every one scoped by workspace. */
import { type Expression, type Selectable, type SqlBool, sql } from 'kysely';
import type { Database, Executor, FlexDevicesTable } from '../../storage/database.js';
import { compiledOnce } from '../../storage/compiled-once.js';
import { coalesced } from '../../storage/coalesced-reads.js';
import type { UnconfirmedPrincipal } from '../../platform/auth/principal-check.js';
import { principalStillHolds } from '../../platform/auth/principal-check.repository.js';
import type { ListQuery } from '../../platform/query/index.js';
import type { GroupByField } from './flex.schemas.js';
import { groupByColumns } from './orders.fields.js';
import { orderedBy, pageAndCount, planEachTime, stableSort } from '../../storage/list-page.js';
import { listVersionColumn, pageAndKeptCount } from '../../storage/list-counts.js';
import { nearestAnchor, noteAnchorUse, rememberPage } from '../../storage/list-anchors.js';

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
  const key: 'id' | 'resource_id' = pageKey[table];
  // Sorted by the page key alone (the default), a deep page may start at a remembered key (ADR 0029).
  const direction = sort.length === 1 && sort[0]!.column === key ? sort[0]!.direction : undefined;
  const compiled = base().compile();
  const anchorQuery = `${compiled.sql}\u0000${JSON.stringify(compiled.parameters)}\u0000${key} ${direction}`;

  /** The page from `from` (a remembered key at an offset at or before q.offset), each row with the list version its statement saw. */
  const readPage = (from?: { offset: number; key: string }) => {
    // A deferred join: the page's keys come from the filter's index alone (an index-only scan when it
    // covers the sort), and only those rows are read whole — a deep offset then skips index entries,
    // not table rows.
    let keys = base().select(key);
    if (from) keys = keys.where(key, direction === 'asc' ? '>=' : '<=', from.key);
    const pageKeys = orderedBy(keys, sort).limit(q.limit).offset(q.offset - (from?.offset ?? 0));
    const rows = db
      .selectFrom(table as FlexTable as 'flex_devices')
      .selectAll()
      .select(listVersionColumn(workspaceId, table).as('list_version'))
      .where('workspace_id', '=', workspaceId)
      .where(key, 'in', pageKeys);
    return planEachTime(orderedBy(rows, sort)).execute();
  };
  const page = async () => {
    const anchor = direction && q.offset > 0 ? nearestAnchor(db, anchorQuery, q.offset) : undefined;
    let rows = anchor ? await readPage(anchor) : undefined;
    // Trusted only when the statement saw the version the key was remembered at; else read from the start.
    const served = rows !== undefined && rows.length > 0 && rows[0]!.list_version === anchor!.version;
    if (anchor) noteAnchorUse(db, served);
    if (!served) rows = await readPage();
    if (direction && rows!.length > 0) rememberPage(db, anchorQuery, rows![0]!.list_version, q.offset, rows!.map((r) => String(r[key])));
    return rows!;
  };
  // The total is counted once per list version: writes to the table raise it (ADR 0029); the page's
  // own statement says which version it read.
  const { rows, total } = await pageAndKeptCount(q.limit, page, base(), {
    db,
    workspaceId,
    list: table,
    pageVersion: (read) => read[0]?.list_version,
  });
  return { rows: rows.map(({ list_version: _version, ...row }) => row) as unknown as Selectable<Database[T]>[], total };
}

/**
 * One device; with `principal`, only while the caller's remembered principal still holds, checked
 * in the same statement (ADR 0034) — nothing comes back when it does not, as when the device does not exist.
 * Checked look-ups of one workspace and principal that start in the same turn of the event loop
 * share one statement (`storage/coalesced-reads.ts`, ADR 0035), each answered from its own row.
 */
export async function findDeviceByResourceId(
  db: Executor,
  workspaceId: string,
  resourceId: string,
  principal?: UnconfirmedPrincipal,
): Promise<Selectable<FlexDevicesTable> | undefined> {
  if (!principal) return (await deviceByResourceId(db, workspaceId, resourceId))[0];
  return checkedDevice(db, { workspaceId, check: principal.check, asOf: principal.asOf }, resourceId);
}

// The look-up's shapes, each compiled once (storage/compiled-once.ts): unchecked, and for one or
// several ids checked for an API client or an API token.
const deviceQuery = (db: Executor, workspaceId: string, resourceId: string) =>
  db.selectFrom('flex_devices').selectAll().where('workspace_id', '=', workspaceId).where('resource_id', '=', resourceId);
/** `resourceIds`: a uuid[] literal (`uuidArray`). */
const devicesQuery = (db: Executor, workspaceId: string, resourceIds: string) =>
  db.selectFrom('flex_devices').selectAll().where('workspace_id', '=', workspaceId).where(sql<SqlBool>`resource_id = any(cast(${resourceIds} as uuid[]))`);
const deviceByResourceId = compiledOnce(deviceQuery);
const clientCheck = (id: string, workspaceId: string, roles: string, isSystem: boolean) =>
  principalStillHolds({ subject: 'client', id, workspaceId, roles, workspaceIsSystem: isSystem }, new Date(0));
const tokenCheck = (id: string, workspaceId: string, roles: string, isSystem: boolean, asOf: Date) =>
  principalStillHolds({ subject: 'api-token', id, workspaceId, roles, workspaceIsSystem: isSystem }, asOf);
const deviceForClient = compiledOnce((db, workspaceId: string, resourceId: string, id: string, principalWorkspace: string, roles: string, isSystem: boolean) =>
  deviceQuery(db, workspaceId, resourceId).where(clientCheck(id, principalWorkspace, roles, isSystem)),
);
const devicesForClient = compiledOnce((db, workspaceId: string, resourceIds: string, id: string, principalWorkspace: string, roles: string, isSystem: boolean) =>
  devicesQuery(db, workspaceId, resourceIds).where(clientCheck(id, principalWorkspace, roles, isSystem)),
);
const deviceForApiToken = compiledOnce(
  (db, workspaceId: string, resourceId: string, id: string, principalWorkspace: string, roles: string, isSystem: boolean, asOf: Date) =>
    deviceQuery(db, workspaceId, resourceId).where(tokenCheck(id, principalWorkspace, roles, isSystem, asOf)),
);
const devicesForApiToken = compiledOnce(
  (db, workspaceId: string, resourceIds: string, id: string, principalWorkspace: string, roles: string, isSystem: boolean, asOf: Date) =>
    devicesQuery(db, workspaceId, resourceIds).where(tokenCheck(id, principalWorkspace, roles, isSystem, asOf)),
);

/**
 * PostgreSQL plans an array parameter as if it held 10 elements (`estimate_array_length`). To a
 * batch of 5 ids a custom plan looks cheaper than that generic plan, so under the default
 * `plan_cache_mode = auto` every execution was planned afresh: 0.16 ms of planning against
 * 0.08 ms of running (bench/flex-list (a), ADR 0038). A batch padded to 10 with repeats of its
 * last id costs a custom plan what the generic one costs, and PostgreSQL keeps the generic plan
 * from the sixth execution on. The index scan drops repeated keys; the rows are the same.
 */
export const GENERIC_PLAN_ARRAY_LENGTH = 10;

/** A uuid[] literal of ids as `parseUuid` gives them (hex digits and hyphens: nothing to quote), padded as above. */
function uuidArray(ids: readonly string[]): string {
  let text = ids.join(',');
  for (let i = ids.length; i < GENERIC_PLAN_ARRAY_LENGTH; i++) text += `,${ids[ids.length - 1]}`;
  return `{${text}}`;
}

interface CheckedLookup {
  workspaceId: string;
  check: UnconfirmedPrincipal['check'];
  asOf: Date;
}

const checkedDevice = coalesced<CheckedLookup, Selectable<FlexDevicesTable>>({
  // Everything the statement compares: the check (one object per remembered principal) and, beside
  // it, the workspace read and the request's clock (an API token's expiry is compared with it).
  group: ({ workspaceId, check, asOf }) => [check, check.subject === 'api-token' ? `${workspaceId} ${asOf.getTime()}` : workspaceId],
  one: (db, { workspaceId, check: c, asOf }, resourceId) =>
    c.subject === 'client'
      ? deviceForClient(db, workspaceId, resourceId, c.id, c.workspaceId, c.roles, c.workspaceIsSystem)
      : deviceForApiToken(db, workspaceId, resourceId, c.id, c.workspaceId, c.roles, c.workspaceIsSystem, asOf),
  many: (db, { workspaceId, check: c, asOf }, resourceIds) =>
    c.subject === 'client'
      ? devicesForClient(db, workspaceId, uuidArray(resourceIds), c.id, c.workspaceId, c.roles, c.workspaceIsSystem)
      : devicesForApiToken(db, workspaceId, uuidArray(resourceIds), c.id, c.workspaceId, c.roles, c.workspaceIsSystem, asOf),
  keyOf: (row) => row.resource_id,
});

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
