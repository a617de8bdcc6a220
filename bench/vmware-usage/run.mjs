#!/usr/bin/env node
/**
 * vmware-usage: VMware Cloud Partner Navigator's services usage report for a provider with 100
 * tenants and 10,000,000 cost records over six months — `GET …/usage-report` for all tenants
 * (six billing periods each) and for one tenant, and `GET …/usage-report/file` (CSV) — over HTTP
 * beside a bare node:http server running the bare SQL of the same totals on the same rollups,
 * measured in the same run. See README.md.
 */
import { Buffer } from 'node:buffer';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { bootstrap, createDb, focusExportQueries, loadConfig, migrateToLatest } from '@consumo/server';
import { parseArgs } from '../lib/args.mjs';
import { statementRecorder } from '../lib/statement-recorder.mjs';
import { cleanUp, cleanups } from '../lib/cleanups.mjs';
import { startChild } from '../lib/child.mjs';
import { tokenFor } from '../lib/consumo-server.mjs';
import { cpuMeter, pidsNamed } from '../lib/cpu.mjs';
import { codeVersion, machine, packageVersion } from '../lib/machine.mjs';
import { pgAdmin as pgAdminOn, scratch, benchDatabaseName } from '../lib/scratch.mjs';
import { round, summarize } from '../lib/stats.mjs';
import { REFERENCE_MONTHLY_SQL, REFERENCE_SQL, referenceMonthlyParameters, referenceParameters } from './reference.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const dataDir = path.join(here, 'data');

const FULL = { records: 10_000_000, tenants: 100 };
const QUICK = { records: 200_000 };
const quick = process.argv.includes('--quick');
const opts = parseArgs(
  process.argv.slice(2),
  {
    quick: { type: 'boolean', default: false, help: `a small check: ${QUICK.records.toLocaleString('en')} cost records, shorter windows; writes data/results-quick.json` },
    records: { type: 'number', default: quick ? QUICK.records : FULL.records, help: 'cost records over the six months' },
    tenants: { type: 'number', default: FULL.tenants, help: 'tenants of the provider' },
    connections: { type: 'number', default: 2, help: 'concurrent HTTP connections for the all-tenants report and the file' },
    tenantConnections: { type: 'number', default: 10, help: 'concurrent HTTP connections for the one-tenant report' },
    duration: { type: 'number', default: quick ? 5 : 20, help: 'measured seconds per case and server' },
    rounds: { type: 'number', default: 1, help: 'measured windows per case and server; above 1, ours and bare alternate (see measurePair)' },
    warmup: { type: 'number', default: quick ? 2 : 3, help: 'warm-up seconds before each measurement' },
    seedConnections: { type: 'number', default: 2, help: 'connections the seeding statements run on in parallel (one month each)' },
    pgUrl: {
      type: 'string',
      default: process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
      help: 'PostgreSQL admin URL (BENCH_PG_URL); the scratch database consumo_bench_vmware_usage is created beside it',
    },
    keep: { type: 'boolean', default: false, help: 'keep the scratch database (for --reuse, EXPLAIN, profiling)' },
    reuse: { type: 'boolean', default: false, help: 'run on a database left by --keep without seeding again (same --records and --tenants)' },
    cpuProf: { type: 'boolean', default: false, help: 'run our server with --cpu-prof into bench/vmware-usage/data/profiles' },
    bareMonthly: { type: 'boolean', default: true, help: 'measure a second bare server that reads whole months from the monthly rollups, as the report does (--bare-monthly=false: the daily reference only)' },
    primeRequests: { type: 'number', default: quick ? 20 : 60, help: 'requests sent before each warm-up of the all-tenants cases (the file: a quarter), so every pooled connection reaches the plan PostgreSQL settles on' },
    cases: { type: 'string', default: 'allTenants,oneTenant,file', help: 'the HTTP cases measured, comma-separated (allTenants, oneTenant, file); targets are reported for those measured' },
    serverPgOptions: { type: 'string', default: '', help: "PostgreSQL settings for our server's connections only, e.g. '-c work_mem=16MB' (an experiment: the bare server keeps the defaults)" },
    serverRoot: { type: 'string', default: root, help: 'the checkout whose packages/cli/dist and packages/server/dist are measured (a patched copy: see README); seeding always uses this repository\'s' },
    out: { type: 'string', help: 'where to write the results (default: results.json at the full size, else data/results-quick.json or data/results-<records>r-<tenants>t.json)' },
  },
  'usage: npm run bench -- vmware-usage [options]',
);
const serverRoot = path.resolve(opts.serverRoot);
const serverBin = path.join(serverRoot, 'packages/cli/dist/bin.js');
const dist = (p) => path.join(serverRoot, 'packages/server/dist/modules/navigator/billing', p);
// Not exported by @consumo/server: the built modules themselves — the periods the server computes, the statements it runs.
const reportScopeModule = dist('report-scope.js');
const repositoryModule = dist('usage-report.repository.js');
const billingServiceModule = dist('billing.service.js');
for (const k of ['records', 'tenants', 'connections', 'tenantConnections', 'seedConnections', 'rounds']) {
  if (!Number.isInteger(opts[k]) || opts[k] < 1) throw new Error(`--${k} must be a whole number ≥ 1`);
}
if (opts.tenants > 4096) throw new Error('--tenants must be at most 4,096');
const fullSize = opts.records === FULL.records && opts.tenants === FULL.tenants;
const outFile =
  opts.out ??
  (serverRoot !== root ? path.join(dataDir, `results-${path.basename(serverRoot)}-${opts.records}r.json`) : fullSize ? path.join(here, 'results.json') : opts.records === QUICK.records && opts.tenants === FULL.tenants ? path.join(dataDir, 'results-quick.json') : path.join(dataDir, `results-${opts.records}r-${opts.tenants}t.json`));

const PROVIDER = 'bec0ffee000000000000000000000a5e';
const CLIENT_ID = '0be4c100-0000-4000-8000-000000000a5e';
const CLIENT_SECRET = 'consumo-bench-vmware-usage-secret';
const PG_DATABASE = benchDatabaseName('consumo_bench_vmware_usage');
const DAY_MS = 86_400_000;
const ACCOUNT = 'BA-VMW';
const COMMITMENT_ID = 'commit-vcpu-hours';
const tenantId = (t) => `bec0ffee00000001${t.toString(16).padStart(16, '0')}`;
const dashed = (id) => `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
const log = (line) => console.log(`[vmware-usage ${new Date().toISOString().slice(11, 19)}] ${line}`);
const dayText = (ms) => new Date(ms).toISOString().slice(0, 10);

/**
 * The six months: the six calendar months before the current one. The records fill them; the
 * report asks from the first one's start to the current month's start — six calendar months for
 * most tenants, six anniversary periods (the first starting the month before) for the others.
 */
const NOW = new Date();
const WINDOW_END_MS = Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), 1);
const WINDOW_START_MS = Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - 6, 1);
const DAYS = Math.round((WINDOW_END_MS - WINDOW_START_MS) / DAY_MS);
const MONTHS = Array.from({ length: 6 }, (_, i) => new Date(Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth() - 6 + i, 1)));
/** A price change in the middle of the window (one SKU), so the report's prices have two versions to choose between. */
const PRICE_CHANGE_MS = MONTHS[3].getTime();

/**
 * The VMware-style price book every tenant has (a subset of): four services, six SKUs. `base` is a
 * resource's typical consumption per day in the consumed unit; a record's is 0.5–1.5 × that.
 */
const SKUS = [
  { id: 'VCD-VM-VCPU-HR', service: 'VMware Cloud Director', category: 'Compute', subcategory: 'Virtual Machines', resourceType: 'VM', prefix: 'vm', meter: 'vcpu-hours', consumedUnit: 'vCPU-Hours', pricingUnit: 'vCPU-Hours', divisor: '1', price: '0.0312', description: 'Cloud Director VM, per vCPU-hour', base: 96 },
  { id: 'VCD-VM-RAM-GB-HR', service: 'VMware Cloud Director', category: 'Compute', subcategory: 'Virtual Machines', resourceType: 'VM Memory', prefix: 'mem', meter: 'ram-gb-hours', consumedUnit: 'GB-Hours', pricingUnit: 'GB-Hours', divisor: '1', price: '0.0041', description: 'Cloud Director VM memory, per GB-hour', base: 384 },
  { id: 'VSAN-STORAGE-GB-MO', service: 'VMware vSAN', category: 'Storage', subcategory: 'Block Storage', resourceType: 'Volume', prefix: 'vol', meter: 'vsan-gb-hours', consumedUnit: 'GB-Hours', pricingUnit: 'GB-Months', divisor: '730', price: '0.085', newPrice: '0.079', description: 'vSAN storage, per GB-month', base: 12_000 },
  { id: 'NSX-ADV-VM-HR', service: 'VMware NSX', category: 'Networking', subcategory: 'Network Security', resourceType: 'Edge Gateway', prefix: 'edge', meter: 'nsx-vm-hours', consumedUnit: 'VM-Hours', pricingUnit: 'VM-Hours', divisor: '1', price: '0.0065', description: 'NSX Advanced, per protected VM-hour', base: 24 },
  { id: 'NSX-EGRESS-GB', service: 'VMware NSX', category: 'Networking', subcategory: 'Network Connectivity', resourceType: 'Edge Uplink', prefix: 'uplink', meter: 'egress-gb', consumedUnit: 'GB', pricingUnit: 'GB', divisor: '1', price: '0.05', description: 'NSX egress, per GB', base: 12.5 },
  { id: 'LINT-GB-INGEST', service: 'VMware Aria Operations for Logs', category: 'Management and Governance', subcategory: 'Observability', resourceType: 'Log Stream', prefix: 'logs', meter: 'ingest-gb', consumedUnit: 'GB', pricingUnit: 'GB', divisor: '1', price: '0.1275', description: 'Aria Operations for Logs ingestion, per GB', base: 3.2 },
];
const COMMITTED_SKU = 'VCD-VM-VCPU-HR';
const REGIONS = ['us-west-2', 'us-east-1', 'eu-central-1', 'ap-southeast-2'];
const ABD_DAYS = [5, 12, 15, 20, 25, 28, 3, 9, 17, 22];

/**
 * Tenant t: Cloud Director, vSAN and NSX Advanced always, NSX egress for even t, Logs for t mod 3 ≠ 0
 * (3–4 services, 4–6 SKUs); 2–3 regions; 1–3 org VDCs (sub accounts); a 10 % discount (contracted
 * price, so billed ≠ list) for t mod 4 = 1; an anniversary billing date for t mod 10 = 5 (10 of 100);
 * a committed vCPU-hours SKU for t mod 5 = 0 (20 of 100).
 */
function tenantOf(t) {
  const skus = [0, 1, 2, 3, ...(t % 2 === 0 ? [4] : []), ...(t % 3 !== 0 ? [5] : [])].map((i) => SKUS[i].id);
  const regions = Array.from({ length: 2 + (t % 2) }, (_, i) => REGIONS[(t + i) % REGIONS.length]);
  const abdDay = ABD_DAYS[Math.floor(t / 10) % ABD_DAYS.length];
  return {
    t,
    id: tenantId(t),
    name: `Tenant ${String(t).padStart(3, '0')}`,
    skus,
    regions,
    vdcs: 1 + (t % 3),
    discount: t % 4 === 1 ? '0.9' : '1',
    abd: t % 10 === 5 ? `2025-${String(1 + (t % 12)).padStart(2, '0')}-${String(abdDay).padStart(2, '0')}` : null,
    committed: t % 5 === 0,
  };
}
const TENANTS = Array.from({ length: opts.tenants }, (_, t) => tenantOf(t));
/** The one-tenant case's first tenant (the requests rotate over all): an anniversary date and a commitment. */
const FIRST_ONE_TENANT = TENANTS.find((x) => x.abd && x.committed) ?? TENANTS[0];

const lit = (v) => (v === null || v === undefined ? 'null' : `'${String(v).replace(/'/g, "''")}'`);
const arr = (values) => `array[${values.map(lit).join(',')}]::text[]`;
const skuValues = sql.raw(
  `(values ${SKUS.map((s) =>
    `(${[s.id, s.service, s.category, s.subcategory, s.resourceType, s.prefix, s.meter, s.consumedUnit, s.pricingUnit].map(lit).join(', ')}, ${s.divisor}::numeric, ${s.price}::numeric, ` +
    `${s.newPrice ? `${s.newPrice}::numeric` : 'null::numeric'}, ${lit(s.description)}, ${s.base}::numeric)`,
  ).join(', ')}) as s(sku_id, service_name, service_category, service_subcategory, resource_type, prefix, meter_id, consumed_unit, pricing_unit, divisor, price, new_price, description, base)`,
);
const tenantValues = sql.raw(
  `(values ${TENANTS.map((x) => `(${x.t}, ${lit(x.id)}, ${arr(x.skus)}, ${arr(x.regions)}, ${x.vdcs}, ${x.discount}::numeric, ${x.committed})`).join(', ')}) ` +
    'as t(tenant, workspace_id, skus, regions, vdcs, discount, committed)',
);

