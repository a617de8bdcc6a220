/** Rating: aggregations, automatic rating after ingest, rating runs, re-rating, late events, rollups, billing periods. */
import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { testEngines } from '../../../support/test-databases.js';
import { ACCOUNT, cloudEvent, daysAgo, hoursAfter, ingest, rateNow, seedCatalog } from '../../../support/metering-fixtures.js';

const dayText = (d: Date) => d.toISOString().slice(0, 10);

describe.each(testEngines())('rating (%s)', (engine) => {
  let t: TestApp;
  let ws: string;
  let day: Date;

  const records = (workspaceId: string, from: Date, meterId?: string) => {
    let q = t.db
      .selectFrom('cost_records')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('charge_period_start', '=', from);
    if (meterId) q = q.where('x_meter_id', '=', meterId);
    return q.orderBy('resource_id').orderBy('line_key').execute();
  };

  const startRun = (from: string, to: string, token?: string) =>
    t.call({ method: 'POST', url: '/metering/v1/rating-runs', payload: { from, to }, ...(token && { token }) });

  useTestApp(engine, async (app) => {
    t = app;
    ws = t.admin.workspaceId;
    await seedCatalog(t, { workspaceId: ws, prices: { cpu: '0.9', calls: '0.001', peak: '0.5', cores: '0.02' } });
    day = daysAgo(t, 5);
    const h = (n: number) => hoursAfter(day, n);
    const res = await ingest(t, [
      cloudEvent({ type: 'com.example.cpu.used', time: h(1), data: { quantity: 1.5 } }),
      cloudEvent({ type: 'com.example.cpu.used', time: h(2), data: { quantity: '2.25' } }),
      cloudEvent({ type: 'com.example.cpu.used', time: h(23.5), data: { quantity: 0.25 } }),
      cloudEvent({ type: 'com.example.cpu.used', time: hoursAfter(day, 24), data: { quantity: 1000 } }), // next day
      cloudEvent({ type: 'com.example.api.call', time: h(1), data: {} }),
      cloudEvent({ type: 'com.example.api.call', time: h(2), data: {} }),
      cloudEvent({ type: 'com.example.api.call', time: h(3), data: {} }),
      cloudEvent({ type: 'com.example.memory.peak', time: h(1), data: { gb: 4 } }),
      cloudEvent({ type: 'com.example.memory.peak', time: h(2), data: { gb: 9 } }),
      cloudEvent({ type: 'com.example.memory.peak', time: h(3), data: { gb: 2 } }),
      cloudEvent({ type: 'com.example.disk.size', time: h(1), data: { 'size gb': 100 } }),
      cloudEvent({ type: 'com.example.disk.size', time: h(5), data: { 'size gb': 120 } }),
      cloudEvent({ type: 'com.example.disk.size', time: h(3), data: { 'size gb': 80 } }),
      cloudEvent({ type: 'com.example.cores.held', time: h(0), data: { level: { cores: 8 } } }),
      cloudEvent({ type: 'com.example.cores.held', time: h(6), data: { level: { cores: 4 } } }),
      cloudEvent({ type: 'com.example.cores.held', time: h(12), data: { level: { cores: 4 } } }),
      cloudEvent({ type: 'com.example.cores.held', time: h(18), data: { level: { cores: 0 } } }),
      cloudEvent({ subject: 'vm-2', type: 'com.example.cpu.used', time: h(4), data: { quantity: 10 } }),
    ]);
    expect(res.statusCode).toBe(202);
    await rateNow(t);
  });

  it('rates automatically after ingest: one record per resource × SKU × day, by each meter’s aggregation', async () => {
    const quantities = Object.fromEntries((await records(ws, day)).filter((r) => r.resource_id === 'vm-1').map((r) => [r.x_meter_id, r.consumed_quantity]));
    expect(quantities).toEqual({ cpu: '4', calls: '3', peak: '9', disk: '120', cores: '96' });
    const [cpu] = await records(ws, day, 'cpu');
    expect(cpu).toMatchObject({
      resource_id: 'vm-1',
      resource_name: 'name of vm-1',
      billing_account_id: ACCOUNT,
      billing_account_name: 'Test Company',
      sku_id: 'SKU-cpu',
      list_unit_price: '0.9',
      list_cost: '3.6',
      billed_cost: '3.6',
      effective_cost: '3.6',
      charge_period_end: new Date(day.getTime() + 86_400_000),
      service_name: 'VM',
      service_category: 'Compute',
      tags: { team: 'core' },
      x_rating_status: 'RATED',
    });
    const nextDay = await records(ws, new Date(day.getTime() + 86_400_000), 'cpu');
    expect(nextDay.map((r) => r.consumed_quantity)).toEqual(['1000']);
    const runs = await t.call({ method: 'GET', url: '/metering/v1/rating-runs' });
    expect(runs.json().items[0]).toMatchObject({ status: 'SUCCEEDED', progressPercent: 100, result: { trigger: 'ingest', daysRated: 2 } });
    expect(await t.db.selectFrom('rating_marks').select('seq').where('workspace_id', '=', ws).execute()).toEqual([]);
  });

  it('keeps an unpriced meter as a record with null prices and costs, not zero', async () => {
    const [disk] = await records(ws, day, 'disk');
    expect(disk).toMatchObject({ x_rating_status: 'NO_PRICE', list_cost: null, billed_cost: null, list_unit_price: null, consumed_quantity: '120' });
  });

  it('keeps the daily rollups equal to the sums of the records', async () => {
    const rows = await records(ws, day);
    const billed = rows.reduce((s, r) => (r.billed_cost === null ? s : s.plus(r.billed_cost)), new Decimal(0));
    const rollups = await t.db.selectFrom('cost_rollups_daily').selectAll().where('workspace_id', '=', ws).where('day', '=', dayText(day)).execute();
    const rolled = rollups.reduce((s, r) => (r.billed_cost === null ? s : s.plus(r.billed_cost)), new Decimal(0));
    expect(rolled.toFixed()).toBe(billed.toFixed());
    expect(rollups.reduce((n, r) => n + r.records, 0)).toBe(rows.length);
    expect(rollups.reduce((n, r) => n + r.unpriced_records, 0)).toBe(1);
  });

  it('re-rates a range on request (202 + async operation) and replaces the records without duplicating them', async () => {
    const before = await records(ws, day);
    const res = await startRun(dayText(daysAgo(t, 7)), dayText(daysAgo(t, 2)));
    expect(res.statusCode).toBe(202);
    const { transactionId: id, code, status } = res.json();
    expect({ code, status }).toEqual({ code: 202, status: '202 ACCEPTED' });
    expect(res.headers.location).toBe(`/metering/v1/rating-runs/${id}`);
    const waiting = (await t.call({ method: 'GET', url: `/metering/v1/rating-runs/${id}` })).json();
    expect(waiting).toMatchObject({ status: 'INITIALIZED', progressPercent: 0, resultType: 'ratingRunResult', type: 'metering/rating-run' });
    await t.jobs.drain();
    const done = (await t.call({ method: 'GET', url: `/metering/v1/rating-runs/${id}` })).json();
    expect(done).toMatchObject({ status: 'SUCCEEDED', progressPercent: 100, result: { trigger: 'request', daysTotal: 5, daysRated: 5 } });
    expect(done.endedAt).toBeDefined();
    const after = await records(ws, day);
    expect(after.map((r) => [r.resource_id, r.line_key, r.billed_cost])).toEqual(before.map((r) => [r.resource_id, r.line_key, r.billed_cost]));
    expect(after[0]!.x_rating_run_id).toBe(id);
  });

  it('applies a price change to a day only when that day is re-rated', async () => {
    await t.db.updateTable('prices').set({ list_unit_price: '1.8' }).where('workspace_id', '=', ws).where('sku_id', '=', 'SKU-cpu').execute();
    // A late event on another day re-rates only that day.
    const other = daysAgo(t, 6);
    await ingest(t, cloudEvent({ type: 'com.example.cpu.used', time: hoursAfter(other, 3), data: { quantity: 1 } }));
    const dayBefore = (await records(ws, day, 'cpu')).map((r) => [r.billed_cost, r.x_rated_at.getTime()]);
    await rateNow(t);
    expect((await records(ws, day, 'cpu')).map((r) => [r.billed_cost, r.x_rated_at.getTime()])).toEqual(dayBefore);
    expect((await records(ws, other, 'cpu')).map((r) => r.billed_cost)).toEqual(['1.8']);
    const res = await startRun(dayText(day), dayText(new Date(day.getTime() + 86_400_000)));
    expect(res.statusCode).toBe(202);
    await t.jobs.drain();
    expect((await records(ws, day, 'cpu')).map((r) => [r.resource_id, r.billed_cost])).toEqual([
      ['vm-1', '7.2'],
      ['vm-2', '18'],
    ]);
  });

  it('starts billing periods on the billing account’s accounting day', async () => {
    const other = await t.tenant(['metering-admin'], 'accounting-day');
    await seedCatalog(t, { workspaceId: other.workspaceId, accountingDay: 15, prices: { cpu: '1' } });
    // The latest 10th of a month at least a day ago: inside the ingest window (35 days), before the accounting day.
    const today = new Date(t.now());
    const monthBack = today.getUTCDate() > 10 ? 0 : 1;
    const tenth = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - monthBack, 10));
    expect((await ingest(t, cloudEvent({ time: hoursAfter(tenth, 12), data: { quantity: 2 } }), { token: other.token })).statusCode).toBe(202);
    await rateNow(t);
    const [row] = await records(other.workspaceId, tenth);
    expect(row!.billing_period_start).toEqual(new Date(Date.UTC(tenth.getUTCFullYear(), tenth.getUTCMonth() - 1, 15)));
    expect(row!.billing_period_end).toEqual(new Date(Date.UTC(tenth.getUTCFullYear(), tenth.getUTCMonth(), 15)));
    // Never the other workspace's records: its run rated only its own day.
    expect((await records(ws, tenth)).length).toBe(0);
    const theirs = await t.call({ method: 'GET', url: '/metering/v1/rating-runs', token: other.token });
    expect(theirs.json().items.every((r: { result: { from: string } }) => r.result.from === dayText(tenth))).toBe(true);
  });

  it('refuses bad ranges with a 400 naming the field', async () => {
    const cases: [string, string, string][] = [
      ['2026-02-30', '2026-03-01', 'from'],
      ['2026-03-01', '2026-03-01', 'to'],
      ['2026-03-02', '2026-03-01', 'to'],
      ['2000-01-01', '2026-01-01', 'to'],
    ];
    for (const [from, to, field] of cases) {
      const res = await startRun(from, to);
      expect(res.statusCode, `${from}..${to}`).toBe(400);
      expect(res.json().errorDetails[0].issues[0].subject).toBe(field);
    }
    const malformed = await t.call({ method: 'POST', url: '/metering/v1/rating-runs', payload: { from: 'yesterday', to: '2026-01-01' } });
    expect(malformed.statusCode).toBe(400);
  });

  it("answers 404 for an unknown run and for another workspace's, 400 for a malformed id, 403 without the permission", async () => {
    const res = await startRun(dayText(daysAgo(t, 2)), dayText(daysAgo(t, 1)));
    const id = res.json().transactionId as string;
    const stranger = await t.tenant(['metering-admin'], 'stranger');
    expect((await t.call({ method: 'GET', url: `/metering/v1/rating-runs/${id}`, token: stranger.token })).statusCode).toBe(404);
    expect((await t.call({ method: 'GET', url: '/metering/v1/rating-runs/00000000-0000-4000-8000-000000000000' })).statusCode).toBe(404);
    expect((await t.call({ method: 'GET', url: '/metering/v1/rating-runs/not-a-uuid' })).statusCode).toBe(400);
    const viewer = await t.tenant(['cost-viewer'], 'viewer');
    expect((await startRun('2026-01-01', '2026-01-02', viewer.token)).statusCode).toBe(403);
    await t.jobs.drain();
  });
});
