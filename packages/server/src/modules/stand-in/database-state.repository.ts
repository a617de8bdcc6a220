/**
 * The whole database state as the catalog describes it (ADR 0023): which tables hold state, in
 * foreign-key order, how one workspace's rows are found in each, and the queries that read rows as
 * JSON, write them back, empty tables and set sequences. Tables are enumerated from pg_catalog on
 * every call, never listed by hand, so a migration's new table is in the next snapshot; partitioned
 * tables are read and written through their parent only (partitions are never named).
 */
import { type Expression, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db, Executor } from '../../storage/database.js';
import type { Row, RowStreams } from '../../storage/engines/database-engine.js';

/** Not state: the schema's own bookkeeping, and the installation's signing keys (tokens already issued stay valid). */
const NOT_STATE = new Set(['consumo_migrations', 'consumo_migrations_lock', 'signing_keys']);
/** What a reset keeps of a workspace it empties: the workspace itself and its credentials. */
export const CREDENTIAL_TABLES = new Set(['workspaces', 'api_clients', 'workspace_api_tokens']);

export interface ForeignKey {
  parent: string;
  columns: string[];
  parentColumns: string[];
  /** ON DELETE SET NULL: the row refers to the parent's but does not belong to it (subscription_keys.claimed_by). */
  setNull: boolean;
}

export interface StateTable {
  name: string;
  /** Insertable columns (generated ones left out), in the table's order. */
  columns: string[];
  primaryKey: string[];
  foreignKeys: ForeignKey[];
  /** Has a foreign key to itself (workspaces.parent_id): its rows go in one statement. */
  selfReferencing: boolean;
  /** Has triggers of its own (an insert into workspaces makes its auto-subscription settings): off while restoring. */
  hasUserTriggers: boolean;
  /** How a workspace's rows are found: its own id, a workspace_id column, through a parent's, or not at all. */
  scope: 'workspace-row' | 'workspace-column' | 'parent' | 'global';
}

export interface Partition {
  name: string;
  parent: string;
  /** `FOR VALUES …` or `DEFAULT`, as pg_get_expr writes it. */
  bound: string;
}

export interface StateCatalog {
  /** Parents before children. */
  tables: StateTable[];
  /** The partitions of partitioned tables, parents before children: a restore makes those missing (rows go through the parent). */
  partitions: Partition[];
  sequences: string[];
  /** The last migration applied: a snapshot only restores into the schema it was taken from. */
  schema: string;
}

const ident = (name: string) => sql.id(name);

