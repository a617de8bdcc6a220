/**
 * Kept list totals and remembered page positions (ADR 0029): a list's `total` is counted once per
 * list version, and a deep page of the device list starts at a remembered key; every write to the
 * table, by the API or by plain SQL that bypasses the server's code, a commit or not, in this
 * workspace or another, gives what a fresh count and a full skip would give. Through the Flex
 * device and order lists and the subscription list, on both engines.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { anchorStats } from '../../src/storage/list-anchors.js';
import { keptTotalsStats, readListVersion } from '../../src/storage/list-counts.js';
import { DEVICE_IDS, ORDER_IDS, insertFlexFixtures } from '../support/flex-fixtures.js';
import { addKeys, freshKeys, settle } from '../support/subscription-fixtures.js';
import { type TestApp, useTestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-databases.js';

const HPE_DEVICES = `/flex/v1beta1/devices?filter=${encodeURIComponent("make eq 'HPE'")}`;
const ORDERS = '/flex/v1beta1/orders?limit=1';

describe.each(testEngines())('kept list totals on %s', (engine) => {
  let t: TestApp;
  let ws: string;
  let token: string;
  let other: { workspaceId: string; token: string };
  useTestApp(engine, async (app) => {
    t = app;
    const tenant = await t.tenant(['flex-viewer', 'subscriptions-viewer', 'subscriptions-editor'], 'counts');
    ws = tenant.workspaceId;
    token = tenant.token;
    other = await t.tenant(['flex-viewer'], 'counts-other');
    await insertFlexFixtures(t.db, ws);
    await insertFlexFixtures(t.db, other.workspaceId);
  });

  const total = async (url: string, as = token) => {
    const res = await t.call({ method: 'GET', url, token: as });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { total: number }).total;
  };
  /** The true count, by SQL of its own. */
  const hpeDevices = async (workspaceId = ws) =>
    (await sql<{ n: number }>`select count(*)::int as n from flex_devices where workspace_id = ${workspaceId} and make = 'HPE'`.execute(t.db)).rows[0]!.n;
  const insertDevice = (id: string, make: string, workspaceId = ws) =>
    sql`insert into flex_devices (workspace_id, id, resource_id, generation, created_at, updated_at, mac_address, serial_number,
          part_number, device_type, model, make, tags)
        values (${workspaceId}, ${id}, ${id}, 1, now(), now(), 'AA:BB:CC:DD:EE:FF', ${`SN-${id.slice(-4)}`}, 'P1', 'COMPUTE', 'DL380', ${make}, '[]')`.execute(t.db);

  it('counts once, then gives the kept total while nothing is written', async () => {
    const before = keptTotalsStats(t.db);
    expect(await total(HPE_DEVICES)).toBe(2);
    expect(await total(HPE_DEVICES)).toBe(2);
    expect(await total(HPE_DEVICES)).toBe(2);
    const after = keptTotalsStats(t.db);
    expect(after.misses - before.misses).toBe(1);
    expect(after.hits - before.hits).toBe(2);
    // The page's own statement carried the version: no read of it on its own.
    expect(after.versionReads).toBe(before.versionReads);
    // A page past the end has no row to carry it: then it is read on its own, and the total is still kept.
    expect(await total(`${HPE_DEVICES}&offset=50`)).toBe(2);
    expect(await total(`${HPE_DEVICES}&offset=50`)).toBe(2);
    expect(keptTotalsStats(t.db).versionReads).toBe(before.versionReads + 2);
  });

  it('follows inserts, updates and deletes made by plain SQL, not through the server', async () => {
    expect(await total(HPE_DEVICES)).toBe(2);
    const id = 'bbbbbbbb-0000-4000-8000-000000000001';
    await insertDevice(id, 'HPE');
    expect(await total(HPE_DEVICES)).toBe(3);
    await sql`update flex_devices set make = 'Aruba' where workspace_id = ${ws} and id = ${DEVICE_IDS[0]!}`.execute(t.db);
    expect(await total(HPE_DEVICES)).toBe(2);
    await sql`delete from flex_devices where workspace_id = ${ws} and id = ${id}`.execute(t.db);
    expect(await total(HPE_DEVICES)).toBe(1);
    await sql`update flex_devices set make = 'HPE' where workspace_id = ${ws} and id = ${DEVICE_IDS[0]!}`.execute(t.db);
    expect(await total(HPE_DEVICES)).toBe(await hpeDevices());
    expect(await total(HPE_DEVICES)).toBe(2);
  });

  it('requests in flight together after a write all get the new total (one count may serve several)', async () => {
    const first = await total(HPE_DEVICES);
    await insertDevice('bbbbbbbb-0000-4000-8000-0000000000f1', 'HPE');
    const totals = await Promise.all(Array.from({ length: 8 }, () => total(HPE_DEVICES)));
    expect(totals).toEqual(Array.from({ length: 8 }, () => first + 1));
    await sql`delete from flex_devices where workspace_id = ${ws} and id = 'bbbbbbbb-0000-4000-8000-0000000000f1'`.execute(t.db);
    const after = await Promise.all(Array.from({ length: 8 }, () => total(HPE_DEVICES)));
    expect(after).toEqual(Array.from({ length: 8 }, () => first));
  });

  it('a write that rolls back leaves the version and the total as they were', async () => {
    expect(await total(HPE_DEVICES)).toBe(2);
    const version = await readListVersion(t.db, ws, 'flex_devices');
    await expect(
      t.db.transaction().execute(async (trx) => {
        await sql`insert into flex_devices (workspace_id, id, resource_id, generation, created_at, updated_at, mac_address, serial_number,
              part_number, device_type, model, make, tags)
            values (${ws}, 'bbbbbbbb-0000-4000-8000-000000000002', 'bbbbbbbb-0000-4000-8000-000000000002', 1, now(), now(), 'x', 'x', 'x', 'x', 'x', 'HPE', '[]')`.execute(trx);
        expect(await readListVersion(trx, ws, 'flex_devices')).not.toBe(version);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await readListVersion(t.db, ws, 'flex_devices')).toBe(version);
    const hits = keptTotalsStats(t.db).hits;
    expect(await total(HPE_DEVICES)).toBe(2);
    expect(keptTotalsStats(t.db).hits).toBe(hits + 1);
  });

  it('raises the version once per statement and per workspace, and only for the table written', async () => {
    const devices = await readListVersion(t.db, ws, 'flex_devices');
    const orders = await readListVersion(t.db, ws, 'flex_orders');
    const elsewhere = await readListVersion(t.db, other.workspaceId, 'flex_devices');
    // One statement, three rows of this workspace: one step.
    await sql`update flex_devices set generation = generation + 1 where workspace_id = ${ws} and make <> 'NetApp'`.execute(t.db);
    expect(BigInt(await readListVersion(t.db, ws, 'flex_devices'))).toBe(BigInt(devices) + 1n);
    expect(await readListVersion(t.db, ws, 'flex_orders')).toBe(orders);
    expect(await readListVersion(t.db, other.workspaceId, 'flex_devices')).toBe(elsewhere);
    // The other workspace's write moves its own version and totals, not this one's.
    await insertDevice('bbbbbbbb-0000-4000-8000-000000000003', 'HPE', other.workspaceId);
    expect(await total(HPE_DEVICES, other.token)).toBe(await hpeDevices(other.workspaceId));
    expect(await total(HPE_DEVICES)).toBe(await hpeDevices());
  });

  it('keeps the order list exact across a delete', async () => {
    expect(await total(ORDERS)).toBe(3);
    expect(await total(ORDERS)).toBe(3);
    await sql`update flex_devices set order_id = null where workspace_id = ${ws} and order_id = ${ORDER_IDS[2]!}`.execute(t.db);
    await sql`delete from flex_orders where workspace_id = ${ws} and id = ${ORDER_IDS[2]!}`.execute(t.db);
    expect(await total(ORDERS)).toBe(2);
  });

  it('deep device pages from remembered keys are the pages a full skip gives, before and after writes in front of them', async () => {
    const bulk = await t.tenant(['flex-viewer'], 'counts-pages');
    // 300 devices with resource ids in a known order: 10000000-…-000000000000 + i.
    await sql`insert into flex_devices (workspace_id, id, resource_id, generation, created_at, updated_at, mac_address, serial_number,
          part_number, device_type, model, make, tags)
        select ${bulk.workspaceId}, gen_random_uuid(), ('10000000-0000-4000-8000-' || lpad((i * 10)::text, 12, '0'))::uuid, 1, now(), now(),
          'AA:BB:CC:DD:EE:FF', 'SN' || i, 'P1', 'COMPUTE', 'DL380', case when i % 3 = 0 then 'Aruba' else 'HPE' end, '[]'
        from generate_series(1, 300) as i`.execute(t.db);
    const page = async (offset: number, sort?: string) => {
      const query = new URLSearchParams({ filter: "make eq 'HPE'", limit: '10', offset: String(offset), ...(sort && { sort }) });
      const res = await t.call({ method: 'GET', url: `/flex/v1beta1/devices?${query}`, token: bulk.token });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json() as { items: { resourceId: string }[]; total: number };
      return { ids: body.items.map((d) => d.resourceId), total: body.total };
    };
    const truth = async (offset: number, direction: 'asc' | 'desc' = 'asc') =>
      (
        await sql<{ id: string }>`select resource_id::text as id from flex_devices where workspace_id = ${bulk.workspaceId} and make = 'HPE'
          order by resource_id ${sql.raw(direction)} limit 10 offset ${offset}`.execute(t.db)
      ).rows.map((r) => r.id);
    const check = async (offset: number, sort?: string) => {
      const got = await page(offset, sort);
      expect(got.ids, `offset ${offset} ${sort ?? ''}`).toEqual(await truth(offset, sort?.endsWith('desc') ? 'desc' : 'asc'));
      expect(got.ids).toHaveLength(Math.min(10, got.total - offset));
      return got;
    };
    // Pages in a row, then back, then far: each from the remembered key nearest before it.
    const start = anchorStats(t.db);
    for (const offset of [0, 10, 20, 150, 150, 160, 15, 185, 190]) await check(offset);
    for (const offset of [100, 100, 110, 105]) await check(offset, 'resourceId desc');
    const unwritten = anchorStats(t.db);
    // Every page after the first of each sort started from a remembered key, and none was refused.
    expect(unwritten.served - start.served).toBe(8 + 3);
    expect(unwritten.refused).toBe(start.refused);
    // A device sorted before every remembered key, and one deleted there: the pages shift as a full skip's do.
    await sql`insert into flex_devices (workspace_id, id, resource_id, generation, created_at, updated_at, mac_address, serial_number,
          part_number, device_type, model, make, tags)
        values (${bulk.workspaceId}, gen_random_uuid(), '10000000-0000-4000-8000-000000000001', 1, now(), now(), 'x', 'first', 'x', 'x', 'x', 'HPE', '[]')`.execute(t.db);
    expect((await check(150)).total).toBe(201);
    expect(anchorStats(t.db).refused).toBe(unwritten.refused + 1);
    await check(160);
    await sql`delete from flex_devices where workspace_id = ${bulk.workspaceId} and resource_id in (
        '10000000-0000-4000-8000-000000000001', '10000000-0000-4000-8000-000000000010', '10000000-0000-4000-8000-000000000020')`.execute(t.db);
    expect((await check(150)).total).toBe(198);
    await check(190);
    await check(100, 'resourceId desc');
  });

  it('keeps the subscription list exact across claims through the API and a delete by SQL', async () => {
    const url = `/subscriptions/v1/subscriptions?filter=${encodeURIComponent("subscriptionType eq 'CENTRAL_AP'")}&limit=1`;
    const start = await total(url);
    const keys = await freshKeys(t, 2, { subscription_type: 'CENTRAL_AP' });
    const accepted = await addKeys(t, keys, { token });
    expect(accepted.status).toBe(202);
    expect((await settle(t, accepted.id, token)).status).toBe('SUCCEEDED');
    expect(await total(url)).toBe(start + 2);
    expect(await total(url)).toBe(start + 2);
    await sql`delete from subscriptions where workspace_id = ${ws} and key = ${keys[0]!}`.execute(t.db);
    expect(await total(url)).toBe(start + 1);
  });
});
