import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { FLEX_DEVICE_TYPES, TEST_BILLING_ACCOUNT, WorkspaceNotFoundError, seedFlexDemo } from '../../src/demo/index.js';
import type { Db } from '../../src/storage/database.js';
import { countOf, suiteDatabase } from '../support/demo-fixtures.js';
import { testEngines } from '../support/test-databases.js';

/** Every Flex row of a workspace as text, workspace column removed, in a stable order. */
/** A workspace's demo rows; customer_id is left out: the database numbers it across the installation, not the seed. */
async function dump(db: Db, workspaceId: string): Promise<string[]> {
  const { rows } = await sql<{ row: string }>`
    select t::text as row from (
      select 'a' as kind, (to_jsonb(b) - 'workspace_id' - 'customer_id')::text as t, b.id::text as k from billing_accounts b where workspace_id = ${workspaceId}
      union all
      select 'o', (to_jsonb(o) - 'workspace_id')::text, o.id::text from flex_orders o where workspace_id = ${workspaceId}
      union all
      select 'd', (to_jsonb(d) - 'workspace_id')::text, d.id::text from flex_devices d where workspace_id = ${workspaceId}
    ) x order by kind, k`.execute(db);
  return rows.map((r) => r.row);
}

describe.each(testEngines())('seedFlexDemo on %s', (engine) => {
  const database = suiteDatabase(engine, ['ws-a', 'ws-b', 'ws-c', 'ws-big']);

  it('seeds the defaults: at least 40 orders and 500 devices, with the test billing account', async () => {
    const result = await seedFlexDemo(database.db, 'ws-a');
    expect(result).toEqual({ billingAccounts: 8, orders: 48, devices: 600 });
    const orders = await database.db.selectFrom('flex_orders').select(sql<number>`count(*)::int`.as('n')).where('workspace_id', '=', 'ws-a').executeTakeFirstOrThrow();
    const devices = await database.db.selectFrom('flex_devices').select(sql<number>`count(*)::int`.as('n')).where('workspace_id', '=', 'ws-a').executeTakeFirstOrThrow();
    expect(orders.n).toBeGreaterThanOrEqual(40);
    expect(devices.n).toBeGreaterThanOrEqual(500);
    const test = await database.db.selectFrom('billing_accounts').selectAll().where('workspace_id', '=', 'ws-a').where('id', '=', TEST_BILLING_ACCOUNT.id).executeTakeFirst();
    expect(test).toMatchObject({ name: 'Test Company', currency: 'USD' });
  });

  it('keeps every device consistent: its order is of the same billing account, id equals resource id, type in the enum', async () => {
    const ws = 'ws-a';
    expect(await countOf(database.db, sql`
      select count(*)::int as n from flex_devices d
      left join flex_orders o on o.workspace_id = d.workspace_id and o.id = d.order_id
      where d.workspace_id = ${ws}
        and (o.id is null or o.billing_account_id is distinct from d.billing_account_id
             or o.billing_account_name is distinct from d.billing_account_name)`)).toBe(0);
    expect(await countOf(database.db, sql`
      select count(*)::int as n from flex_orders o
      left join billing_accounts b on b.workspace_id = o.workspace_id and b.id = o.billing_account_id
      where o.workspace_id = ${ws} and (b.id is null or b.name <> o.billing_account_name)`)).toBe(0);
    expect(await countOf(database.db, sql`select count(*)::int as n from flex_devices where workspace_id = ${ws} and id <> resource_id`)).toBe(0);
    const types = await database.db.selectFrom('flex_devices').select('device_type').distinct().where('workspace_id', '=', ws).execute();
    for (const { device_type } of types) expect(FLEX_DEVICE_TYPES).toContain(device_type);
    expect(types.length).toBeGreaterThan(8);
  });

  it('writes unique serial numbers and MAC addresses, and tags as a jsonb array of {name, value}', async () => {
    const row = await database.db
      .selectFrom('flex_devices')
      .select([
        sql<number>`count(*)::int`.as('n'),
        sql<number>`count(distinct serial_number)::int`.as('serials'),
        sql<number>`count(distinct mac_address)::int`.as('macs'),
        sql<number>`count(*) filter (where jsonb_typeof(tags) <> 'array' or jsonb_array_length(tags) > 4)::int`.as('badTags'),
      ])
      .where('workspace_id', '=', 'ws-a')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ n: 600, serials: 600, macs: 600, badTags: 0 });
    const tagged = await database.db.selectFrom('flex_devices').select('tags').where('workspace_id', '=', 'ws-a').where(sql<boolean>`jsonb_array_length(tags) > 0`).executeTakeFirstOrThrow();
    expect(tagged.tags[0]).toEqual({ name: expect.any(String), value: expect.any(String) });
  });

  it('is deterministic: the same seed writes identical rows, another seed different ones', async () => {
    await seedFlexDemo(database.db, 'ws-b');
    expect(await dump(database.db, 'ws-b')).toEqual(await dump(database.db, 'ws-a'));
    await seedFlexDemo(database.db, 'ws-c', { seed: 'other' });
    const other = await dump(database.db, 'ws-c');
    expect(other).not.toEqual(await dump(database.db, 'ws-a'));
    expect(other.length).toBe(8 + 48 + 600);
  });

  it('replaces a workspace\'s rows on reseeding and leaves other workspaces alone', async () => {
    const before = await dump(database.db, 'ws-a');
    const result = await seedFlexDemo(database.db, 'ws-b', { seed: 'reseed', orders: 10, devices: 50, now: new Date('2030-01-01T00:00:00Z') });
    expect(result).toEqual({ billingAccounts: 8, orders: 10, devices: 50 });
    expect(await dump(database.db, 'ws-b')).toHaveLength(8 + 10 + 50);
    expect(await dump(database.db, 'ws-a')).toEqual(before);
  });

  it('refuses a workspace that does not exist and writes nothing', async () => {
    await expect(seedFlexDemo(database.db, 'nope')).rejects.toBeInstanceOf(WorkspaceNotFoundError);
    expect(await dump(database.db, 'nope')).toEqual([]);
  });

  it('loads 20,000 devices in batches within seconds, reporting progress', async () => {
    const progress: [number, number][] = [];
    const started = performance.now();
    const result = await seedFlexDemo(database.db, 'ws-big', { devices: 20_000, orders: 200, onProgress: (d, t) => progress.push([d, t]) });
    const seconds = (performance.now() - started) / 1000;
    expect(result.devices).toBe(20_000);
    expect(progress[0]).toEqual([0, 20_000]);
    expect(progress.at(-1)).toEqual([20_000, 20_000]);
    expect(progress.length).toBe(1 + 2); // 0, then one call per 10,000-device batch
    expect(seconds).toBeLessThan(15);
    const n = await database.db.selectFrom('flex_devices').select(sql<number>`count(distinct serial_number)::int`.as('n')).where('workspace_id', '=', 'ws-big').executeTakeFirstOrThrow();
    expect(n.n).toBe(20_000);
  });
});