export async function readStateCatalog(db: Executor): Promise<StateCatalog> {
  const relations = await sql<{ name: string; kind: string }>`
    SELECT c.relname AS name, c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'S') AND NOT c.relispartition ORDER BY c.relname`.execute(db);
  const columns = await sql<{ table: string; column: string }>`
    SELECT a.attrelid::regclass::text AS table, a.attname AS column FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
    ORDER BY a.attrelid, a.attnum`.execute(db);
  const constraints = await sql<{ table: string; kind: string; parent: string | null; columns: string[]; parent_columns: string[] | null; on_delete: string }>`
    SELECT con.conrelid::regclass::text AS table, con.contype::text AS kind, con.confrelid::regclass::text AS parent, con.confdeltype::text AS on_delete,
      ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i) AS columns,
      CASE WHEN con.contype = 'f' THEN ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i) END AS parent_columns
    FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND con.contype IN ('p', 'f') AND NOT c.relispartition AND con.conparentid = 0
    ORDER BY con.conname`.execute(db);
  const triggered = await sql<{ table: string }>`
    SELECT DISTINCT tg.tgrelid::regclass::text AS table FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND NOT tg.tgisinternal`.execute(db);
  const partitions = await sql<Partition>`
    WITH RECURSIVE tree AS (
      SELECT c.oid, c.relname::text AS name, p.relname::text AS parent, pg_get_expr(c.relpartbound, c.oid) AS bound, 1 AS depth
      FROM pg_class c JOIN pg_inherits i ON i.inhrelid = c.oid JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relispartition AND c.relkind IN ('r', 'p') AND NOT p.relispartition
      UNION ALL
      SELECT c.oid, c.relname::text, tree.name, pg_get_expr(c.relpartbound, c.oid), tree.depth + 1
      FROM pg_class c JOIN pg_inherits i ON i.inhrelid = c.oid JOIN tree ON tree.oid = i.inhparent WHERE c.relispartition AND c.relkind IN ('r', 'p')
    )
    SELECT name, parent, bound FROM tree ORDER BY depth, name`.execute(db);
  const migration = await sql<{ name: string | null }>`SELECT max(name) AS name FROM consumo_migrations`.execute(db);

  const byName = new Map<string, StateTable>();
  for (const { name, kind } of relations.rows) {
    if (kind === 'S' || NOT_STATE.has(name)) continue;
    byName.set(name, { name, columns: [], primaryKey: [], foreignKeys: [], selfReferencing: false, hasUserTriggers: false, scope: 'global' });
  }
  for (const { table, column } of columns.rows) byName.get(unquote(table))?.columns.push(column);
  for (const { table } of triggered.rows) {
    const found = byName.get(unquote(table));
    if (found) found.hasUserTriggers = true;
  }
  for (const c of constraints.rows) {
    const table = byName.get(unquote(c.table));
    if (!table) continue;
    if (c.kind === 'p') table.primaryKey = c.columns;
    else if (c.parent && unquote(c.parent) === table.name) table.selfReferencing = true;
    else if (c.parent && byName.has(unquote(c.parent))) table.foreignKeys.push({ parent: unquote(c.parent), columns: c.columns, parentColumns: c.parent_columns ?? [], setNull: c.on_delete === 'n' });
  }
  const ordered = topologicalOrder([...byName.values()]);
  for (const table of ordered) {
    if (table.name === 'workspaces') table.scope = 'workspace-row';
    else if (table.columns.includes('workspace_id')) table.scope = 'workspace-column';
    // A reference that is nulled when its parent goes (a key's holder) does not make the row the parent's.
    else if (table.foreignKeys.some((fk) => !fk.setNull && byName.get(fk.parent)!.scope !== 'global')) table.scope = 'parent';
  }
  const sequences = relations.rows.filter((r) => r.kind === 'S').map((r) => r.name);
  return { tables: ordered, partitions: partitions.rows, sequences, schema: migration.rows[0]?.name ?? '' };
}

/** regclass text quotes names that need it; the catalog's names here never do, but stay exact if one does. */
function unquote(name: string): string {
  return name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name;
}

function topologicalOrder(tables: StateTable[]): StateTable[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const done = new Set<string>();
  const out: StateTable[] = [];
  const visit = (table: StateTable, path: Set<string>) => {
    if (done.has(table.name)) return;
    if (path.has(table.name)) throw new Error(`foreign-key cycle through ${table.name}: restore needs deferred constraints`);
    path.add(table.name);
    for (const fk of table.foreignKeys) visit(byName.get(fk.parent)!, path);
    path.delete(table.name);
    done.add(table.name);
    out.push(table);
  };
  for (const table of tables) visit(table, new Set());
  return out;
}

/** The condition selecting one workspace's rows of a table (alias `t`), through parents where the table has no workspace_id. */
export function workspacePredicate(catalog: StateCatalog, table: StateTable, workspaceId: string, alias = 't'): RawBuilder<SqlBool> {
  if (table.scope === 'workspace-row') return sql<SqlBool>`${sql.ref(`${alias}.id`)} = ${workspaceId}`;
  if (table.scope === 'workspace-column') return sql<SqlBool>`${sql.ref(`${alias}.workspace_id`)} = ${workspaceId}`;
  if (table.scope === 'global') return sql<SqlBool>`false`;
  const parentAlias = `${alias}p`;
  const viaParents = table.foreignKeys
    .map((fk) => ({ fk, parent: catalog.tables.find((t) => t.name === fk.parent)! }))
    .filter(({ parent }) => parent.scope !== 'global')
    .map(({ fk, parent }) => {
      const joins = fk.columns.map((column, i) => sql`${sql.ref(`${parentAlias}.${fk.parentColumns[i]!}`)} = ${sql.ref(`${alias}.${column}`)}`);
      return sql<SqlBool>`EXISTS (SELECT 1 FROM ${ident(parent.name)} AS ${ident(parentAlias)} WHERE ${sql.join(joins, sql` AND `)} AND ${workspacePredicate(catalog, parent, workspaceId, parentAlias)})`;
    });
  return sql<SqlBool>`(${sql.join(viaParents, sql` OR `)})`;
}

