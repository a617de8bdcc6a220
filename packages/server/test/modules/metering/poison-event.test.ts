/**
 * One tenant's data can never break another's work (issue 15, point 10): an event dated 0001-01-01
 * once made a cost-record partition running to 1901 that blocked the months after it. Ingest now
 * takes event times inside a window and values inside what storage and exports hold, each refusal a
 * 400 naming the event and field; what an older server stored is rated into partitions of exactly
 * its months; and one workspace's failing rating leaves every other workspace's rating to run.
 */
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { COST_RECORD_COLUMNS } from '../../../src/modules/cost-records/index.js';
import { unscaledDecimal } from '../../../src/modules/focus-exports/parquet-encoder.js';
import { up as repairPartitions } from '../../../src/storage/migrations/2026-12-06-0012-event-time-bounds.js';
import { type TestApp, useTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { partitionRanges } from '../../support/cost-partition-fixtures.js';
import { cloudEvent, countEvents, daysAgo, ingest, rateNow, seedCatalog } from '../../support/metering-fixtures.js';
import { ensureMonthPartitions } from '../../../src/storage/month-partitions.js';

type Tenant = Awaited<ReturnType<TestApp['tenant']>>;

async function tenantWithCatalog(t: TestApp, name: string): Promise<Tenant> {
  const tenant = await t.tenant(['metering-admin'], name);
  await seedCatalog(t, { workspaceId: tenant.workspaceId, resources: ['vm-1'], prices: { cpu: '0.5' } });
  return tenant;
}

/** Usage as a server without the event-time window stored it: the event and its rating mark, straight into the tables. */
async function storedBeforeTheWindow(t: TestApp, workspaceId: string, time: string): Promise<void> {
  await ensureMonthPartitions(t.db, 'usage_events', [time.slice(0, 7)]);
  await t.db
    .insertInto('usage_events')
    .values({ workspace_id: workspaceId, source: 'urn:old', id: `old-${time}`, meter_id: 'cpu', subject: 'vm-1', time: new Date(time), value: '2', data: '{"quantity":2}', ingested_at: new Date(t.now()) })
    .execute();
  await sql`insert into rating_marks (workspace_id, day) values (${workspaceId}, ${time.slice(0, 10)}::date)`.execute(t.db);
}

const runsOf = (t: TestApp, workspaceId: string) =>
  t.db.selectFrom('rating_runs').select(['status', 'from_day', 'to_day']).where('workspace_id', '=', workspaceId).orderBy('created_at').execute();

const billedOf = async (t: TestApp, workspaceId: string) =>
  (await t.db.selectFrom('cost_records').select(['charge_period_start', 'billed_cost']).where('workspace_id', '=', workspaceId).orderBy('charge_period_start').execute()).map(
    (r) => [r.charge_period_start.toISOString().slice(0, 10), r.billed_cost],
  );

const issuesOf = (res: { json(): unknown }) => (res.json() as { errorDetails: { issues: { subject: string; description: string }[] }[] }).errorDetails[0]!.issues;

describe.each(testEngines())('a poison event on %s', (engine) => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  useTestApp(engine, async (app) => {
    t = app;
    a = await tenantWithCatalog(t, 'poisoner');
    b = await tenantWithCatalog(t, 'bystander');
  });

  it('dated 0001-01-01 (or any time outside the window) is a 400 naming the event and its time, and nothing is stored', async () => {
    const res = await ingest(
      t,
      [
        cloudEvent({ time: daysAgo(t, 1) }),
        cloudEvent({ time: '0001-01-01T00:00:00Z' }),
        cloudEvent({ time: '0001-01-01T00:30:00+01:00' }),
        cloudEvent({ time: '0099-12-31T12:00:00Z' }),
        cloudEvent({ time: new Date(t.now() - 36 * 86_400_000) }),
        cloudEvent({ time: new Date(t.now() + 3_600_000) }),
      ],
      { token: a.token },
    );
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ httpStatusCode: 400, errorCode: 'HPE_GL_ERROR_BAD_REQUEST', debugId: expect.any(String) });
    expect(issuesOf(res).map((i) => i.subject)).toEqual(['[1].time', '[2].time', '[3].time', '[4].time', '[5].time']);
    expect(issuesOf(res)[0]!.description).toMatch(/more than 35 days before the server's clock/);
    expect(issuesOf(res)[4]!.description).toMatch(/more than 300 seconds after the server's clock/);
    expect(await countEvents(t, a.workspaceId)).toBe(0);

    const single = await ingest(t, cloudEvent({ time: '0001-01-01T00:00:00Z' }), { token: a.token });
    expect(single.statusCode).toBe(400);
    expect(issuesOf(single)).toEqual([expect.objectContaining({ subject: 'time' })]);
  });

  it('stored by an older server, is rated into partitions of exactly its months, and the other workspace’s rating is unaffected', async () => {
    await storedBeforeTheWindow(t, a.workspaceId, '0001-01-01T00:00:00Z');
    await storedBeforeTheWindow(t, a.workspaceId, '0050-03-01T00:00:00Z');
    const day = daysAgo(t, 2);
    expect((await ingest(t, [cloudEvent({ time: day, data: { quantity: 4 } })], { token: a.token })).statusCode).toBe(202);
    expect((await ingest(t, [cloudEvent({ time: day, data: { quantity: 3 } })], { token: b.token })).statusCode).toBe(202);
    await rateNow(t);

    expect(await runsOf(t, b.workspaceId)).toEqual([expect.objectContaining({ status: 'SUCCEEDED' })]);
    expect(await billedOf(t, b.workspaceId)).toEqual([[day.toISOString().slice(0, 10), '1.5']]);
    expect(await runsOf(t, a.workspaceId)).toEqual([expect.objectContaining({ status: 'SUCCEEDED', from_day: '0001-01-01' })]);
    expect(await billedOf(t, a.workspaceId)).toEqual([
      // Before the price's effectiveFrom (2020): unpriced, cost null.
      ['0001-01-01', null],
      ['0050-03-01', null],
      [day.toISOString().slice(0, 10), '2'],
    ]);
    const ranges = await partitionRanges(t.db);
    expect(ranges.cost_records_0001_01).toEqual(['0001-01-01', '0001-02-01']);
    expect(ranges.cost_records_0050_03).toEqual(['0050-03-01', '0050-04-01']);
  });
});

