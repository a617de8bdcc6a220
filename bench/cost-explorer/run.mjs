#!/usr/bin/env node
/**
 * cost-explorer: the requests the console's cost explorer makes — GET /metering/v1/cost-summary
 * for a 30-day DAY view and a 12-month MONTH view by service, the same two stacked by a tag key
 * (groupByTag), and GET /metering/v1/cost-tag-keys — over 10,000,000 cost records, over HTTP,
 * beside the same aggregations as hand-written SQL on the daily rollups, on the monthly rollups
 * (the MONTH views) and naively over cost_records (what the rollups save), measured in the same run.
 * See README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sql } from 'kysely';
import { bootstrap, createDb, focusExportQueries, loadConfig, migrateToLatest } from '@consumo/server';
import { parseArgs } from '../lib/args.mjs';
import { cleanUp } from '../lib/cleanups.mjs';
import { startConsumoServer } from '../lib/consumo-server.mjs';
import { cpuMeter, pidsNamed } from '../lib/cpu.mjs';
import { measureHttp } from '../lib/http-load.mjs';
import { codeVersion, machine, packageVersion } from '../lib/machine.mjs';
import { pgAdmin as pgAdminOn, scratch, benchDatabaseName } from '../lib/scratch.mjs';
import { statementRecorder } from '../lib/statement-recorder.mjs';
import { round, summarize } from '../lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const dataDir = path.join(here, 'data');
const FULL = { records: 10_000_000 };

const opts = parseArgs(
  process.argv.slice(2),
  {
    records: { type: 'number', default: FULL.records, help: 'cost records over the twelve months' },
    connections: { type: 'number', default: 2, help: 'concurrent HTTP connections' },
    duration: { type: 'number', default: 10, help: 'measured seconds per HTTP case' },
    warmup: { type: 'number', default: 3, help: 'warm-up seconds before each HTTP case' },
    referenceRuns: { type: 'number', default: 30, help: 'runs of each hand-written rollup statement (p50, p99)' },
    naiveRuns: { type: 'number', default: 3, help: 'runs of each naive statement over cost_records (p50, max)' },
    seedConnections: { type: 'number', default: 2, help: 'connections seeding and the rollup rebuild run on in parallel' },
    pgUrl: {
      type: 'string',
      default: process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
      help: 'PostgreSQL admin URL (BENCH_PG_URL); the scratch database consumo_bench_cost_explorer is created beside it',
    },
    keep: { type: 'boolean', default: false, help: 'keep the scratch database (for --reuse, EXPLAIN, profiling)' },
    reuse: { type: 'boolean', default: false, help: 'run on a database left by --keep without seeding again (same --records)' },
    out: { type: 'string', help: 'where to write the results (default: results.json at the full size, else data/results-<records>r.json)' },
  },
  'usage: npm run bench -- cost-explorer [options]',
);
for (const k of ['records', 'connections', 'duration', 'referenceRuns', 'naiveRuns', 'seedConnections']) {
  if (!Number.isInteger(opts[k]) || opts[k] < 1) throw new Error(`--${k} must be a whole number ≥ 1`);
}
const fullSize = opts.records === FULL.records;
const outFile = opts.out ?? (fullSize ? path.join(here, 'results.json') : path.join(dataDir, `results-${opts.records}r.json`));

const WORKSPACE = 'bec0ffee00000000000000000000c057';
const CLIENT_ID = '0be4c100-0000-4000-8000-00000000c057';
const CLIENT_SECRET = 'consumo-bench-cost-explorer-secret';
const PG_DATABASE = benchDatabaseName('consumo_bench_cost_explorer');
const TAG_KEY = 'team';
const DAY_MS = 86_400_000;
const log = (line) => console.log(`[cost-explorer ${new Date().toISOString().slice(11, 19)}] ${line}`);
const dayText = (ms) => new Date(ms).toISOString().slice(0, 10);
const dist = (p) => path.join(root, 'packages/server/dist/modules/metering', p);
const serverBin = path.join(root, 'packages/cli/dist/bin.js');

/** The twelve calendar months before the current one; the DAY view is their last 30 days. */
const NOW = new Date();
const WINDOW_END_MS = Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), 1);
const WINDOW_START_MS = Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - 12, 1);
const DAYS = Math.round((WINDOW_END_MS - WINDOW_START_MS) / DAY_MS);
const MONTHS = Array.from({ length: 12 }, (_, i) => Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - 12 + i, 1));
const YEAR = { from: dayText(WINDOW_START_MS), to: dayText(WINDOW_END_MS) };
const LAST_30 = { from: dayText(WINDOW_END_MS - 30 * DAY_MS), to: dayText(WINDOW_END_MS) };

