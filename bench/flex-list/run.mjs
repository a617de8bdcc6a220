#!/usr/bin/env node
/**
 * flex-list: Flex device look-ups and lists over a large fleet, on PostgreSQL and PGlite.
 * Our authenticated, rate-limited server is measured beside two references taken in the same run:
 * the identical SQL straight through the driver, and a bare Fastify route serving the same bodies
 * from memory. See README.md.
 */
import { benchDatabaseName } from '../lib/scratch.mjs';
import { mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, URLSearchParams } from 'node:url';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { bootstrap, createDb, loadConfig, migrateToLatest, seedFlexDemo, withPreparedStatements } from '@consumo/server';
import { parseArgs } from '../lib/args.mjs';
import { cleanUp, cleanups } from '../lib/cleanups.mjs';
import { startChild } from '../lib/child.mjs';
import { cpuMeter, pidAndChildren, pidsNamed } from '../lib/cpu.mjs';
import { measureHttp } from '../lib/http-load.mjs';
import { codeVersion, machine, packageVersion } from '../lib/machine.mjs';
import { Samples, round, summarize } from '../lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const dataDir = path.join(here, 'data');
const serverBin = path.join(root, 'packages/cli/dist/bin.js');
// The service module the server's route calls: capturing its SQL guarantees the SQL reference runs
// the statements the server runs (not a hand-written approximation that drifts).
const flexServiceModule = path.join(root, 'packages/server/dist/modules/flex/flex.service.js');