describe.each(testEngines())('values at the edge of what exports hold, on %s', (engine) => {
  let t: TestApp;
  let tenant: Tenant;
  useTestApp(engine, async (app) => {
    t = app;
    tenant = await t.tenant(['metering-admin'], 'huge prices');
    // The largest price the catalog takes (23 integer digits) times the largest value ingest takes.
    await seedCatalog(t, { workspaceId: tenant.workspaceId, resources: ['vm-1'], prices: { cpu: '99999999999999999999999' } });
  });

  it('rates a line whose cost no export could write as OUT_OF_RANGE with null costs, and every stored decimal fits the Parquet type', async () => {
    const day = daysAgo(t, 1);
    expect((await ingest(t, [cloudEvent({ time: day, data: { quantity: '999999999999999999' } })], { token: tenant.token })).statusCode).toBe(202);
    await rateNow(t);
    const [row] = await t.db.selectFrom('cost_records').selectAll().where('workspace_id', '=', tenant.workspaceId).execute();
    expect(row).toMatchObject({ x_rating_status: 'OUT_OF_RANGE', billed_cost: null, list_cost: null, consumed_quantity: '999999999999999999', list_unit_price: '99999999999999999999999' });
    for (const column of COST_RECORD_COLUMNS.filter((c) => c.type === 'decimal')) {
      const value = (row as Record<string, unknown>)[column.column];
      if (typeof value === 'string') expect(() => unscaledDecimal(value, column.name)).not.toThrow();
    }
  });
});

describe.each(testEngines())('a workspace whose rating fails, on %s', (engine) => {
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  useTestApp(engine, async (app) => {
    t = app;
    a = await tenantWithCatalog(t, 'broken');
    b = await tenantWithCatalog(t, 'healthy');
  });

  it('fails alone: the other workspace is rated in the same pass, and the repair lets the first one through', async () => {
    // What the old Date.UTC bound left in a database: 0001-01 running to 1901-02-01.
    await sql`create table cost_records_0001_01 partition of cost_records
      for values from ('0001-01-01T00:00:00Z') to ('1901-02-01T00:00:00Z')`.execute(t.db);
    await storedBeforeTheWindow(t, a.workspaceId, '0050-03-01T00:00:00Z');
    const day = daysAgo(t, 1);
    expect((await ingest(t, [cloudEvent({ time: day })], { token: a.token })).statusCode).toBe(202);
    expect((await ingest(t, [cloudEvent({ time: day, data: { quantity: 8 } })], { token: b.token })).statusCode).toBe(202);
    await rateNow(t);

    expect(await runsOf(t, b.workspaceId)).toEqual([expect.objectContaining({ status: 'SUCCEEDED' })]);
    expect(await billedOf(t, b.workspaceId)).toEqual([[day.toISOString().slice(0, 10), '4']]);
    const failed = await t.db.selectFrom('jobs').select(['status', 'last_error']).where('workspace_id', '=', a.workspaceId).where('queue', '=', 'metering.auto-rating').execute();
    expect(failed).toEqual([expect.objectContaining({ last_error: expect.stringMatching(/would overlap/) })]);
    expect(await billedOf(t, a.workspaceId)).toEqual([]);

    // Migration 0012 repairs the partition; the retried job then rates the workspace.
    await repairPartitions(t.db as unknown as Kysely<unknown>);
    t.advance(10 * 60_000);
    await t.jobs.drain();
    expect(await billedOf(t, a.workspaceId)).toEqual([
      ['0050-03-01', null],
      [day.toISOString().slice(0, 10), '0.5'],
    ]);
  });
});