/**
 * The explorer's requests. `group` is the item field a series is named by; `granularity` the
 * date_trunc unit of the references.
 */
const CASES = [
  { name: 'dayByService', query: { groupBy: 'ServiceName', granularity: 'DAY', ...LAST_30 }, group: 'ServiceName' },
  { name: 'monthByService', query: { groupBy: 'ServiceName', granularity: 'MONTH', ...YEAR }, group: 'ServiceName' },
  { name: 'dayByTag', query: { groupByTag: TAG_KEY, granularity: 'DAY', ...LAST_30 }, group: 'TagValue' },
  { name: 'monthByTag', query: { groupByTag: TAG_KEY, granularity: 'MONTH', ...YEAR }, group: 'TagValue' },
  { name: 'tagKeys', keys: true, query: { ...YEAR } },
];
const pathOf = (c) => `/metering/v1/${c.keys ? 'cost-tag-keys' : 'cost-summary'}?${new globalThis.URLSearchParams(c.query)}`;

// ---------------------------------------------------------------------------------------------
// Seeding

const SERVICES = [
  ['VM', 'Compute', 'VM', 'vCPU-Hours', '0.0312'],
  ['Kubernetes', 'Compute', 'Cluster', 'Node-Hours', '0.10'],
  ['Block Storage', 'Storage', 'Volume', 'GB-Hours', '0.00012'],
  ['Object Storage', 'Storage', 'Bucket', 'GB-Hours', '0.00003'],
  ['Backup', 'Storage', 'Backup Policy', 'GB', '0.02'],
  ['Database', 'Databases', 'Database', 'vCore-Hours', '0.25'],
  ['Load Balancer', 'Networking', 'Load Balancer', 'LB-Hours', '0.025'],
  ['Egress', 'Networking', 'Uplink', 'GB', '0.05'],
];
const lit = (v) => `'${String(v).replace(/'/g, "''")}'`;
const serviceValues = sql.raw(`(values ${SERVICES.map((s, i) => `(${i}, ${s.map(lit).join(', ')})`).join(', ')}) as s(i, service_name, service_category, resource_type, unit, price)`);

/**
 * Resource r: billing account r mod 5, its sub account r/5 mod 4 (and region), service r/20 mod 8,
 * one of the service's three SKUs r/160 mod 3 — 480 dimension sets, so a day's rollup is a few
 * hundred rows however many records the day has. Tags follow the sub account and service, as teams
 * own projects: `team` (7 values), `environment` (3), `cost center` (5); one dimension set in ten
 * carries no tags, another in ten no `team`, so a tag grouping has an untagged remainder.
 */
