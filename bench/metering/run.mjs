#!/usr/bin/env node
/**
 * metering: usage ingest over HTTP in batches of 1,000 (events/s), `consumo ingest` of a
 * 1,000,000-event file, and a rating run over 10,000,000 events in 30 days, on PostgreSQL and
 * PGlite. Each beside the storage limit measured in the same run: COPY of the same events into an
 * identical bare table (same columns, keys and indexes as usage_events). See README.md.
 */
import { createReadStream, createWriteStream, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import os from 'node:os';
import { once } from 'node:events';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { PGlite } from '@electric-sql/pglite';
import { parseArgs } from '../lib/args.mjs';
import { cleanUp, cleanups } from '../lib/cleanups.mjs';
import { startConsumoServer, tokenFor } from '../lib/consumo-server.mjs';
import { cpuMeter, pidsNamed } from '../lib/cpu.mjs';
import { codeVersion, machine, packageVersion } from '../lib/machine.mjs';
import { scratch, benchDatabaseName } from '../lib/scratch.mjs';
import { createReferenceTables, dropReferenceTables, rateByHand } from './rating-reference.mjs';
import { Samples, round, summarize } from '../lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const dataDir = path.join(here, 'data');
const bin = path.join(root, 'packages/cli/dist/bin.js');

const quick = process.argv.includes('--quick');
const opts = parseArgs(
  process.argv.slice(2),
  {
    quick: { type: 'boolean', default: false, help: 'a small smoke run: 20,000 HTTP events, a 50,000-event file, 200,000 rated events; writes data/results-quick.json' },
    engines: { type: 'string', default: 'postgres,pglite', help: 'comma-separated: postgres, pglite' },
    httpEvents: { type: 'number', default: quick ? 20_000 : 500_000, help: '(a) events sent over HTTP, in batches of --batch' },
    batch: { type: 'number', default: 1000, help: '(a) events per HTTP request' },
    concurrency: { type: 'number', default: 8, help: '(a) requests in flight' },
    fileEvents: { type: 'number', default: quick ? 50_000 : 1_000_000, help: '(b) events in the NDJSON file `consumo ingest` sends' },
    ratingEvents: { type: 'number', default: quick ? 200_000 : 10_000_000, help: '(c) events rated, over 30 days; 0 skips (c) (ingest only)' },
    resources: { type: 'number', default: 10_000, help: 'resources the events are spread over' },
    pgUrl: { type: 'string', default: process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres', help: 'PostgreSQL admin URL (BENCH_PG_URL)' },
    keep: { type: 'boolean', default: false, help: 'keep the scratch databases and the event file' },
    cpuProf: { type: 'boolean', default: false, help: 'run the server with --cpu-prof into bench/metering/data/profiles/<engine>, and (b)\'s CLI into <engine>-cli' },
    out: { type: 'string', default: quick ? path.join(dataDir, 'results-quick.json') : path.join(here, 'results.json'), help: 'where to write the results' },
  },
  'usage: npm run bench -- metering [options]',
);
const engines = opts.engines.split(',').map((e) => e.trim()).filter(Boolean);
for (const e of engines) if (e !== 'postgres' && e !== 'pglite') throw new Error(`unknown engine '${e}'`);

const WORKSPACE = 'bec0ffee000000000000000000000e7e';
const CLIENT_ID = '0be4c100-0000-4000-8000-00000000e7e0';
const CLIENT_SECRET = 'consumo-bench-metering-secret';
const PG_DATABASE = benchDatabaseName('consumo_bench_metering');
const ACCOUNT = 'BENCH-ACCOUNT';
const METER = { id: 'bench-cu', eventType: 'com.example.bench.cu' };
const DAY_MS = 86_400_000;
const EVENT_COLUMNS = 'workspace_id, source, id, meter_id, subject, time, value, data, ingested_at';
const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'TIMEDOUT']);
const log = (line) => console.log(`[metering ${new Date().toISOString().slice(11, 19)}] ${line}`);

// ---------------------------------------------------------------------------------------------
// Events: the k-th event of a data set, as a CloudEvent and as a COPY text line, and its value in tenths.

