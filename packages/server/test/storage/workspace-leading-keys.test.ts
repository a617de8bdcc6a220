/**
 * The distribution rule of docs/scaling.md, checked on the migrated schema of both engines: every
 * tenant table has a `workspace_id` column, and its primary key and every unique key (constraint or
 * unique index) lead with it — what a distributed table needs (Citus: a unique key must contain the
 * distribution column). The few installation-wide tables are named here with their reason; a new
 * table that is neither fails this test until it follows the rule or is added here with a reason.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestDatabase, openTestDatabase, testEngines } from '../support/test-databases.js';

/** Tables that are not a tenant's: one copy for the installation (reference or coordinator tables when distributed). */
const INSTALLATION_WIDE: Readonly<Record<string, string>> = {
  workspaces: 'the tenant directory: its primary key is the workspace id itself',
  signing_keys: 'the installation’s token-signing keys',
  subscription_keys: 'the vendor’s key catalog, shared before any claim; names the one workspace holding a key',
  jobs: 'the installation’s job queue: claimed across workspaces by the fair claim (per-workspace turns live in job_turns)',
  consumo_migrations: 'migration bookkeeping',
  consumo_migrations_lock: 'migration bookkeeping',
};

/**
 * Unique keys of tenant tables that are installation-wide on purpose, as `table.index`, with their
 * reason: the table itself follows the rule (its primary key leads with workspace_id).
 */
const INSTALLATION_WIDE_KEYS: Readonly<Record<string, string>> = {
  'users.users_email': 'sign-in finds a user by e-mail before the workspace is known (ADR 0027): an e-mail names one person in the installation',
};

interface Key {
  table: string;
  name: string;
  kind: 'primary' | 'unique';
  columns: string[];
}

async function tenantTables(db: TestDatabase['db']): Promise<{ tables: string[]; withWorkspace: Set<string> }> {
  // Partitions inherit their parent's keys: only parents and plain tables are checked.
  const { rows } = await sql<{ table: string; has_workspace: boolean }>`
    select c.relname as table,
      exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'workspace_id' and not a.attisdropped) as has_workspace
    from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
    order by 1`.execute(db);
  return { tables: rows.map((r) => r.table), withWorkspace: new Set(rows.filter((r) => r.has_workspace).map((r) => r.table)) };
}

async function uniqueKeys(db: TestDatabase['db']): Promise<Key[]> {
  // Every unique index (those behind PRIMARY KEY and UNIQUE constraints too), its key columns in
  // order; an expression column reads as its expression text.
  const { rows } = await sql<{ table: string; name: string; primary: boolean; columns: string[] }>`
    select t.relname as table, i.relname as name, x.indisprimary as primary,
      array(select coalesce(a.attname::text, pg_get_indexdef(x.indexrelid, k.n, true))
            from generate_subscripts(x.indkey::int2[], 1) as k(n)
            left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = (x.indkey::int2[])[k.n]
            where k.n < x.indnkeyatts
            order by k.n)::text[] as columns
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    where t.relnamespace = 'public'::regnamespace and x.indisunique and not t.relispartition
    order by 1, 2`.execute(db);
  return rows.map((r) => ({ table: r.table, name: r.name, kind: r.primary ? 'primary' : 'unique', columns: r.columns }));
}

describe.each(testEngines())('workspace-leading keys on the migrated schema (%s)', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  }, 120_000);
  afterAll(() => database?.drop());

  it('every table is a tenant table (with workspace_id) or named installation-wide with a reason', async () => {
    const { tables, withWorkspace } = await tenantTables(database.db);
    expect(tables.length).toBeGreaterThan(30);
    const neither = tables.filter((t) => !withWorkspace.has(t) && !(t in INSTALLATION_WIDE));
    expect(neither).toEqual([]);
    // The exemptions name tables that exist: a stale entry would hide a renamed tenant table.
    expect(Object.keys(INSTALLATION_WIDE).filter((t) => !tables.includes(t))).toEqual([]);
  });

  it('every primary and unique key of a tenant table leads with workspace_id', async () => {
    const { withWorkspace } = await tenantTables(database.db);
    const keys = await uniqueKeys(database.db);
    const tenantKeys = keys.filter((k) => withWorkspace.has(k.table) && !(k.table in INSTALLATION_WIDE));
    expect(tenantKeys.length).toBeGreaterThan(30);
    const offending = tenantKeys
      .filter((k) => k.columns[0] !== 'workspace_id' && !(`${k.table}.${k.name}` in INSTALLATION_WIDE_KEYS))
      .map((k) => `${k.table}.${k.name} (${k.columns.join(', ')})`);
    expect(offending).toEqual([]);
    // The exempted keys exist and really are installation-wide: a stale entry would hide a changed key.
    const exempted = tenantKeys.filter((k) => `${k.table}.${k.name}` in INSTALLATION_WIDE_KEYS);
    expect(exempted.map((k) => `${k.table}.${k.name}`).sort()).toEqual(Object.keys(INSTALLATION_WIDE_KEYS).sort());
    expect(exempted.filter((k) => k.columns[0] === 'workspace_id')).toEqual([]);
  });

  it('every tenant table has a primary key', async () => {
    const { withWorkspace } = await tenantTables(database.db);
    const keyed = new Set((await uniqueKeys(database.db)).filter((k) => k.kind === 'primary').map((k) => k.table));
    const tenant = [...withWorkspace].filter((t) => !(t in INSTALLATION_WIDE));
    // The rollups are rewritten per day (or month) and dimension set (and tag), read by range, never by key.
    expect(tenant.filter((t) => !keyed.has(t)).sort()).toEqual(['cost_rollups_daily', 'cost_rollups_monthly', 'cost_tag_rollups_daily', 'cost_tag_rollups_monthly']);
  });

  it('usage_events and cost_records are partitioned by a time column, range by month', async () => {
    const { rows } = await sql<{ table: string; strategy: string; column: string }>`
      select c.relname as table, p.partstrat as strategy, a.attname as column
      from pg_partitioned_table p
      join pg_class c on c.oid = p.partrelid
      join pg_attribute a on a.attrelid = c.oid and a.attnum = p.partattrs[0]
      where c.relnamespace = 'public'::regnamespace
      order by 1`.execute(database.db);
    expect(rows).toEqual([
      { table: 'cost_records', strategy: 'r', column: 'charge_period_start' },
      { table: 'usage_events', strategy: 'r', column: 'time' },
    ]);
  });
});