const RESOURCES_SQL = sql`
  create unlogged table bench_explorer_resources as
  select r, 'res-' || lpad(r::text, 8, '0') as resource_id, x.a, x.sub, s.*,
    'BA-' || x.a as billing_account_id, 'SA-' || x.a || '-' || x.sub as sub_account_id,
    (array['us-east-1','us-west-2','eu-central-1','ap-southeast-2'])[1 + (x.a + x.sub) % 4] as region_id,
    'SKU-' || s.i || '-' || (r / 160 % 3) as sku_id,
    (1 + (r * 37) % 100)::numeric as base,
    case
      when r % 480 < 48 then null
      when r % 480 < 96 then jsonb_build_object('environment', (array['prod','staging','dev'])[1 + x.sub % 3], 'cost center', 'CC-' || x.a)
      else jsonb_build_object('team', (array['core','web','data','platform','mobile','sre','finance'])[1 + (x.sub + s.i) % 7],
        'environment', (array['prod','staging','dev'])[1 + x.sub % 3], 'cost center', 'CC-' || x.a)
    end as tags
  from generate_series(0, ${Math.ceil(opts.records / DAYS) - 1}::int) as r
  cross join lateral (select r % 5 as a, r / 5 % 4 as sub, r / 20 % 8 as service) as x
  join ${serviceValues} on s.i = x.service`;

/** Records of days [d0, d1): resource r's record of day d is number r × DAYS + d, kept while below --records; 1 in 50 unpriced. */
function insertRecords(db, d0, d1) {
  return sql`
    insert into cost_records (workspace_id, line_key, resource_id, resource_name, resource_type, charge_period_start, charge_period_end,
      billing_period_start, billing_period_end, billing_account_id, billing_account_name, billing_currency, billed_cost, effective_cost,
      list_cost, contracted_cost, list_unit_price, pricing_quantity, pricing_unit, consumed_quantity, consumed_unit, charge_category,
      charge_frequency, provider_name, publisher_name, invoice_issuer_name, region_id, service_category, service_name, sku_id,
      sku_price_id, sub_account_id, tags, x_meter_id, x_rating_status, x_price_effective_from, x_rated_at)
    select ${WORKSPACE}, b.sku_id || '@2020-01-01', b.resource_id, b.resource_id, b.resource_type, t, t + interval '1 day',
      date_trunc('month', t, 'UTC'), date_trunc('month', t, 'UTC') + interval '1 month', b.billing_account_id, 'Account ' || b.a, 'USD',
      c.cost, c.cost, c.cost, c.cost, p.price, p.quantity, b.unit, q.consumed, b.unit, 'Usage',
      'Usage-Based', 'Bench', 'Bench', 'Bench', b.region_id, b.service_category, b.service_name, b.sku_id,
      case when p.price is null then null else b.sku_id || '@2020-01-01' end, b.sub_account_id, b.tags, 'meter-' || b.i,
      case when p.price is null then 'NO_PRICE' else 'RATED' end, case when p.price is null then null else '2020-01-01T00:00:00Z'::timestamptz end,
      t + interval '1 day 2 hours'
    from bench_explorer_resources b
    cross join generate_series(${d0}::int, ${d1 - 1}::int) as d
    cross join lateral (select ${new Date(WINDOW_START_MS).toISOString()}::timestamptz + d * interval '1 day' as t) as w
    cross join lateral (select round(b.base * (0.5 + ((b.r * 31 + d * 17) % 997)::numeric / 997), 6) as consumed) as q
    cross join lateral (select case when (b.r + d) % 50 = 0 then null else b.price::numeric end as price,
      case when (b.r + d) % 50 = 0 then null else q.consumed end as quantity) as p
    cross join lateral (select round(p.quantity * p.price, 8) as cost) as c
    where b.r::bigint * ${DAYS} + d < ${opts.records}`.execute(db);
}

async function inParallel(n, tasks) {
  const queue = [...tasks];
  await Promise.all(Array.from({ length: Math.min(n, queue.length) }, async () => {
    while (queue.length) await queue.shift()();
  }));
}

const timed = async (fn) => {
  const t0 = performance.now();
  const value = await fn();
  return { value, seconds: round((performance.now() - t0) / 1000, 1) };
};
const count = async (db, table) => (await sql`select count(*)::bigint as n from ${sql.raw(table)}`.execute(db)).rows.map((r) => Number(r.n))[0];
const sizeMB = async (db, expression) => round(Number((await sql`select ${sql.raw(expression)}::bigint as b`.execute(db)).rows[0].b) / 2 ** 20, 0);