// ---------------------------------------------------------------------------------------------
// Databases

const scratchDb = scratch({ adminUrl: opts.pgUrl, database: PG_DATABASE, dataDir, keep: opts.keep || opts.reuse });
const pgAdmin = (text) => pgAdminOn(opts.pgUrl, text);

const timed = async (fn) => {
  const t0 = performance.now();
  const value = await fn();
  return { value, seconds: round((performance.now() - t0) / 1000, 1) };
};

function serverEnv(databaseUrl) {
  return {
    DATABASE_URL: databaseUrl,
    PORT: '0',
    LOG_LEVEL: 'warn',
    CONSUMO_DEMO: '0',
    CONSUMO_RATE_LIMIT_MULTIPLIER: '100000',
    CONSUMO_BOOTSTRAP_WORKSPACE_ID: PROVIDER,
    CONSUMO_BOOTSTRAP_CLIENT_ID: CLIENT_ID,
    CONSUMO_BOOTSTRAP_CLIENT_SECRET: CLIENT_SECRET,
    CONSUMO_CREDENTIALS_FILE: path.join(dataDir, 'credentials.json'),
    REDIS_URL: '',
  };
}

// ---------------------------------------------------------------------------------------------
// Seeding

/** The cost record columns the generator writes, in order (the others stay null, as rating leaves them). */
const RECORD_COLUMNS = `workspace_id, line_key, resource_id, resource_name, resource_type, charge_period_start, charge_period_end,
  billing_period_start, billing_period_end, billing_account_id, billing_account_name, billing_account_type, billing_currency,
  billed_cost, effective_cost, list_cost, contracted_cost, list_unit_price, contracted_unit_price,
  pricing_quantity, pricing_unit, consumed_quantity, consumed_unit, pricing_category, pricing_currency,
  pricing_currency_list_unit_price, pricing_currency_contracted_unit_price, pricing_currency_effective_cost,
  charge_category, charge_description, charge_frequency, invoice_issuer_name, provider_name, publisher_name,
  region_id, region_name, service_category, service_name, service_subcategory,
  sku_id, sku_meter, sku_price_id, sub_account_id, sub_account_name, sub_account_type, tags,
  commitment_discount_category, commitment_discount_id, commitment_discount_name, commitment_discount_quantity,
  commitment_discount_status, commitment_discount_type, commitment_discount_unit,
  x_meter_id, x_rating_status, x_price_effective_from, x_rated_at`;

/** Record r × DAYS + d's consumed quantity: base × 0.5–1.5, 6 decimals (one expression for the records and the commitments). */
const CONSUMED = sql.raw('round(b.base * (0.5 + ((b.r * 31 + d * 17) % 997)::numeric / 997), 6)');
const DAY_START = sql.raw(`'${new Date(WINDOW_START_MS).toISOString()}'::timestamptz + d * interval '1 day'`);

/**
 * Each committed tenant's consumed vCPU-hours per day, `u(workspace_id, t, used)`: the sum of the
 * records of the committed SKU, computed from the generator's own expression rather than read back
 * from 10,000,000 records.
 */
function dailyUse() {
  return sql`(
    select b.workspace_id, ${DAY_START} as t, sum(${CONSUMED}) as used
    from bench_vmware_resources b cross join generate_series(0, ${DAYS - 1}::int) as d
    where b.committed and b.r::bigint * ${DAYS} + d < ${opts.records}
    group by b.workspace_id, d) as u`;
}

/**
 * Records of days [d0, d1) of the window: resource r's record of day d is record number
 * r × DAYS + d, kept while below --records. Values as rating writes them: pricing quantity =
 * consumed ÷ the price's divisor (15 decimals), costs = quantity × unit price (8 decimals), the price
 * version in force that day (its SkuPriceId is the line key), billed = contracted (the tenant's discount).
 */
function insertRecords(db, d0, d1) {
  return sql`
    insert into cost_records (${sql.raw(RECORD_COLUMNS)})
    select b.workspace_id, v.price_id, b.resource_id, b.resource_id, b.resource_type, v.t, v.t + interval '1 day',
      date_trunc('month', v.t, 'UTC'), date_trunc('month', v.t, 'UTC') + interval '1 month', ${ACCOUNT}, 'VMware billing', 'Billing Account', 'USD',
      c.contracted_cost, c.contracted_cost, c.list_cost, c.contracted_cost, v.list_price, v.contracted_price,
      q.pricing_quantity, b.pricing_unit, q.consumed, b.consumed_unit, case when b.committed then 'Committed' else 'Standard' end, 'USD',
      v.list_price, v.contracted_price, c.contracted_cost,
      'Usage', b.description, 'Usage-Based', 'VMware', 'VMware', 'VMware',
      b.region_id, b.region_id, b.service_category, b.service_name, b.service_subcategory,
      b.sku_id, b.meter_id, v.price_id, b.sub_account_id, b.sub_account_id, 'Sub Account', b.tags,
      case when b.committed then 'Usage' end, case when b.committed then ${COMMITMENT_ID} end, case when b.committed then ${COMMITMENT_ID} end,
      case when b.committed then q.consumed end, case when b.committed then 'Used' end, case when b.committed then 'Committed Capacity' end,
      case when b.committed then b.consumed_unit end,
      b.meter_id, 'RATED', v.price_from, v.t + interval '1 day 2 hours'
    from bench_vmware_resources b
    cross join generate_series(${d0}::int, ${d1 - 1}::int) as d
    cross join lateral (
      select ${DAY_START} as t,
        case when b.new_price is not null and d >= ${Math.round((PRICE_CHANGE_MS - WINDOW_START_MS) / DAY_MS)} then b.new_price else b.price end as list_price,
        case when b.new_price is not null and d >= ${Math.round((PRICE_CHANGE_MS - WINDOW_START_MS) / DAY_MS)} then ${dayText(PRICE_CHANGE_MS)} else '2020-01-01' end as price_day
    ) as w
    cross join lateral (
      select w.t, w.list_price, round(w.list_price * b.discount, 8) as contracted_price,
        b.sku_id || '@' || w.price_day as price_id, (w.price_day || 'T00:00:00Z')::timestamptz as price_from
    ) as v
    cross join lateral (select ${CONSUMED} as consumed) as q0
    cross join lateral (select q0.consumed, round(q0.consumed / b.divisor, 15) as pricing_quantity) as q
    cross join lateral (select round(q.pricing_quantity * v.list_price, 8) as list_cost, round(q.pricing_quantity * v.contracted_price, 8) as contracted_cost) as c
    where b.r::bigint * ${DAYS} + d < ${opts.records}`.execute(db);
}

/**
 * The Flex rule's shortfall lines, as rating writes them: for every day a committed tenant used
 * less than its commitment, a record of the difference (resource = the commitment, ResourceType
 * Commitment, no region or sub account) priced like the SKU's usage.
 */