const opts = parseArgs(
  process.argv.slice(2),
  {
    devices: { type: 'number', default: 1_000_000, help: 'devices to seed' },
    orders: { type: 'number', default: 48, help: 'orders to seed' },
    engines: { type: 'string', default: 'postgres,pglite', help: 'comma-separated: postgres, pglite' },
    connections: { type: 'number', default: 10, help: 'concurrent HTTP connections, and SQL callers' },
    duration: { type: 'number', default: 10, help: 'measured seconds per scenario and reference' },
    warmup: { type: 'number', default: 3, help: 'warm-up seconds before each measurement' },
    rotate: { type: 'number', default: 1000, help: 'distinct devices (a) and (b) rotate among' },
    deepOffset: { type: 'number', default: 10_000, help: 'offset of scenario (c2)' },
    farOffset: { type: 'number', default: 100_000, help: 'offset of scenario (c3); 0 skips it' },
    pgUrl: {
      type: 'string',
      default: process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
      help: 'PostgreSQL admin URL (BENCH_PG_URL); the scratch database consumo_bench_flex is created beside it',
    },
    skipVacuum: { type: 'boolean', default: false, help: 'do not VACUUM ANALYZE flex_devices after seeding' },
    reuse: { type: 'boolean', default: false, help: 'reuse a database left by --keep when it holds the same devices' },
    keep: { type: 'boolean', default: false, help: 'keep the scratch databases (for --reuse, EXPLAIN, profiling)' },
    cpuProf: { type: 'boolean', default: false, help: 'run the server with --cpu-prof into bench/flex-list/data/profiles' },
    writesPerSecond: {
      type: 'number',
      default: 20,
      help: 'PostgreSQL: also measure (c1) while this many device updates a second commit beside it, each raising the list version (0 skips it)',
    },
    workers: { type: 'number', default: 2, help: 'PostgreSQL: also measure (a) with this many worker processes beside 1, both on Redis (0 or 1 skips it)' },
    redisUrl: { type: 'string', default: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379', help: 'Redis for the workers comparison (BENCH_REDIS_URL)' },
    scenarios: { type: 'string', default: 'get,serial,list,deep,far', help: 'comma-separated scenarios to run: get (a), serial (b), list (c1), deep (c2), far (c3)' },
    compareBin: {
      type: 'string',
      default: '',
      help: "another build's consumo bin (e.g. a copy of an earlier dist) measured on the same scenarios right after ours, in the same run (`before`)",
    },
    out: { type: 'string', default: path.join(here, 'results.json'), help: 'where to write the results' },
  },
  'usage: npm run bench -- flex-list [options]',
);

const engines = opts.engines.split(',').map((e) => e.trim()).filter(Boolean);
for (const e of engines) if (e !== 'postgres' && e !== 'pglite') throw new Error(`unknown engine '${e}'`);
const SCENARIO_KEYS = ['get', 'serial', 'list', 'deep', 'far'];
const selected = new Set(opts.scenarios.split(',').map((k) => k.trim()).filter(Boolean));
for (const k of selected) if (!SCENARIO_KEYS.includes(k)) throw new Error(`unknown scenario '${k}' (one of ${SCENARIO_KEYS.join(', ')})`);
if (!selected.has('get')) throw new Error('scenario get (a) is always measured: it carries the target');

const WORKSPACE = 'bec0ffee00000000000000000000f1ec';
const CLIENT_ID = '0be4c100-0000-4000-8000-000000000001';
const CLIENT_SECRET = 'consumo-bench-flex-secret';
const PG_DATABASE = benchDatabaseName('consumo_bench_flex');
const PGLITE_DIR = path.join(dataDir, 'pglite');
const FIXTURES = path.join(dataDir, 'bare-fixtures.json');
const LIMIT = 50;

const log = (line) => console.log(`[flex-list ${new Date().toISOString().slice(11, 19)}] ${line}`);

// ---------------------------------------------------------------------------------------------
// Clean-up (bench/lib/cleanups.mjs): children and scratch databases go away on success, failure and Ctrl-C alike.

// ---------------------------------------------------------------------------------------------
// Databases

async function pgAdmin(fn) {
  const client = new pg.Client({ connectionString: opts.pgUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates (or, with --reuse, keeps) the engine's scratch database; returns its DATABASE_URL. */
async function scratchDatabase(engine) {
  if (engine === 'postgres') {
    await pgAdmin(async (c) => {
      const exists = (await c.query('select 1 from pg_database where datname = $1', [PG_DATABASE])).rowCount > 0;
      if (exists && !opts.reuse) await c.query(`drop database ${PG_DATABASE} with (force)`);
      if (!exists || !opts.reuse) await c.query(`create database ${PG_DATABASE}`);
    });
    if (!opts.keep) cleanups.push(() => pgAdmin((c) => c.query(`drop database if exists ${PG_DATABASE} with (force)`)));
    const url = new URL(opts.pgUrl);
    url.pathname = `/${PG_DATABASE}`;
    return url.toString();
  }
  if (!opts.reuse) rmSync(PGLITE_DIR, { recursive: true, force: true });
  mkdirSync(PGLITE_DIR, { recursive: true });
  if (!opts.keep) cleanups.push(() => rmSync(PGLITE_DIR, { recursive: true, force: true }));
  return `file://${PGLITE_DIR}`;
}

function serverEnv(databaseUrl) {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    CONSUMO_DEMO: '0',
    CONSUMO_BOOTSTRAP_WORKSPACE_ID: WORKSPACE,
    CONSUMO_BOOTSTRAP_CLIENT_ID: CLIENT_ID,
    CONSUMO_BOOTSTRAP_CLIENT_SECRET: CLIENT_SECRET,
    CONSUMO_CREDENTIALS_FILE: path.join(dataDir, 'credentials.json'),
    CONSUMO_TOKEN_TTL: '86400',
    // Every request passes through the limiter, and none is refused (the Flex limit is 100/min).
    CONSUMO_RATE_LIMIT_MULTIPLIER: '1000000',
    REDIS_URL: '',
    LOG_LEVEL: 'warn',
  };
}

/** Migrate, bootstrap, seed N devices (timed), VACUUM ANALYZE; then pick the targets from the data. */
async function seedAndPickTargets(engine, databaseUrl) {
  const { db } = await createDb(databaseUrl);
  try {
    await migrateToLatest(db);
    await bootstrap(db, loadConfig(serverEnv(databaseUrl)));
    const count = async () =>
      (await sql`select count(*)::int as n from flex_devices where workspace_id = ${WORKSPACE}`.execute(db)).rows[0].n;
    const seeding = { seconds: null, devicesPerSecond: null, vacuumAnalyzeSeconds: null, reused: false };
    if (opts.reuse && (await count()) === opts.devices) {
      seeding.reused = true;
      log(`${engine}: reusing ${opts.devices} seeded devices`);
    } else {
      log(`${engine}: seeding ${opts.devices.toLocaleString('en')} devices, ${opts.orders} orders`);
      let lastTenth = -1;
      const t0 = performance.now();
      await seedFlexDemo(db, WORKSPACE, {
        devices: opts.devices,
        orders: opts.orders,
        onProgress: (done, total) => {
          const tenth = Math.floor((done / total) * 10);
          if (tenth !== lastTenth) {
            lastTenth = tenth;
            log(`${engine}: seeded ${done.toLocaleString('en')}/${total.toLocaleString('en')} (${((performance.now() - t0) / 1000).toFixed(0)}s)`);
          }
        },
      });
      seeding.seconds = round((performance.now() - t0) / 1000, 1);
      seeding.devicesPerSecond = Math.round(opts.devices / seeding.seconds);
      log(`${engine}: seeded in ${seeding.seconds}s (${seeding.devicesPerSecond.toLocaleString('en')} devices/s)`);
    }
    if (!opts.skipVacuum) {
      const t0 = performance.now();
      await sql`vacuum analyze flex_devices`.execute(db);
      seeding.vacuumAnalyzeSeconds = round((performance.now() - t0) / 1000, 1);
      log(`${engine}: vacuum analyze in ${seeding.vacuumAnalyzeSeconds}s`);
    }
    if ((await count()) !== opts.devices) throw new Error(`${engine}: expected ${opts.devices} devices after seeding`);

    // Deterministic but scattered: ordering by a hash spreads the picks over the whole table.
    const picked = (
      await sql`select resource_id, serial_number from flex_devices where workspace_id = ${WORKSPACE}
                order by md5(resource_id::text) limit ${Math.min(opts.rotate, opts.devices)}`.execute(db)
    ).rows;
    // The most common tier among HPE devices: the largest count(*) a make+tier filter gives.
    const tier = (
      await sql`select billing_tier, count(*)::int as n from flex_devices
                where workspace_id = ${WORKSPACE} and make = 'HPE' and billing_tier is not null
                group by billing_tier order by n desc, billing_tier limit 1`.execute(db)
    ).rows[0];
    if (!tier) throw new Error(`${engine}: no HPE device with a billing tier; seed more devices`);
    let version;
    if (engine === 'pglite') version = (await sql`select version() as v`.execute(db)).rows[0].v;
    return {
      seeding,
      version,
      resourceIds: picked.map((r) => r.resource_id),
      serialNumbers: picked.map((r) => r.serial_number),
      tier: tier.billing_tier,
      tierMatches: tier.n,
    };
  } finally {
    await db.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// The statements the server runs, captured from its own service module without a database.

function capturingDb(captured) {
  const connection = {
    async executeQuery(q) {
      captured.push({ sql: q.sql, parameters: [...q.parameters] });
      // The count query must return a row; the rest may come back empty (a get then throws not-found).
      return { rows: /count\(\*\)/.test(q.sql) ? [{ n: 0 }] : [] };
    },
    async *streamQuery() {},
  };
  return new Kysely({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => ({
        init: async () => {},
        acquireConnection: async () => connection,
        beginTransaction: async () => {},
        commitTransaction: async () => {},
        rollbackTransaction: async () => {},
        releaseConnection: async () => {},
        destroy: async () => {},
      }),
      createIntrospector: (db) => new PostgresIntrospector(db),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

async function statementsOf(call) {
  const captured = [];
  const db = capturingDb(captured);
  try {
    await call(db);
  } catch {
    // not-found from the empty result: the statement is captured all the same
  }
  await db.destroy();
  if (captured.length === 0) throw new Error('the service ran no SQL');
  return captured;
}

// ---------------------------------------------------------------------------------------------
// Scenarios

const q = (params) => `/flex/v1beta1/devices?${new URLSearchParams(params).toString().replaceAll('+', '%20')}`;

async function buildScenarios(t) {
  const service = await import(flexServiceModule);
  const listFilter = `make eq 'HPE' and billingTier eq '${t.tier.replaceAll("'", "''")}'`;
  const scenarios = [
    {
      key: 'get',
      label: '(a) GET /devices/{id}',
      requests: t.resourceIds.map((id) => ({
        path: `/flex/v1beta1/devices/${id}`,
        check: (b) => b.id === id,
        statements: () => statementsOf((db) => service.getDevice(db, WORKSPACE, id)),
      })),
    },
    {
      key: 'serial',
      label: "(b) ?filter=serialNumber eq '…'",
      requests: t.serialNumbers.map((sn) => ({
        path: q({ filter: `serialNumber eq '${sn}'` }),
        check: (b) => b.items.length >= 1 && b.items.every((d) => d.serialNumber === sn),
        statements: () => statementsOf((db) => service.listDevices(db, WORKSPACE, { filter: `serialNumber eq '${sn}'` })),
      })),
    },
  ];
  const offsets = [
    ['list', '(c1) make+tier, limit 50, offset 0', 0],
    ['deep', `(c2) make+tier, limit 50, offset ${opts.deepOffset.toLocaleString('en')}`, opts.deepOffset],
  ];
  if (opts.farOffset > 0) offsets.push(['far', `(c3) make+tier, limit 50, offset ${opts.farOffset.toLocaleString('en')}`, opts.farOffset]);
  for (const [key, label, offset] of offsets) {
    if (offset + LIMIT > t.tierMatches) {
      log(`skipping ${label}: only ${t.tierMatches} devices match`);
      continue;
    }
    scenarios.push({
      key,
      label,
      offset,
      requests: [
        {
          path: q({ filter: listFilter, limit: String(LIMIT), offset: String(offset) }),
          check: (b) => b.items.length === LIMIT && b.total === t.tierMatches && b.offset === offset,
          statements: () => statementsOf((db) => service.listDevices(db, WORKSPACE, { filter: listFilter, limit: LIMIT, offset })),
        },
      ],
    });
  }
  const chosen = scenarios.filter((s) => selected.has(s.key));
  for (const s of chosen) {
    for (const r of s.requests) r.statements = await r.statements();
  }
  return chosen;
}

// ---------------------------------------------------------------------------------------------
// Our server and the bare route, over HTTP

async function token(url) {
  const res = await globalThis.fetch(`${url}/as/token.oauth2`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET }).toString(),
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  return (await res.json()).access_token;
}

/** One pass over every request: each must be a 200 with the expected body. Also fills the bare route's fixtures. */
async function checkResponses(url, headers, scenarios, fixtures) {
  for (const s of scenarios) {
    for (const r of s.requests) {
      const res = await globalThis.fetch(url + r.path, { headers });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`${s.label}: GET ${r.path} → ${res.status} ${text}`);
      const body = JSON.parse(text);
      if (!r.check(body)) throw new Error(`${s.label}: GET ${r.path} → unexpected body ${text.slice(0, 500)}`);
      if (s.key === 'get') fixtures.device ??= body;
      else if (s.key === 'serial') fixtures.pages['serial:0'] ??= body;
      else fixtures.pages[`list:${s.offset}`] ??= body;
    }
  }
}

/** CPU milliseconds per completed request, per process group (see ../lib/cpu.mjs). */
function cpuPerRequest(cpu, requests) {
  if (!cpu) return undefined;
  return Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, v === null ? null : round((v * 1000) / requests, 3)]));
}

function meterFor(engine, serverPid) {
  const groups = { loadGenerator: () => [process.pid] };
  // The server and, with CONSUMO_WORKERS, its worker processes.
  if (serverPid) groups.server = () => pidAndChildren(serverPid);
  // Only the backends serving the scratch database: other databases on the machine are not ours.
  if (engine === 'postgres') groups.postgres = () => pidsNamed('postgres', ` ${PG_DATABASE} `);
  return cpuMeter(groups);
}

async function measureServer(label, url, headers, scenarios, into, meter) {
  for (const s of scenarios) {
    log(`${label}: ${s.label} — ${opts.warmup}s warm-up + ${opts.duration}s, ${opts.connections} connections`);
    const r = await measureHttp({
      url,
      headers,
      paths: s.requests.map((x) => x.path),
      connections: opts.connections,
      seconds: opts.duration,
      warmupSeconds: opts.warmup,
      label: `${label} ${s.label}`,
      meter,
    });
    into[s.key] = { p50: r.p50, p99: r.p99, rps: r.rps, requests: r.n, cpuMsPerRequest: cpuPerRequest(r.cpu, r.n) };
    log(`${label}: ${s.label}: p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.rps} req/s`);
  }
}

// ---------------------------------------------------------------------------------------------
// The SQL reference: the captured statements straight through the driver

/**
 * `concurrency` callers in a closed loop, each running one request's statements (concurrently,
 * as the repository's Promise.all does) and waiting for all of them.
 */
async function measureSql(runGroup, groups, concurrency, seconds, warmupSeconds, meter) {
  const window = async (secs, meterThis) => {
    const stopMeter = meterThis?.();
    const samples = new Samples();
    let next = 0;
    const started = performance.now();
    const end = started + secs * 1000;
    const caller = async () => {
      while (performance.now() < end) {
        const group = groups[next++ % groups.length];
        const t0 = performance.now();
        await runGroup(group);
        samples.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, caller));
    const cpu = stopMeter?.();
    return { ...summarize(samples.values(), (performance.now() - started) / 1000), cpu };
  };
  if (warmupSeconds > 0) await window(warmupSeconds);
  const r = await window(seconds, meter);
  return { p50: r.p50, p99: r.p99, rps: r.rps, requests: r.n, cpuMsPerRequest: cpuPerRequest(r.cpu, r.n) };
}

/** A driver for the SQL reference: pg.Pool (PostgreSQL) or one PGlite behind a FIFO lock, as the server holds it. */
async function sqlDriver(engine, databaseUrl) {
  if (engine === 'postgres') {
    // Statements are sent as the server sends them: named, so PostgreSQL plans each once per connection.
    const pool = withPreparedStatements(new pg.Pool({ connectionString: databaseUrl, max: opts.connections }));
    // An idle connection ended by the server (the cleanup's `drop database … with (force)`) is an
    // 'error' on the pool; unheard, it crashed the benchmark after its results were written (CI, 2026-12-08).
    pool.on('error', (err) => log(`${engine} SQL pool: an idle connection ended: ${err.message}`));
    return {
      query: (s) => pool.query(s.sql, s.parameters),
      close: () => pool.end(),
    };
  }
  const pglite = await PGlite.create({ dataDir: PGLITE_DIR });
  let queue = Promise.resolve();
  return {
    // PGlite is one connection: statements run one at a time, callers queue (like the server's PGlitePool).
    query: (s) => {
      const run = queue.then(() => pglite.query(s.sql, s.parameters));
      queue = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    },
    close: () => pglite.close(),
  };
}

async function measureSqlReference(engine, databaseUrl, scenarios, results, plans) {
  const driver = await sqlDriver(engine, databaseUrl);
  try {
    for (const s of scenarios) {
      const groups = s.requests.map((r) => r.statements);
      // Same answers as over HTTP: one row per look-up, a full page and the right total per list.
      for (const group of groups) {
        const [rows, count] = await Promise.all(group.map((st) => driver.query(st)));
        const ok = s.key === 'get' ? rows.rows.length === 1 : rows.rows.length >= 1 && count?.rows[0]?.n >= rows.rows.length;
        if (!ok) throw new Error(`${engine} SQL ${s.label}: unexpected result for ${JSON.stringify(group[0])}`);
      }
      const runGroup = (group) => Promise.all(group.map((st) => driver.query(st)));
      log(`${engine} SQL: ${s.label} — ${opts.connections} callers`);
      // The driver runs in this process: loadGenerator is the client side of the SQL here.
      const same = await measureSql(runGroup, groups, opts.connections, opts.duration, opts.warmup, meterFor(engine));
      log(`${engine} SQL: ${s.label} — 1 caller`);
      const serial = await measureSql(runGroup, groups, 1, opts.duration, opts.warmup);
      results[s.key].sql = same;
      results[s.key].sqlSerial = serial;
      log(`${engine} SQL: ${s.label}: p50 ${same.p50} ms, p99 ${same.p99} ms, ${same.rps}/s; 1 caller: p50 ${serial.p50} ms, ${serial.rps}/s`);
      plans[s.key] = [];
      for (const st of groups[0]) {
        const res = await driver.query({ sql: `explain (analyze, buffers) ${st.sql}`, parameters: st.parameters });
        plans[s.key].push({ sql: st.sql, parameters: st.parameters, plan: res.rows.map((r) => r['QUERY PLAN']) });
      }
    }
  } finally {
    await driver.close();
  }
}

// ---------------------------------------------------------------------------------------------
// One engine, end to end

async function runEngine(engine) {
  const databaseUrl = await scratchDatabase(engine);
  const targets = await seedAndPickTargets(engine, databaseUrl);
  log(`${engine}: targets — ${targets.resourceIds.length} resource ids and serial numbers; billingTier '${targets.tier}' (${targets.tierMatches.toLocaleString('en')} HPE devices)`);
  const scenarios = await buildScenarios(targets);
  const results = Object.fromEntries(scenarios.map((s) => [s.key, { label: s.label, request: s.requests[0].path }]));
  const fixtures = { device: undefined, pages: {} };

  // Our server
  const nodeArgs = opts.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', path.join(dataDir, 'profiles', engine)] : [];
  const server = await startChild({
    label: `server/${engine}`,
    args: [...nodeArgs, serverBin, 'serve'],
    env: serverEnv(databaseUrl),
    ready: /listening on (http:\/\/\S+)/,
    cwd: root,
  });
  cleanups.push(() => server.stop());
  const headers = { authorization: `Bearer ${await token(server.url)}` };
  await checkResponses(server.url, headers, scenarios, fixtures);
  const ours = {};
  await measureServer(`${engine} server`, server.url, headers, scenarios, ours, meterFor(engine, server.pid));
  const written = await measureWhileWritten(engine, databaseUrl, server.url, headers, scenarios, targets, meterFor(engine, server.pid));
  const code = await server.stop();
  cleanups.pop();
  if (code !== 0) throw new Error(`server/${engine} exited with ${code} on SIGTERM`);

  const before = opts.compareBin ? await measureCompareBin(engine, databaseUrl, scenarios, headers) : undefined;

  const workers = await measureWorkers(engine, databaseUrl, scenarios, headers);

  // The bare route, same requests, same bodies
  writeFileSync(FIXTURES, JSON.stringify(fixtures));
  const bare = await startChild({
    label: 'bare',
    args: [path.join(here, 'bare-server.mjs')],
    env: { BENCH_FIXTURES: FIXTURES },
    ready: /listening on (http:\/\/\S+)/,
  });
  cleanups.push(() => bare.stop());
  const bareResults = {};
  await measureServer(`${engine} bare`, bare.url, headers, scenarios, bareResults, meterFor('none', bare.pid));
  await bare.stop();
  cleanups.pop();
  rmSync(FIXTURES, { force: true });

  // The SQL, straight through the driver (after the server stopped: PGlite allows one process per directory)
  const plans = {};
  await measureSqlReference(engine, databaseUrl, scenarios, results, plans);

  for (const s of scenarios) {
    const r = results[s.key];
    r.ours = ours[s.key];
    r.bare = bareResults[s.key];
    if (before) r.before = before[s.key];
    r.ratios = {
      // share of a bare Fastify route's throughput we keep (1 = no overhead above the framework)
      oursRpsOverBareRps: round(r.ours.rps / r.bare.rps, 3),
      // how many times the SQL's own latency a request takes (1 = the server adds nothing)
      oursP50OverSqlP50: round(r.ours.p50 / r.sql.p50, 2),
      // share of the driver's throughput on the same statements we keep
      oursRpsOverSqlRps: round(r.ours.rps / r.sql.rps, 3),
      // context, not a score: how far the SQL alone gets against the bare route — on a machine where
      // the load generator, server and database share few cores, a ceiling for oursRpsOverBareRps
      sqlRpsOverBareRps: round(r.sql.rps / r.bare.rps, 3),
      // server-process CPU per request against the bare route's: robust when the load generator, not the server, is the limit
      oursServerCpuOverBareCpu: serverCpuRatio(r.ours, r.bare),
      ...(before && {
        // --compare-bin: this build against the other, same run
        oursRpsOverBeforeRps: round(r.ours.rps / r.before.rps, 3),
        beforeRpsOverBareRps: round(r.before.rps / r.bare.rps, 3),
        oursServerCpuOverBeforeCpu: serverCpuRatio(r.ours, r.before),
      }),
    };
    r.statements = s.requests[0].statements.map((st) => st.sql);
  }
  return {
    seeding: targets.seeding,
    version: targets.version,
    targets: {
      rotatedResourceIds: targets.resourceIds.length,
      billingTier: targets.tier,
      makeTierMatches: targets.tierMatches,
      sampleResourceId: targets.resourceIds[0],
      sampleSerialNumber: targets.serialNumbers[0],
    },
    scenarios: results,
    ...(written && { whileWritten: written }),
    ...(workers && { workers }),
    plans,
  };
}

/**
 * Issue 18 point 4 (ADR 0029): (c1) again while devices are written beside it — `--writes-per-second`
 * updates of one device a second (its generation, not its make or tier, so the answer stays the
 * same), each committed on its own and raising the list version, so requests after each write count
 * again instead of using the kept total. What a list costs on a table that is changing; PostgreSQL
 * only (PGlite is one connection, held by the server).
 */
/** One measurement's server CPU per request over another's, or null when either was not measured. */
function serverCpuRatio(a, b) {
  const x = a.cpuMsPerRequest?.server;
  const y = b.cpuMsPerRequest?.server;
  return x && y ? round(x / y, 2) : null;
}

async function measureWhileWritten(engine, databaseUrl, url, headers, scenarios, targets, meter) {
  const list = scenarios.find((s) => s.key === 'list');
  if (engine !== 'postgres' || !list || opts.writesPerSecond <= 0) return undefined;
  const writer = new pg.Client({ connectionString: databaseUrl });
  await writer.connect();
  let writes = 0;
  let stop = false;
  const every = 1000 / opts.writesPerSecond;
  const writing = (async () => {
    const started = performance.now();
    while (!stop) {
      const id = targets.resourceIds[writes % targets.resourceIds.length];
      await writer.query('update flex_devices set generation = generation + 1 where workspace_id = $1 and resource_id = $2', [WORKSPACE, id]);
      writes++;
      const wait = started + writes * every - performance.now();
      if (wait > 0) await sleep(wait);
    }
  })();
  try {
    const label = `${list.label}, ${opts.writesPerSecond} device writes/s beside it`;
    log(`${engine} server: ${label} — ${opts.warmup}s warm-up + ${opts.duration}s, ${opts.connections} connections`);
    const started = performance.now();
    const r = await measureHttp({
      url,
      headers,
      paths: list.requests.map((x) => x.path),
      connections: opts.connections,
      seconds: opts.duration,
      warmupSeconds: opts.warmup,
      label: `${engine} server ${label}`,
      meter,
    });
    const seconds = (performance.now() - started) / 1000;
    log(`${engine} server: ${label}: p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.rps} req/s`);
    stop = true;
    await writing;
    return {
      label,
      request: list.requests[0].path,
      writesPerSecond: round(writes / seconds, 1),
      p50: r.p50,
      p99: r.p99,
      rps: r.rps,
      requests: r.n,
      cpuMsPerRequest: cpuPerRequest(r.cpu, r.n),
    };
  } finally {
    stop = true;
    await writing.catch(() => undefined);
    await writer.end();
  }
}

/**
 * `--compare-bin`: the same scenarios against another build's server (say, a copy of the dist
 * before a change), started the same way right after ours, so the two share the run's load.
 */
async function measureCompareBin(engine, databaseUrl, scenarios, headers) {
  const server = await startChild({
    label: `server/${engine}/before`,
    args: [opts.compareBin, 'serve'],
    env: serverEnv(databaseUrl),
    ready: /listening on (http:\/\/\S+)/,
    cwd: root,
  });
  cleanups.push(() => server.stop());
  const into = {};
  await measureServer(`${engine} before (${opts.compareBin})`, server.url, headers, scenarios, into, meterFor(engine, server.pid));
  const code = await server.stop();
  cleanups.pop();
  if (code !== 0) throw new Error(`server/${engine}/before exited with ${code} on SIGTERM`);
  return into;
}

/**
 * Issue 18 point 3: scenario (a) served by `--workers` processes beside 1, both with the rate-limit
 * budgets in Redis (which several workers need), so the comparison is of the process count alone.
 */
async function measureWorkers(engine, databaseUrl, scenarios, headers) {
  if (engine !== 'postgres' || opts.workers < 2) return undefined;
  const get = scenarios.filter((s) => s.key === 'get');
  const out = { redisUrl: opts.redisUrl.replace(/\/\/[^@]*@/, '//…@') };
  for (const n of [1, opts.workers]) {
    const server = await startChild({
      label: `server/${engine}/${n} workers`,
      args: [serverBin, 'serve'],
      env: { ...serverEnv(databaseUrl), REDIS_URL: opts.redisUrl, CONSUMO_WORKERS: String(n) },
      ready: /listening on (http:\/\/\S+)/,
      cwd: root,
    });
    cleanups.push(() => server.stop());
    const into = {};
    await measureServer(`${engine} ${n} worker process${n === 1 ? '' : 'es'}`, server.url, headers, get, into, meterFor(engine, server.pid));
    out[`workers${n}`] = into.get;
    const code = await server.stop();
    cleanups.pop();
    if (code !== 0) throw new Error(`server/${engine} with ${n} workers exited with ${code} on SIGTERM`);
  }
  out.rpsRatio = round(out[`workers${opts.workers}`].rps / out.workers1.rps, 3);
  return out;
}

// ---------------------------------------------------------------------------------------------

function fmt(x, w = 8) {
  return String(x ?? '—').padStart(w);
}

function printSummary(out) {
  const lines = [];
  lines.push('');
  lines.push(`flex-list — ${out.settings.devices.toLocaleString('en')} devices, ${out.settings.connections} connections, ${out.settings.seconds}s per measurement`);
  lines.push(`machine: ${out.machine.os}, ${out.machine.cpus}× ${out.machine.cpuModel}, node ${out.machine.node}, PostgreSQL ${out.machine.postgres ?? '—'}, PGlite ${out.machine.pglite}`);
  for (const [engine, e] of Object.entries(out.engines)) {
    lines.push('');
    const seeded = e.seeding.reused ? 'reused' : `${e.seeding.seconds}s`;
    lines.push(`${engine}: seeding ${seeded}, vacuum analyze ${e.seeding.vacuumAnalyzeSeconds ?? '—'}s; billingTier '${e.targets.billingTier}' (${e.targets.makeTierMatches.toLocaleString('en')} matches)`);
    lines.push(
      `  ${'scenario'.padEnd(40)} ${'ours p50'.padStart(8)} ${'p99'.padStart(8)} ${'req/s'.padStart(8)} | ${'sql p50'.padStart(8)} ${'p99'.padStart(8)} ${'/s'.padStart(8)} | ${'bare p50'.padStart(8)} ${'req/s'.padStart(8)} | ${'ours/bare'.padStart(9)} ${'ours/sql'.padStart(8)} | ${'cpu/req'.padStart(7)} ${'db'.padStart(6)} ${'bare'.padStart(6)}`,
    );
    lines.push(`  ${''.padEnd(40)} ${'ms'.padStart(8)} ${'ms'.padStart(8)} ${''.padStart(8)} | ${'ms'.padStart(8)} ${'ms'.padStart(8)} ${''.padStart(8)} | ${'ms'.padStart(8)} ${''.padStart(8)} | ${'rps'.padStart(9)} ${'p50'.padStart(8)} | ${'ms'.padStart(7)} ${'ms'.padStart(6)} ${'ms'.padStart(6)}`);
    for (const r of Object.values(e.scenarios)) {
      lines.push(
        `  ${r.label.padEnd(40)} ${fmt(r.ours.p50)} ${fmt(r.ours.p99)} ${fmt(Math.round(r.ours.rps))} | ${fmt(r.sql.p50)} ${fmt(r.sql.p99)} ${fmt(Math.round(r.sql.rps))} | ${fmt(r.bare.p50)} ${fmt(Math.round(r.bare.rps))} | ${fmt(`${Math.round(r.ratios.oursRpsOverBareRps * 100)}%`, 9)} ${fmt(`${r.ratios.oursP50OverSqlP50}×`)} | ${fmt(r.ours.cpuMsPerRequest?.server, 7)} ${fmt(r.ours.cpuMsPerRequest?.postgres, 6)} ${fmt(r.bare.cpuMsPerRequest?.server, 6)}`,
      );
      if (r.before) {
        lines.push(
          `  ${'  the same, before (--compare-bin)'.padEnd(40)} ${fmt(r.before.p50)} ${fmt(r.before.p99)} ${fmt(Math.round(r.before.rps))} | ${fmt('')} ${fmt('')} ${fmt('')} | ${fmt('')} ${fmt('')} | ${fmt(`${Math.round(r.ratios.beforeRpsOverBareRps * 100)}%`, 9)} ${fmt('')} | ${fmt(r.before.cpuMsPerRequest?.server, 7)} ${fmt(r.before.cpuMsPerRequest?.postgres, 6)} ${fmt('', 6)}`,
        );
      }
    }
    if (e.whileWritten) {
      const w = e.whileWritten;
      lines.push(
        `  ${w.label}: p50 ${w.p50} ms, p99 ${w.p99} ms, ${Math.round(w.rps)} req/s (${w.writesPerSecond} writes/s; cpu/req ${w.cpuMsPerRequest?.server ?? '—'} ms, db ${w.cpuMsPerRequest?.postgres ?? '—'} ms)`,
      );
    }
    if (e.workers) {
      const n = Object.keys(e.workers).filter((k) => k.startsWith('workers') && k !== 'workers1')[0];
      const one = e.workers.workers1;
      const many = e.workers[n];
      lines.push(
        `  (a) on Redis: 1 worker ${Math.round(one.rps)} req/s (p99 ${one.p99} ms, cpu/req ${one.cpuMsPerRequest?.server ?? '—'} ms); ${n.slice(7)} workers ${Math.round(many.rps)} req/s (p99 ${many.p99} ms, cpu/req ${many.cpuMsPerRequest?.server ?? '—'} ms): ${e.workers.rpsRatio}×`,
      );
    }
  }
  lines.push('');
  lines.push('cpu/req: CPU ms per request of our server process (db: of the PostgreSQL backends; bare: of the bare route).');
  lines.push('');
  lines.push('targets:');
  for (const t of out.targets) lines.push(`  ${t.met ? 'MET   ' : 'MISSED'} ${t.name}: ${t.value} ${t.unit} (target ${t.comparison} ${t.threshold} ${t.unit})`);
  console.log(lines.join('\n'));
}

function checkTargets(enginesOut) {
  const targets = [];
  const pgRun = enginesOut.postgres;
  if (pgRun) {
    for (const key of ['get', 'serial']) {
      const r = pgRun.scenarios[key];
      if (!r) continue;
      targets.push({
        name: `PostgreSQL ${r.label} p99`,
        engine: 'postgres',
        scenario: key,
        value: r.ours.p99,
        comparison: '<',
        threshold: 25,
        unit: 'ms',
        met: r.ours.p99 < 25,
      });
    }
    // Issue 18 point 4: the lists at 1,000,000 devices, total exact.
    for (const key of ['list', 'deep', 'far']) {
      const r = pgRun.scenarios[key];
      if (!r) continue;
      targets.push({
        name: `PostgreSQL ${r.label} p99`,
        engine: 'postgres',
        scenario: key,
        value: r.ours.p99,
        comparison: '<',
        threshold: 50,
        unit: 'ms',
        met: r.ours.p99 < 50,
      });
    }
  }
  for (const [engine, e] of Object.entries(enginesOut)) {
    const r = e.scenarios.get;
    const share = round(r.ratios.oursRpsOverBareRps * 100, 1);
    targets.push({
      name: `${engine === 'postgres' ? 'PostgreSQL' : 'PGlite'} (a) authenticated, rate-limited req/s as a share of the bare route's`,
      engine,
      scenario: 'get',
      value: share,
      comparison: '≥',
      threshold: 40,
      unit: '%',
      met: share >= 40,
      ...(engine === 'pglite' && {
        note: 'PGlite runs inside the server process, so its query work shares the one thread with HTTP; informational',
      }),
    });
  }
  return targets;
}

async function main() {
  if (!existsSync(serverBin) || !existsSync(flexServiceModule)) {
    throw new Error('packages are not built: run `npx tsc -b packages/cli` (or `npm ci`) first');
  }
  mkdirSync(dataDir, { recursive: true });
  const started = new Date();
  const loadAverageAtStart = os.loadavg().map((x) => round(x, 2));
  const codeAtStart = codeVersion(root);
  const enginesOut = {};
  let postgresVersion;
  for (const engine of engines) {
    if (engine === 'postgres') postgresVersion = await pgAdmin(async (c) => (await c.query('show server_version')).rows[0].server_version);
    enginesOut[engine] = await runEngine(engine);
  }
  const out = {
    benchmark: 'flex-list',
    date: started.toISOString(),
    wallSeconds: round((Date.now() - started.getTime()) / 1000, 0),
    code: codeAtStart,
    machine: machine({
      postgres: postgresVersion,
      pglite: `${packageVersion('@electric-sql/pglite')} (${(enginesOut.pglite?.version ?? '').split(' on ')[0] || 'not run'})`,
      fastify: packageVersion('fastify'),
      autocannon: packageVersion('autocannon'),
      // 1/5/15-minute load averages: well above 0 at the start means something else was running
      loadAverageAtStart,
      loadAverageAtEnd: os.loadavg().map((x) => round(x, 2)),
    }),
    settings: {
      devices: opts.devices,
      orders: opts.orders,
      engines,
      connections: opts.connections,
      warmupSeconds: opts.warmup,
      seconds: opts.duration,
      rotatedTargets: opts.rotate,
      listLimit: LIMIT,
      deepOffset: opts.deepOffset,
      farOffset: opts.farOffset || null,
      vacuumAnalyzeAfterSeeding: !opts.skipVacuum,
      scenarios: [...selected],
      compareBin: opts.compareBin || null,
      rateLimitMultiplier: 1_000_000,
    },
    seeding: Object.fromEntries(Object.entries(enginesOut).map(([k, e]) => [k, e.seeding])),
    engines: enginesOut,
    targets: checkTargets(enginesOut),
  };
  for (const e of Object.values(out.engines)) delete e.version;
  writeFileSync(opts.out, `${JSON.stringify(out, null, 2)}\n`);
  printSummary(out);
  console.log(`\nwrote ${path.relative(process.cwd(), opts.out)}`);
}

try {
  await main();
} catch (err) {
  console.error(`\nflex-list FAILED: ${err.stack ?? err}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