async function seededCounts(db) {
  return {
    costRecords: await count(db, 'cost_records'),
    rollupRows: await count(db, 'cost_rollups_daily'),
    tagRollupRows: await count(db, 'cost_tag_rollups_daily'),
    monthlyRollupRows: await count(db, 'cost_rollups_monthly'),
    monthlyTagRollupRows: await count(db, 'cost_tag_rollups_monthly'),
    costRecordsMB: await sizeMB(db, "(select sum(pg_total_relation_size(inhrelid)) from pg_inherits where inhparent = 'cost_records'::regclass)"),
    rollupsMB: await sizeMB(db, "pg_total_relation_size('cost_rollups_daily')"),
    tagRollupsMB: await sizeMB(db, "pg_total_relation_size('cost_tag_rollups_daily')"),
    monthlyRollupsMB: await sizeMB(db, "pg_total_relation_size('cost_rollups_monthly') + pg_total_relation_size('cost_tag_rollups_monthly')"),
  };
}

function serverEnv(databaseUrl) {
  return {
    DATABASE_URL: databaseUrl,
    CONSUMO_BOOTSTRAP_WORKSPACE_ID: WORKSPACE,
    CONSUMO_BOOTSTRAP_CLIENT_ID: CLIENT_ID,
    CONSUMO_BOOTSTRAP_CLIENT_SECRET: CLIENT_SECRET,
    CONSUMO_CREDENTIALS_FILE: path.join(dataDir, 'credentials.json'),
    CONSUMO_DEMO: '0',
  };
}

async function seed(db, databaseUrl) {
  if (opts.reuse) {
    const have = (await sql`select count(*)::int as n from pg_tables where tablename = 'cost_records'`.execute(db)).rows[0].n > 0 ? await count(db, 'cost_records') : 0;
    if (have === opts.records) {
      await migrateToLatest(db);
      log(`reusing the kept database: ${have.toLocaleString('en')} cost records`);
      return { reused: true, ...(await seededCounts(db)) };
    }
    if (have > 0) throw new Error(`--reuse: the kept database holds ${have.toLocaleString('en')} cost records, not ${opts.records.toLocaleString('en')}: drop it or run without --reuse`);
  }
  const t0 = performance.now();
  log('migrating and bootstrapping');
  await migrateToLatest(db);
  await bootstrap(db, loadConfig(serverEnv(databaseUrl)));
  await RESOURCES_SQL.execute(db);
  // Month partitions as ensureCostPartitions names them, UNLOGGED: written once for the benchmark, dropped at the end.
  for (const m of MONTHS) {
    const month = dayText(m).slice(0, 7);
    const next = new Date(m);
    next.setUTCMonth(next.getUTCMonth() + 1);
    await sql`create unlogged table if not exists ${sql.id(`cost_records_${month.replace('-', '_')}`)} partition of cost_records
      for values from (${sql.lit(new Date(m).toISOString())}) to (${sql.lit(next.toISOString())})`.execute(db);
  }
  await focusExportQueries.ensureCostPartitions(db, MONTHS.map((m) => dayText(m).slice(0, 7)));
  log(`${opts.records.toLocaleString('en')} cost records over ${DAYS} days (${YEAR.from} – ${dayText(WINDOW_END_MS - DAY_MS)})`);
  const records = await timed(() =>
    inParallel(
      opts.seedConnections,
      MONTHS.map((m, i) => () => insertRecords(db, Math.round((m - WINDOW_START_MS) / DAY_MS), Math.round(((MONTHS[i + 1] ?? WINDOW_END_MS) - WINDOW_START_MS) / DAY_MS))),
    ),
  );
  log(`cost records: ${records.seconds}s`);
  await sql`drop table bench_explorer_resources`.execute(db);
  await sql`analyze cost_records`.execute(db);
  // Rating's own rebuild (the built rating.repository.js), one day at a time as rating runs it: the
  // day's rollups and tag rollups; then each month's monthly ones from its daily rows, once per month
  // (rating rewrites them with every day it rates: the same rows, written once here).
  const { rebuildDayRollups, rebuildMonthRollups } = await import(dist('rating/rating.repository.js'));
  log(`the rollups and tag rollups of ${DAYS} days, by rating's rebuildDayRollups and rebuildMonthRollups`);
  const rollups = await timed(async () => {
    await inParallel(
      opts.seedConnections,
      Array.from({ length: DAYS }, (_, d) => () => db.transaction().execute((trx) => rebuildDayRollups(trx, WORKSPACE, dayText(WINDOW_START_MS + d * DAY_MS), new Date(WINDOW_START_MS + d * DAY_MS)))),
    );
    await inParallel(
      opts.seedConnections,
      MONTHS.map((m) => () => db.transaction().execute((trx) => rebuildMonthRollups(trx, WORKSPACE, dayText(m)))),
    );
  });
  log(`rollups: ${rollups.seconds}s (${round((rollups.seconds * 1000) / DAYS, 1)} ms a day)`);
  const vacuum = await timed(async () => {
    for (const table of ['cost_rollups_daily', 'cost_tag_rollups_daily', 'cost_rollups_monthly', 'cost_tag_rollups_monthly']) {
      await sql`vacuum analyze ${sql.raw(table)}`.execute(db);
    }
  });
  return {
    reused: false,
    seconds: round((performance.now() - t0) / 1000, 1),
    recordsSeconds: records.seconds,
    rollupRebuildSeconds: rollups.seconds,
    rollupRebuildMsPerDay: round((rollups.seconds * 1000) / DAYS, 1),
    vacuumAnalyzeSeconds: vacuum.seconds,
    ...(await seededCounts(db)),
  };
}

