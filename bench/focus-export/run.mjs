#!/usr/bin/env node
/**
 * focus-export: `GET /consumption-analytics/v1beta1/focus-exports/{id}/contents` over HTTP for
 * 1,000,000 and 10,000,000 cost records on PostgreSQL and 1,000,000 on PGlite — rows/s, MB/s,
 * time to first byte and the server's peak RSS growth — beside `COPY (the same query) TO STDOUT
 * WITH (FORMAT csv)` through the driver in the same run. See README.md.
 */
import { createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Buffer } from 'node:buffer';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { PGlite } from '@electric-sql/pglite';
import { DuckDBInstance } from '@duckdb/node-api';
import { sql } from 'kysely';
import { createDb, focusExportQueries } from '@consumo/server';
import { parseArgs } from '../lib/args.mjs';
import { cleanUp } from '../lib/cleanups.mjs';
import { startConsumoServer } from '../lib/consumo-server.mjs';
import { cpuMeter, pidsNamed } from '../lib/cpu.mjs';
import { codeVersion, machine, packageVersion } from '../lib/machine.mjs';
import { pgAdmin as pgAdminOn, scratch, benchDatabaseName } from '../lib/scratch.mjs';
import { round } from '../lib/stats.mjs';

const { PROFILES, STREAMING_READ_SETTINGS, columnsRead, costRowStream, csvCopyStatement, ensureCostPartitions, headerLine, inlineParameters } = focusExportQueries;

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const dataDir = path.join(here, 'data');
const bin = path.join(root, 'packages/cli/dist/bin.js');