function insertShortfalls(db) {
  return sql`
    insert into cost_records (${sql.raw(RECORD_COLUMNS)})
    select c.workspace_id, v.price_id || ':shortfall', c.id, c.id, 'Commitment', u.t, u.t + interval '1 day',
      date_trunc('month', u.t, 'UTC'), date_trunc('month', u.t, 'UTC') + interval '1 month', ${ACCOUNT}, 'VMware billing', 'Billing Account', 'USD',
      k.contracted_cost, k.contracted_cost, k.list_cost, k.contracted_cost, s.price, v.contracted_price,
      q.pricing_quantity, s.pricing_unit, null, null, 'Committed', 'USD',
      s.price, v.contracted_price, k.contracted_cost,
      'Usage', 'Committed capacity shortfall: ' || q.shortfall || ' ' || s.consumed_unit || ' of ' || s.sku_id, 'Usage-Based', 'VMware', 'VMware', 'VMware',
      null, null, s.service_category, s.service_name, s.service_subcategory,
      s.sku_id, s.meter_id, v.price_id, null, null, null, '{}'::jsonb,
      'Usage', c.id, c.id, q.shortfall, 'Unused', 'Committed Capacity', s.consumed_unit,
      s.meter_id, 'RATED', '2020-01-01T00:00:00Z'::timestamptz, u.t + interval '1 day 2 hours'
    from commitments c
    join ${tenantValues} on t.workspace_id = c.workspace_id
    join ${skuValues} on s.sku_id = c.sku_id
    join ${dailyUse()} on u.workspace_id = c.workspace_id
    cross join lateral (select greatest(c.committed_quantity, c.minimum_quantity) - u.used as shortfall) as q0
    cross join lateral (select q0.shortfall, round(q0.shortfall / s.divisor, 15) as pricing_quantity) as q
    cross join lateral (select round(s.price * t.discount, 8) as contracted_price, s.sku_id || '@2020-01-01' as price_id) as v
    cross join lateral (select round(q.pricing_quantity * s.price, 8) as list_cost, round(q.pricing_quantity * v.contracted_price, 8) as contracted_cost) as k
    where q0.shortfall > 0`.execute(db);
}

/**
 * The daily rollups of the records of [from, to), with exactly rating's grouping
 * (rating.repository.ts rebuildRollups: one row per workspace, day and dimension set), appended
 * in day order as rating appends them.
 */
function insertRollups(db, from, to) {
  return sql`
    insert into cost_rollups_daily (workspace_id, day, billing_account_id, sub_account_id, service_name, service_category,
      region_id, resource_type, sku_id, charge_category, billing_currency, records, list_cost, contracted_cost,
      effective_cost, billed_cost, consumed_quantity, pricing_quantity, unpriced_records)
    select workspace_id, (charge_period_start at time zone 'UTC')::date, billing_account_id, sub_account_id, service_name, service_category,
      region_id, resource_type, sku_id, charge_category, billing_currency, count(*)::int, sum(list_cost), sum(contracted_cost),
      sum(effective_cost), sum(billed_cost), sum(consumed_quantity), sum(pricing_quantity),
      (count(*) filter (where x_rating_status <> 'RATED'))::int
    from cost_records
    where charge_period_start >= ${new Date(from).toISOString()}::timestamptz and charge_period_start < ${new Date(to).toISOString()}::timestamptz
    group by workspace_id, charge_period_start, billing_account_id, sub_account_id, service_name, service_category, region_id, resource_type,
      sku_id, charge_category, billing_currency
    order by charge_period_start, workspace_id`.execute(db);
}

/**
 * The monthly rollups from the daily ones, as rating rewrites a month after each day
 * (rating.repository.ts; the backfill of migration 0025): one row per workspace, month and
 * dimension set, each measure the sum of the month's daily rows.
 */
function insertMonthlyRollups(db) {
  const dimensions = 'billing_account_id, sub_account_id, service_name, service_category, region_id, resource_type, sku_id, charge_category, billing_currency';
  return sql`
    insert into cost_rollups_monthly (workspace_id, month, ${sql.raw(dimensions)}, records, list_cost, contracted_cost, effective_cost, billed_cost,
      consumed_quantity, pricing_quantity, unpriced_records)
    select workspace_id, date_trunc('month', day::timestamp)::date, ${sql.raw(dimensions)}, sum(records), sum(list_cost), sum(contracted_cost),
      sum(effective_cost), sum(billed_cost), sum(consumed_quantity), sum(pricing_quantity), sum(unpriced_records)
    from cost_rollups_daily
    group by workspace_id, date_trunc('month', day::timestamp)::date, ${sql.raw(dimensions)}
    order by 2, 1`.execute(db);
}

/** Runs the tasks on up to `n` at once. */
async function inParallel(n, tasks) {
  const queue = [...tasks];
  await Promise.all(Array.from({ length: Math.min(n, queue.length) }, async () => {
    while (queue.length) await queue.shift()();
  }));
}

const count = async (db, table) => (await sql`select count(*)::int as n from ${sql.raw(table)}`.execute(db)).rows[0].n;

async function seed(databaseUrl) {
  const { db } = await createDb(databaseUrl, { poolSize: Math.max(2, opts.seedConnections) });
  try {
    if (opts.reuse) {
      const have = (await sql`select count(*)::int as n from pg_tables where tablename = 'cost_records'`.execute(db)).rows[0].n > 0 ? await count(db, 'cost_records') : 0;
      const usage = have > 0 ? (await sql`select count(*)::int as n from cost_records where resource_type <> 'Commitment'`.execute(db)).rows[0].n : 0;
      const tenants = have > 0 ? (await sql`select count(*)::int as n from workspaces where parent_id = ${PROVIDER}`.execute(db)).rows[0].n : 0;
      if (usage === opts.records && tenants === opts.tenants) {
        // A database kept by an older checkout gets the schema changes made since (indexes, columns).
        await migrateToLatest(db);
        if ((await count(db, 'cost_rollups_monthly')) === 0) {
          log('cost_rollups_monthly from the daily rollups (a database seeded before the monthly rollups)');
          await insertMonthlyRollups(db);
          await sql`vacuum analyze cost_rollups_monthly`.execute(db);
        }
        log(`reusing the kept database: ${have.toLocaleString('en')} cost records, ${tenants} tenants`);
        return { reused: true, ...(await seededCounts(db)) };
      }
      if (have > 0 || tenants > 0) {
        throw new Error(`--reuse: the kept database ${PG_DATABASE} holds ${usage.toLocaleString('en')} usage records and ${tenants} tenants, not ${opts.records.toLocaleString('en')} and ${opts.tenants}: drop it or run without --reuse`);
      }
    }
  } finally {
    await db.destroy().catch(() => undefined);
  }
  return seed0(databaseUrl);
}

async function seededCounts(db) {
  return {
    costRecords: await count(db, 'cost_records'),
    shortfallRecords: (await sql`select count(*)::int as n from cost_records where resource_type = 'Commitment'`.execute(db)).rows[0].n,
    rollupRows: await count(db, 'cost_rollups_daily'),
    monthlyRollupRows: await count(db, 'cost_rollups_monthly'),
    resources: await count(db, 'metering_resources'),
    prices: await count(db, 'prices'),
    commitments: await count(db, 'commitments'),
    costRecordsMB: round(Number((await sql`select sum(pg_total_relation_size(inhrelid))::bigint as b from pg_inherits where inhparent = 'cost_records'::regclass`.execute(db)).rows[0].b) / 2 ** 20, 0),
    rollupsMB: round(Number((await sql`select pg_total_relation_size('cost_rollups_daily')::bigint as b`.execute(db)).rows[0].b) / 2 ** 20, 0),
    monthlyRollupsMB: round(Number((await sql`select pg_total_relation_size('cost_rollups_monthly')::bigint as b`.execute(db)).rows[0].b) / 2 ** 20, 1),
  };
}