// ---------------------------------------------------------------------------------------------
// References: the same aggregation as hand-written SQL on the rollups, and naively over cost_records

const unit = (c) => (c.query.granularity === 'MONTH' ? 'month' : 'day');
/** A MONTH view: the server reads its whole months from the monthly rollups. */
const isMonthly = (c) => !c.keys && c.query.granularity === 'MONTH';
/** The other sums cost-summary returns (not compared; summed so the reference does the server's work). */
const OTHER_SUMS = `sum(list_cost) as list_cost, sum(contracted_cost) as contracted_cost, sum(effective_cost) as effective_cost,
  sum(consumed_quantity) as consumed_quantity, sum(pricing_quantity) as pricing_quantity, sum(unpriced_records) as unpriced_records`;
/**
 * `[text, parameters]` of each case's hand-written statement on the daily rollups, or with
 * `monthly` on the monthly ones (a MONTH case: its window is whole months, each row dated by its
 * month's first day).
 */
function rollupSql(c, monthly = false) {
  const { from, to } = c.query;
  if (c.keys) return [`select distinct tag_key as key from cost_tag_rollups_daily where workspace_id = $1 and day >= $2 and day < $3 order by 1`, [WORKSPACE, from, to]];
  const [plain, tagged, day] = monthly ? ['cost_rollups_monthly', 'cost_tag_rollups_monthly', 'month'] : ['cost_rollups_daily', 'cost_tag_rollups_daily', 'day'];
  const bucket = `to_char(date_trunc('${unit(c)}', ${day}::timestamp), 'YYYY-MM-DD')`;
  if (c.group === 'ServiceName') {
    return [
      `select ${bucket} as period, service_name as grp, billing_currency as currency, sum(billed_cost)::text as billed, sum(records)::bigint as records,
         ${OTHER_SUMS}
       from ${plain} where workspace_id = $1 and ${day} >= $2 and ${day} < $3 group by 1, 2, 3`,
      [WORKSPACE, from, to],
    ];
  }
  return [
    `with t as (
       select ${bucket} as period, tag_value as grp, billing_currency as currency, sum(billed_cost) as billed, sum(records) as records,
         ${OTHER_SUMS}
       from ${tagged} where workspace_id = $1 and tag_key = $4 and ${day} >= $2 and ${day} < $3 group by 1, 2, 3),
     a as (
       select ${bucket} as period, billing_currency as currency, sum(billed_cost) as billed, sum(records) as records,
         ${OTHER_SUMS}
       from ${plain} where workspace_id = $1 and ${day} >= $2 and ${day} < $3 group by 1, 2),
     s as (select period, currency, sum(billed) as billed, sum(records) as records from t group by 1, 2)
     select period, grp, currency, billed::text, records::bigint from t
     union all
     select a.period, null, a.currency, (a.billed - coalesce(s.billed, 0))::text, (a.records - coalesce(s.records, 0))::bigint
     from a left join s using (period, currency) where a.records - coalesce(s.records, 0) > 0`,
    [WORKSPACE, from, to, TAG_KEY],
  ];
}

