/**
 * Rating keeps the monthly rollups exact: after rating, re-rating a day and emptying a day, each
 * month's rows of cost_rollups_monthly and cost_tag_rollups_monthly are exactly the sums of its
 * daily rows (numeric sums compared as text), written in the transaction of the day. On
 * PostgreSQL, two days of one month rebuilt at once leave neither's rows twice.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { rebuildRollups } from '../../../../src/modules/metering/rating/rating.repository.js';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { testEngines } from '../../../support/test-databases.js';
import { cloudEvent, daysAgo, hoursAfter, ingest, rateNow, seedCatalog } from '../../../support/metering-fixtures.js';

const dayText = (d: Date) => d.toISOString().slice(0, 10);

/** The daily rows summed by month, minus the monthly rows, and the other way round: both empty when exact. */
const DIMENSIONS = sql.raw(`billing_account_id, sub_account_id, service_name, service_category, region_id, resource_type, sku_id,
  charge_category, billing_currency`);
const SUMS = sql.raw(`sum(records)::text, sum(list_cost)::text, sum(contracted_cost)::text, sum(effective_cost)::text,
  sum(billed_cost)::text, sum(consumed_quantity)::text, sum(pricing_quantity)::text, sum(unpriced_records)::text`);
const AS_TEXT = sql.raw(`records::text, list_cost::text, contracted_cost::text, effective_cost::text, billed_cost::text,
  consumed_quantity::text, pricing_quantity::text, unpriced_records::text`);

async function monthlyMismatches(t: TestApp, workspaceId: string) {
  const mismatches = async (daily: string, monthly: string, keys: string) => {
    const k = sql.raw(keys);
    const fromDaily = sql`select date_trunc('month', day::timestamp)::date as month, ${k}${DIMENSIONS}, ${SUMS}
      from ${sql.table(daily)} where workspace_id = ${workspaceId} group by 1, ${k}${DIMENSIONS}`;
    const fromMonthly = sql`select month, ${k}${DIMENSIONS}, ${AS_TEXT} from ${sql.table(monthly)} where workspace_id = ${workspaceId}`;
    const { rows: missing } = await sql`${fromDaily} except all ${fromMonthly}`.execute(t.db);
    const { rows: extra } = await sql`${fromMonthly} except all ${fromDaily}`.execute(t.db);
    return { missing, extra };
  };
  return {
    rollups: await mismatches('cost_rollups_daily', 'cost_rollups_monthly', ''),
    tagRollups: await mismatches('cost_tag_rollups_daily', 'cost_tag_rollups_monthly', 'tag_key, tag_value, '),
  };
}
const EXACT = { rollups: { missing: [], extra: [] }, tagRollups: { missing: [], extra: [] } };