async function seed0(databaseUrl) {
  const { db } = await createDb(databaseUrl, { poolSize: Math.max(2, opts.seedConnections) });
  try {
    const t0 = performance.now();
    log('migrating and bootstrapping (the provider is the bootstrap workspace)');
    await migrateToLatest(db);
    await bootstrap(db, loadConfig(serverEnv(databaseUrl)));
    await sql`update workspaces set name = 'Bench Provider', company_name = 'Bench Provider Inc.' where id = ${PROVIDER}`.execute(db);

    const catalog = await timed(async () => {
      const created = new Date(WINDOW_START_MS - 400 * DAY_MS);
      await sql`
        insert into workspaces (id, name, parent_id, company_name, anniversary_billing_date, created_at, updated_at)
        select u.id, u.name, ${PROVIDER}, u.name || ' Inc.', u.abd::date, ${created.toISOString()}::timestamptz + u.t * interval '1 minute',
          ${created.toISOString()}::timestamptz + u.t * interval '1 minute'
        from unnest(${`{${TENANTS.map((x) => x.id).join(',')}}`}::text[], ${`{${TENANTS.map((x) => `"${x.name}"`).join(',')}}`}::text[],
          ${`{${TENANTS.map((x) => x.abd ?? 'NULL').join(',')}}`}::text[], ${`{${TENANTS.map((x) => x.t).join(',')}}`}::int[]) as u(id, name, abd, t)`.execute(db);
      await sql`
        insert into billing_accounts (workspace_id, id, name, currency)
        select t.workspace_id, ${ACCOUNT}, 'VMware billing', 'USD' from ${tenantValues}`.execute(db);
      const at = created.toISOString();
      await sql`
        insert into meters (workspace_id, id, event_type, value_property, aggregation, consumed_unit, created_at, updated_at)
        select t.workspace_id, s.meter_id, 'com.vmware.' || s.meter_id, '$.quantity', 'SUM', s.consumed_unit, ${at}::timestamptz, ${at}::timestamptz
        from ${tenantValues} join ${skuValues} on s.sku_id = any(t.skus)`.execute(db);
      // One price version per SKU since 2020, and for the vSAN SKU a second one from the window's fourth month.
      await sql`
        insert into prices (workspace_id, sku_id, effective_from, effective_to, meter_id, charge_description, publisher_name, provider_name,
          invoice_issuer_name, pricing_unit, pricing_quantity_divisor, list_unit_price, currency, bands, created_at, updated_at)
        select t.workspace_id, s.sku_id, v.effective_from, v.effective_to, s.meter_id, s.description, 'VMware', 'VMware', 'VMware',
          s.pricing_unit, s.divisor, v.price, 'USD', null, ${at}::timestamptz, ${at}::timestamptz
        from ${tenantValues} join ${skuValues} on s.sku_id = any(t.skus)
        cross join lateral (
          select '2020-01-01T00:00:00Z'::timestamptz as effective_from,
            case when s.new_price is null then null else ${new Date(PRICE_CHANGE_MS).toISOString()}::timestamptz end as effective_to, s.price
          union all
          select ${new Date(PRICE_CHANGE_MS).toISOString()}::timestamptz, null, s.new_price where s.new_price is not null
        ) as v`.execute(db);

      // The resources: resource r belongs to tenant r mod T; its SKU, region and org VDC cycle over the tenant's.
      const resources = Math.ceil(opts.records / DAYS);
      await sql`
        create unlogged table bench_vmware_resources as
        select r, t.workspace_id, x.j, s.*, t.discount, t.committed and s.sku_id = ${COMMITTED_SKU} as committed,
          s.prefix || '-' || lpad(x.j::text, 5, '0') as resource_id,
          t.regions[1 + (x.j / array_length(t.skus, 1)) % array_length(t.regions, 1)] as region_id,
          'vdc-' || (1 + (x.j / (array_length(t.skus, 1) * array_length(t.regions, 1))) % t.vdcs) as sub_account_id,
          case when x.j % 4 = 0 then '{"env": "prod"}'::jsonb when x.j % 4 = 1 then '{"env": "dev", "team": "web"}'::jsonb else '{}'::jsonb end as tags
        from generate_series(0, ${resources - 1}::int) as r
        cross join lateral (select r % ${opts.tenants} as tenant, r / ${opts.tenants} as j) as x
        join ${tenantValues} on t.tenant = x.tenant
        join ${skuValues} on s.sku_id = t.skus[1 + x.j % array_length(t.skus, 1)]`.execute(db);
      await sql`
        insert into metering_resources (workspace_id, id, billing_account_id, sub_account_id, sub_account_name, name, resource_type,
          service_name, service_category, service_subcategory, region_id, region_name, tags, created_at, updated_at)
        select workspace_id, resource_id, ${ACCOUNT}, sub_account_id, sub_account_id, resource_id, resource_type,
          service_name, service_category, service_subcategory, region_id, region_id, tags,
          ${new Date(WINDOW_START_MS).toISOString()}::timestamptz - (j % 30) * interval '1 day', ${at}::timestamptz
        from bench_vmware_resources`.execute(db);
      return resources;
    });
    log(`catalog: ${opts.tenants} tenants, ${catalog.value.toLocaleString('en')} resources (${catalog.seconds}s)`);

    // The month partitions, named and bounded as ensureCostPartitions makes them, but UNLOGGED: the
    // records are written once and read once (to build the rollups), never by the report, and the
    // scratch database goes at the end — no WAL for ~7 GB of rows.
    for (const [i, m] of MONTHS.entries()) {
      const next = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + 1, 1));
      await sql`create unlogged table if not exists ${sql.id(`cost_records_${m.toISOString().slice(0, 7).replace('-', '_')}`)} partition of cost_records
        for values from (${sql.lit(m.toISOString())}) to (${sql.lit(next.toISOString())})`.execute(db);
      if (i === 0) log('cost_records partitions: unlogged');
    }
    await focusExportQueries.ensureCostPartitions(db, MONTHS.map((m) => m.toISOString().slice(0, 7)));
    log(`${opts.records.toLocaleString('en')} cost records over ${DAYS} days (${dayText(WINDOW_START_MS)} – ${dayText(WINDOW_END_MS - DAY_MS)}), ${opts.seedConnections} months at a time`);
    const records = await timed(() =>
      inParallel(
        opts.seedConnections,
        MONTHS.map((m, i) => async () => {
          const d0 = Math.round((m.getTime() - WINDOW_START_MS) / DAY_MS);
          const d1 = Math.round(((MONTHS[i + 1]?.getTime() ?? WINDOW_END_MS) - WINDOW_START_MS) / DAY_MS);
          await insertRecords(db, d0, d1);
        }),
      ),
    );
    log(`cost records: ${records.seconds}s`);

    // Commitments: each committed tenant's vCPU-hours at 1.02 × its average day, so it falls short on some days and not others.
    const commitments = await timed(async () => {
      const at = new Date(WINDOW_START_MS - 400 * DAY_MS).toISOString();
      await sql`
        insert into commitments (workspace_id, id, billing_account_id, sku_id, committed_quantity, minimum_quantity, effective_from, effective_to, created_at, updated_at)
        select workspace_id, ${COMMITMENT_ID}, ${ACCOUNT}, ${COMMITTED_SKU}, round(avg(used) * 1.02, 0), 0, '2020-01-01T00:00:00Z', null, ${at}::timestamptz, ${at}::timestamptz
        from ${dailyUse()}
        group by workspace_id`.execute(db);
      await insertShortfalls(db);
    });
    log(`commitments and their shortfall records: ${commitments.seconds}s`);

    log('cost_rollups_daily from the cost records (rating\'s grouping)');
    const rollups = await timed(() =>
      inParallel(
        opts.seedConnections,
        MONTHS.map((m, i) => () => insertRollups(db, m.getTime(), MONTHS[i + 1]?.getTime() ?? WINDOW_END_MS)),
      ),
    );
    log(`rollups: ${rollups.seconds}s`);
    const monthly = await timed(() => insertMonthlyRollups(db));
    log(`cost_rollups_monthly from the daily rollups: ${monthly.seconds}s`);
    await sql`drop table bench_vmware_resources`.execute(db);

    // The development PostgreSQL runs with autovacuum off: hint bits, visibility map and statistics now, not during the measurements.
    const vacuum = await timed(async () => {
      for (const table of ['workspaces', 'billing_accounts', 'metering_resources', 'meters', 'prices', 'commitments', 'cost_rollups_daily', 'cost_rollups_monthly']) {
        await sql`vacuum analyze ${sql.raw(table)}`.execute(db);
      }
      await sql`analyze cost_records`.execute(db);
    });
    log(`vacuum analyze: ${vacuum.seconds}s`);
    return {
      reused: false,
      seconds: round((performance.now() - t0) / 1000, 1),
      catalogSeconds: catalog.seconds,
      recordsSeconds: records.seconds,
      commitmentsSeconds: commitments.seconds,
      rollupsSeconds: rollups.seconds,
      monthlyRollupsSeconds: monthly.seconds,
      vacuumAnalyzeSeconds: vacuum.seconds,
      ...(await seededCounts(db)),
    };
  } finally {
    await db.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// What the report covers, and the reference totals

/** Each tenant's periods exactly as the server computes them (report-scope.ts reportPeriods), as the report's OrgPeriod. */
async function scopePeriods(db) {
  const { reportPeriods } = await import(reportScopeModule);
  const tenants = (await sql`select * from workspaces where parent_id = ${PROVIDER} order by created_at, id`.execute(db)).rows;
  const range = { startMs: WINDOW_START_MS, endMs: WINDOW_END_MS };
  const periods = {};
  for (const org of tenants) {
    periods[org.id] = reportPeriods(org, range, Date.now(), undefined).map((p, period) => ({
      workspaceId: org.id,
      period,
      start: dayText(p.start.getTime()),
      end: dayText(p.end.getTime()),
      startMs: p.start.getTime(),
    }));
  }
  return { tenants, periods };
}

/** A decimal's canonical text (as the report spells it minus the trailing ".0"): '12.3400' → '12.34', '5' → '5', null → '0'. */
function canonical(text) {
  if (text === null || text === undefined) return '0';
  const [whole, fraction = ''] = String(text).split('.');
  const trimmed = fraction.replace(/0+$/, '');
  const w = whole === '-0' && trimmed === '' ? '0' : whole;
  return trimmed ? `${w}.${trimmed}` : w;
}

/** Exact sums of decimal texts (BigInt at 30 decimals). */
const SCALE = 30n;
function toBig(text) {
  const [whole, fraction = ''] = canonical(text).split('.');
  const negative = whole.startsWith('-');
  const v = BigInt(whole.replace('-', '')) * 10n ** SCALE + BigInt((fraction + '0'.repeat(Number(SCALE))).slice(0, Number(SCALE)) || '0');
  return negative ? -v : v;
}
function fromBig(v) {
  const negative = v < 0n;
  const a = negative ? -v : v;
  const whole = a / 10n ** SCALE;
  const fraction = (a % 10n ** SCALE).toString().padStart(Number(SCALE), '0');
  return canonical(`${negative ? '-' : ''}${whole}.${fraction}`);
}

/** The reference rows, keyed `workspace|periodStartMs|service|sku`, and list/billed sums per workspace and service. */
async function referenceTotals(databaseUrl, periods) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(REFERENCE_SQL, referenceParameters(Object.values(periods).flat()));
    const lines = new Map();
    const services = new Map();
    for (const r of rows) {
      const startMs = periods[r.workspace_id][r.period].startMs;
      lines.set(`${r.workspace_id}|${startMs}|${r.service_name}|${r.sku_id ?? ''}`, r);
      const k = `${r.workspace_id}|${r.service_name}`;
      const s = services.get(k) ?? { list: 0n, billed: 0n };
      services.set(k, { list: s.list + toBig(r.list_cost), billed: s.billed + toBig(r.billed_cost) });
    }
    return { rows: rows.length, lines, services };
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// Checks: every distinct request once before the load, its body against the reference

const exactJson = (body) => JSON.parse(body.replace(/([:[,])(-?\d+\.\d+)(?=[,}\]])/g, '$1"$2"'));

function mismatch(label, what, got, want) {
  throw new Error(`${label}: ${what}: got ${got}, the reference ${want}`);
}

/** Our JSON report: exactly the reference's SKU lines for the tenants asked, every total equal. */
function checkReport(label, body, reference, workspaceIds) {
  const orgs = exactJson(body);
  if (orgs.length !== workspaceIds.length) mismatch(label, 'organizations', orgs.length, workspaceIds.length);
  let lines = 0;
  for (const org of orgs) {
    const ws = org.orgId.replaceAll('-', '');
    if (!workspaceIds.includes(ws)) throw new Error(`${label}: organization ${org.orgId} was not asked for`);
    for (const service of org.services) {
      let list = 0n;
      let billed = 0n;
      for (const sku of service.subscriptions[0].skuData.skus) {
        lines++;
        const k = `${ws}|${sku.billableUsageTimestamp}|${service.serviceName}|${sku.skuName}`;
        const want = reference.lines.get(k);
        if (!want) throw new Error(`${label}: a SKU line the reference does not have: ${k}`);
        for (const [field, col] of [['price', 'billed_cost'], ['usageQuantity', 'usage_quantity'], ['billableQuantity', 'billable_quantity']]) {
          if (canonical(sku[field]) !== canonical(want[col])) mismatch(label, `${k} ${field}`, sku[field], want[col]);
        }
        list += toBig(want.list_cost);
        billed += toBig(sku.price);
      }
      const sums = reference.services.get(`${ws}|${service.serviceName}`);
      if (canonical(service.serviceUsageAmount) !== fromBig(list) || canonical(service.serviceUsageAmount) !== fromBig(sums?.list ?? 0n)) {
        mismatch(label, `${ws} ${service.serviceName} serviceUsageAmount`, service.serviceUsageAmount, fromBig(sums?.list ?? 0n));
      }
      if (canonical(service.serviceBillableUsageAmount) !== fromBig(billed)) mismatch(label, `${ws} ${service.serviceName} serviceBillableUsageAmount`, service.serviceBillableUsageAmount, fromBig(billed));
    }
  }
  const expected = [...reference.lines.keys()].filter((k) => workspaceIds.includes(k.slice(0, 32))).length;
  if (lines !== expected) mismatch(label, 'SKU lines', lines, expected);
  return lines;
}

