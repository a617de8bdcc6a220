/**
 * The month partitions of usage_events and cost_records (storage/month-partitions.ts), and the
 * archive procedure of docs/scaling.md run verbatim from the document: a month's partitions leave
 * the live tables, its rollups stay, the other months are untouched, and a later write to that
 * month gets a fresh partition.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureMonthPartitions, forgetMonthPartitions, monthsOfDays } from '../../src/storage/month-partitions.js';
import { costRecord } from '../support/cost-record-fixtures.js';
import { type TestDatabase, createWorkspace, openTestDatabase, testEngines } from '../support/test-databases.js';

const SCALING_MD = fileURLToPath(new URL('../../../../docs/scaling.md', import.meta.url));

/** The SQL block under "### Archiving an old month", as a user would paste it. */
function archiveStatements(): string[] {
  const text = readFileSync(SCALING_MD, 'utf8');
  const section = text.slice(text.indexOf('### Archiving an old month'));
  const block = /```sql\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('docs/scaling.md has no SQL block under "Archiving an old month"');
  return block.split(';').map((s) => s.trim()).filter(Boolean);
}

describe('monthsOfDays', () => {
  it.each([
    ['2026-01-15', '2026-01-16', ['2026-01']],
    ['2026-01-31', '2026-02-01', ['2026-01']],
    ['2026-01-31', '2026-02-02', ['2026-01', '2026-02']],
    ['2025-11-20', '2026-02-01', ['2025-11', '2025-12', '2026-01']],
    ['2026-03-01', '2026-03-01', ['2026-03']],
  ])('[%s, %s) touches %j', (from, to, months) => expect(monthsOfDays(from, to)).toEqual(months));
});

describe.each(testEngines())('month partitions (%s)', (engine) => {
  let t: TestDatabase;
  beforeEach(async () => {
    t = await openTestDatabase(engine);
    await createWorkspace(t.db, 'ws-a');
  }, 120_000);
  afterEach(() => t?.drop());

  const partitions = async (table: string) =>
    (
      await sql<{ name: string }>`select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = ${table}::regclass order by 1`.execute(t.db)
    ).rows.map((r) => r.name);

  const event = (id: string, time: string) => ({
    workspace_id: 'ws-a', source: 'urn:s', id, meter_id: 'cpu', subject: 'vm-1', time: new Date(time), value: '1.25', data: '{}', ingested_at: new Date(time),
  });

  it('makes usage_events partitions on demand, once, and refuses an event of a month without one', async () => {
    await ensureMonthPartitions(t.db, 'usage_events', ['2026-01', '2026-02', '2026-01']);
    await ensureMonthPartitions(t.db, 'usage_events', ['2026-02']);
    expect(await partitions('usage_events')).toEqual(['usage_events_2026_01', 'usage_events_2026_02']);
    await t.db.insertInto('usage_events').values([event('a', '2026-01-31T23:59:59.999Z'), event('b', '2026-02-01T00:00:00Z')]).execute();
    const where = await sql<{ p: string; id: string }>`select tableoid::regclass::text as p, id from usage_events order by id`.execute(t.db);
    expect(where.rows).toEqual([
      { p: 'usage_events_2026_01', id: 'a' },
      { p: 'usage_events_2026_02', id: 'b' },
    ]);
    await expect(t.db.insertInto('usage_events').values(event('c', '2026-03-01T00:00:00Z')).execute()).rejects.toThrow(/no partition/);
  });

  it('archives a month with the statements of docs/scaling.md: its rows leave, its rollups and the other months stay', async () => {
    await ensureMonthPartitions(t.db, 'usage_events', ['2026-01', '2026-02']);
    await ensureMonthPartitions(t.db, 'cost_records', ['2026-01', '2026-02']);
    await t.db.insertInto('usage_events').values([event('jan', '2026-01-15T10:00:00Z'), event('feb', '2026-02-15T10:00:00Z')]).execute();
    await t.db
      .insertInto('cost_records')
      .values([
        costRecord('ws-a', { charge_period_start: new Date('2026-01-15T00:00:00Z'), resource_id: 'vm-jan' }),
        costRecord('ws-a', { charge_period_start: new Date('2026-02-15T00:00:00Z'), resource_id: 'vm-feb' }),
      ])
      .execute();
    await sql`insert into cost_rollups_daily (workspace_id, day, billing_account_id, service_name, service_category, charge_category,
        billing_currency, records, billed_cost, unpriced_records)
      values ('ws-a', '2026-01-15', 'BA-1', 'Compute', 'Compute', 'Usage', 'USD', 1, 0.35312696, 0)`.execute(t.db);

    for (const statement of archiveStatements()) await sql.raw(statement).execute(t.db);

    expect(await partitions('usage_events')).toEqual(['usage_events_2026_02']);
    expect(await partitions('cost_records')).toEqual(['cost_records_2026_02']);
    expect((await t.db.selectFrom('usage_events').select('id').execute()).map((r) => r.id)).toEqual(['feb']);
    expect((await t.db.selectFrom('cost_records').select('resource_id').execute()).map((r) => r.resource_id)).toEqual(['vm-feb']);
    const archived = await sql<{ n: number }>`select (select count(*) from archive.usage_events_2026_01)::int + (select count(*) from archive.cost_records_2026_01)::int as n`.execute(t.db);
    expect(archived.rows[0]!.n).toBe(2);
    const rollup = await sql<{ billed: string }>`select billed_cost::text as billed from cost_rollups_daily where day = '2026-01-15'`.execute(t.db);
    expect(rollup.rows).toEqual([{ billed: '0.35312696' }]);

    // A process that starts afterwards (or forgets what it made) gets a fresh, empty month.
    forgetMonthPartitions(t.db);
    await ensureMonthPartitions(t.db, 'usage_events', ['2026-01']);
    await t.db.insertInto('usage_events').values(event('jan-again', '2026-01-20T00:00:00Z')).execute();
    expect(await partitions('usage_events')).toEqual(['usage_events_2026_01', 'usage_events_2026_02']);
    expect((await t.db.selectFrom('usage_events').select('id').orderBy('id').execute()).map((r) => r.id)).toEqual(['feb', 'jan-again']);
  });

  it('a detached month left in place is reported, not silently reused', async () => {
    await ensureMonthPartitions(t.db, 'usage_events', ['2026-01']);
    await sql`alter table usage_events detach partition usage_events_2026_01`.execute(t.db);
    forgetMonthPartitions(t.db);
    await expect(ensureMonthPartitions(t.db, 'usage_events', ['2026-01'])).rejects.toThrow(/already exists/);
  });
});
