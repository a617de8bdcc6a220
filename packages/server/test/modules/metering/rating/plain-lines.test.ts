/**
 * The plain lines priced in SQL (plain-lines.repository.ts) are the rows JavaScript writes for
 * them (price-usage.ts): a day of a catalog with every kind of line — plain ones of each
 * aggregation, dimension and rounding case, and the ones only JavaScript prices (no price, another
 * currency, bands, several SKUs, a contracted price, a commitment and its shortfall, a cost no
 * export can hold) — is rated both ways and every column of every record compared as text, with
 * the rollups. Also: which lines the plan leaves to JavaScript.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { ensureCostPartitions, monthOf } from '../../../../src/modules/cost-records/index.js';
import { rateDay } from '../../../../src/modules/metering/rating/rate-day.js';
import { planPlainLines } from '../../../../src/modules/metering/rating/plain-lines.js';
import { ratePlainLines } from '../../../../src/modules/metering/rating/plain-lines.repository.js';
import { deleteDayRecords, loadCatalog, loadPriceBook } from '../../../../src/modules/metering/rating/rating.repository.js';
import type { RatedBillingAccount } from '../../../../src/modules/metering/rating/price-usage.js';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { testEngines } from '../../../support/test-databases.js';
import { cloudEvent, daysAgo, hoursAfter, ingest } from '../../../support/metering-fixtures.js';

const dayText = (d: Date) => d.toISOString().slice(0, 10);
const RUN_ID = '7e57ab1e-0000-4000-8000-000000000001';

const ACCOUNTS = [
  { id: 'BA-USD', name: 'Plain Co', currency: 'USD', accounting_day: 1 },
  { id: 'BA-CAL', name: 'Calendar Co', currency: 'USD', accounting_day: 15 },
  { id: 'BA-EUR', name: 'Euro Co', currency: 'EUR', accounting_day: 1 },
  { id: 'BA-DEAL', name: 'Deal Co', currency: 'USD', accounting_day: 1 },
  { id: 'BA-FLEX', name: 'Flex Co', currency: 'USD', accounting_day: 1 },
];

/** [id, billing account, dimensions]: every dimension set and unset somewhere. */
const RESOURCES: [string, string, Record<string, unknown>][] = [
  [
    'r-plain',
    'BA-USD',
    {
      name: 'Plain VM',
      resource_type: 'VM',
      sub_account_id: 'SA-1',
      sub_account_name: 'Team One',
      service_subcategory: 'Virtual Machines',
      region_id: 'AMS',
      region_name: 'Amsterdam',
      availability_zone: 'ams-1a',
      tags: { team: 'core', 'cost center': 'cc "1" \\ two' },
    },
  ],
  // No name (the default description names the id), no type, a sub account name without a sub account.
  ['r-bare', 'BA-USD', { name: null, resource_type: null, sub_account_id: null, sub_account_name: 'not shown', tags: {} }],
  ['r-cal', 'BA-CAL', { name: 'Calendar VM', tags: { team: 'cal' } }],
  ['r-eur', 'BA-EUR', { name: 'Euro VM' }],
  ['r-deal', 'BA-DEAL', { name: 'Deal VM' }],
  ['r-flex', 'BA-FLEX', { name: 'Flex VM' }],
];

/** [meter id, event type, aggregation, value property, unit]. */
const METERS: [string, string, string, string | null, string][] = [
  ['cpu', 'x.cpu', 'SUM', '$.q', 'CUs'],
  ['calls', 'x.calls', 'COUNT', null, 'Requests'],
  ['peak', 'x.peak', 'MAX', '$.q', 'GB'],
  ['disk', 'x.disk', 'LATEST', '$.q', 'GB'],
  ['cores', 'x.cores', 'TIME_WEIGHTED_SUM', '$.q', 'Core-Hours'],
  ['gpu', 'x.gpu', 'SUM', '$.q', 'GPUs'],
  ['net', 'x.net', 'SUM', '$.q', 'GB'],
  ['iops', 'x.iops', 'SUM', '$.q', 'IOs'],
  ['huge', 'x.huge', 'SUM', '$.q', 'Units'],
];