const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
/** 30 whole days ending yesterday: the rating window. */
const windowStart = today - 30 * DAY_MS;
const tenths = (k) => (k % 7) + 1;
const resourceOf = (k) => `bench-vm-${String(k % opts.resources).padStart(5, '0')}`;
/** Evenly over the window: resource by resource, each resource's events spread over the 30 days. */
function timeOf(k, total) {
  const perResource = Math.ceil(total / opts.resources);
  const slot = Math.floor(k / opts.resources) % perResource;
  return new Date(windowStart + Math.floor((slot * 30 * DAY_MS) / perResource) + (k % 997) * 7);
}

function cloudEvent(set, k, total) {
  return { specversion: '1.0', id: `${set}-${k}`, source: 'urn:bench:collector', type: METER.eventType, subject: resourceOf(k), time: timeOf(k, total).toISOString(), data: { cu: `0.${tenths(k)}` } };
}

function copyLine(workspace, set, k, total, ingestedAt) {
  return `${workspace}\turn:bench:collector\t${set}-${k}\t${METER.id}\t${resourceOf(k)}\t${timeOf(k, total).toISOString()}\t0.${tenths(k)}\t{"cu":"0.${tenths(k)}"}\t${ingestedAt}\n`;
}

/** Σ value of events [from, to) of a set, exactly, in tenths. */
function totalTenths(from, to) {
  let sum = 0;
  for (let k = from; k < to; k++) sum += tenths(k);
  return sum;
}

/**
 * Writes a data set as COPY text to a file first, so that a timed COPY reads prepared bytes (as the
 * timed HTTP ingest sends prepared bodies) instead of paying for generating them.
 */