const quick = process.argv.includes('--quick');
const opts = parseArgs(
  process.argv.slice(2),
  {
    quick: { type: 'boolean', default: false, help: 'a small smoke run: 20,000 and 100,000 rows on PostgreSQL, 20,000 on PGlite; writes data/results-quick.json' },
    engines: { type: 'string', default: 'postgres,pglite', help: 'comma-separated: postgres, pglite' },
    pgRows: { type: 'string', default: quick ? '20000,100000' : '1000000,10000000', help: 'row counts measured on PostgreSQL, ascending' },
    pgliteRows: { type: 'string', default: quick ? '20000' : '1000000', help: 'row counts measured on PGlite, ascending' },
    days: { type: 'number', default: 100, help: 'days the records cover (rows = days × resources)' },
    repeat: { type: 'number', default: 2, help: 'measured downloads of each kind per size (after one warm-up download)' },
    parquetRows: { type: 'number', default: quick ? 20_000 : 10_000_000, help: 'the largest size at which Parquet is measured too (0: never)' },
    runRows: { type: 'number', default: quick ? 20_000 : 10_000_000, help: 'the largest size at which export runs (CSV and Parquet files) are measured too (0: never)' },
    baselineBin: {
      type: 'string',
      default: '',
      help: "another build's CLI (packages/cli/dist/bin.js of a copy of an earlier build): its export runs are measured too, on the same rows, in the same run (before/after)",
    },
    pgUrl: { type: 'string', default: process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres', help: 'PostgreSQL admin URL (BENCH_PG_URL)' },
    keep: { type: 'boolean', default: false, help: 'keep the scratch databases (a later run with --keep reuses their rows)' },
    cpuProf: { type: 'boolean', default: false, help: 'run the server with --cpu-prof into bench/focus-export/data/profiles/<engine>' },
    out: { type: 'string', default: quick ? path.join(dataDir, 'results-quick.json') : path.join(here, 'results.json'), help: 'where to write the results' },
  },
  'usage: npm run bench -- focus-export [options]',
);
const engines = opts.engines.split(',').map((e) => e.trim()).filter(Boolean);
for (const e of engines) if (e !== 'postgres' && e !== 'pglite') throw new Error(`unknown engine '${e}'`);
const sizesOf = (list) => list.split(',').map((s) => Number(s.trim().replaceAll('_', ''))).filter((n) => n > 0);
const sizes = { postgres: sizesOf(opts.pgRows), pglite: sizesOf(opts.pgliteRows) };
for (const [engine, list] of Object.entries(sizes)) {
  for (const n of list) if (n % opts.days !== 0) throw new Error(`${engine}: ${n} rows is not a whole number of resources over ${opts.days} days`);
}

const WORKSPACE = 'bec0ffee00000000000000000000f0c5';
const CLIENT_ID = '0be4c100-0000-4000-8000-00000000f0c5';
const CLIENT_SECRET = 'consumo-bench-focus-export-secret';
const PG_DATABASE = benchDatabaseName('consumo_bench_focus_export');
const BASE = '/consumption-analytics/v1beta1/focus-exports';
const DAY_MS = 86_400_000;
/** A fixed, closed window: every billing period has ended, so every run writes the same bytes. */
const FIRST_DAY = '2026-01-01';
const firstDay = new Date(`${FIRST_DAY}T00:00:00Z`);
const lastDay = () => new Date(firstDay.getTime() + (opts.days - 1) * DAY_MS).toISOString().slice(0, 10);
const log = (line) => console.log(`[focus-export ${new Date().toISOString().slice(11, 19)}] ${line}`);

// ---------------------------------------------------------------------------------------------
// Databases

const scratchDb = scratch({ adminUrl: opts.pgUrl, database: PG_DATABASE, dataDir, keep: opts.keep });
const scratchUrl = (engine) => scratchDb.url(engine);
const pgAdmin = (text) => pgAdminOn(opts.pgUrl, text);

/** The server's own database layer on the scratch database (on PGlite only while the server is stopped). */
async function withDb(engine, fn) {
  const { db } = await createDb(scratchUrl(engine), { poolSize: 2 });
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}

/**
 * Cost records: `resources` resources × `opts.days` days from FIRST_DAY, one record each, with
 * varied decimals, some quoted descriptions and tags. Adds the resources [from, to) only, so a
 * larger size tops up a smaller one.
 */
async function seed(db, fromResource, toResource) {
  const months = new Set();
  for (let d = 0; d < opts.days; d++) months.add(new Date(firstDay.getTime() + d * DAY_MS).toISOString().slice(0, 7));
  await ensureCostPartitions(db, months);
  const step = 10_000;
  for (let r0 = fromResource; r0 < toResource; r0 += step) {
    const r1 = Math.min(toResource, r0 + step);
    await sql`
      insert into cost_records (
        workspace_id, line_key, resource_id, resource_name, resource_type, charge_period_start, charge_period_end,
        billing_period_start, billing_period_end, billing_account_id, billing_account_name, billing_account_type, billing_currency,
        billed_cost, effective_cost, list_cost, contracted_cost, list_unit_price, contracted_unit_price,
        pricing_quantity, pricing_unit, consumed_quantity, consumed_unit, pricing_category, pricing_currency,
        pricing_currency_list_unit_price, pricing_currency_contracted_unit_price, pricing_currency_effective_cost,
        charge_category, charge_description, charge_frequency, invoice_issuer_name, provider_name, publisher_name,
        region_id, region_name, availability_zone, service_category, service_name, service_subcategory,
        sku_id, sku_meter, sku_price_id, sub_account_id, sub_account_name, sub_account_type, tags,
        x_meter_id, x_rating_status, x_price_effective_from, x_rated_at)
      select
        ${WORKSPACE}, 'VM-CU@2026-01-01', res, res, 'VM', t, t + interval '1 day',
        date_trunc('month', t), date_trunc('month', t) + interval '1 month', 'BENCH-ACCOUNT', 'Bench Company', 'Billing Account', 'USD',
        cost, cost, cost, cost, 0.9, 0.85,
        round(qty / 30, 12), 'CUs', qty, 'CUs', 'Standard', 'USD',
        0.9, 0.85, cost,
        'Usage',
        case when r % 50 = 0 then 'VM "special", reserved' else '0.9 CUs ' || res end,
        'Usage-Based', 'HPE GreenLake', 'HPE GreenLake', 'HPE GreenLake',
        'AMS', 'Amsterdam', null, 'Compute', 'VM', 'Virtual Machines',
        'VM-CU', 'vm-cu', 'VM-CU@2026-01-01', 'org-' || (r % 20), 'Org ' || (r % 20), 'Sub Account',
        case r % 3 when 0 then '{"env": "prod", "team": "core"}'::jsonb when 1 then '{"cost-center": "cc-12"}'::jsonb end,
        'vm-cu', 'RATED', '2026-01-01T00:00:00Z'::timestamptz, t + interval '1 day 2 hours 3.456 seconds'
      from generate_series(${r0}::int, ${r1 - 1}::int) as r
        cross join lateral (select 'bench-vm-' || lpad(r::text, 6, '0') as res) as n
        cross join generate_series(0, ${opts.days - 1}::int) as d
        cross join lateral (select ${FIRST_DAY}::timestamptz + d * interval '1 day' as t,
                                   round(((r * 7 + d * 13) % 10007)::numeric / 997, 8) as cost,
                                   round(((r + d) % 997)::numeric / 7, 10) as qty) as v`.execute(db);
  }
}

async function rowsStored(db) {
  const { rows } = await sql`select count(*)::int as n from cost_records where workspace_id = ${WORKSPACE}`.execute(db);
  return rows[0].n;
}

async function seedTo(db, total) {
  const have = await rowsStored(db);
  if (have % opts.days !== 0 || have > total) throw new Error(`the scratch database holds ${have} rows; expected a multiple of ${opts.days} up to ${total} (drop it or run without --keep)`);
  if (have === total) return { rows: total, seconds: 0, reused: true };
  const t0 = performance.now();
  await seed(db, have / opts.days, total / opts.days);
  // Hint bits and the visibility map written now, not by the first measured read.
  await sql`vacuum (analyze) cost_records`.execute(db);
  return { rows: total, seconds: round((performance.now() - t0) / 1000, 1), reused: false };
}

// ---------------------------------------------------------------------------------------------
// The server

function startServer(engine, cli = bin) {
  return startConsumoServer({
    bin: cli,
    label: cli === bin ? `server ${engine}` : `baseline server ${engine}`,
    databaseUrl: scratchUrl(engine),
    dataDir,
    bootstrap: { workspaceId: WORKSPACE, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    env: { CONSUMO_EXPORT_DIR: path.join(dataDir, 'exports') },
    nodeArgs: opts.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', path.join(dataDir, 'profiles', engine)] : [],
  });
}

async function definition(server, body) {
  const list = await globalThis.fetch(`${server.url}${BASE}?limit=100`, { headers: { authorization: `Bearer ${server.token}` } }).then((r) => r.json());
  const existing = list.items?.find((i) => i.name === body.name);
  if (existing) return existing.id;
  const res = await globalThis.fetch(`${server.url}${BASE}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`create export: ${res.status} ${await res.text()}`);
  return (await res.json()).id;
}

const rssOf = (pid) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
};

/**
 * One download over a real socket: status, headers, bytes, newlines, time to the first body byte,
 * total time, the server's peak RSS above its RSS just before, and CPU of server and backends.
 */
function download(engine, server, exportId, rows, accept, saveTo) {
  const url = new URL(`${server.url}${BASE}/${exportId}/contents?startDate=${FIRST_DAY}&endDate=${lastDay()}`);
  const baseline = rssOf(server.pid);
  let peak = baseline;
  const sampler = globalThis.setInterval(() => {
    peak = Math.max(peak, rssOf(server.pid));
  }, 20);
  const measure = cpuMeter({ server: () => [server.pid], ...(engine === 'postgres' && { postgres: () => pidsNamed('postgres', PG_DATABASE) }) })();
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { authorization: `Bearer ${server.token}`, ...(accept && { accept }) } }, (res) => {
      let bytes = 0;
      let newlines = 0;
      let firstByte;
      let head = Buffer.alloc(0);
      let tail = Buffer.alloc(0);
      const saved = saveTo && createWriteStream(saveTo);
      res.on('data', (chunk) => {
        saved?.write(chunk);
        if (firstByte === undefined) firstByte = performance.now() - t0;
        bytes += chunk.length;
        if (head.length < 4096) head = Buffer.concat([head, chunk]).subarray(0, 4096);
        tail = chunk.length >= 8 ? chunk.subarray(chunk.length - 8) : Buffer.concat([tail, chunk]).subarray(-8);
        if (!accept) for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) newlines++;
      });
      res.on('end', async () => {
        const seconds = (performance.now() - t0) / 1000;
        if (saved) await new Promise((done) => saved.end(done));
        globalThis.clearInterval(sampler);
        peak = Math.max(peak, rssOf(server.pid));
        const cpu = measure();
        if (res.statusCode !== 200) return reject(new Error(`contents: ${res.statusCode} ${head.toString()}`));
        if (accept) {
          if (head.subarray(0, 4).toString() !== 'PAR1' || tail.subarray(-4).toString() !== 'PAR1') return reject(new Error('not a whole Parquet file'));
        } else {
          const header = headerLine(PROFILES.greenlake);
          if (!head.toString().startsWith(header)) return reject(new Error(`unexpected CSV header: ${head.toString().slice(0, 200)}`));
          // One line per record: the bench's values hold no line breaks.
          if (newlines !== rows + 1) return reject(new Error(`CSV has ${newlines - 1} rows, expected ${rows}`));
        }
        resolve({
          seconds: round(seconds, 3),
          bytes,
          rowsPerSecond: Math.round(rows / seconds),
          mbPerSecond: round(bytes / 1e6 / seconds, 1),
          firstByteMs: round(firstByte, 1),
          peakRssGrowthMb: round((peak - baseline) / 1e6, 1),
          cpuSeconds: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, v === null ? null : round(v, 2)])),
        });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

// ---------------------------------------------------------------------------------------------
// References: COPY through the driver

/** The two statements measured: the export's own COPY, and PostgreSQL's CSV of the stored columns of the same rows. */
function statements(db, quote) {
  const range = { workspaceId: WORKSPACE, from: firstDay, to: new Date(firstDay.getTime() + opts.days * DAY_MS), where: [] };
  const same = csvCopyStatement(db, range, PROFILES.greenlake, Date.now(), quote);
  const stored = costRowStream(db, { ...range, columns: columnsRead(PROFILES.greenlake), chunkSize: 1 }).build(undefined, undefined).compile();
  return { same, stored: `COPY (${inlineParameters(stored.sql, stored.parameters, quote)}) TO STDOUT WITH (FORMAT csv)` };
}

/** COPY TO STDOUT on PostgreSQL, in the transaction settings the server uses, read to the end. */
async function copyPostgres(statement, rows) {
  const client = new pg.Client({ connectionString: scratchUrl('postgres') });
  await client.connect();
  try {
    const backend = (await client.query('select pg_backend_pid() as pid')).rows[0].pid;
    await client.query('BEGIN READ ONLY');
    await client.query(STREAMING_READ_SETTINGS);
    const measure = cpuMeter({ postgres: () => [backend] })();
    const t0 = performance.now();
    let bytes = 0;
    let firstByte;
    for await (const chunk of client.query(copyStreams.to(statement))) {
      if (firstByte === undefined) firstByte = performance.now() - t0;
      bytes += chunk.length;
    }
    const seconds = (performance.now() - t0) / 1000;
    const cpu = measure();
    await client.query('COMMIT');
    return { seconds: round(seconds, 3), bytes, rowsPerSecond: Math.round(rows / seconds), mbPerSecond: round(bytes / 1e6 / seconds, 1), firstByteMs: round(firstByte, 1), cpuSeconds: { postgres: round(cpu.postgres, 2) } };
  } finally {
    await client.end();
  }
}

/** COPY on PGlite (server stopped): PGlite has no streaming COPY TO STDOUT; it writes the whole CSV into a blob. */
async function copyPglite(statement, rows) {
  const db = await PGlite.create({ dataDir: path.join(dataDir, 'pglite') });
  try {
    const t0 = performance.now();
    const result = await db.query(statement.replace(/TO STDOUT/, "TO '/dev/blob'"));
    const seconds = (performance.now() - t0) / 1000;
    const bytes = result.blob.size;
    return { seconds: round(seconds, 3), bytes, rowsPerSecond: Math.round(rows / seconds), mbPerSecond: round(bytes / 1e6 / seconds, 1), firstByteMs: null };
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Parquet read back, and export runs

/** The DuckDB type each GreenLake column must read as. */
const duckTypeOf = (kind) => (kind === 'decimal' || kind === 'unused-consumed-quantity' ? 'DECIMAL(38,15)' : kind === 'timestamp' ? 'TIMESTAMP WITH TIME ZONE' : 'VARCHAR');

/**
 * The Parquet file read back by DuckDB: its columns and types must be the profile's, its rows as many
 * as the records, and the sum of its BilledCost the database's sum of billed_cost, to the last digit.
 */
async function readBack(file, rows, want) {
  const duck = await DuckDBInstance.create(':memory:');
  const conn = await duck.connect();
  try {
    const quoted = `'${file.replace(/'/g, "''")}'`;
    const described = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quoted})`)).getRowObjects().map((o) => [String(o.column_name), String(o.column_type)]);
    const expected = PROFILES.greenlake.columns.map((c) => [c.header, duckTypeOf(c.kind)]);
    if (JSON.stringify(described) !== JSON.stringify(expected)) throw new Error(`Parquet columns/types differ: ${JSON.stringify(described)}`);
    const got = (await conn.runAndReadAll(`SELECT count(*)::BIGINT AS n, sum(BilledCost)::VARCHAR AS cost, count(DISTINCT ResourceId)::BIGINT AS resources FROM read_parquet(${quoted})`)).getRowObjects()[0];
    const canonical = (t) => (t.includes('.') ? t.replace(/0+$/, '').replace(/\.$/, '') : t);
    if (Number(got.n) !== rows) throw new Error(`Parquet read back ${got.n} rows, expected ${rows}`);
    if (canonical(String(got.cost)) !== canonical(String(want.cost))) throw new Error(`Parquet BilledCost sums to ${got.cost}, the database to ${want.cost}`);
    if (Number(got.resources) !== want.resources) throw new Error(`Parquet holds ${got.resources} resources, the database ${want.resources}`);
    return { rows: Number(got.n), columns: described.length, billedCostSum: String(want.cost) };
  } finally {
    conn.closeSync();
    duck.closeSync();
  }
}

/** What the Parquet must read back as: the records' BilledCost sum and distinct resources (read while PGlite's server is stopped). */
async function storedFacts(db) {
  return (await sql`select sum(billed_cost)::text as cost, count(distinct resource_id)::int as resources from cost_records where workspace_id = ${WORKSPACE}`.execute(db)).rows[0];
}

const sleep = (ms) => new Promise((resolve) => globalThis.setTimeout(resolve, ms));

/**
 * One export run of the whole range (POST …/runs, then GET …/runs/{runId} until it ends, every
 * 0.5 s for 30 s, then every 2 s, within the route's rate limit): seconds from the request to the
 * run's `endedAt`, rows/s, bytes written, CPU of server and backends (to the poll that saw it end).
 */
async function exportRun(engine, server, exportId, rows) {
  const headers = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
  const measure = cpuMeter({ server: () => [server.pid], ...(engine === 'postgres' && { postgres: () => pidsNamed('postgres', PG_DATABASE) }) })();
  const t0 = performance.now();
  const wallStart = Date.now();
  const res = await globalThis.fetch(`${server.url}${BASE}/${exportId}/runs`, { method: 'POST', headers, body: JSON.stringify({ startDate: FIRST_DAY, endDate: lastDay() }) });
  if (res.status !== 202) throw new Error(`export run: ${res.status} ${await res.text()}`);
  const runId = (await res.json()).transactionId;
  for (let polls = 0; ; polls++) {
    await sleep(polls < 60 ? 500 : 2000);
    const got = await globalThis.fetch(`${server.url}${BASE}/${exportId}/runs/${runId}`, { headers });
    if (got.status === 429) continue;
    if (got.status !== 200) throw new Error(`export run ${runId}: ${got.status} ${await got.text()}`);
    const run = await got.json();
    if (run.status === 'INITIALIZED' || run.status === 'RUNNING') continue;
    // From the request to the run's own end (its endedAt, same clock), not to the poll that saw it.
    const seconds = run.endedAt ? (Date.parse(run.endedAt) - wallStart) / 1000 : (performance.now() - t0) / 1000;
    const cpu = measure();
    if (run.status !== 'SUCCEEDED') throw new Error(`export run ${runId} ended ${run.status}: ${JSON.stringify(run).slice(0, 500)}`);
    const result = run.result;
    if (result?.rowsWritten !== rows) throw new Error(`export run wrote ${result?.rowsWritten} rows, expected ${rows}`);
    return {
      seconds: round(seconds, 3),
      bytes: result.bytesWritten,
      rowsPerSecond: Math.round(rows / seconds),
      mbPerSecond: round(result.bytesWritten / 1e6 / seconds, 1),
      firstByteMs: null,
      cpuSeconds: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, v === null ? null : round(v, 2)])),
    };
  }
}

/** The export runs of both definitions, `opts.repeat` each, on one server: the summary per format. */
async function exportRunsOf(engine, server, rows, csvId, parquetId, label) {
  const out = {};
  for (const [format, id] of [['csv', csvId], ['parquet', parquetId]]) {
    const runs = [];
    for (let i = 0; i < opts.repeat; i++) runs.push(await exportRun(engine, server, id, rows));
    out[format] = summary(runs);
    log(`${engine}: ${rows} rows as an export run (${format})${label}: ${out[format].rowsPerSecond} rows/s`);
  }
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** The runs of one kind, and its median figures. */
function summary(runs) {
  const pick = (k) => median(runs.map((r) => r[k]).filter((v) => v !== null));
  return {
    rowsPerSecond: pick('rowsPerSecond'),
    mbPerSecond: pick('mbPerSecond'),
    firstByteMs: runs[0].firstByteMs === null ? null : pick('firstByteMs'),
    ...(runs[0].peakRssGrowthMb !== undefined && { peakRssGrowthMb: Math.max(...runs.map((r) => r.peakRssGrowthMb)) }),
    bytes: runs[0].bytes,
    runs,
  };
}

// ---------------------------------------------------------------------------------------------

async function runEngine(engine) {
  log(`${engine}: scratch database`);
  await scratchDb.create(engine, { reuseKept: opts.keep });
  let server = await startServer(engine);
  const csvId = await definition(server, { name: 'bench: every record, GreenLake CSV' });
  const parquetId = await definition(server, { name: 'bench: every record, GreenLake Parquet', format: 'parquet' });
  const out = {};
  for (const rows of sizes[engine]) {
    log(`${engine}: ${rows} cost records`);
    if (engine === 'pglite') await server.stop();
    const seeded = await withDb(engine, (db) => seedTo(db, rows));
    log(`${engine}: seeded in ${seeded.seconds} s${seeded.reused ? ' (reused)' : ''}`);
    const stmts = await withDb(engine, async (db) => statements(db, pg.escapeLiteral));
    const facts = rows <= opts.parquetRows ? await withDb(engine, storedFacts) : undefined;
    if (engine === 'pglite') server = await startServer(engine);

    log(`${engine}: warm-up download`);
    await download(engine, server, csvId, rows);
    const ours = [];
    const same = [];
    const stored = [];
    for (let i = 0; i < opts.repeat; i++) {
      const o = await download(engine, server, csvId, rows);
      ours.push(o);
      log(`${engine}: ${rows} rows over HTTP: ${o.rowsPerSecond} rows/s, ${o.mbPerSecond} MB/s, first byte ${o.firstByteMs} ms, RSS +${o.peakRssGrowthMb} MB`);
      if (engine === 'postgres') {
        same.push(await copyPostgres(stmts.same, rows));
        stored.push(await copyPostgres(stmts.stored, rows));
        log(`${engine}: COPY of the same statement ${same.at(-1).rowsPerSecond} rows/s; of the stored columns ${stored.at(-1).rowsPerSecond} rows/s`);
      }
    }
    let parquet;
    if (rows <= opts.parquetRows) {
      const runs = [];
      const file = path.join(dataDir, `${engine}-${rows}.parquet`);
      for (let i = 0; i < opts.repeat; i++) runs.push(await download(engine, server, parquetId, rows, 'application/vnd.apache.parquet', i === opts.repeat - 1 ? file : undefined));
      parquet = summary(runs);
      log(`${engine}: ${rows} rows as Parquet: ${parquet.rowsPerSecond} rows/s, first byte ${parquet.firstByteMs} ms, RSS +${parquet.peakRssGrowthMb} MB`);
      parquet.readBack = await readBack(file, rows, facts);
      rmSync(file, { force: true });
      log(`${engine}: the Parquet reads back in DuckDB: ${parquet.readBack.rows} rows, ${parquet.readBack.columns} typed columns, BilledCost sum ${parquet.readBack.billedCostSum}`);
    }
    let exportRuns;
    let baselineRuns;
    if (rows <= opts.runRows) {
      exportRuns = await exportRunsOf(engine, server, rows, csvId, parquetId, '');
      if (opts.baselineBin) {
        // One server at a time: either one's job worker would take the other's runs.
        await server.stop();
        const baseline = await startServer(engine, path.resolve(opts.baselineBin));
        baselineRuns = await exportRunsOf(engine, baseline, rows, csvId, parquetId, ' (baseline build)');
        await baseline.stop();
        server = await startServer(engine);
      }
    }
    if (engine === 'pglite') {
      await server.stop();
      for (let i = 0; i < opts.repeat; i++) {
        same.push(await copyPglite(stmts.same, rows));
        stored.push(await copyPglite(stmts.stored, rows));
      }
      log(`${engine}: COPY of the same statement ${median(same.map((s) => s.rowsPerSecond))} rows/s; of the stored columns ${median(stored.map((s) => s.rowsPerSecond))} rows/s`);
      server = await startServer(engine);
    }
    const o = summary(ours);
    const s = summary(same);
    const st = summary(stored);
    // The bytes agree: the HTTP body is the header line plus exactly what COPY wrote.
    const expectedBytes = s.bytes + Buffer.byteLength(headerLine(PROFILES.greenlake));
    if (o.bytes !== expectedBytes) throw new Error(`HTTP body ${o.bytes} bytes ≠ header + COPY ${expectedBytes} bytes`);
    out[rows] = {
      rows,
      seeded,
      csv: o,
      copySameStatement: s,
      copyStoredColumns: st,
      ratioToCopySameStatement: round(o.rowsPerSecond / s.rowsPerSecond, 3),
      ratioToCopyStoredColumns: round(o.rowsPerSecond / st.rowsPerSecond, 3),
      ...(parquet && { parquet, ratioParquetToCsv: round(parquet.rowsPerSecond / o.rowsPerSecond, 3) }),
      ...(exportRuns && {
        exportRuns,
        ratioExportRunToCopySameStatement: Object.fromEntries(Object.entries(exportRuns).map(([f, r]) => [f, round(r.rowsPerSecond / s.rowsPerSecond, 3)])),
      }),
      ...(baselineRuns && {
        baselineExportRuns: { bin: opts.baselineBin, ...baselineRuns },
        ratioBaselineExportRunToCopySameStatement: Object.fromEntries(Object.entries(baselineRuns).map(([f, r]) => [f, round(r.rowsPerSecond / s.rowsPerSecond, 3)])),
      }),
    };
  }
  await server.stop();
  return out;
}

try {
  mkdirSync(dataDir, { recursive: true });
  const started = Date.now();
  const loadAverageAtStart = os.loadavg().map((x) => round(x, 2));
  const results = {};
  for (const engine of engines) results[engine] = await runEngine(engine);
  const pgVersion = engines.includes('postgres') ? (await pgAdmin('show server_version'))[0].server_version : undefined;
  const largest = results.postgres && results.postgres[Math.max(...sizes.postgres)];
  const targets = largest && [
    { name: `PostgreSQL contents ÷ COPY of the same statement, rows/s, ${largest.rows} rows`, value: largest.ratioToCopySameStatement, threshold: 0.7, met: largest.ratioToCopySameStatement >= 0.7 },
    ...Object.values(results.postgres).map((r) => ({ name: `PostgreSQL first byte, ms, ${r.rows} rows`, value: r.csv.firstByteMs, threshold: 300, met: r.csv.firstByteMs < 300 })),
    { name: `PostgreSQL peak RSS growth, MB, ${largest.rows} rows`, value: largest.csv.peakRssGrowthMb, threshold: 150, met: largest.rows >= 10_000_000 && largest.csv.peakRssGrowthMb < 150 },
    ...Object.values(results.postgres)
      .filter((r) => r.parquet)
      .flatMap((r) => [
        { name: `PostgreSQL Parquet ÷ CSV, rows/s, ${r.rows} rows`, value: r.ratioParquetToCsv, threshold: 0.6, met: r.ratioParquetToCsv >= 0.6 },
        { name: `PostgreSQL Parquet peak RSS growth, MB, ${r.rows} rows`, value: r.parquet.peakRssGrowthMb, threshold: 150, met: r.parquet.peakRssGrowthMb < 150 },
      ]),
    ...Object.values(results.postgres)
      .filter((r) => r.exportRuns)
      .flatMap((r) =>
        Object.entries(r.ratioExportRunToCopySameStatement).map(([format, value]) => ({
          name: `PostgreSQL export run ÷ COPY of the same statement, ${format}, rows/s, ${r.rows} rows`,
          value,
          threshold: 0.7,
          met: value >= 0.7,
        })),
      ),
  ];
  const report = {
    benchmark: 'focus-export',
    date: new Date().toISOString(),
    wallSeconds: Math.round((Date.now() - started) / 1000),
    quick,
    code: codeVersion(root),
    machine: machine({ postgres: pgVersion, pglite: packageVersion('@electric-sql/pglite'), loadAverageAtStart, loadAverageAtEnd: os.loadavg().map((x) => round(x, 2)) }),
    settings: { ...opts, out: undefined, range: { startDate: FIRST_DAY, endDate: lastDay() } },
    engines: results,
    targets,
  };
  writeFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);
  log(`wrote ${path.relative(root, opts.out)}`);
  await cleanUp();
} catch (err) {
  console.error(err);
  await cleanUp();
  process.exit(1);
}