/** `[text, parameters]` of each case's aggregation straight over cost_records (no rollups). */
function naiveSql(c) {
  const from = `${c.query.from}T00:00:00Z`;
  const to = `${c.query.to}T00:00:00Z`;
  const range = `workspace_id = $1 and charge_period_start >= $2::timestamptz and charge_period_start < $3::timestamptz`;
  if (c.keys) {
    return [`select distinct k.key from cost_records, jsonb_each(case when jsonb_typeof(tags) = 'object' then tags else '{}' end) k where ${range} and jsonb_typeof(k.value) <> 'null' order by 1`, [WORKSPACE, from, to]];
  }
  const bucket = `to_char(date_trunc('${unit(c)}', charge_period_start at time zone 'UTC'), 'YYYY-MM-DD')`;
  const grp = c.group === 'ServiceName' ? 'service_name' : `tags ->> $4`;
  return [
    `select ${bucket} as period, ${grp} as grp, billing_currency as currency, sum(billed_cost)::text as billed, count(*)::bigint as records
     from cost_records where ${range} group by 1, 2, 3`,
    c.group === 'ServiceName' ? [WORKSPACE, from, to] : [WORKSPACE, from, to, TAG_KEY],
  ];
}

/** A decimal's canonical text: '12.3400' → '12.34'; null (no priced record) → '0'. */
function canonical(text) {
  if (text === null || text === undefined) return '0';
  const [whole, fraction = ''] = String(text).split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return trimmed ? `${whole}.${trimmed}` : whole === '-0' ? '0' : whole;
}

/** Rows → a sorted list of `period|group|currency|billed|records` lines, or the keys. */
function linesOf(c, rows) {
  if (c.keys) return rows.map((r) => r.key);
  return rows.map((r) => `${r.period}|${r.grp ?? ''}|${r.currency}|${canonical(r.billed)}|${Number(r.records)}`).sort();
}
function httpLines(c, body) {
  if (c.keys) return body.items.map((i) => i.key);
  return body.items.map((i) => `${i.periodStart.slice(0, 10)}|${i[c.group] ?? ''}|${i.BillingCurrency}|${canonical(i.BilledCost)}|${i.records}`).sort();
}

async function timeStatement(client, [text, parameters], runs) {
  const ms = [];
  let rows;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    rows = (await client.query(text, parameters)).rows;
    ms.push(performance.now() - t0);
  }
  const s = summarize(ms, 1);
  return { rows, timing: { p50: s.p50, p99: s.p99, max: round(Math.max(...ms), 3), runs } };
}