/** RFC 4180 lines of quoted fields (the report's file quotes every field). */
function csvRows(body) {
  if (!body.endsWith('\r\n')) throw new Error('the CSV does not end with CRLF');
  return body.slice(0, -2).split('\r\n').map((line) => {
    const fields = [];
    const re = /"((?:[^"]|"")*)"(?:,|$)/gy;
    let m;
    while ((m = re.exec(line)) !== null && re.lastIndex <= line.length) {
      fields.push(m[1].replace(/""/g, '"'));
      if (re.lastIndex === line.length) break;
    }
    return fields;
  });
}

/** Our CSV: Navigator's header, then exactly the reference's SKU lines, every amount equal. */
function checkFile(label, body, reference, workspaceIds) {
  const [header, ...rows] = csvRows(body);
  if (header[0] !== 'Org Id' || header[11] !== 'Price ()') throw new Error(`${label}: unexpected header ${header.join(',')}`);
  for (const f of rows) {
    const ws = f[0].replaceAll('-', '');
    const k = `${ws}|${f[10]}|${f[5]}|${f[7]}`;
    const want = reference.lines.get(k);
    if (!want) throw new Error(`${label}: a line the reference does not have: ${k}`);
    if (canonical(f[11]) !== canonical(want.billed_cost)) mismatch(label, `${k} Price`, f[11], want.billed_cost);
    if (canonical(f[12]) !== canonical(want.usage_quantity)) mismatch(label, `${k} Usage Qty`, f[12], want.usage_quantity);
    if (canonical(f[14]) !== canonical(want.billable_quantity)) mismatch(label, `${k} Billable Qty`, f[14], want.billable_quantity);
  }
  const expected = [...reference.lines.keys()].filter((k) => workspaceIds.includes(k.slice(0, 32))).length;
  if (rows.length !== expected) mismatch(label, 'lines', rows.length, expected);
  return rows.length;
}

/** The bare server's rows: the reference's, one for one. */
function checkBare(label, body, kind, reference, periods, workspaceIds) {
  const rows = kind === 'file'
    ? csvRows(body).slice(1).map((f) => ({ workspace_id: f[0], service_name: f[1], sku_id: f[2], startMs: Number(f[4]), billed_cost: f[5], usage_quantity: f[7], billable_quantity: f[8] }))
    : JSON.parse(body).map((r) => ({ ...r, startMs: periods[r.workspace_id][r.period].startMs }));
  for (const r of rows) {
    const k = `${r.workspace_id}|${r.startMs}|${r.service_name}|${r.sku_id ?? ''}`;
    const want = reference.lines.get(k);
    if (!want || canonical(r.billed_cost) !== canonical(want.billed_cost) || canonical(r.billable_quantity) !== canonical(want.billable_quantity)) {
      throw new Error(`${label}: row ${k} differs from the reference`);
    }
  }
  const expected = [...reference.lines.keys()].filter((k) => workspaceIds.includes(k.slice(0, 32))).length;
  if (rows.length !== expected) mismatch(label, 'rows', rows.length, expected);
  return rows.length;
}

/**
 * Every figure of one of our answers against the fair reference's answer to the same request
 * (REFERENCE_MONTHLY_SQL): the same organizations, services and SKU lines, each figure equal as a
 * decimal (canonical text: trailing zeros and the report's ".0" removed) or as a string.
 */
function checkFull(label, kind, oursBody, bareBody, periods) {
  const figures = new Map();
  const put = (side, k, values) => {
    const f = figures.get(k) ?? {};
    if (f[side]) throw new Error(`${label}: ${side} has ${k} twice`);
    f[side] = values;
    figures.set(k, f);
  };
  const d = canonical;
  // An empty CSV field is a null decimal (the report's file writes it 0.0).
  const dz = (x) => canonical(x === '' ? null : x);
  if (kind === 'file') {
    const [, ...ours] = csvRows(oursBody);
    for (const f of ours) {
      put('ours', `l|${f[0].replaceAll('-', '')}|${f[10]}|${f[5]}|${f[7]}`, { skuDescription: f[8], dataCenter: f[9], price: dz(f[11]), usageQuantity: dz(f[12]), commitQuantity: dz(f[13]), billableQuantity: dz(f[14]), productFamily: f[15] });
    }
    const [, ...bare] = csvRows(bareBody);
    for (const f of bare) {
      put('bare', `l|${f[0]}|${f[8]}|${f[1]}|${f[2]}`, { skuDescription: f[3], dataCenter: f[6], price: dz(f[9]), usageQuantity: dz(f[11]), commitQuantity: dz(f[12]), billableQuantity: dz(f[13]), productFamily: f[7] });
    }
  } else {
    for (const org of exactJson(oursBody)) {
      const ws = org.orgId.replaceAll('-', '');
      put('ours', `o|${ws}`, { orgUsageAmount: d(org.orgUsageAmount), orgBillableUsageAmount: d(org.orgBillableUsageAmount) });
      for (const s of org.services) {
        const sub = s.subscriptions[0];
        put('ours', `s|${ws}|${s.serviceName}`, {
          serviceUsageAmount: d(s.serviceUsageAmount), serviceBillableUsageAmount: d(s.serviceBillableUsageAmount), description: s.serviceDescription,
          startMs: String(sub.subscriptionStartTime), status: sub.status,
        });
        for (const x of sub.skuData.skus) {
          put('ours', `l|${ws}|${x.billableUsageTimestamp}|${s.serviceName}|${x.skuName}|${x.currency}`, {
            skuDescription: x.skuDescription, unitPrice: x.unitPrice, dataCenter: x.dataCenter, productFamily: x.productFamily,
            price: d(x.price), usageQuantity: d(x.usageQuantity), commitQuantity: d(x.commitQuantity), billableQuantity: d(x.billableQuantity),
          });
        }
      }
    }
    for (const r of JSON.parse(bareBody)) {
      if (r.kind === 'o') put('bare', `o|${r.workspace_id}`, { orgUsageAmount: d(r.list_cost), orgBillableUsageAmount: d(r.billed_cost) });
      else if (r.kind === 's') {
        put('bare', `s|${r.workspace_id}|${r.service_name}`, {
          serviceUsageAmount: d(r.list_cost), serviceBillableUsageAmount: d(r.billed_cost), description: r.description,
          startMs: String(r.start_ms ?? 0), status: Number(r.resources) > 0 ? 'ACTIVE' : 'INACTIVE',
        });
      } else {
        put('bare', `l|${r.workspace_id}|${periods[r.workspace_id][r.period].startMs}|${r.service_name}|${r.sku_id ?? ''}|${r.currency}`, {
          skuDescription: r.charge_description ?? r.sku_id ?? '', unitPrice: r.unit_price, dataCenter: r.regions, productFamily: r.product_family,
          price: d(r.billed_cost), usageQuantity: d(r.usage_quantity), commitQuantity: d(r.commit_quantity), billableQuantity: d(r.billable_quantity),
        });
      }
    }
  }
  let compared = 0;
  for (const [k, f] of figures) {
    if (!f.ours || !f.bare) throw new Error(`${label}: ${k} only in ${f.ours ? 'ours' : 'the fair reference'}`);
    for (const [name, v] of Object.entries(f.ours)) {
      compared++;
      if (v !== f.bare[name]) mismatch(label, `${k} ${name}`, v, f.bare[name]);
    }
  }
  return { entries: figures.size, figures: compared };
}