/** [sku, meter, divisor, list unit price, description, extra]. */
const PRICES: [string, string, string, string, string | null, Record<string, unknown>?][] = [
  ['SKU-cpu', 'cpu', '30', '0.9', null],
  ['SKU-calls', 'calls', '7', '0.0013', 'API calls'],
  ['SKU-peak', 'peak', '3', '1.10', null],
  ['SKU-disk', 'disk', '1', '0.000000005', 'Disk, half a cent-millionth'],
  ['SKU-cores', 'cores', '24', '0.02', null],
  ['SKU-gpu-a', 'gpu', '1', '2', null],
  ['SKU-gpu-b', 'gpu', '1', '3', null, { effective_from: new Date('2021-06-01T00:00:00Z') }],
  ['SKU-net', 'net', '1', '1', null, { bands: JSON.stringify([{ upTo: '10', unitPrice: '1' }, { upTo: null, unitPrice: '0.5' }]) }],
  ['SKU-huge', 'huge', '1', '99999999999999999999999', null],
];

describe.each(testEngines())('plain lines priced in SQL (%s)', (engine) => {
  let t: TestApp;
  let ws: string;
  let day: Date;

  /** Every column of the day's records as text, in key order. */
  const recordsAsText = async () =>
    (
      await sql<{ row: string }>`select c::text as row from cost_records c
        where workspace_id = ${ws} and charge_period_start = ${day} order by resource_id, line_key`.execute(t.db)
    ).rows.map((r) => r.row);
  const rollupsAsText = async () =>
    (
      await sql<{ row: string }>`select r::text as row from cost_rollups_daily r where workspace_id = ${ws} and day = ${dayText(day)}
        order by r::text`.execute(t.db)
    ).rows.map((r) => r.row);
  const rate = async (plainLinesInSql: boolean) => {
    const catalog = await loadCatalog(t.db, ws);
    return rateDay(t.db, { workspaceId: ws, catalog, ratedAt: new Date('2026-12-01T12:34:56.789Z'), runId: RUN_ID, plainLinesInSql }, dayText(day));
  };

  useTestApp(engine, async (app) => {
    t = app;
    ws = t.admin.workspaceId;
    const now = new Date(t.now());
    await t.db.insertInto('billing_accounts').values(ACCOUNTS.map((a) => ({ workspace_id: ws, ...a }))).execute();
    await t.db
      .insertInto('metering_resources')
      .values(
        RESOURCES.map(([id, account, d]) => ({
          workspace_id: ws,
          id,
          billing_account_id: account,
          service_name: 'VM',
          service_category: 'Compute',
          created_at: now,
          updated_at: now,
          ...d,
          tags: JSON.stringify(d.tags ?? {}),
        })),
      )
      .execute();
    await t.db
      .insertInto('meters')
      .values(
        METERS.map(([id, eventType, aggregation, valueProperty, unit]) => ({
          workspace_id: ws,
          id,
          event_type: eventType,
          value_property: valueProperty,
          aggregation: aggregation as 'SUM',
          consumed_unit: unit,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
    await t.db
      .insertInto('prices')
      .values(
        PRICES.map(([sku, meter, divisor, price, description, extra]) => ({
          workspace_id: ws,
          sku_id: sku,
          effective_from: new Date('2020-01-01T00:00:00Z'),
          meter_id: meter,
          charge_description: description,
          publisher_name: 'HPE GreenLake',
          provider_name: 'HPE GreenLake',
          invoice_issuer_name: 'HPE "Financial" Services',
          pricing_unit: 'Units',
          pricing_quantity_divisor: divisor,
          list_unit_price: price,
          currency: 'USD',
          bands: null,
          created_at: now,
          updated_at: now,
          ...extra,
        })),
      )
      .execute();
    const since = new Date('2020-01-01T00:00:00Z');
    await t.db
      .insertInto('contracted_prices')
      .values({ workspace_id: ws, billing_account_id: 'BA-DEAL', sku_id: 'SKU-cpu', effective_from: since, unit_price: '0.75', created_at: now, updated_at: now })
      .execute();
    await t.db
      .insertInto('commitments')
      .values({
        workspace_id: ws,
        id: 'commit-flex',
        billing_account_id: 'BA-FLEX',
        sku_id: 'SKU-cpu',
        committed_quantity: '100',
        minimum_quantity: '80',
        effective_from: since,
        created_at: now,
        updated_at: now,
      })
      .execute();

    day = daysAgo(t, 3);
    const h = (n: number) => hoursAfter(day, n);
    const at = (type: string, subject: string, time: Date, q?: unknown) => cloudEvent({ type, subject, time, data: q === undefined ? {} : { q } });
    const res = await ingest(t, [
      at('x.cpu', 'r-plain', h(1), 1.5),
      at('x.cpu', 'r-plain', h(2), '2.123456789012345'),
      at('x.cpu', 'r-plain', h(3), '0.000000000000001'),
      at('x.calls', 'r-plain', h(1)),
      at('x.calls', 'r-plain', h(2)),
      at('x.calls', 'r-plain', h(3)),
      at('x.peak', 'r-plain', h(1), 4),
      at('x.peak', 'r-plain', h(2), '9.5'),
      at('x.disk', 'r-plain', h(1), 100),
      at('x.disk', 'r-plain', h(5), 120),
      at('x.disk', 'r-plain', h(3), 80),
      // Levels held for 6 h, 6 h 0 min 1 s and the rest of the day: hours that do not end.
      at('x.cores', 'r-plain', h(0), 8),
      at('x.cores', 'r-plain', h(6), 4),
      at('x.cores', 'r-plain', new Date(h(12).getTime() + 1000), 3),
      at('x.gpu', 'r-plain', h(1), 3),
      at('x.net', 'r-plain', h(1), 25),
      at('x.iops', 'r-plain', h(1), 5),
      at('x.huge', 'r-plain', h(1), 2),
      // The seed's row: 0.9 × 11.7708984375 / 30 = 0.353126953125 → 0.35312695.
      at('x.cpu', 'r-bare', h(1), '11.7708984375'),
      at('x.calls', 'r-bare', h(1)),
      // 0.000000005 × 1: exactly half of the 8th place, away from zero.
      at('x.disk', 'r-bare', h(1), 1),
      at('x.huge', 'r-bare', h(1), 0.5),
      at('x.cores', 'r-bare', h(23), '0.333333333333333'),
      at('x.cpu', 'r-cal', h(4), 10),
      // LATEST at a tie of times: the greater source, then the greater id.
      at('x.disk', 'r-cal', h(6), 9),
      cloudEvent({ type: 'x.disk', subject: 'r-cal', time: h(7), data: { q: 7 }, id: 'tie-b', source: 'urn:a' }),
      cloudEvent({ type: 'x.disk', subject: 'r-cal', time: h(7), data: { q: 5 }, id: 'tie-c', source: 'urn:a' }),
      cloudEvent({ type: 'x.disk', subject: 'r-cal', time: h(7), data: { q: 3 }, id: 'tie-z', source: 'urn:0' }),
      at('x.cpu', 'r-eur', h(4), 5),
      at('x.cpu', 'r-deal', h(4), 30),
      at('x.calls', 'r-deal', h(4)),
      at('x.cpu', 'r-flex', h(4), 30),
      // Large but exportable: 17 integer digits, ÷ 3 and × 1.10.
      at('x.peak', 'r-flex', h(4), '99999999999999999.5'),
    ]);
    expect(res.statusCode, res.body).toBe(202);
  });

  it('leaves to JavaScript what only it prices, and prices the rest in SQL', async () => {
    const catalog = await loadCatalog(t.db, ws);
    const book = await loadPriceBook(t.db, ws, day);
    const billingAccounts = new Map<string, RatedBillingAccount>(
      ACCOUNTS.map((a) => [a.id, { id: a.id, name: a.name, currency: a.currency, billingPeriodStart: day, billingPeriodEnd: day }]),
    );
    const plan = planPlainLines({ billingAccounts, meters: catalog.meters, ...book });
    // gpu has two SKUs, net bands, iops no price: JavaScript's.
    expect(plan.prices.map((p) => p.meterId).sort()).toEqual(['calls', 'cores', 'cpu', 'disk', 'huge', 'peak']);
    expect(plan.excluded).toEqual([
      { billingAccountId: 'BA-DEAL', meterId: 'cpu' },
      { billingAccountId: 'BA-FLEX', meterId: 'cpu' },
    ]);
    // In a transaction rolled back: which aggregates the statement priced and which it returned.
    await ensureCostPartitions(t.db, [monthOf(day)]);
    const rollback = new Error('rollback');
    const left = await t.db
      .transaction()
      .execute(async (trx) => {
        await deleteDayRecords(trx, ws, day);
        const result = await ratePlainLines(trx, { workspaceId: ws, from: day, to: hoursAfter(day, 24), ratedAt: day, runId: null }, plan);
        throw Object.assign(rollback, { result });
      })
      .catch((err: Error & { result?: Awaited<ReturnType<typeof ratePlainLines>> }) => {
        if (err !== rollback) throw err;
        return err.result!;
      });
    expect(left.usage.map((u) => `${u.resourceId} ${u.meterId}`).sort()).toEqual([
      'r-deal cpu', // contracted price
      'r-eur cpu', // another currency
      'r-flex cpu', // commitment
      'r-plain gpu', // two SKUs
      'r-plain huge', // a cost of 24 integer digits
      'r-plain iops', // no price
      'r-plain net', // bands
    ]);
    expect(left.recordsInSql).toBe(14);
    expect(left.resources.get('r-plain')).toMatchObject({ subAccountId: 'SA-1', tags: { team: 'core', 'cost center': 'cc "1" \\ two' } });
    expect(left.usage.find((u) => u.meterId === 'huge')).toEqual({ resourceId: 'r-plain', meterId: 'huge', quantity: '2' });
  });

  it('writes, for every line, the row JavaScript writes: every column of every record, and the rollups', async () => {
    const inJs = await rate(false);
    const jsRecords = await recordsAsText();
    const jsRollups = await rollupsAsText();
    const inSql = await rate(true);
    const sqlRecords = await recordsAsText();
    expect(inSql).toBe(inJs);
    expect(sqlRecords).toEqual(jsRecords);
    expect(await rollupsAsText()).toEqual(jsRollups);
    // 14 SQL lines and 7 aggregates that give 10 rows in JavaScript (2 SKUs, 2 bands, a shortfall).
    expect(inSql).toBe(24);
    expect(jsRecords.join('\n')).toContain('OUT_OF_RANGE');
    expect(jsRecords.join('\n')).toContain('CURRENCY_MISMATCH');
    expect(jsRecords.join('\n')).toContain('NO_PRICE');
  });

  it('rounds as ADR 0012 says, in SQL: once, from the exact value, half away from zero', async () => {
    await rate(true);
    const rows = await t.db
      .selectFrom('cost_records')
      .select(['resource_id', 'x_meter_id', 'consumed_quantity', 'pricing_quantity', 'list_cost', 'charge_description', 'x_rating_status'])
      .where('workspace_id', '=', ws)
      .where('charge_period_start', '=', day)
      .where('resource_id', 'in', ['r-bare', 'r-plain'])
      .where('x_meter_id', 'in', ['cpu', 'disk', 'cores', 'calls', 'peak'])
      .orderBy('resource_id')
      .orderBy('x_meter_id')
      .execute();
    expect(rows.map((r) => [r.resource_id, r.x_meter_id, r.consumed_quantity, r.pricing_quantity, r.list_cost, r.charge_description])).toEqual([
      ['r-bare', 'calls', '1', '0.142857142857143', '0.00018571', 'API calls'],
      // 0.333333333333333 held for the last hour: its hours, exact, then rounded.
      ['r-bare', 'cores', '0.333333333333333', '0.013888888888889', '0.00027778', '0.02 Units r-bare'],
      ['r-bare', 'cpu', '11.7708984375', '0.39236328125', '0.35312695', '0.9 Units r-bare'],
      ['r-bare', 'disk', '1', '1', '0.00000001', 'Disk, half a cent-millionth'],
      ['r-plain', 'calls', '3', '0.428571428571429', '0.00055714', 'API calls'],
      // 8 × 6 h + 4 × (6 h + 1 s) + 3 × (12 h − 1 s) = 108 h + 1 s = 108.000277… h, ÷ 24 = 4.5000115740740740…
      ['r-plain', 'cores', '108.000277777777778', '4.500011574074074', '0.09000023', '0.02 Units Plain VM'],
      ['r-plain', 'cpu', '3.623456789012346', '0.120781892967078', '0.1087037', '0.9 Units Plain VM'],
      ['r-plain', 'disk', '120', '120', '0.0000006', 'Disk, half a cent-millionth'],
      ['r-plain', 'peak', '9.5', '3.166666666666667', '3.48333333', '1.10 Units Plain VM'],
    ]);
    expect(rows.every((r) => r.x_rating_status === 'RATED')).toBe(true);
  });

  it('takes a LATEST meter’s last event by time, then source, then id', async () => {
    await rate(true);
    const disk = await t.db
      .selectFrom('cost_records')
      .select('consumed_quantity')
      .where('workspace_id', '=', ws)
      .where('charge_period_start', '=', day)
      .where('resource_id', '=', 'r-cal')
      .where('x_meter_id', '=', 'disk')
      .executeTakeFirstOrThrow();
    expect(disk.consumed_quantity).toBe('5');
  });
});