/** A table's rows (or one workspace's) as JSON texts, in primary-key order, a chunk at a time. */
export function streamTableRows(db: Executor, streams: RowStreams, table: StateTable, where: RawBuilder<SqlBool> | undefined, chunkSize = 2000): AsyncGenerator<Row[]> {
  const keys = table.primaryKey;
  // Keys come back as text so the keyset condition compares exact values (a timestamptz in a JS Date would lose its microseconds).
  const keyColumns = keys.map((k, i) => sql`${sql.ref(`t.${k}`)}::text AS ${ident(`k${i}`)}`);
  return streams.streamRows({
    chunkSize,
    build(after, limit) {
      const conditions = [where, after].filter((c): c is Expression<SqlBool> => c !== undefined);
      const whereSql = conditions.length > 0 ? sql`WHERE ${sql.join(conditions, sql` AND `)}` : sql``;
      const order = keys.length > 0 ? sql`ORDER BY ${sql.join(keys.map((k) => sql.ref(`t.${k}`)))}` : sql``;
      const limitSql = limit !== undefined && keys.length > 0 ? sql`LIMIT ${limit}` : sql``;
      const query = sql`SELECT row_to_json(t)::text AS row ${keyColumns.length > 0 ? sql`, ${sql.join(keyColumns)}` : sql``} FROM ${ident(table.name)} AS t ${whereSql} ${order} ${limitSql}`;
      return { compile: () => query.compile(db) };
    },
    after(last: Row): Expression<SqlBool> {
      // A table without a primary key is read whole by the first query (no LIMIT): nothing comes after it.
      if (keys.length === 0) return sql<SqlBool>`false`;
      const tuple = sql.join(keys.map((k) => sql.ref(`t.${k}`)));
      const values = sql.join(keys.map((_, i) => sql`${last[`k${i}`] as string}`));
      return sql<SqlBool>`(${tuple}) > (${values})`;
    },
  }) as AsyncGenerator<Row[]>;
}

export async function readSequence(db: Executor, name: string): Promise<{ lastValue: string; isCalled: boolean }> {
  const { rows } = await sql<{ last_value: string; is_called: boolean }>`SELECT last_value::text AS last_value, is_called FROM ${ident(name)}`.execute(db);
  return { lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called };
}

export async function setSequence(db: Executor, name: string, lastValue: string, isCalled: boolean): Promise<void> {
  await sql`SELECT setval(${name}::regclass, ${lastValue}::bigint, ${isCalled})`.execute(db);
}

export async function restartSequence(db: Executor, name: string): Promise<void> {
  await sql`ALTER SEQUENCE ${ident(name)} RESTART`.execute(db);
}

