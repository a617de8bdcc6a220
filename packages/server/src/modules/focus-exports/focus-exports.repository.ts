/** Typed queries over focus_exports and the cost records an export reads; every one scoped by workspace. */
import { type AliasedRawBuilder, type Expression, type Insertable, type RawBuilder, type Selectable, type SqlBool, type Updateable, sql } from 'kysely';
import type { Db, Executor, FocusExportsTable } from '../../storage/database.js';
import type { RowStreamSpec } from '../../storage/engines/database-engine.js';
import { COST_RECORD_COLUMNS } from '../cost-records/index.js';
import { COMPUTED_CELLS } from './computed-cells.repository.js';

export type FocusExportRow = Selectable<FocusExportsTable>;

export async function listExports(db: Executor, workspaceId: string): Promise<FocusExportRow[]> {
  return db.selectFrom('focus_exports').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').orderBy('id').execute();
}

/** One definition; `forUpdate` locks its row until the caller's transaction ends (a PATCH checks the row it changes). */
export function findExport(db: Executor, workspaceId: string, id: string, options: { forUpdate?: boolean } = {}): Promise<FocusExportRow | undefined> {
  const query = db.selectFrom('focus_exports').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  return (options.forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function insertExport(db: Executor, row: Insertable<FocusExportsTable>): Promise<void> {
  await db.insertInto('focus_exports').values(row).execute();
}

export type ExportChanges = Omit<Updateable<FocusExportsTable>, 'workspace_id' | 'id'>;

export async function updateExport(db: Executor, workspaceId: string, id: string, changes: ExportChanges): Promise<boolean> {
  const result = await db.updateTable('focus_exports').set(changes).where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteExport(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const result = await db.deleteFrom('focus_exports').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function recordRun(db: Executor, workspaceId: string, id: string, by: { id: string; name: string }, at: Date): Promise<void> {
  await db
    .updateTable('focus_exports')
    .set({ last_run_by_id: by.id, last_run_by_name: by.name, last_run_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

/** The name of the API client, Navigator API token or console user (ADR 0027) behind a change; its id when the row is gone. */
export async function clientName(db: Executor, clientId: string): Promise<string> {
  const row = await db
    .selectFrom('api_clients')
    .select('name')
    .where('id', '=', clientId)
    .unionAll(db.selectFrom('workspace_api_tokens').select('name').where('id', '=', clientId))
    .unionAll(db.selectFrom('users').select('name').where('id', '=', clientId))
    .executeTakeFirst();
  return row?.name ?? clientId;
}

const KEY = ['charge_period_start', 'resource_id', 'line_key'] as const;

/** JSON columns are read as PostgreSQL's own text of the value, so every path writes the same bytes. */
const JSON_COLUMNS: ReadonlySet<string> = new Set(COST_RECORD_COLUMNS.filter((c) => c.type === 'json').map((c) => c.column));

export interface CostRange {
  workspaceId: string;
  /** [from, to) on ChargePeriodStart. */
  from: Date;
  to: Date;
  /** The compiled export filter. */
  where: readonly Expression<SqlBool>[];
}

/** The cost records of an export: the workspace's, in the range, matching the filter, in primary-key order. */
export function costRecordsOf(db: Db, q: CostRange) {
  let b = db
    .selectFrom('cost_records')
    .where('workspace_id', '=', q.workspaceId)
    .where('charge_period_start', '>=', q.from)
    .where('charge_period_start', '<', q.to);
  for (const w of q.where) b = b.where(w);
  return b.orderBy('charge_period_start').orderBy('resource_id').orderBy('line_key');
}

/** Chunks of the export's rows in primary-key order, each row `selection` plus the key (for the keyset). */
function costStream(db: Db, q: CostRange, selection: readonly AliasedRawBuilder<unknown, string>[], chunkSize: number): RowStreamSpec {
  return {
    chunkSize,
    build(after, limit) {
      let b = costRecordsOf(db, q).select([...selection, ...KEY]);
      if (after) b = b.where(after);
      return limit === undefined ? b : b.limit(limit);
    },
    after(last) {
      return sql<SqlBool>`(charge_period_start, resource_id, line_key) > (${last.charge_period_start}, ${last.resource_id}, ${last.line_key})`;
    },
  };
}

/** The export's rows as one expression each (a CSV line), as a chunked row stream. */
export function costLineStream(db: Db, q: CostRange & { line: RawBuilder<string>; chunkSize: number }): RowStreamSpec {
  return costStream(db, q, [q.line.as('line')], q.chunkSize);
}

/** One selected column: JSON as its text, a computed cell (computed-cells.repository.ts) as its expression, else the column. */
function selected(c: string): AliasedRawBuilder<unknown, string> {
  const computed = COMPUTED_CELLS.get(c);
  if (computed) return computed.as(c);
  return JSON_COLUMNS.has(c) ? sql<string>`${sql.ref(c)}::text`.as(c) : sql.ref(c).as(c);
}

/** The cost records of an export, the given columns (JSON as text), in primary-key order, as a chunked row stream. */
export function costRowStream(db: Db, q: CostRange & { columns: readonly string[]; chunkSize: number }): RowStreamSpec {
  const columns = q.columns.filter((c) => !(KEY as readonly string[]).includes(c));
  return costStream(db, q, columns.map(selected), q.chunkSize);
}

/** What the metadata says of a range of an export: its records' latest BillingPeriodEnd and x_RatedAt (null without records). */
export async function rangeFreshness(db: Db, q: CostRange): Promise<{ billingPeriodEnd: Date | null; ratedAt: Date | null }> {
  let b = db
    .selectFrom('cost_records')
    .select([sql<Date | string | null>`max(billing_period_end)`.as('end'), sql<Date | string | null>`max(x_rated_at)`.as('rated')])
    .where('workspace_id', '=', q.workspaceId)
    .where('charge_period_start', '>=', q.from)
    .where('charge_period_start', '<', q.to);
  for (const w of q.where) b = b.where(w);
  const row = await b.executeTakeFirst();
  const asDate = (v: Date | string | null | undefined) => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(v));
  return { billingPeriodEnd: asDate(row?.end), ratedAt: asDate(row?.rated) };
}