describe.each(testEngines())('rating and the monthly rollups (%s)', (engine) => {
  let t: TestApp;
  let ws: string;
  /** Days over at least two calendar months, before the clock's day. */
  let days: Date[];

  const monthlyRows = async (table: 'cost_rollups_monthly' | 'cost_tag_rollups_monthly') =>
    Number((await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)} where workspace_id = ${ws}`.execute(t.db)).rows[0]!.n);
  const monthsOf = async () =>
    (await sql<{ month: string }>`select distinct month::text as month from cost_rollups_monthly where workspace_id = ${ws} order by 1`.execute(t.db)).rows.map(
      (r) => r.month,
    );

  useTestApp(engine, async (app) => {
    t = app;
    ws = t.admin.workspaceId;
    await seedCatalog(t, { workspaceId: ws, prices: { cpu: '0.9' } });
    await t.db.updateTable('metering_resources').set({ tags: JSON.stringify({ team: 'web' }) }).where('id', '=', 'vm-2').execute();
    // Within the 35 days ingest takes, and over two calendar months (34 days always span two).
    days = [1, 12, 25, 34].map((n) => daysAgo(t, n));
    const res = await ingest(
      t,
      days.flatMap((day, i) => [
        cloudEvent({ type: 'com.example.cpu.used', time: hoursAfter(day, 1), data: { quantity: 2 + i } }),
        cloudEvent({ subject: 'vm-2', type: 'com.example.cpu.used', time: hoursAfter(day, 2), data: { quantity: 0.125 * (i + 1) } }),
        cloudEvent({ type: 'com.example.disk.size', time: hoursAfter(day, 3), data: { 'size gb': 100 } }),
      ]),
    );
    expect(res.statusCode).toBe(202);
    await rateNow(t);
  });

  it('writes the months of the rated days, each the sums of its daily rows', async () => {
    const months = [...new Set(days.map((d) => `${dayText(d).slice(0, 7)}-01`))].sort();
    expect(months.length).toBeGreaterThanOrEqual(2);
    expect(await monthsOf()).toEqual(months);
    expect(await monthlyRows('cost_tag_rollups_monthly')).toBeGreaterThan(0);
    expect(await monthlyMismatches(t, ws)).toEqual(EXACT);
  });

  it('rewrites the month when a day is re-rated (nothing doubles) and when a day is emptied', async () => {
    const before = await monthlyRows('cost_rollups_monthly');
    const res = await ingest(t, [
      cloudEvent({ type: 'com.example.cpu.used', time: hoursAfter(days[1]!, 5), data: { quantity: 7.5 } }),
      cloudEvent({ subject: 'vm-2', type: 'com.example.cpu.used', time: hoursAfter(days[1]!, 6), data: { quantity: 1 } }),
    ]);
    expect(res.statusCode).toBe(202);
    await rateNow(t);
    expect(await monthlyRows('cost_rollups_monthly')).toBe(before);
    expect(await monthlyMismatches(t, ws)).toEqual(EXACT);
    // A day whose records are gone: the month keeps only its other days.
    const emptied = days[2]!;
    await t.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('cost_records').where('workspace_id', '=', ws).where('charge_period_start', '=', emptied).execute();
      await rebuildRollups(trx, ws, dayText(emptied), emptied);
    });
    expect(await monthlyMismatches(t, ws)).toEqual(EXACT);
  });

  it("drops a month's rows when its last day is emptied", async () => {
    const last = days[0]!;
    const others = days.slice(1).filter((d) => dayText(d).slice(0, 7) === dayText(last).slice(0, 7));
    for (const day of [last, ...others]) {
      await t.db.transaction().execute(async (trx) => {
        await trx.deleteFrom('cost_records').where('workspace_id', '=', ws).where('charge_period_start', '=', day).execute();
        await rebuildRollups(trx, ws, dayText(day), day);
      });
    }
    expect(await monthsOf()).not.toContain(`${dayText(last).slice(0, 7)}-01`);
    expect(await monthlyMismatches(t, ws)).toEqual(EXACT);
  });

  it.runIf(engine === 'postgres')('two days of one month rebuilt at once: the later waits for the month and sums both', async () => {
    // A rated day and a neighbour in its month, both rebuilt after their records changed.
    const a = days[1]!;
    const next = new Date(a.getTime() + 86_400_000);
    const b = next.getUTCMonth() === a.getUTCMonth() ? next : new Date(a.getTime() - 86_400_000);
    await t.db.updateTable('cost_records').set({ billed_cost: '2.5' }).where('workspace_id', '=', ws).execute();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // The first holds the month's lock until released; the second rebuilds its day, then queues for the month.
    const first = t.db.transaction().execute(async (trx) => {
      await rebuildRollups(trx, ws, dayText(a), a);
      await gate;
    });
    let secondDone = false;
    const second = t.db
      .transaction()
      .execute((trx) => rebuildRollups(trx, ws, dayText(b), b))
      .finally(() => (secondDone = true));
    // Released once the second waits for a lock in this database (the month's), or has ended.
    for (let waiting = 0; waiting === 0 && !secondDone; ) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from pg_locks where not granted and pid in (select pid from pg_stat_activity where datname = current_database())`.execute(t.db);
      waiting = rows[0]!.n;
    }
    release();
    await Promise.all([first, second]);
    expect(await monthlyMismatches(t, ws)).toEqual(EXACT);
  });
});
