/**
 * Issue 15 point 3: ingest under a 20-way race. Twenty batches that overlap (the same source and id
 * in several of them) store each event once, count the rest as duplicates, leave a rating mark for
 * every touched day, queue one automatic rating (ADR 0012: "unless one is queued already"), and
 * rate to exactly the costs a sequential ingest of the same events gives.
 */
import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { testEngines } from '../../../support/test-databases.js';
import { cloudEvent, countEvents, daysAgo, hoursAfter, ingest, rateNow, seedCatalog } from '../../../support/metering-fixtures.js';
import { AUTO_RATING_QUEUE } from '../../../../src/modules/metering/rating/rating-queues.js';

const RACERS = 20;
const DISTINCT = 40;
const BATCH = 10;
const STRIDE = DISTINCT / RACERS;
const PRICES = { cpu: '0.9', calls: '0.001', peak: '0.5', disk: '0.013', cores: '0.02' };

/** One event per meter kind in turn, on three days, at times unique within a day, with decimal values. */
function events(t: TestApp): Record<string, unknown>[] {
  const days = [daysAgo(t, 5), daysAgo(t, 4), daysAgo(t, 3)];
  return Array.from({ length: DISTINCT }, (_, i) => {
    const time = hoursAfter(days[i % 3]!, Math.floor(i / 3) + 0.25);
    const subject = i % 2 === 0 ? 'vm-1' : 'vm-2';
    const id = `race-${i}`;
    switch (i % 5) {
      case 0:
        return cloudEvent({ id, subject, time, type: 'com.example.cpu.used', data: { quantity: `${i}.125` } });
      case 1:
        return cloudEvent({ id, subject, time, type: 'com.example.api.call', data: {} });
      case 2:
        return cloudEvent({ id, subject, time, type: 'com.example.memory.peak', data: { gb: `${i % 7}.3` } });
      case 3:
        return cloudEvent({ id, subject, time, type: 'com.example.disk.size', data: { 'size gb': 100 + i } });
      default:
        return cloudEvent({ id, subject, time, type: 'com.example.cores.held', data: { level: { cores: `${i % 4}.5` } } });
    }
  });
}

/** Batch k: 10 consecutive events from 2k on, wrapping: every event is in 5 batches. */
const batches = (all: Record<string, unknown>[]) =>
  Array.from({ length: RACERS }, (_, k) => Array.from({ length: BATCH }, (_, j) => all[(k * STRIDE + j) % DISTINCT]!));

describe.each(testEngines())('ingest under a 20-way race (%s)', (engine) => {
  let t: TestApp;
  useTestApp(engine, (app) => {
    t = app;
  });

  const costRecords = (workspaceId: string) =>
    t.db
      .selectFrom('cost_records')
      .select(['resource_id', 'x_meter_id', 'sku_id', 'charge_period_start', 'consumed_quantity', 'list_cost', 'billed_cost', 'effective_cost', 'x_rating_status'])
      .where('workspace_id', '=', workspaceId)
      .orderBy('charge_period_start')
      .orderBy('resource_id')
      .orderBy('x_meter_id')
      .execute();

  const markedDays = async (workspaceId: string) =>
    [...new Set((await t.db.selectFrom('rating_marks').select('day').where('workspace_id', '=', workspaceId).execute()).map((r) => r.day))].sort();

  it('stores each of the overlapping events once, marks every touched day, queues one rating job, and rates to the sequential ingest’s costs', async () => {
    const racing = await t.tenant(['metering-ingester'], 'ingest-race');
    const sequential = await t.tenant(['metering-ingester'], 'ingest-sequential');
    for (const ws of [racing, sequential]) await seedCatalog(t, { workspaceId: ws.workspaceId, prices: PRICES });
    const all = events(t);
    const sent = batches(all);
    expect(new Set(sent.flat().map((e) => e.id)).size).toBe(DISTINCT);

    const results = await Promise.all(sent.map((batch) => ingest(t, batch, { token: racing.token })));
    expect(results.map((r) => r.statusCode)).toEqual(sent.map(() => 202));
    const counts = results.map((r) => r.json() as { accepted: number; duplicates: number });
    for (const c of counts) expect(c.accepted + c.duplicates).toBe(BATCH);
    expect(counts.reduce((n, c) => n + c.accepted, 0)).toBe(DISTINCT);
    expect(counts.reduce((n, c) => n + c.duplicates, 0)).toBe(RACERS * BATCH - DISTINCT);
    expect(await countEvents(t, racing.workspaceId)).toBe(DISTINCT);
    const touched = [...new Set(all.map((e) => String(e.time).slice(0, 10)))].sort();
    expect(touched).toHaveLength(3);
    expect(await markedDays(racing.workspaceId)).toEqual(touched);
    // One automatic rating waits for the workspace, not one per racing batch.
    const queued = await t.db
      .selectFrom('jobs')
      .select('id')
      .where('queue', '=', AUTO_RATING_QUEUE)
      .where('workspace_id', '=', racing.workspaceId)
      .where('status', '=', 'queued')
      .execute();
    expect(queued).toHaveLength(1);

    // The same batches, one after another, in another workspace with the same catalog.
    let accepted = 0;
    for (const batch of sent) accepted += ((await ingest(t, batch, { token: sequential.token })).json() as { accepted: number }).accepted;
    expect(accepted).toBe(DISTINCT);

    await rateNow(t);
    expect(await markedDays(racing.workspaceId)).toEqual([]);
    const raced = await costRecords(racing.workspaceId);
    const reference = await costRecords(sequential.workspaceId);
    // Every meter kind was rated, on each of the three days, and with real (non-zero) costs.
    expect(new Set(raced.map((r) => r.x_meter_id))).toEqual(new Set(Object.keys(PRICES)));
    expect(new Set(raced.map((r) => r.charge_period_start.toISOString().slice(0, 10)))).toEqual(new Set(touched));
    expect(raced.every((r) => r.x_rating_status === 'RATED')).toBe(true);
    expect(raced).toEqual(reference);
    const total = (rows: typeof raced) => rows.reduce((sum, r) => sum.plus(r.billed_cost ?? '0'), new Decimal(0)).toString();
    expect(total(raced)).toBe(total(reference));
    expect(new Decimal(total(raced)).isPositive() && !new Decimal(total(raced)).isZero()).toBe(true);
  });
});