const explain = async (client, text, parameters) => (await client.query(`explain (analyze, buffers) ${text}`, parameters)).rows.map((r) => r['QUERY PLAN']);

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = new Date();
  const loadAverageAtStart = os.loadavg().map((x) => round(x, 2));
  const code = codeVersion(root);
  mkdirSync(dataDir, { recursive: true });
  const scratchDb = scratch({ adminUrl: opts.pgUrl, database: PG_DATABASE, dataDir, keep: opts.keep || opts.reuse });
  const postgresVersion = (await pgAdminOn(opts.pgUrl, 'show server_version'))[0].server_version;
  await scratchDb.create('postgres', { reuseKept: opts.reuse });
  const databaseUrl = scratchDb.url('postgres');
  const { db } = await createDb(databaseUrl, { poolSize: Math.max(2, opts.seedConnections) });
  let seeding;
  try {
    seeding = await seed(db, databaseUrl);
  } finally {
    await db.destroy();
  }
  log(`seeded: ${JSON.stringify(seeding)}`);

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const server = await startConsumoServer({
    bin: serverBin,
    label: 'consumo',
    databaseUrl,
    dataDir,
    bootstrap: { workspaceId: WORKSPACE, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
  });
  const headers = { authorization: `Bearer ${server.token}` };
  const meter = cpuMeter({ loadGenerator: () => [process.pid], server: () => [server.pid], postgres: () => pidsNamed('postgres', ` ${PG_DATABASE} `) });
  const cases = {};
  try {
    for (const c of CASES) {
      // Every case checked once before the load: the server's answer, the rollup statement's and the naive one's agree exactly.
      const res = await globalThis.fetch(`${server.url}${pathOf(c)}`, { headers });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`${c.name}: GET ${pathOf(c)} → ${res.status} ${text.slice(0, 500)}`);
      // Money is a decimal string in the JSON already: parsing loses nothing.
      const body = JSON.parse(text);
      const rollup = await timeStatement(client, rollupSql(c), opts.referenceRuns);
      const monthly = isMonthly(c) ? await timeStatement(client, rollupSql(c, true), opts.referenceRuns) : undefined;
      const naive = await timeStatement(client, naiveSql(c), opts.naiveRuns);
      const got = httpLines(c, body);
      const references = [['the daily rollup statement', rollup], ...(monthly ? [['the monthly rollup statement', monthly]] : []), ['the naive statement over cost_records', naive]];
      for (const [name, ref] of references) {
        const want = linesOf(c, ref.rows);
        if (JSON.stringify(got) !== JSON.stringify(want)) {
          throw new Error(`${c.name}: the server's ${got.length} lines differ from ${name}'s ${want.length}: first server lines ${got.slice(0, 3)}, reference ${want.slice(0, 3)}`);
        }
      }
      if (got.length === 0) throw new Error(`${c.name}: no items: nothing would be measured`);
      log(`${c.name}: ${got.length} ${c.keys ? 'keys' : 'items'}, checked against ${references.length} references; ${opts.warmup}s warm-up + ${opts.duration}s, ${opts.connections} connections`);
      const r = await measureHttp({ url: server.url, paths: [pathOf(c)], headers, connections: opts.connections, seconds: opts.duration, warmupSeconds: opts.warmup, label: c.name, meter });
      const cpuMsPerRequest = r.cpu && Object.fromEntries(Object.entries(r.cpu).map(([k, v]) => [k, v === null ? null : round((v * 1000) / r.n, 3)]));
      log(`${c.name}: HTTP p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.rps} req/s; daily rollup SQL p50 ${rollup.timing.p50} ms${monthly ? `; monthly rollup SQL p50 ${monthly.timing.p50} ms` : ''}; naive SQL p50 ${naive.timing.p50} ms`);
      // The statement reading what the server reads: the monthly rollups for a MONTH view of whole months.
      const same = monthly ?? rollup;
      cases[c.name] = {
        request: `GET ${pathOf(c)}`,
        items: got.length,
        http: { p50: r.p50, p99: r.p99, rps: r.rps, requests: r.n, cpuMsPerRequest },
        rollupSql: rollup.timing,
        ...(monthly && { monthlyRollupSql: monthly.timing }),
        naiveSqlOverCostRecords: naive.timing,
        ratios: {
          httpP50OverRollupSqlP50: round(r.p50 / same.timing.p50, 2),
          ...(monthly && { dailyRollupSqlP50OverHttpP50: round(rollup.timing.p50 / r.p50, 2) }),
          naiveSqlP50OverHttpP50: round(naive.timing.p50 / r.p50, 1),
        },
      };
    }
  } finally {
    await server.stop();
  }

  // EXPLAIN (ANALYZE, BUFFERS) of the statements the server runs for each case (the built services,
  // recorded), and of the naive statement.
  log('EXPLAIN (ANALYZE, BUFFERS)');
  const { db: explainDb } = await createDb(databaseUrl, { poolSize: 1 });
  const { costSummary } = await import(dist('costs/cost-summary.service.js'));
  const { costTagKeys } = await import(dist('costs/cost-tag-keys.service.js'));
  try {
    for (const c of CASES) {
      const recorder = statementRecorder(() => c.name);
      const recorded = explainDb.withPlugin(recorder.plugin);
      await (c.keys ? costTagKeys(recorded, WORKSPACE, c.query) : costSummary(recorded, WORKSPACE, c.query));
      const server = [];
      for (const s of recorder.statements) server.push({ sql: s.sql, plan: await explain(client, s.sql, s.parameters) });
      const [text, parameters] = naiveSql(c);
      cases[c.name].explain = { server, naive: { sql: text, plan: await explain(client, text, parameters) } };
    }
  } finally {
    await explainDb.destroy();
    await client.end();
  }

  const summaries = Object.entries(cases).filter(([name]) => name !== 'tagKeys');
  const worstP99 = Math.max(...summaries.map(([, c]) => c.http.p99));
  const leastSaving = Math.min(...summaries.map(([, c]) => c.ratios.naiveSqlP50OverHttpP50));
  // What the server adds to the statement it runs, at its worst: a ratio that means the same at any size.
  const mostAdded = Math.max(...summaries.map(([, c]) => c.ratios.httpP50OverRollupSqlP50));
  const out = {
    benchmark: 'cost-explorer',
    date: started.toISOString(),
    wallSeconds: round((Date.now() - started.getTime()) / 1000, 0),
    code,
    machine: machine({
      postgres: postgresVersion,
      fastify: packageVersion('fastify'),
      autocannon: packageVersion('autocannon'),
      loadAverageAtStart,
      loadAverageAtEnd: os.loadavg().map((x) => round(x, 2)),
    }),
    settings: {
      fullSize,
      records: opts.records,
      days: DAYS,
      window: { from: YEAR.from, to: YEAR.to },
      dimensionSets: 480,
      tagKey: TAG_KEY,
      connections: opts.connections,
      warmupSeconds: opts.warmup,
      seconds: opts.duration,
      referenceRuns: opts.referenceRuns,
      naiveRuns: opts.naiveRuns,
    },
    seeding,
    cases,
    targets: [
      { name: 'cost-summary p99 of every explorer view (ms)', value: worstP99, threshold: 500, met: worstP99 <= 500 },
      { name: 'naive aggregation over cost_records ÷ cost-summary, p50, least of the views', value: leastSaving, threshold: 10, met: leastSaving >= 10 },
      { name: 'cost-summary ÷ its statement by hand on the same rollups, p50, most of the views', value: mostAdded, comparison: '≤', threshold: 2, met: mostAdded <= 2 },
    ],
  };
  writeFileSync(outFile, `${JSON.stringify(out, null, 2)}\n`);
  console.log('\ncase            HTTP p50   HTTP p99   daily SQL p50   monthly SQL p50   naive p50   naive ÷ HTTP');
  for (const [name, c] of Object.entries(cases)) {
    console.log(`${name.padEnd(15)} ${String(c.http.p50).padStart(8)}  ${String(c.http.p99).padStart(9)}  ${String(c.rollupSql.p50).padStart(14)}  ${String(c.monthlyRollupSql?.p50 ?? '–').padStart(16)}  ${String(c.naiveSqlOverCostRecords.p50).padStart(10)}  ${String(c.ratios.naiveSqlP50OverHttpP50).padStart(12)}`);
  }
  console.log(`\nwrote ${path.relative(process.cwd(), outFile)}`);
}

try {
  await main();
} catch (err) {
  console.error(`\ncost-explorer FAILED: ${err.stack ?? err}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