async function get(url, headers, label) {
  const t0 = performance.now();
  const res = await globalThis.fetch(url, { headers });
  const body = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${label}: GET ${url} → ${res.status} ${body.slice(0, 400)}`);
  return { body, ms, contentType: res.headers.get('content-type'), bytes: Buffer.byteLength(body) };
}

// ---------------------------------------------------------------------------------------------
// HTTP: our server and the bare one, case by case

const REPORT = `/cphub/api/billing/v1/orgs/${dashed(PROVIDER)}/usage-report`;
const RANGE = `startTime=${WINDOW_START_MS / 1000}&endTime=${WINDOW_END_MS / 1000}`;

function cases(tenants) {
  const rotation = [...tenants.slice(tenants.findIndex((x) => x.id === FIRST_ONE_TENANT.id)), ...tenants.slice(0, tenants.findIndex((x) => x.id === FIRST_ONE_TENANT.id))];
  const all = tenants.map((x) => x.id);
  return [
    { key: 'allTenants', label: `usage report, all ${tenants.length} tenants × 6 periods (JSON)`, kind: 'report', connections: opts.connections, prime: opts.primeRequests, ours: [{ path: `${REPORT}?${RANGE}`, tenants: all }], bare: [{ path: '/report', tenants: all }], bareMonthly: [{ path: '/report?rollups=monthly', tenants: all }] },
    {
      key: 'oneTenant',
      label: 'usage report, one tenant × 6 periods (JSON; the requests rotate over every tenant)',
      kind: 'report',
      connections: opts.tenantConnections,
      prime: 0,
      ours: rotation.map((x) => ({ path: `${REPORT}?${RANGE}&tenantId=${dashed(x.id)}`, tenants: [x.id] })),
      bare: rotation.map((x) => ({ path: `/report?tenant=${x.id}`, tenants: [x.id] })),
      bareMonthly: rotation.map((x) => ({ path: `/report?tenant=${x.id}&rollups=monthly`, tenants: [x.id] })),
    },
    { key: 'file', label: `usage report file, all ${tenants.length} tenants × 6 periods (CSV)`, kind: 'file', connections: opts.connections, prime: Math.ceil(opts.primeRequests / 4), ours: [{ path: `${REPORT}/file?${RANGE}`, tenants: all }], bare: [{ path: '/file', tenants: all }], bareMonthly: [{ path: '/file?rollups=monthly', tenants: all }] },
  ];
}

/** Machine-wide busy CPU seconds from /proc/stat (user + nice + system + irq + softirq + steal), or null off Linux. */
function machineBusySeconds() {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) / 100;
  } catch {
    return null;
  }
}

/**
 * CPU over the measured window: the load generator (this process), the server, every PostgreSQL
 * process (backends and the parallel workers they start — a worker that exits within the window is
 * counted only by `machine`), and the whole machine.
 */
function meterFor(serverPid) {
  const processes = cpuMeter({ loadGenerator: () => [process.pid], server: () => [serverPid], postgres: () => pidsNamed('postgres') });
  return () => {
    const stop = processes();
    const m0 = machineBusySeconds();
    return () => ({ ...stop(), machine: m0 === null ? null : machineBusySeconds() - m0 });
  };
}

const cpuPerRequest = (cpu, n) => (cpu ? Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, v === null ? null : round((v * 1000) / n, 2)])) : undefined);

/**
 * The warm-up must see every connection's first answers: at least --warmup seconds, longer when one
 * request takes long (connections × its time × 1.5, the cores shared).
 */
const warmupFor = (firstMs, connections) => Math.max(opts.warmup, Math.ceil((connections * firstMs * 1.5) / 1000));

/**
 * One load window: `connections` connections for `seconds` (or, with `amount`, that many requests),
 * rotating over `paths`; every response must be a 2xx. Latencies from autocannon's per-response
 * event (sub-millisecond, process.hrtime), as bench/lib/http-load.mjs takes them.
 */
async function loadWindow(label, url, headers, paths, connections, { seconds, amount }, meter) {
  let next = 0;
  const samples = [];
  let bad = 0;
  const instance = autocannon({
    url,
    connections,
    ...(amount ? { amount } : { duration: seconds }),
    timeout: 60,
    headers,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) samples.push(ms);
    else bad++;
  });
  const stopMeter = meter?.();
  const t0 = performance.now();
  const result = await instance;
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = stopMeter?.();
  if (bad > 0 || result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || samples.length === 0) {
    throw new Error(`${label}: ${result.non2xx} non-2xx responses, ${result.errors} errors, ${result.timeouts} timeouts, ${samples.length} 2xx; every response must be 200`);
  }
  return { samples, seconds: amount ? elapsed : result.duration, cpu };
}

/**
 * Ours and the bare server on the same load. Each side is primed (`prime` requests: the server's
 * statements are named prepared statements, and PostgreSQL plans the first five executions on each
 * connection with their values before it may settle on a generic plan — a measured window should
 * meet the plan a long-running server runs; see README, "Plans"), warmed up, and measured right
 * after, in one window of --duration seconds: ours, then the bare server. With --rounds n > 1 the
 * measured windows alternate instead (ours, bare, ours, …), but mind that a pool idle for 10 s
 * closes its connections (pg-pool's idleTimeoutMillis), so each round then starts on new ones.
 */
async function measurePair(c, sides) {
  const out = Object.fromEntries(sides.map((side) => [side.key, { samples: [], seconds: 0, cpu: {} }]));
  const prepare = async (side) => {
    const t0 = performance.now();
    if (c.prime > 0) await loadWindow(`${side.label} (priming)`, side.url, side.headers, side.paths, c.connections, { amount: c.prime });
    const warmup = warmupFor(side.firstMs, c.connections);
    await loadWindow(`${side.label} (warm-up)`, side.url, side.headers, side.paths, c.connections, { seconds: warmup });
    Object.assign(out[side.key], { primeRequests: c.prime, warmupSeconds: warmup, primeAndWarmupSeconds: round((performance.now() - t0) / 1000, 1) });
    log(`${side.label}: ${c.prime ? `primed with ${c.prime} requests, ` : ''}warmed up ${warmup}s (${out[side.key].primeAndWarmupSeconds}s)`);
  };
  const seconds = opts.duration / opts.rounds;
  const measureOnce = async (side) => {
    const w = await loadWindow(side.label, side.url, side.headers, side.paths, c.connections, { seconds }, side.meter);
    const acc = out[side.key];
    acc.samples.push(...w.samples);
    acc.seconds += w.seconds;
    for (const [k, v] of Object.entries(w.cpu ?? {})) acc.cpu[k] = v === null || acc.cpu[k] === null ? null : (acc.cpu[k] ?? 0) + v;
  };
  if (opts.rounds === 1) {
    for (const side of sides) {
      await prepare(side);
      await measureOnce(side);
      await sleep(1000);
    }
  } else {
    for (const side of sides) await prepare(side);
    for (let r = 0; r < opts.rounds; r++) for (const side of sides) await measureOnce(side);
  }
  const result = {};
  for (const side of sides) {
    const acc = out[side.key];
    const sum = summarize(acc.samples, acc.seconds);
    result[side.key] = {
      p50: sum.p50, p99: sum.p99, rps: sum.rps, requests: sum.n, seconds: round(acc.seconds, 1),
      primeRequests: acc.primeRequests, warmupSeconds: acc.warmupSeconds, primeAndWarmupSeconds: acc.primeAndWarmupSeconds,
      cpuMsPerRequest: cpuPerRequest(acc.cpu, sum.n),
    };
    log(`${side.label}: p50 ${sum.p50} ms, p99 ${sum.p99} ms, ${sum.rps} req/s (${sum.n} requests in ${opts.rounds > 1 ? `${opts.rounds} × ` : ''}${seconds}s)`);
  }
  return result;
}

async function startOurServer(databaseUrl) {
  const nodeArgs = opts.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', path.join(dataDir, 'profiles')] : [];
  let serverUrl = databaseUrl;
  if (opts.serverPgOptions) {
    const u = new URL(databaseUrl);
    u.searchParams.set('options', opts.serverPgOptions);
    serverUrl = u.toString();
  }
  const server = await startChild({ label: 'server', args: [...nodeArgs, serverBin, 'serve'], env: serverEnv(serverUrl), ready: /listening on (http:\/\/\S+)/, cwd: dataDir });
  cleanups.push(() => server.stop());
  // A provider-administrator API client of the provider workspace, made through the admin API with the bootstrap client's token.
  const admin = await tokenFor(server.url, CLIENT_ID, CLIENT_SECRET);
  const res = await globalThis.fetch(`${server.url}/admin/v1/workspaces/${PROVIDER}/api-clients`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'bench provider administrator', roles: ['provider-administrator'] }),
  });
  if (res.status !== 201) throw new Error(`creating the API client: ${res.status} ${await res.text()}`);
  const { clientId, clientSecret } = await res.json();
  const token = await tokenFor(server.url, clientId, clientSecret);
  return { ...server, headers: { 'csp-auth-token': token } };
}

const stackCpu = (x) => (x.cpuMsPerRequest?.server == null || x.cpuMsPerRequest?.postgres == null ? null : x.cpuMsPerRequest.server + x.cpuMsPerRequest.postgres);

async function measureHttpPart(databaseUrl, tenants, periods, reference) {
  const fixturesFile = path.join(dataDir, 'bare-fixtures.json');
  writeFileSync(fixturesFile, JSON.stringify({ periods }));
  cleanups.push(async () => rmSync(fixturesFile, { force: true }));
  const server = await startOurServer(databaseUrl);
  const bare = await startChild({ label: 'bare', args: [path.join(here, 'bare-server.mjs')], env: { BENCH_FIXTURES: fixturesFile, DATABASE_URL: databaseUrl }, ready: /listening on (http:\/\/\S+)/ });
  cleanups.push(() => bare.stop());

  const out = {};
  const wanted = opts.cases.split(',').map((x) => x.trim());
  for (const c of cases(tenants).filter((x) => wanted.includes(x.key))) {
    // Every distinct request once, checked; the first one's time and size reported.
    let ours;
    let bareFirst;
    const oursBodies = [];
    for (const [i, r] of c.ours.entries()) {
      const got = await get(server.url + r.path, server.headers, `ours ${c.key}`);
      oursBodies.push(got.body);
      const lines = c.kind === 'file' ? checkFile(`ours ${c.key}`, got.body, reference, r.tenants) : checkReport(`ours ${c.key}`, got.body, reference, r.tenants);
      if (i === 0) ours = { ...got, lines };
    }
    for (const [i, r] of c.bare.entries()) {
      const got = await get(bare.url + r.path, {}, `bare ${c.key}`);
      const rows = checkBare(`bare ${c.key}`, got.body, c.kind, reference, periods, r.tenants);
      if (i === 0) bareFirst = { ...got, rows };
    }
    let bareMonthlyFirst;
    let fullChecked = { entries: 0, figures: 0 };
    for (const [i, r] of (opts.bareMonthly ? c.bareMonthly : []).entries()) {
      const got = await get(bare.url + r.path, {}, `bare monthly ${c.key}`);
      // The fair reference against our answer to the same request: every figure equal.
      if (c.ours[i].tenants.join() !== r.tenants.join()) throw new Error(`${c.key}: request ${i} is not for the same tenants on both sides`);
      const ok = checkFull(`fair reference ${c.key}`, c.kind, oursBodies[i], got.body, periods);
      fullChecked = { entries: fullChecked.entries + ok.entries, figures: fullChecked.figures + ok.figures };
      if (i === 0) bareMonthlyFirst = { ...got, rows: ok.entries };
    }
    if (opts.bareMonthly) log(`${c.key}: the fair reference equals ours in ${fullChecked.figures.toLocaleString('en')} figures of ${fullChecked.entries.toLocaleString('en')} lines, services and organizations (${c.bareMonthly.length} request(s))`);
    log(`${c.key}: checked ${c.ours.length} request(s) each; first: ours ${ours.lines} SKU lines, ${ours.bytes.toLocaleString('en')} bytes, ${round(ours.ms, 1)} ms; bare ${bareFirst.rows} rows, ${bareFirst.bytes.toLocaleString('en')} bytes, ${round(bareFirst.ms, 1)} ms`);
    const { ours: o, bare: b, bareMonthly: bm } = await measurePair(c, [
      { key: 'ours', label: `ours ${c.key}`, url: server.url, headers: server.headers, paths: c.ours.map((r) => r.path), firstMs: ours.ms, meter: meterFor(server.pid) },
      { key: 'bare', label: `bare ${c.key}`, url: bare.url, headers: {}, paths: c.bare.map((r) => r.path), firstMs: bareFirst.ms, meter: meterFor(bare.pid) },
      ...(bareMonthlyFirst
        ? [{ key: 'bareMonthly', label: `bare monthly ${c.key}`, url: bare.url, headers: {}, paths: c.bareMonthly.map((r) => r.path), firstMs: bareMonthlyFirst.ms, meter: meterFor(bare.pid) }]
        : []),
    ]);
    await sleep(1000);
    out[c.key] = {
      label: c.label,
      request: `GET ${c.ours[0].path}`,
      bareRequest: `GET ${c.bare[0].path}`,
      distinctRequests: c.ours.length,
      connections: c.connections,
      skuLines: ours.lines,
      bodyBytes: { ours: ours.bytes, bare: bareFirst.bytes },
      contentType: ours.contentType,
      ours: o,
      bare: b,
      ...(bm && { bareMonthly: bm }),
      ratios: {
        oursRpsOverBareRps: round(o.rps / b.rps, 3),
        oursP50OverBareP50: round(o.p50 / b.p50, 2),
        oursP99OverBareP99: round(o.p99 / b.p99, 2),
        // CPU per request of the server process and every PostgreSQL process, ours over the bare one's: steadier than req/s on a shared machine
        oursStackCpuOverBare: stackCpu(o) && stackCpu(b) ? round(stackCpu(o) / stackCpu(b), 2) : null,
        oursPostgresCpuOverBare: o.cpuMsPerRequest?.postgres && b.cpuMsPerRequest?.postgres ? round(o.cpuMsPerRequest.postgres / b.cpuMsPerRequest.postgres, 2) : null,
        // Against the bare SQL on the same rollups as ours (whole months from the monthly ones): not the target's reference
        ...(bm && {
          oursRpsOverBareMonthlyRps: round(o.rps / bm.rps, 3),
          oursP99OverBareMonthlyP99: round(o.p99 / bm.p99, 2),
          oursStackCpuOverBareMonthly: stackCpu(o) && stackCpu(bm) ? round(stackCpu(o) / stackCpu(bm), 2) : null,
        }),
      },
    };
  }
  await sleep(1000);
  await bare.stop();
  const code = await server.stop();
  if (code !== 0) throw new Error(`our server exited with ${code} on SIGTERM`);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Where the time goes: the statements of one report, EXPLAIN (ANALYZE, BUFFERS) of the main one

function labelOf(text) {
  if (/join cost_rollups_monthly m on m\.workspace_id = q\.workspace_id/.test(text)) return 'reportFigures';
  if (/^select set_config\(/.test(text)) return 'planSettings';
  if (/^(start transaction|begin|commit)/.test(text)) return text;
  if (/from commitments c/.test(text)) return 'commitQuantities';
  if (/from metering_resources/.test(text)) return 'resourceServices';
  if (/select min\(r\.day\)/.test(text)) return 'firstUsedMs';
  if (/from prices/.test(text)) return 'skuPrices';
  if (/from cost_rollups_daily where workspace_id = any/.test(text)) return 'usedServices';
  if (/"parent_id" = \$1/.test(text)) return 'tenantsOf';
  if (/from "workspaces"/.test(text)) return 'findWorkspace';
  return text.replace(/\s+/g, ' ').slice(0, 60);
}

/** One report computed in this process on the server's own database layer, every statement timed; median of a few. */
async function breakdown(databaseUrl, tenantsOnly) {
  const { usageReportJson, usageReportFile } = await import(billingServiceModule);
  const { db } = await createDb(databaseUrl);
  try {
    const call = (query) => ({ callerWorkspaceId: PROVIDER, orgId: dashed(PROVIDER), query, nowMs: Date.now() });
    const query = { startTime: String(WINDOW_START_MS / 1000), endTime: String(WINDOW_END_MS / 1000), ...(tenantsOnly && { tenantId: dashed(tenantsOnly) }) };
    const runs = [];
    // Sequential runs on a fresh pool reuse one or two connections: by the seventh, the statements there
    // have met their fifth execution and the plan PostgreSQL settles on (a generic one, where it chooses one).
    for (let i = 0; i < 12; i++) {
      const recorder = statementRecorder(labelOf);
      const kysely = db.withPlugin(recorder.plugin);
      const t0 = performance.now();
      const body = await usageReportJson(kysely, call(query));
      const t1 = performance.now();
      runs.push({ t0, t1, statements: recorder.statements, bytes: Buffer.byteLength(body) });
    }
    // The median of the last five runs by total time.
    const run = runs.slice(-5).sort((a, b) => a.t1 - a.t0 - (b.t1 - b.t0))[2];
    // Time covered by at least one statement (they run partly in parallel); the rest is JavaScript and the pool.
    const intervals = run.statements.map((s) => [s.t0, s.t1]).sort((a, b) => a[0] - b[0]);
    let covered = 0;
    let end = -Infinity;
    for (const [a, b] of intervals) {
      if (b <= end) continue;
      covered += b - Math.max(a, end);
      end = b;
    }
    const last = Math.max(...run.statements.map((s) => s.t1));
    let fileMs;
    if (!tenantsOnly) {
      const times = [];
      for (let i = 0; i < 6; i++) {
        const t0 = performance.now();
        const file = await usageReportFile(db, call(query));
        for await (const _ of file.chunks);
        times.push(performance.now() - t0);
      }
      fileMs = round(times.slice(-3).sort((a, b) => a - b)[1], 1);
    }
    return {
      firstRunMs: round(runs[0].t1 - runs[0].t0, 1),
      totalMs: round(run.t1 - run.t0, 1),
      statements: run.statements.map((s) => ({ label: s.label, startMs: round(s.t0 - run.t0, 1), ms: round(s.t1 - s.t0, 1), rows: s.rows })),
      inStatementsMs: round(covered, 1),
      outsideStatementsMs: round(run.t1 - run.t0 - covered, 1),
      afterLastStatementMs: round(run.t1 - last, 1),
      ...(fileMs !== undefined && { fileTotalMs: fileMs }),
      note: 'usageReportJson (billing.service.ts) called in this process on createDb (pool of 10, named prepared statements): 12 runs, totalMs and statements the median of the last 5, firstRunMs the first (plans made with the values); statements overlap (Promise.all), outsideStatements = the wall time no statement covers: JavaScript (the model, decimals, JSON) and the pool',
      captured: run.statements,
    };
  } finally {
    await db.destroy();
  }
}

const sqlLiteral = (v) => (v === null || v === undefined ? 'null' : `'${String(v).replace(/'/g, "''")}'`);