async function copyFile(workspace, set, total) {
  const file = path.join(dataDir, `copy-${set}-${total}.txt`);
  const out = createWriteStream(file);
  const ingestedAt = new Date().toISOString();
  let chunk = '';
  for (let k = 0; k < total; k++) {
    chunk += copyLine(workspace, set, k, total, ingestedAt);
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
  cleanups.push(async () => rmSync(file, { force: true }));
  return file;
}

const chunksOf = (file) => createReadStream(file, { highWaterMark: 1 << 20, encoding: 'utf8' });

// ---------------------------------------------------------------------------------------------
// Databases: a scratch PostgreSQL database, or a PGlite directory the server and this script take turns on.

const scratchDb = scratch({ adminUrl: opts.pgUrl, database: PG_DATABASE, dataDir, keep: opts.keep });
const scratchUrl = (engine) => scratchDb.url(engine);

/** Runs `fn(query, copyIn)` on the scratch database directly; on PGlite the server must be stopped. */
async function direct(engine, fn) {
  if (engine === 'postgres') {
    const client = new pg.Client({ connectionString: scratchUrl(engine) });
    await client.connect();
    try {
      const copyIn = async (sqlText, chunks) => {
        const stream = client.query(copyStreams.from(sqlText));
        for await (const chunk of chunks) if (!stream.write(chunk)) await once(stream, 'drain');
        stream.end();
        await once(stream, 'finish');
      };
      return await fn((q, params) => client.query(q, params).then((r) => r.rows), copyIn);
    } finally {
      await client.end();
    }
  }
  const db = await PGlite.create({ dataDir: path.join(dataDir, 'pglite') });
  try {
    const copyIn = async (sqlText, chunks) => {
      // PGlite takes COPY input as a blob held in memory: send it in slices of ~64 MiB.
      let parts = [];
      let size = 0;
      const flush = async () => {
        if (size === 0) return;
        await db.query(sqlText.replace('from stdin', "from '/dev/blob'"), [], { blob: new globalThis.Blob(parts) });
        parts = [];
        size = 0;
      };
      // Blobs end on a line boundary: the part of a chunk after its last newline waits for the next.
      let carry = '';
      for await (const chunk of chunks) {
        const text = carry + chunk;
        const cut = text.lastIndexOf('\n') + 1;
        carry = text.slice(cut);
        parts.push(text.slice(0, cut));
        size += cut;
        if (size > 64 << 20) await flush();
      }
      if (carry) parts.push(carry);
      size += carry.length;
      await flush();
    };
    return await fn((q, params) => db.query(q, params).then((r) => r.rows), copyIn);
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The server and its API.

function startServer(engine) {
  return startConsumoServer({
    bin,
    label: `server ${engine}`,
    databaseUrl: scratchUrl(engine),
    dataDir,
    bootstrap: { workspaceId: WORKSPACE, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    // Automatic rating after ingest would compete with the measured ingest; (c) measures rating on its own.
    env: { CONSUMO_RATING_DELAY_MS: '3600000' },
    nodeArgs: opts.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', path.join(dataDir, 'profiles', engine)] : [],
  });
}

async function call(server, method, url, body, contentType = 'application/json') {
  const res = await globalThis.fetch(`${server.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${server.token}`, ...(body !== undefined && { 'content-type': contentType }) },
    ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : undefined;
}

async function createCatalog(server) {
  await call(server, 'PUT', `/metering/v1/billing-accounts/${ACCOUNT}`, { name: 'Bench Company', currency: 'USD' });
  await call(server, 'PUT', `/metering/v1/meters/${METER.id}`, { eventType: METER.eventType, valueProperty: '$.cu', aggregation: 'SUM', consumedUnit: 'CUs' });
  await call(server, 'PUT', '/metering/v1/prices/BENCH-VM-CU', {
    meterId: METER.id,
    publisherName: 'HPE GreenLake',
    providerName: 'HPE GreenLake',
    invoiceIssuerName: 'HPE GreenLake',
    pricingUnit: 'CUs',
    pricingQuantityDivisor: '30',
    listUnitPrice: '0.9',
    currency: 'USD',
    effectiveFrom: '2020-01-01T00:00:00Z',
  });
  let next = 0;
  const worker = async () => {
    while (next < opts.resources) {
      const i = next++;
      const id = resourceOf(i);
      await call(server, 'PUT', `/metering/v1/resources/${id}`, { billingAccountId: ACCOUNT, name: id, resourceType: 'VM', serviceName: 'VM', serviceCategory: 'Compute' });
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

function backendCpu(engine, serverPid) {
  return cpuMeter({
    server: () => [serverPid],
    ...(engine === 'postgres' && { postgres: () => pidsNamed('postgres', PG_DATABASE) }),
  });
}

// ---------------------------------------------------------------------------------------------
// (a) HTTP ingest

async function httpIngest(engine, server) {
  const total = opts.httpEvents;
  const bodies = [];
  for (let start = 0; start < total; start += opts.batch) {
    const end = Math.min(total, start + opts.batch);
    bodies.push(JSON.stringify(Array.from({ length: end - start }, (_, i) => cloudEvent('h', start + i, total))));
  }
  const warm = Array.from({ length: 10 }, (_, b) => JSON.stringify(Array.from({ length: opts.batch }, (_, i) => cloudEvent('w', b * opts.batch + i, total))));
  for (const body of warm) await call(server, 'POST', '/metering/v1/events', body, 'application/cloudevents-batch+json');
  const latencies = new Samples();
  let accepted = 0;
  let next = 0;
  const measure = backendCpu(engine, server.pid)();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const s = performance.now();
        const res = await call(server, 'POST', '/metering/v1/events', body, 'application/cloudevents-batch+json');
        latencies.push(performance.now() - s);
        if (res.duplicates !== 0) throw new Error(`a fresh batch came back with ${res.duplicates} duplicates`);
        accepted += res.accepted;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = measure();
  if (accepted !== total) throw new Error(`accepted ${accepted} of ${total}`);
  const batches = summarize(latencies.values(), seconds);
  return {
    events: total,
    batch: opts.batch,
    concurrency: opts.concurrency,
    seconds: round(seconds, 3),
    eventsPerSecond: Math.round(total / seconds),
    batchLatencyMs: { p50: batches.p50, p99: batches.p99 },
    cpuMsPer1000Events: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, v === null ? null : round((v * 1000 * 1000) / total, 1)])),
  };
}

// ---------------------------------------------------------------------------------------------
// (b) consumo ingest of a file

/** CPU seconds of this process's waited-for children (cutime + cstime, /proc/self/stat; null off Linux): (b)'s CLI, once it has exited. */
function reapedChildrenCpu() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

async function fileIngest(engine, server) {
  const file = path.join(dataDir, `events-${opts.fileEvents}.ndjson`);
  const out = createWriteStream(file);
  for (let k = 0; k < opts.fileEvents; k++) {
    if (!out.write(`${JSON.stringify(cloudEvent('f', k, opts.fileEvents))}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  if (!opts.keep) cleanups.push(async () => rmSync(file, { force: true }));
  const measure = backendCpu(engine, server.pid)();
  const cliBefore = reapedChildrenCpu();
  const t0 = performance.now();
  const profile = opts.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', path.join(dataDir, 'profiles', `${engine}-cli`)] : [];
  const child = spawn(process.execPath, [...profile, bin, 'ingest', file, '--batch-size', String(opts.batch), '--restart'], {
    cwd: dataDir,
    env: { ...process.env, CONSUMO_URL: server.url, CONSUMO_CLIENT_ID: CLIENT_ID, CONSUMO_CLIENT_SECRET: CLIENT_SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const [code] = await once(child, 'exit');
  const seconds = (performance.now() - t0) / 1000;
  // The CLI's own CPU is counted once it has been waited for (the only child reaped in the window).
  const cpu = { ...measure(), cli: cliBefore === null ? null : reapedChildrenCpu() - cliBefore };
  if (code !== 0) throw new Error(`consumo ingest exited ${code}:\n${output}`);
  const m = /^accepted (\d+), duplicates/m.exec(output);
  if (!m || Number(m[1]) !== opts.fileEvents) throw new Error(`consumo ingest did not report ${opts.fileEvents} accepted:\n${output}`);
  return { events: opts.fileEvents, bytes: statSync(file).size, seconds: round(seconds, 3), eventsPerSecond: Math.round(opts.fileEvents / seconds),
    cpuMsPer1000Events: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, v === null ? null : round((v * 1000 * 1000) / opts.fileEvents, 1)])),
    cliSummary: output.trim().split('\n').at(-1) };
}

// ---------------------------------------------------------------------------------------------
// COPY references and the rating data set, straight through the driver

/** The months ('YYYY-MM') from the one holding `fromMs` to the one holding `toMs`, both included. */
function monthsBetween(fromMs, toMs) {
  const months = [];
  const last = new Date(toMs).toISOString().slice(0, 7);
  let [y, m] = new Date(fromMs).toISOString().slice(0, 7).split('-').map(Number);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) return months;
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

async function copyReferences(engine, ratingWorkspace) {
  return direct(engine, async (query, copyIn) => {
    await query('drop table if exists bench_bare_events');
    await query('create table bench_bare_events (like usage_events including all)');
    const timeCopy = async (set, total) => {
      await query('truncate bench_bare_events');
      const file = await copyFile(WORKSPACE, set, total);
      const t0 = performance.now();
      await copyIn(`copy bench_bare_events (${EVENT_COLUMNS}) from stdin`, chunksOf(file));
      const seconds = (performance.now() - t0) / 1000;
      return { events: total, seconds: round(seconds, 3), eventsPerSecond: Math.round(total / seconds) };
    };
    const http = await timeCopy('h', opts.httpEvents);
    const file = await timeCopy('f', opts.fileEvents);
    if (opts.ratingEvents === 0) {
      await query('drop table bench_bare_events');
      return { http, file };
    }
    const rating = await timeCopy('r', opts.ratingEvents);
    await query('drop table bench_bare_events');
    // The rating data set goes into usage_events of a workspace of its own, the same way.
    const ratingFile = await copyFile(ratingWorkspace, 'r', opts.ratingEvents);
    // usage_events is partitioned by month (ingest makes its months itself; COPY needs them made).
    for (const month of monthsBetween(windowStart, today)) {
      const [y, m] = month.split('-').map(Number);
      const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
      await query(`create table if not exists usage_events_${month.replace('-', '_')} partition of usage_events
        for values from ('${month}-01T00:00:00Z') to ('${next}-01T00:00:00Z')`);
    }
    const t0 = performance.now();
    await copyIn(`copy usage_events (${EVENT_COLUMNS}) from stdin`, chunksOf(ratingFile));
    const loadSeconds = (performance.now() - t0) / 1000;
    await query('analyze usage_events');
    return { http, file, rating, ratingLoad: { events: opts.ratingEvents, seconds: round(loadSeconds, 3) } };
  });
}

async function rating(server) {
  const from = new Date(windowStart).toISOString().slice(0, 10);
  const to = new Date(today).toISOString().slice(0, 10);
  const run = await call(server, 'POST', '/metering/v1/rating-runs', { from, to });
  const t0 = performance.now();
  let state;
  for (;;) {
    state = await call(server, 'GET', `/metering/v1/rating-runs/${run.transactionId}`);
    if (TERMINAL.has(state.status)) break;
    await sleep(200);
  }
  const seconds = (performance.now() - t0) / 1000;
  if (state.status !== 'SUCCEEDED') throw new Error(`rating run ended ${state.status}: ${JSON.stringify(state)}`);
  const summary = await call(server, 'GET', `/metering/v1/cost-summary?groupBy=ServiceName&granularity=MONTH&from=${from}&to=${to}`);
  const consumed = summary.items.reduce((s, i) => s + Math.round(Number(i.ConsumedQuantity) * 10), 0);
  const expected = totalTenths(0, opts.ratingEvents);
  if (consumed !== expected) throw new Error(`rated consumed quantity ${consumed / 10} ≠ usage ${expected / 10}`);
  return {
    events: opts.ratingEvents,
    days: 30,
    resources: opts.resources,
    seconds: round(seconds, 3),
    serverSideSeconds: round((Date.parse(state.endedAt) - Date.parse(state.startedAt)) / 1000, 3),
    eventsPerSecond: Math.round(opts.ratingEvents / seconds),
    recordsWritten: state.result.recordsWritten,
    verified: 'Σ ConsumedQuantity of the cost summary equals Σ value of the events',
  };
}

/**
 * (c)'s reference: the same rating in plain SQL into bare copies of the tables (rating-reference.mjs),
 * checked to write what ours wrote: as many cost records, the same Σ billed cost.
 */
async function ratingByHand(engine, workspaceId) {
  return direct(engine, async (query) => {
    await createReferenceTables(query);
    try {
      const done = await rateByHand(query, { workspaceId, startMs: windowStart, days: 30, dayMs: DAY_MS });
      const [ours] = await query('select count(*)::int as records, sum(billed_cost)::text as billed from cost_records where workspace_id = $1', [workspaceId]);
      if (ours.records !== done.records || Number(ours.billed) !== Number(done.billedCost) || ours.billed === null) {
        throw new Error(`the SQL reference wrote ${done.records} records, Σ billed ${done.billedCost}; rating wrote ${ours.records}, Σ billed ${ours.billed}`);
      }
      return { seconds: round(done.seconds, 3), records: done.records, billedCost: done.billedCost, verified: 'as many cost records as rating wrote, the same Σ BilledCost' };
    } finally {
      await dropReferenceTables(query);
    }
  });
}

// ---------------------------------------------------------------------------------------------

async function runEngine(engine) {
  log(`${engine}: scratch database`);
  await scratchDb.create(engine);
  let server = await startServer(engine);
  await createCatalog(server);
  log(`${engine}: (a) ${opts.httpEvents} events over HTTP in batches of ${opts.batch}`);
  const http = await httpIngest(engine, server);
  log(`${engine}: (a) ${http.eventsPerSecond} events/s`);
  log(`${engine}: (b) consumo ingest of ${opts.fileEvents} events`);
  const file = await fileIngest(engine, server);
  log(`${engine}: (b) ${file.eventsPerSecond} events/s`);
  // The rating data set lives in a workspace of its own, with a metering-admin client and the same catalog.
  const workspace = await call(server, 'POST', '/admin/v1/workspaces', { name: 'bench rating' });
  const client = await call(server, 'POST', `/admin/v1/workspaces/${workspace.id}/api-clients`, { name: 'bench rating', roles: ['metering-admin'] });
  const asRater = async (s) => ({ ...s, token: await tokenFor(s.url, client.clientId, client.clientSecret) });
  await createCatalog(await asRater(server));
  if (engine === 'pglite') await server.stop();
  log(`${engine}: COPY references and the rating data set (${opts.ratingEvents} events)`);
  const copies = await copyReferences(engine, workspace.id);
  const ingest = {
    httpIngest: { ours: http, reference: copies.http, ratio: round(http.eventsPerSecond / copies.http.eventsPerSecond, 3) },
    fileIngest: { ours: file, reference: copies.file, ratio: round(file.eventsPerSecond / copies.file.eventsPerSecond, 3) },
  };
  if (opts.ratingEvents === 0) {
    await server.stop();
    return ingest;
  }
  if (engine === 'pglite') server = await startServer(engine);
  log(`${engine}: (c) rating ${opts.ratingEvents} events over 30 days`);
  const rated = await rating(await asRater(server));
  log(`${engine}: (c) ${rated.seconds} s`);
  await server.stop();
  log(`${engine}: (c) reference: the same rating by hand in plain SQL`);
  const byHand = await ratingByHand(engine, workspace.id);
  log(`${engine}: (c) reference ${byHand.seconds} s`);
  return {
    ...ingest,
    rating: {
      ours: rated,
      reference: copies.rating,
      load: copies.ratingLoad,
      ratio: round(rated.seconds / copies.rating.seconds, 3),
      byHand,
      overByHand: round(rated.seconds / byHand.seconds, 3),
    },
  };
}

try {
  mkdirSync(dataDir, { recursive: true });
  const started = Date.now();
  const loadAverageAtStart = os.loadavg().map((x) => round(x, 2));
  const results = {};
  for (const engine of engines) results[engine] = await runEngine(engine);
  const pgVersion = engines.includes('postgres') ? await versionOfPostgres() : undefined;
  const targets = results.postgres && [
    { name: 'PostgreSQL HTTP ingest, events/s', value: results.postgres.httpIngest.ours.eventsPerSecond, threshold: 50_000, met: results.postgres.httpIngest.ours.eventsPerSecond >= 50_000 },
    { name: 'PostgreSQL HTTP ingest ÷ bare COPY', value: results.postgres.httpIngest.ratio, threshold: 0.5, met: results.postgres.httpIngest.ratio >= 0.5 },
    { name: 'PostgreSQL `consumo ingest` ÷ bare COPY', value: results.postgres.fileIngest.ratio, threshold: 0.4, met: results.postgres.fileIngest.ratio >= 0.4 },
    ...(results.postgres.rating
      ? [
          { name: 'PostgreSQL rating of 10,000,000 events, seconds', value: results.postgres.rating.ours.seconds, threshold: 30, met: opts.ratingEvents >= 10_000_000 && results.postgres.rating.ours.seconds < 30 },
          { name: 'PostgreSQL rating ÷ the same rating in plain SQL', value: results.postgres.rating.overByHand, comparison: '≤', threshold: 2, met: results.postgres.rating.overByHand <= 2 },
        ]
      : []),
  ];
  const report = {
    benchmark: 'metering',
    date: new Date().toISOString(),
    wallSeconds: Math.round((Date.now() - started) / 1000),
    quick,
    code: codeVersion(root),
    machine: machine({ postgres: pgVersion, pglite: packageVersion('@electric-sql/pglite'), loadAverageAtStart, loadAverageAtEnd: os.loadavg().map((x) => round(x, 2)) }),
    settings: { ...opts, out: undefined },
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

async function versionOfPostgres() {
  const client = new pg.Client({ connectionString: opts.pgUrl });
  await client.connect();
  const { rows } = await client.query('show server_version');
  await client.end();
  return rows[0].server_version;
}