/** Inserts rows given as JSON object texts; with `upsertKey`, a row whose key exists replaces it. */
export async function insertJsonRows(db: Executor, table: StateTable, columns: readonly string[], rows: readonly string[], upsertKey?: readonly string[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = sql.join(columns.map((c) => ident(c)));
  const conflict =
    upsertKey && upsertKey.length > 0
      ? sql`ON CONFLICT (${sql.join(upsertKey.map((c) => ident(c)))}) DO UPDATE SET ${sql.join(columns.filter((c) => !upsertKey.includes(c)).map((c) => sql`${ident(c)} = EXCLUDED.${ident(c)}`))}`
      : sql``;
  await sql`INSERT INTO ${ident(table.name)} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${ident(table.name)}, ${`[${rows.join(",")}]`}::json) ${conflict}`.execute(db);
}

/**
 * Turns a table's own triggers off (or on again) inside the restoring transaction: restored rows are
 * the state as it was, and what a trigger would derive from them is restored with them. Foreign
 * keys stay checked. Needs the table's owner (the role that ran the migrations), not a superuser.
 */
export async function setUserTriggers(trx: Executor, table: StateTable, enabled: boolean): Promise<void> {
  await (enabled ? sql`ALTER TABLE ${ident(table.name)} ENABLE TRIGGER USER` : sql`ALTER TABLE ${ident(table.name)} DISABLE TRIGGER USER`).execute(trx);
}

/**
 * The rows a workspace's insert trigger makes (its auto-subscription settings, migration 0003),
 * made again for every workspace left without them by a reset — as the trigger would.
 */
/**
 * The key catalog names the workspace holding each key (subscription_keys.claimed_by, ADR 0026);
 * after one workspace's rows were deleted or restored, its keys name it exactly when it holds
 * their subscription again.
 */
export async function reconcileKeyHolders(trx: Executor, workspaceId: string): Promise<void> {
  await sql`UPDATE subscription_keys k SET claimed_by = NULL WHERE k.claimed_by = ${workspaceId}
    AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.workspace_id = ${workspaceId} AND s.key = k.key)`.execute(trx);
  await sql`UPDATE subscription_keys k SET claimed_by = s.workspace_id FROM subscriptions s
    WHERE s.workspace_id = ${workspaceId} AND s.key = k.key AND k.claimed_by IS NULL`.execute(trx);
}

export async function remakeWorkspaceDefaults(trx: Executor): Promise<void> {
  await sql`INSERT INTO auto_subscription_settings (workspace_id, id, created_at, updated_at)
    SELECT w.id, consumo_workspace_uuid(w.id), w.created_at, w.created_at FROM workspaces w
    WHERE NOT EXISTS (SELECT 1 FROM auto_subscription_settings s WHERE s.workspace_id = w.id)`.execute(trx);
}

/** Makes a partition a snapshot's rows need, unless a table of that name exists. */
export async function ensurePartition(trx: Executor, partition: Partition): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS ${ident(partition.name)} PARTITION OF ${ident(partition.parent)} ${sql.raw(partition.bound)}`.execute(trx);
}

/** Empties these tables in one statement (foreign keys among them allow it; one from a table left out is an error, never a silent cascade). */
export async function truncateTables(db: Executor, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  await sql`TRUNCATE ${sql.join(names.map((n) => ident(n)))}`.execute(db);
}

export async function deleteRows(db: Executor, table: StateTable, where: RawBuilder<SqlBool>): Promise<void> {
  await sql`DELETE FROM ${ident(table.name)} AS t WHERE ${where}`.execute(db);
}

/** Deletes a workspace's rows, children first, but for the workspace and its credentials. */
export async function emptyWorkspace(trx: Executor, catalog: StateCatalog, workspaceId: string): Promise<void> {
  for (const table of [...catalog.tables].reverse()) {
    if (table.scope === 'global' || CREDENTIAL_TABLES.has(table.name)) continue;
    await deleteRows(trx, table, workspacePredicate(catalog, table, workspaceId));
  }
  await reconcileKeyHolders(trx, workspaceId);
  await remakeWorkspaceDefaults(trx);
}

/** Empties every table but the kept workspace and its credentials (none kept when undefined), and restarts every sequence. */
export async function emptyInstallation(trx: Executor, catalog: StateCatalog, keepWorkspaceId: string | undefined): Promise<void> {
  await truncateTables(trx, catalog.tables.filter((t) => !CREDENTIAL_TABLES.has(t.name)).map((t) => t.name));
  for (const table of catalog.tables.filter((t) => CREDENTIAL_TABLES.has(t.name) && t.name !== 'workspaces').reverse()) {
    await deleteRows(trx, table, keepWorkspaceId === undefined ? sql<SqlBool>`true` : sql<SqlBool>`NOT (${workspacePredicate(catalog, table, keepWorkspaceId)})`);
  }
  const workspaces = catalog.tables.find((t) => t.name === 'workspaces');
  if (workspaces) {
    // Tenants first: they point at their provider.
    await deleteRows(trx, workspaces, sql<SqlBool>`t.id IS DISTINCT FROM ${keepWorkspaceId ?? null} AND t.parent_id IS NOT NULL`);
    await deleteRows(trx, workspaces, sql<SqlBool>`t.id IS DISTINCT FROM ${keepWorkspaceId ?? null}`);
  }
  for (const sequence of catalog.sequences) await restartSequence(trx, sequence);
  await remakeWorkspaceDefaults(trx);
}

export async function systemWorkspaceId(db: Executor): Promise<string | undefined> {
  const row = await db.selectFrom('workspaces').select('id').where('is_system', '=', true).orderBy('created_at').executeTakeFirst();
  return row?.id;
}

export async function workspaceExists(db: Executor, id: string): Promise<boolean> {
  return (await db.selectFrom('workspaces').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** One transaction around a restore or a reset. */
export function inTransaction<T>(db: Db, run: (trx: Executor) => Promise<T>): Promise<T> {
  return db.transaction().execute(run);
}
