/**
 * Rating keeps the tag rollups with the day's records and rollups: after ingest they equal the
 * records' sums per tag, and re-rating a day replaces them (a changed tag moves the cost, nothing
 * doubles) in the transaction that replaces the records.
 */
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { testEngines } from '../../../support/test-databases.js';
import { cloudEvent, daysAgo, hoursAfter, ingest, rateNow, seedCatalog } from '../../../support/metering-fixtures.js';

const dayText = (d: Date) => d.toISOString().slice(0, 10);

describe.each(testEngines())('rating and the tag rollups (%s)', (engine) => {
  let t: TestApp;
  let ws: string;
  let day: Date;

  const tagRollups = async () =>
    (
      await t.db
        .selectFrom('cost_tag_rollups_daily')
        .select(['tag_key', 'tag_value', 'sku_id', 'billed_cost', 'records', 'unpriced_records'])
        .where('workspace_id', '=', ws)
        .where('day', '=', dayText(day))
        .orderBy('tag_key')
        .orderBy('tag_value')
        .orderBy('sku_id')
        .execute()
    ).map((r) => [r.tag_key, r.tag_value, r.sku_id, r.billed_cost === null ? null : new Decimal(r.billed_cost).toFixed(), r.records, r.unpriced_records]);
  const billedOfDay = async () => {
    const rows = await t.db.selectFrom('cost_records').select('billed_cost').where('workspace_id', '=', ws).where('charge_period_start', '=', day).execute();
    return rows.reduce((s, r) => (r.billed_cost === null ? s : s.plus(r.billed_cost)), new Decimal(0)).toFixed();
  };

  useTestApp(engine, async (app) => {
    t = app;
    ws = t.admin.workspaceId;
    await seedCatalog(t, { workspaceId: ws, prices: { cpu: '0.9' } });
    await t.db.updateTable('metering_resources').set({ tags: JSON.stringify({ team: 'web', 'cost center:id': 'cc 1' }) }).where('id', '=', 'vm-2').execute();
    day = daysAgo(t, 5);
    const res = await ingest(t, [
      cloudEvent({ type: 'com.example.cpu.used', time: hoursAfter(day, 1), data: { quantity: 2 } }),
      cloudEvent({ subject: 'vm-2', type: 'com.example.cpu.used', time: hoursAfter(day, 2), data: { quantity: 10 } }),
      cloudEvent({ type: 'com.example.disk.size', time: hoursAfter(day, 3), data: { 'size gb': 100 } }),
    ]);
    expect(res.statusCode).toBe(202);
    await rateNow(t);
  });

  it('writes the tag rollups with the records: one row per key and value, the sums of the records', async () => {
    // One row per key, value and dimension set (here the SKU): vm-1's cpu, and its unpriced disk (no SKU).
    expect(await tagRollups()).toEqual([
      ['cost center:id', 'cc 1', 'SKU-cpu', '9', 1, 0],
      ['team', 'core', 'SKU-cpu', '1.8', 1, 0],
      ['team', 'core', null, null, 1, 1],
      ['team', 'web', 'SKU-cpu', '9', 1, 0],
    ]);
    expect(await billedOfDay()).toBe('10.8');
  });

  it('re-rating replaces the day’s tag rollups: a changed tag moves the cost, nothing doubles', async () => {
    await t.db.updateTable('metering_resources').set({ tags: JSON.stringify({ team: 'platform' }) }).where('id', '=', 'vm-1').execute();
    const run = async () => {
      const res = await t.call({ method: 'POST', url: '/metering/v1/rating-runs', payload: { from: dayText(day), to: dayText(new Date(day.getTime() + 86_400_000)) } });
      expect(res.statusCode).toBe(202);
      await t.jobs.drain();
    };
    await run();
    await run();
    expect(await tagRollups()).toEqual([
      ['cost center:id', 'cc 1', 'SKU-cpu', '9', 1, 0],
      ['team', 'platform', 'SKU-cpu', '1.8', 1, 0],
      ['team', 'platform', null, null, 1, 1],
      ['team', 'web', 'SKU-cpu', '9', 1, 0],
    ]);
    const summary = await t.call({
      method: 'GET',
      url: `/metering/v1/cost-summary?from=${dayText(day)}&to=${dayText(new Date(day.getTime() + 86_400_000))}&groupByTag=team`,
    });
    expect(summary.json().items.map((i: Record<string, unknown>) => [i.TagValue, i.BilledCost])).toEqual([
      ['platform', '1.8'],
      ['web', '9'],
    ]);
  });
});
