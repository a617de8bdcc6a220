/**
 * Migrations 0015 (workspace-leading keys) and 0016 (usage_events by month) on a database that
 * already holds data: every row survives, the children that gained a `workspace_id` have their
 * parent's, a held key names its holder, and the events land in their months' partitions. Both
 * migrations roll back and forward again with the rows intact.
 */
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMigrator, migrateToLatest } from '../../../src/storage/migrator.js';
import { type TestDatabase, openTestDatabase, testEngines } from '../../support/test-databases.js';

const T = '2026-10-01T00:00:00Z';
/** The last migration before 0015. */
const BEFORE = '2026-12-06-0014-demo-seedings';

async function partitionsOf(t: TestDatabase, table: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = ${table}::regclass order by 1`.execute(t.db);
  return rows.map((r) => r.name);
}

/** Data as the schema before 0015 held it (raw SQL: the Database interface describes the new schema). */
async function fillOldSchema(t: TestDatabase): Promise<void> {
  const statements = [
    `insert into workspaces (id, name) values ('ws-a', 'A'), ('ws-b', 'B')`,
    `insert into billing_accounts (workspace_id, id, name, currency) values ('ws-a', 'acct', 'Account', 'USD')`,
    `insert into budgets (workspace_id, billing_account_id, budget_type, accounting_year, currency_code, standard_alerts_enabled,
       projected_alerts_enabled, use_default_thresholds, created_at, updated_at)
     values ('ws-a', 'acct', 'COST', 2026, 'usd', true, true, true, '${T}', '${T}')`,
    `insert into budget_periods (budget_id, kind, accounting_period, budget_value)
     select id, 'COST', p, 100 + p from budgets, generate_series(1, 12) as p`,
    `insert into subscription_keys (key, sku, sku_description, subscription_type, tier, product_type, quantity, is_eval,
       start_time, end_time, provider_status, created_at)
     values ('KEY-HELD', 'S1', 'd', 'CENTRAL_AP', 'T', 'DEVICE', 1, false, '${T}', '2027-10-01T00:00:00Z', 'STARTED', '${T}'),
            ('KEY-FREE', 'S1', 'd', 'CENTRAL_AP', 'T', 'DEVICE', 1, false, '${T}', '2027-10-01T00:00:00Z', 'STARTED', '${T}')`,
    `insert into subscriptions (workspace_id, id, key, created_at, updated_at, sku, sku_description, subscription_type, tier,
       product_type, quantity, available_quantity, is_eval, start_time, end_time, provider_status, tags)
     select 'ws-b', '6f1d1b8e-0000-4000-8000-000000000001', key, '${T}', '${T}', sku, sku_description, subscription_type, tier, product_type, quantity, quantity,
       is_eval, start_time, end_time, provider_status, '{}' from subscription_keys where key = 'KEY-HELD'`,
    `insert into usage_events (workspace_id, source, id, meter_id, subject, time, value, data, ingested_at)
     values ('ws-a', 'urn:s', 'e1', 'cpu', 'vm-1', '2026-10-31T23:59:59Z', 1.5, '{"quantity":1.5}', '${T}'),
            ('ws-a', 'urn:s', 'e2', 'cpu', 'vm-1', '2026-11-01T00:00:00Z', 2.25, '{"quantity":2.25}', '${T}'),
            ('ws-b', 'urn:s', 'e1', 'cpu', 'vm-9', '2025-02-14T12:00:00Z', 3, '{"quantity":3}', '${T}')`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(t.db);
}

async function events(t: TestDatabase) {
  const { rows } = await sql<{ workspace_id: string; id: string; time: string; value: string }>`
    select workspace_id, id, to_char(time at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') as time, value::text as value
    from usage_events order by workspace_id, id`.execute(t.db);
  return rows;
}

const EVENTS = [
  { workspace_id: 'ws-a', id: 'e1', time: '2026-10-31T23:59:59', value: '1.5' },
  { workspace_id: 'ws-a', id: 'e2', time: '2026-11-01T00:00:00', value: '2.25' },
  { workspace_id: 'ws-b', id: 'e1', time: '2025-02-14T12:00:00', value: '3' },
];

describe.each(testEngines())('migrations 0015 and 0016 on a filled database (%s)', (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await openTestDatabase(engine);
    const back = await createMigrator(t.db).migrateTo(BEFORE);
    expect(back.error).toBeUndefined();
    expect(back.results?.map((r) => r.migrationName)).toEqual(expect.arrayContaining(['2026-12-06-0016-usage-events-by-month', '2026-12-06-0015-workspace-leading-keys']));
    await fillOldSchema(t);
  }, 120_000);
  afterEach(() => t?.drop());

  it('keeps every row, gives children their parent’s workspace, names a held key’s holder, and files events by month', async () => {
    await migrateToLatest(t.db);

    expect(await events(t)).toEqual(EVENTS);
    expect(await partitionsOf(t, 'usage_events')).toEqual(['usage_events_2025_02', 'usage_events_2026_10', 'usage_events_2026_11']);
    const periods = await t.db.selectFrom('budget_periods').select(['workspace_id', 'accounting_period', 'budget_value']).orderBy('accounting_period').execute();
    expect(periods).toHaveLength(12);
    expect(new Set(periods.map((p) => p.workspace_id))).toEqual(new Set(['ws-a']));
    expect(periods[11]).toMatchObject({ accounting_period: 12, budget_value: '112' });
    const keys = await t.db.selectFrom('subscription_keys').select(['key', 'claimed_by']).orderBy('key').execute();
    expect(keys).toEqual([
      { key: 'KEY-FREE', claimed_by: null },
      { key: 'KEY-HELD', claimed_by: 'ws-b' },
    ]);
  });

  it('rolls both back and forward again with the rows intact', async () => {
    await migrateToLatest(t.db);
    expect((await createMigrator(t.db).migrateTo(BEFORE)).error).toBeUndefined();
    expect(await events(t)).toEqual(EVENTS);
    await migrateToLatest(t.db);
    expect(await events(t)).toEqual(EVENTS);
    expect(await t.db.selectFrom('budget_periods').select('budget_id').execute()).toHaveLength(12);
  });

  it('an event sent again with its time is a duplicate; the same source and id at another time is another event', async () => {
    await migrateToLatest(t.db);
    await sql`create table usage_events_2026_12 partition of usage_events for values from ('2026-12-01T00:00:00Z') to ('2027-01-01T00:00:00Z')`.execute(t.db);
    const insert = (time: string) => sql`
      insert into usage_events (workspace_id, source, id, meter_id, subject, time, value, data, ingested_at)
      values ('ws-a', 'urn:s', 'e1', 'cpu', 'vm-1', ${time}::timestamptz, 1.5, '{}', now()) on conflict do nothing`.execute(t.db);
    expect((await insert('2026-10-31T23:59:59Z')).numAffectedRows).toBe(0n);
    expect((await insert('2026-12-01T00:00:00Z')).numAffectedRows).toBe(1n);
  });
});