/**
 * EXPLAIN (ANALYZE, BUFFERS) of a statement. `asServer`: PREPAREd on one connection and executed
 * five times first, as the server's named prepared statements are by then, so the sixth —
 * EXPLAINed — runs the plan PostgreSQL settles on (a generic plan shows `$n`); otherwise planned
 * with its parameter values.
 */
async function explain(databaseUrl, text, parameters, asServer, settings) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // The settings the server runs the statement under (its SET LOCALs), for this session.
    if (settings) await client.query(settings.replaceAll(', true)', ', false)'));
    if (!asServer) return (await client.query(`explain (analyze, buffers) ${text}`, parameters)).rows.map((r) => r['QUERY PLAN']);
    const execute = `execute bench_explain(${parameters.map(sqlLiteral).join(', ')})`;
    await client.query(`prepare bench_explain as ${text}`);
    for (let n = 0; n < 5; n++) await client.query(execute);
    return (await client.query(`explain (analyze, buffers) ${execute}`)).rows.map((r) => r['QUERY PLAN']);
  } finally {
    await client.end();
  }
}

/** A few lines out of a plan: the time, the nodes, the big numbers. */
function planSummary(plan) {
  const text = plan.join('\n');
  const num = (re) => {
    const m = re.exec(text);
    return m ? Number(m[1]) : null;
  };
  const nodes = [];
  for (const line of plan) {
    const m = /^\s*(?:->\s+)?([A-Z][A-Za-z ]+?)(?: on | using | {2}\(|\s*\()/.exec(line);
    if (m && !/^(Planning|Execution|Buffers|JIT|Sort Key|Group Key|Hash Cond|Join Filter|Filter|Index Cond|Rows Removed|Worker|Functions|Options|Timing|Merge Cond|Output|Recheck|Heap)/.test(m[1])) {
      const rows = /actual time=[\d.]+\.\.([\d.]+) rows=(\d+) loops=(\d+)/.exec(line);
      nodes.push(`${m[1]}${/ on (\S+)/.exec(line)?.[1] ? ` on ${/ on (\S+)/.exec(line)[1]}` : ''}${rows ? ` (rows ${rows[2]}×${rows[3]}, ${rows[1]} ms)` : ''}`);
    }
  }
  const sorts = [...text.matchAll(/Sort Method: ([^\n]+)/g)].map((m) => m[1].trim());
  return {
    executionMs: num(/Execution Time: ([\d.]+) ms/),
    planningMs: num(/Planning Time: ([\d.]+) ms/),
    // unnest of the periods: estimated at 10 rows in a generic plan (the arrays unknown), at their length when planned with the values
    unnestRowsEstimated: num(/Function Scan on p\s+\(cost=\S+ rows=(\d+)/),
    workersLaunched: num(/Workers Launched: (\d+)/),
    jitMs: num(/JIT:[\s\S]*?Timing:[^\n]*Total ([\d.]+) ms/),
    rowsRemovedByJoinFilter: num(/Rows Removed by Join Filter: (\d+)/),
    topBuffers: /Buffers: ([^\n]+)/.exec(text)?.[1] ?? null,
    sorts: [...new Set(sorts)],
    nodes,
  };
}

async function explainPart(databaseUrl, captured, periods) {
  const figures = captured.find((s) => s.label === 'reportFigures');
  if (!figures) throw new Error('the report ran no reportFigures statement');
  const settings = captured.find((s) => s.label === 'planSettings')?.sql;
  const refParams = referenceParameters(Object.values(periods).flat());
  const out = {};
  const cases = [
    ['reportFigures', figures.sql, figures.parameters, settings],
    ['reference', REFERENCE_SQL, refParams, undefined],
    // The fair reference under the settings its all-tenants pool sets at connection (bare-server.mjs): the report's.
    ['referenceMonthly', REFERENCE_MONTHLY_SQL, referenceMonthlyParameters(Object.values(periods).flat()), "select set_config('plan_cache_mode', 'force_generic_plan', false), set_config('jit', 'off', false), set_config('work_mem', '32MB', false)"],
  ];
  for (const [key, text, params, set] of cases) {
    const asServer = await explain(databaseUrl, text, params, true, set);
    // Planned with its values: what the first five executions on a connection would run without the forced generic plan.
    const withValues = await explain(databaseUrl, text, params, false, set?.replace('force_generic_plan', 'force_custom_plan'));
    out[key] = { sql: text.replace(/\s+/g, ' ').trim(), ...(set && { settings: set }), asServer: { summary: planSummary(asServer), plan: asServer }, withValues: { summary: planSummary(withValues), plan: withValues } };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/**
 * The targets (issue 14 point 10): our req/s against the fair reference's — the bare SQL computing
 * every figure of the report from the same rollups read the same way (`bareMonthly`, checked equal
 * before the load). Without it (--bare-monthly=false) against the daily-rollup sums, marked so.
 */
function checkTargets(http) {
  return Object.entries(http).map(([key, c]) => {
    const fair = Boolean(c.bareMonthly);
    const value = fair ? c.ratios.oursRpsOverBareMonthlyRps : c.ratios.oursRpsOverBareRps;
    return {
    name: fair
      ? `${c.label}: our req/s ÷ the bare SQL server's req/s, the same figures from the same rollups`
      : `${c.label}: our req/s ÷ the bare SQL server's req/s (daily-rollup sums only: not the fair reference)`,
    case: key,
    reference: fair ? 'bareMonthly' : 'bare',
    value,
    comparison: '≥',
    threshold: 0.7,
    unit: '×',
    met: value >= 0.7,
    p99Ms: { ours: c.ours.p99, bare: fair ? c.bareMonthly.p99 : c.bare.p99 },
    otherRatios: { oursRpsOverBareDailyRps: c.ratios.oursRpsOverBareRps },
    ...(!fullSize && { note: `reduced size (${opts.records.toLocaleString('en')} records, ${opts.tenants} tenants): not the issue's measurement` }),
    };
  });
}

const fmt = (x, w = 9) => String(x ?? '—').padStart(w);

function printSummary(out) {
  const s = out.seeding;
  const lines = ['', `vmware-usage — ${out.settings.tenants} tenants, ${s.costRecords.toLocaleString('en')} cost records (${s.shortfallRecords.toLocaleString('en')} commitment shortfalls), ${s.rollupRows.toLocaleString('en')} rollup rows over ${out.settings.window.from} – ${out.settings.window.to}`];
  lines.push(`machine: ${out.machine.os}, ${out.machine.cpus}× ${out.machine.cpuModel}, node ${out.machine.node}, PostgreSQL ${out.machine.postgres}; load ${out.machine.loadAverageAtStart.join(' / ')} at start`);
  lines.push(`seeding: ${s.reused ? 'reused' : `${s.seconds}s (records ${s.recordsSeconds}s, rollups ${s.rollupsSeconds}s)`}`);
  lines.push('', `${''.padEnd(12)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'req/s'.padStart(9)} ${'cpu ms/req'.padStart(11)} ${'bytes'.padStart(10)}   ratio req/s`);
  for (const [key, c] of Object.entries(out.http ?? {})) {
    lines.push(`${key.padEnd(12)}`);
    lines.push(`  ${'ours'.padEnd(10)} ${fmt(c.ours.p50)} ${fmt(c.ours.p99)} ${fmt(c.ours.rps)} ${fmt(c.ours.cpuMsPerRequest?.machine, 11)} ${fmt(c.bodyBytes.ours, 10)}   ${c.ratios.oursRpsOverBareRps}×`);
    lines.push(`  ${'bare SQL'.padEnd(10)} ${fmt(c.bare.p50)} ${fmt(c.bare.p99)} ${fmt(c.bare.rps)} ${fmt(c.bare.cpuMsPerRequest?.machine, 11)} ${fmt(c.bodyBytes.bare, 10)}`);
    if (c.bareMonthly) {
      lines.push(`  ${'fair ref'.padEnd(10)} ${fmt(c.bareMonthly.p50)} ${fmt(c.bareMonthly.p99)} ${fmt(c.bareMonthly.rps)} ${fmt(c.bareMonthly.cpuMsPerRequest?.machine, 11)} ${fmt(c.bodyBytes.bare, 10)}   (ours ÷ it: ${c.ratios.oursRpsOverBareMonthlyRps}×)`);
    }
  }
  if (out.breakdown) {
    for (const [key, b] of Object.entries(out.breakdown)) {
      lines.push('', `breakdown (${key}, one report in-process): ${b.totalMs} ms — ${b.statements.map((x) => `${x.label} ${x.ms}`).join(', ')}; outside statements ${b.outsideStatementsMs} ms${b.fileTotalMs !== undefined ? `; the file ${b.fileTotalMs} ms` : ''}`);
    }
  }
  if (out.explain) {
    for (const [key, e] of Object.entries(out.explain)) {
      for (const [mode, p] of [['as the server runs it', e.asServer.summary], ['planned with its values', e.withValues.summary]]) {
        lines.push(`EXPLAIN ${key} (${mode}${p.unnestRowsEstimated === 10 ? ', generic plan' : ''}): ${p.executionMs} ms${p.jitMs ? ` (JIT ${p.jitMs} ms)` : ''}, workers ${p.workersLaunched ?? 0}, buffers ${p.topBuffers}${p.sorts.length ? `, sorts: ${p.sorts.join('; ')}` : ''}`);
        lines.push(`    ${p.nodes.slice(0, 8).join(' → ')}`);
      }
    }
  }
  lines.push('', 'targets:');
  for (const t of out.targets) lines.push(`  ${t.met ? 'MET   ' : 'MISSED'} ${t.name}: ${t.value}${t.unit} (target ${t.comparison} ${t.threshold}${t.unit}; p99 ${t.p99Ms.ours} ms vs ${t.p99Ms.bare} ms)${t.note ? ` — ${t.note}` : ''}`);
  console.log(lines.join('\n'));
}

async function main() {
  for (const f of [serverBin, reportScopeModule, repositoryModule, billingServiceModule]) {
    if (!existsSync(f)) throw new Error(`packages are not built (${path.relative(root, f)} missing): run \`npm run build\` first`);
  }
  mkdirSync(dataDir, { recursive: true });
  const started = new Date();
  const loadAverageAtStart = os.loadavg().map((x) => round(x, 2));
  const codeAtStart = codeVersion(root);
  const postgresVersion = (await pgAdmin('show server_version'))[0].server_version;
  const postgresSettings = Object.fromEntries(
    await Promise.all(['shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'jit', 'random_page_cost', 'effective_cache_size'].map(async (k) => [k, (await pgAdmin(`show ${k}`))[0][k]])),
  );

  log(`scratch database ${PG_DATABASE}${opts.reuse ? ' (reused when it holds the same data)' : ''}`);
  await scratchDb.create('postgres', { reuseKept: opts.reuse });
  if (opts.reuse && !opts.keep) cleanups.push(() => pgAdmin(`drop database if exists ${PG_DATABASE} with (force)`));
  const databaseUrl = scratchDb.url('postgres');
  const seeding = await seed(databaseUrl);

  const { db } = await createDb(databaseUrl);
  let tenants;
  let periods;
  try {
    ({ tenants, periods } = await scopePeriods(db));
  } finally {
    await db.destroy();
  }
  const reference = await referenceTotals(databaseUrl, periods);
  log(`reference: ${reference.rows.toLocaleString('en')} rows (tenant × period × service × SKU)`);

  const http = await measureHttpPart(databaseUrl, tenants, periods, reference);
  log('breakdown: one report in this process, statement by statement');
  const all = await breakdown(databaseUrl, undefined);
  const one = await breakdown(databaseUrl, FIRST_ONE_TENANT.id);
  log('EXPLAIN (ANALYZE, BUFFERS) of reportFigures and of the reference');
  const explained = await explainPart(databaseUrl, all.captured, periods);
  delete all.captured;
  delete one.captured;

  const out = {
    benchmark: 'vmware-usage',
    date: started.toISOString(),
    wallSeconds: round((Date.now() - started.getTime()) / 1000, 0),
    code: codeAtStart,
    machine: machine({
      postgres: postgresVersion,
      postgresSettings,
      pg: packageVersion('pg'),
      autocannon: packageVersion('autocannon'),
      loadAverageAtStart,
      loadAverageAtEnd: os.loadavg().map((x) => round(x, 2)),
    }),
    settings: {
      fullSize,
      ...(serverRoot !== root && { serverRoot: path.relative(root, serverRoot) }),
      ...(opts.serverPgOptions && { serverPgOptions: opts.serverPgOptions }),
      cases: opts.cases,
      records: opts.records,
      tenants: opts.tenants,
      window: { from: dayText(WINDOW_START_MS), to: dayText(WINDOW_END_MS - DAY_MS), days: DAYS },
      query: RANGE,
      tenantsWithAnniversaryDate: TENANTS.filter((x) => x.abd).length,
      tenantsWithCommitment: TENANTS.filter((x) => x.committed).length,
      skus: SKUS.map((x) => x.id),
      regions: REGIONS,
      costRecords: 'generated by INSERT … SELECT over generate_series (as bench/focus-export seeds), one per resource and day, priced as rating prices; commitment shortfall lines added per the Flex rule',
      rollups: 'INSERT … SELECT … GROUP BY over those cost records with rating\'s grouping (rebuildRollups), month by month; the monthly rollups from the daily ones as rating rewrites a month',
      connections: opts.connections,
      tenantConnections: opts.tenantConnections,
      warmupSeconds: opts.warmup,
      seconds: opts.duration,
      server: 'consumo serve (pool of 10, named prepared statements), LOG_LEVEL=warn, rate-limit multiplier 100000; csp-auth-token of a provider-administrator API client',
      bare: 'bare-server.mjs: node:http + pg.Pool(10), the reference SQL as one named prepared statement per request, rows written as JSON or CSV',
      ...(opts.bareMonthly && { bareMonthly: 'the fair reference and the targets\' (REFERENCE_MONTHLY_SQL): every figure of the report (SKU lines with prices and committed quantities, services, organization totals) by one hand-written statement over the same rollups read the same way (ADR 0020 point 29), checked equal to ours figure by figure before the load; rows written as JSON or CSV' }),
    },
    seeding,
    http,
    breakdown: { allTenants: all, oneTenant: one },
    explain: explained,
    targets: checkTargets(http),
  };
  writeFileSync(outFile, `${JSON.stringify(out, null, 2)}\n`);
  printSummary(out);
  console.log(`\nwrote ${path.relative(process.cwd(), outFile)}`);
}

try {
  await main();
} catch (err) {
  console.error(`\nvmware-usage FAILED: ${err.stack ?? err}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
