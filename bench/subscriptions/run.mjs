#!/usr/bin/env node
/**
 * subscriptions: Subscription Management's asynchronous add operations (acceptance rate, time
 * until every operation is terminal, keys claimed per second) and its filtered list, on
 * PostgreSQL and PGlite. Each is measured beside a reference taken in the same run: the same
 * claims as the bare minimum SQL straight through the driver, and the list's own SQL straight
 * through the driver. See README.md.
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
import { bootstrap, createDb, loadConfig, migrateToLatest, withPreparedStatements } from '@consumo/server';
import { parseArgs } from '../lib/args.mjs';
import { cleanUp, cleanups } from '../lib/cleanups.mjs';
import { startChild } from '../lib/child.mjs';
import { cpuMeter, pidsNamed } from '../lib/cpu.mjs';
import { measureHttp } from '../lib/http-load.mjs';
import { codeVersion, machine, packageVersion } from '../lib/machine.mjs';
import { Samples, round, summarize } from '../lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const dataDir = path.join(here, 'data');
const serverBin = path.join(root, 'packages/cli/dist/bin.js');
// The service module the list route calls: capturing its SQL guarantees the SQL reference runs the
// statements the server runs (not a hand-written approximation that drifts).
const serviceModule = path.join(root, 'packages/server/dist/modules/subscriptions/subscriptions.service.js');

const quick = process.argv.includes('--quick');
const opts = parseArgs(
  process.argv.slice(2),
  {
    quick: { type: 'boolean', default: false, help: 'a small smoke run (< 1 min): 50 requests, 5,000 subscriptions, 2 s windows, no variants; writes data/results-quick.json' },
    engines: { type: 'string', default: 'postgres,pglite', help: 'comma-separated: postgres, pglite' },
    requests: { type: 'number', default: quick ? 50 : 1000, help: '(a) add requests, each of --keys-per-request keys' },
    keysPerRequest: { type: 'number', default: 5, help: '(a) keys per add request, 1..5' },
    inFlight: { type: 'number', default: 16, help: '(a) add requests in flight at once' },
    warmupRequests: { type: 'number', default: quick ? 5 : 20, help: '(a) add requests sent and settled before the measured ones' },
    subscriptions: { type: 'number', default: quick ? 5_000 : 100_000, help: '(b) subscriptions seeded in the workspace' },
    connections: { type: 'number', default: 10, help: '(b) concurrent HTTP connections, and SQL callers' },
    duration: { type: 'number', default: quick ? 2 : 10, help: '(b) measured seconds per measurement' },
    warmup: { type: 'number', default: quick ? 1 : 3, help: '(b) warm-up seconds before each measurement' },
    variants: {
      type: 'boolean',
      default: !quick,
      help: '(b) PostgreSQL: also measure the list SQL on connections with plan_cache_mode = force_custom_plan, and with jit = off (--variants=false skips them)',
    },
    pgUrl: {
      type: 'string',
      default: process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
      help: 'PostgreSQL admin URL (BENCH_PG_URL); the scratch database consumo_bench_subscriptions is created beside it',
    },
    keep: { type: 'boolean', default: false, help: 'keep the scratch databases (for EXPLAIN, profiling)' },
    cpuProf: { type: 'boolean', default: false, help: 'run the server with --cpu-prof into bench/subscriptions/data/profiles' },
    queryTimes: { type: 'boolean', default: false, help: 'time every statement the server sends (query-times.mjs) into data/query-times-<engine>.txt' },
    out: {
      type: 'string',
      default: quick ? path.join(dataDir, 'results-quick.json') : path.join(here, 'results.json'),
      help: 'where to write the results',
    },
  },
  'usage: npm run bench -- subscriptions [options]',
);

const engines = opts.engines.split(',').map((e) => e.trim()).filter(Boolean);
for (const e of engines) if (e !== 'postgres' && e !== 'pglite') throw new Error(`unknown engine '${e}'`);
if (!Number.isInteger(opts.keysPerRequest) || opts.keysPerRequest < 1 || opts.keysPerRequest > 5) throw new Error('--keys-per-request must be 1..5');
if (opts.requests < 1 || opts.inFlight < 1) throw new Error('--requests and --in-flight must be at least 1');
/** (b) seconds of the 1-caller measurements (ours with 1 connection, the SQL with 1 caller). */
const serialSeconds = () => Math.max(1, Math.round(opts.duration / 2));

const WORKSPACE = 'bec0ffee00000000000000000000505b';
// The SQL reference of (a) claims into a workspace of its own, so the bench workspace keeps exactly the listed rows.
const REFERENCE_WORKSPACE = 'bec0ffee0000000000000000000052ef';
const CLIENT_ID = '0be4c100-0000-4000-8000-000000000505';
const CLIENT_SECRET = 'consumo-bench-subscriptions-secret';
const PG_DATABASE = benchDatabaseName('consumo_bench_subscriptions');
const PGLITE_DIR = path.join(dataDir, 'pglite');
const LIMIT = 50;
const FILTER = "subscriptionType eq 'CENTRAL_AP' and quantity ge 10";
const FILTER_TAGS = "'location' eq 'london'";
// Key prefixes of the catalog: listed (claimed by SQL for (b)), warm-up, measured (a), and the SQL reference of (a).
const PREFIX = { list: 'LST', warm: 'WRM', ops: 'OPS', ref: 'REF' };
const LOCATIONS = ['London', 'Paris', 'Berlin', 'Madrid', 'Rome', 'Dublin', 'Amsterdam', 'Vienna', 'Prague', 'Lisbon'];
const TERMINAL = new Set(['SUCCEEDED', 'FAILED', 'TIMEDOUT']);

const log = (line) => console.log(`[subscriptions ${new Date().toISOString().slice(11, 19)}] ${line}`);

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

/** Creates the engine's scratch database afresh; returns its DATABASE_URL. */
async function scratchDatabase(engine) {
  if (engine === 'postgres') {
    await pgAdmin(async (c) => {
      await c.query(`drop database if exists ${PG_DATABASE} with (force)`);
      await c.query(`create database ${PG_DATABASE}`);
    });
    if (!opts.keep) cleanups.push(() => pgAdmin((c) => c.query(`drop database if exists ${PG_DATABASE} with (force)`)));
    const url = new URL(opts.pgUrl);
    url.pathname = `/${PG_DATABASE}`;
    return url.toString();
  }
  rmSync(PGLITE_DIR, { recursive: true, force: true });
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
    // Every request passes through the limiter, and none is refused (add: 4/min, list: 60/min per workspace).
    CONSUMO_RATE_LIMIT_MULTIPLIER: '100000',
    CONSUMO_ASYNC_STEP_DELAY_MS: '0',
    REDIS_URL: '',
    LOG_LEVEL: 'warn',
  };
}

/**
 * Issues `count` keys `<prefix>-0000001…` into the provider catalog. Values come from hashes of the
 * number, so they are the same every run and uncorrelated with each other. `claimable` keys are
 * STARTED and end in the future; the others have a spread of end dates (some ENDED) and a few
 * suspended ones, as a real workspace's list has.
 */
function issueKeys(db, prefix, count, claimable) {
  return sql`
    insert into subscription_keys (key, sku, sku_description, subscription_type, tier, tier_description, product_type,
      quantity, is_eval, start_time, end_time, provider_status, contract, quote, po, reseller_po, end_user_name, order_class)
    select ${prefix} || '-' || lpad(i::text, 7, '0'),
      'R' || lpad((abs(hashtext('sku' || i)) % 40)::text, 3, '0') || 'AAE',
      'Bench subscription SKU ' || (abs(hashtext('sku' || i)) % 40),
      (array['CENTRAL_AP', 'CENTRAL_AP', 'CENTRAL_AP', 'CENTRAL_SWITCH', 'CENTRAL_SWITCH', 'CENTRAL_GW', 'CENTRAL_STORAGE',
             'CENTRAL_COMPUTE', 'SERVICE', 'UXI_SENSOR_CLOUD'])[1 + abs(hashtext('type' || i)) % 10],
      (array['FOUNDATION_AP', 'ADVANCED_AP', 'FOUNDATION_SWITCH_6100', 'ADVANCED_SWITCH_6300', 'FOUNDATION_WLAN_GW',
             'STANDARD_PROLIANT', 'FOUNDATION_ALLETRA'])[1 + abs(hashtext('tier' || i)) % 7],
      'Bench tier',
      (array['DEVICE', 'DEVICE', 'DEVICE', 'SERVICE', 'SUPPORT'])[1 + abs(hashtext('product' || i)) % 5],
      1 + abs(hashtext('quantity' || i)) % 100,
      i % 20 = 0,
      e.end_time - interval '3 years',
      e.end_time,
      case when ${claimable} or i % 50 <> 7 then 'STARTED' else 'SUSPENDED' end,
      'CT-' || (abs(hashtext('contract' || i)) % 1000),
      'Q-' || (abs(hashtext('quote' || i)) % 5000),
      'PO-' || (abs(hashtext('po' || i)) % 5000),
      null,
      'Bench Company',
      'ZNS'
    from generate_series(1, ${count}::int) as i,
      lateral (select date_trunc('day', now()) + (case when ${claimable} then 30 + abs(hashtext('end' || i)) % 1000
                                                       else abs(hashtext('end' || i)) % 1460 - 365 end) * interval '1 day' as end_time) as e
  `.execute(db);
}

/** Claims every LST key for the workspace in one statement, with a created_at a minute apart and two tags each. */
function claimListKeys(db) {
  return sql`
    insert into subscriptions (workspace_id, id, key, generation, created_at, updated_at, sku, sku_description,
      subscription_type, tier, tier_description, product_type, quantity, available_quantity, is_eval, start_time, end_time,
      provider_status, contract, quote, po, reseller_po, end_user_name, order_class, tags)
    select ${WORKSPACE}, gen_random_uuid(), k.key, 1, c.created_at, c.created_at, k.sku, k.sku_description,
      k.subscription_type, k.tier, k.tier_description, k.product_type, k.quantity, k.quantity, k.is_eval, k.start_time, k.end_time,
      k.provider_status, k.contract, k.quote, k.po, k.reseller_po, k.end_user_name, k.order_class,
      jsonb_build_object(
        'Location', (${sql.raw(`array[${LOCATIONS.map((l) => `'${l}'`).join(', ')}]`)})[1 + abs(hashtext('location' || k.key)) % ${LOCATIONS.length}],
        'CostCenter', 'CC-' || lpad((abs(hashtext('costcenter' || k.key)) % 50)::text, 3, '0'))
    from subscription_keys k,
      lateral (select timestamptz '2025-01-01T00:00:00Z' + substr(k.key, 5)::int * interval '1 minute' as created_at) as c
    where k.key like ${`${PREFIX.list}-%`}
  `.execute(db).then(() =>
    // The claim's other half: the key catalog names its holder (migration 0015).
    sql`update subscription_keys k set claimed_by = ${WORKSPACE} where k.key like ${`${PREFIX.list}-%`}`.execute(db),
  );
}

/** Migrate, bootstrap, issue and claim keys, VACUUM ANALYZE; the (b) filter's expected total. */
async function seed(engine, databaseUrl) {
  const { db } = await createDb(databaseUrl);
  try {
    log(`${engine}: migrating and bootstrapping the scratch database`);
    await migrateToLatest(db);
    await bootstrap(db, loadConfig(serverEnv(databaseUrl)));
    await sql`insert into workspaces (id, name) values (${REFERENCE_WORKSPACE}, 'bench: SQL reference of (a)')`.execute(db);
    const opsKeys = opts.requests * opts.keysPerRequest;
    const warmKeys = opts.warmupRequests * opts.keysPerRequest;
    log(`${engine}: issuing ${(opts.subscriptions + warmKeys + 2 * opsKeys).toLocaleString('en')} keys, claiming ${opts.subscriptions.toLocaleString('en')} by SQL`);
    const t0 = performance.now();
    await issueKeys(db, PREFIX.list, opts.subscriptions, false);
    await issueKeys(db, PREFIX.warm, warmKeys, true);
    await issueKeys(db, PREFIX.ops, opsKeys, true);
    await issueKeys(db, PREFIX.ref, opsKeys, true);
    await claimListKeys(db);
    const seconds = round((performance.now() - t0) / 1000, 1);
    const t1 = performance.now();
    await sql`vacuum analyze subscription_keys`.execute(db);
    await sql`vacuum analyze subscriptions`.execute(db);
    const vacuumAnalyzeSeconds = round((performance.now() - t1) / 1000, 1);
    log(`${engine}: seeded in ${seconds}s, vacuum analyze ${vacuumAnalyzeSeconds}s`);
    const n = async (q) => (await q.execute(db)).rows[0].n;
    const listed = await n(sql`select count(*)::int as n from subscriptions where workspace_id = ${WORKSPACE}`);
    if (listed !== opts.subscriptions) throw new Error(`${engine}: expected ${opts.subscriptions} subscriptions after seeding, found ${listed}`);
    // The answer the filter must give, written independently of the server's compiler.
    const expectedTotal = await n(sql`
      select count(*)::int as n from subscriptions where workspace_id = ${WORKSPACE}
        and subscription_type = 'CENTRAL_AP' and quantity >= 10 and lower(tags ->> 'Location') = 'london'`);
    let version;
    if (engine === 'pglite') version = (await sql`select version() as v`.execute(db)).rows[0].v;
    return { seeding: { seconds, vacuumAnalyzeSeconds, keysIssued: opts.subscriptions + warmKeys + 2 * opsKeys }, expectedTotal, version };
  } finally {
    await db.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// The list statements the server runs, captured from its own service module without a database.

function capturingDb(captured) {
  const connection = {
    async executeQuery(q) {
      captured.push({ sql: q.sql, parameters: [...q.parameters] });
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

async function listStatements() {
  const service = await import(serviceModule);
  const captured = [];
  const db = capturingDb(captured);
  await service.listSubscriptions({ db, now: () => Date.now() }, WORKSPACE, { filter: FILTER, 'filter-tags': FILTER_TAGS, limit: LIMIT });
  await db.destroy();
  if (captured.length !== 2) throw new Error(`expected the list to run a page and a count query, captured ${captured.length}`);
  return captured;
}

const listPath = () =>
  `/subscriptions/v1/subscriptions?${new URLSearchParams({ filter: FILTER, 'filter-tags': FILTER_TAGS, limit: String(LIMIT) })
    .toString()
    .replaceAll('+', '%20')}`;

// ---------------------------------------------------------------------------------------------
// HTTP helpers

async function token(url) {
  const res = await globalThis.fetch(`${url}/authorization/v2/oauth2/${WORKSPACE}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET }).toString(),
  });
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${await res.text()}`);
  return (await res.json()).access_token;
}

/** CPU milliseconds per unit of work, per process group (see ../lib/cpu.mjs). */
function cpuPer(cpu, units) {
  if (!cpu) return undefined;
  return Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, v === null ? null : round((v * 1000) / units, 3)]));
}

function meterFor(engine, serverPid) {
  const groups = { loadGenerator: () => [process.pid] };
  if (serverPid) groups.server = () => [serverPid];
  // Only the backends serving the scratch database: other databases on the machine are not ours.
  if (engine === 'postgres') groups.postgres = () => pidsNamed('postgres', ` ${PG_DATABASE} `);
  return cpuMeter(groups);
}

// ---------------------------------------------------------------------------------------------
// (a) operations through the server

function keyName(prefix, i) {
  return `${prefix}-${String(i).padStart(7, '0')}`;
}

/** The bodies of `n` add requests over keys prefix-1…; each key with two tags, as a console would send them. */
function addBodies(prefix, n) {
  const k = opts.keysPerRequest;
  return Array.from({ length: n }, (_, r) =>
    JSON.stringify({
      subscriptions: Array.from({ length: k }, (_, j) => {
        const i = r * k + j + 1;
        return { key: keyName(prefix, i), tags: { Location: LOCATIONS[i % LOCATIONS.length], CostCenter: `CC-${String(i % 50).padStart(3, '0')}` } };
      }),
    }),
  );
}

/**
 * Waits until every accepted operation is terminal. PostgreSQL: counts the workspace's
 * INITIALIZED/RUNNING rows of async_operations through a separate connection (one indexed
 * count per tick; the server is not involved). PGlite is one process's database, so through the
 * API: GET /async-operations/{id} in acceptance order, each operation until it is terminal.
 * Returns the time (performance.now()) the answer saying the last one is terminal arrived.
 */
function completionWatcher(engine, databaseUrl, url, headers, pollMs) {
  const accepted = [];
  let allAccepted = false;
  let polls = 0;
  const done = (async () => {
    if (engine === 'postgres') {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        for (;;) {
          const wasAllAccepted = allAccepted;
          polls++;
          const { rows } = await client.query(
            "select count(*)::int as n from async_operations where workspace_id = $1 and status in ('INITIALIZED', 'RUNNING')",
            [WORKSPACE],
          );
          if (wasAllAccepted && rows[0].n === 0) return performance.now();
          await sleep(pollMs);
        }
      } finally {
        await client.end();
      }
    }
    let cursor = 0;
    for (;;) {
      while (cursor < accepted.length && accepted[cursor] !== undefined) {
        polls++;
        const res = await globalThis.fetch(`${url}/subscriptions/v1/async-operations/${accepted[cursor]}`, { headers });
        const body = await res.json();
        if (res.status !== 200) throw new Error(`GET async-operation ${accepted[cursor]} → ${res.status} ${JSON.stringify(body)}`);
        if (!TERMINAL.has(body.status)) break;
        cursor++;
      }
      if (allAccepted && cursor === accepted.length) return performance.now();
      await sleep(pollMs);
    }
  })();
  return {
    accepted,
    allAccepted: () => {
      allAccepted = true;
    },
    done,
    polls: () => polls,
  };
}

/** Sends the add requests, `inFlight` at a time; every answer must be a 202 with a transactionId and Location. */
async function sendAdds(url, headers, bodies, watcher) {
  const latencies = new Samples();
  let next = 0;
  const sender = async () => {
    while (next < bodies.length) {
      const i = next++;
      const t0 = performance.now();
      const res = await globalThis.fetch(`${url}/subscriptions/v1/subscriptions`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: bodies[i],
      });
      const text = await res.text();
      latencies.push(performance.now() - t0);
      if (res.status !== 202) throw new Error(`POST /subscriptions/v1/subscriptions → ${res.status} ${text}`);
      const body = JSON.parse(text);
      const location = res.headers.get('location');
      if (!body.transactionId || body.code !== 202 || location !== `/subscriptions/v1/async-operations/${body.transactionId}`) {
        throw new Error(`unexpected 202: ${text}, Location ${location}`);
      }
      watcher.accepted[i] = body.transactionId;
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.inFlight, bodies.length) }, sender));
  watcher.allAccepted();
  return latencies;
}

async function measureOperations(engine, databaseUrl, server, headers) {
  // Warm-up: the same requests over other keys, settled before the measured ones start.
  if (opts.warmupRequests > 0) {
    log(`${engine} server: (a) warm-up — ${opts.warmupRequests} add requests`);
    const w = completionWatcher(engine, databaseUrl, server.url, headers, 50);
    w.accepted.length = opts.warmupRequests;
    await sendAdds(server.url, headers, addBodies(PREFIX.warm, opts.warmupRequests), w);
    await w.done;
  }
  const bodies = addBodies(PREFIX.ops, opts.requests);
  log(`${engine} server: (a) ${opts.requests} add requests of ${opts.keysPerRequest} keys, ${opts.inFlight} in flight`);
  const watcher = completionWatcher(engine, databaseUrl, server.url, headers, 100);
  watcher.accepted.length = opts.requests;
  const stopMeter = meterFor(engine, server.pid)();
  const t0 = performance.now();
  const latencies = await sendAdds(server.url, headers, bodies, watcher);
  const acceptedAt = performance.now();
  const doneAt = await watcher.done;
  const cpu = stopMeter();
  const acceptSeconds = (acceptedAt - t0) / 1000;
  const seconds = (doneAt - t0) / 1000;
  const keys = opts.requests * opts.keysPerRequest;
  const accept = summarize(latencies.values(), acceptSeconds);
  const r = {
    requests: opts.requests,
    keys,
    inFlight: opts.inFlight,
    completionSeenBy: engine === 'postgres' ? 'sql-count-of-active-async_operations-rows-every-100ms' : 'api-get-async-operation-in-acceptance-order-every-100ms',
    completionPolls: watcher.polls(),
    acceptance: { seconds: round(acceptSeconds, 3), requestsPerSecond: round(opts.requests / acceptSeconds, 1), p50: accept.p50, p99: accept.p99 },
    untilAllTerminalSeconds: round(seconds, 3),
    operationsPerSecond: round(opts.requests / seconds, 1),
    keysPerSecond: round(keys / seconds, 1),
    cpuMsPerKey: cpuPer(cpu, keys),
    operationIds: watcher.accepted,
  };
  log(
    `${engine} server: (a) accepted ${opts.requests} in ${r.acceptance.seconds}s (${r.acceptance.requestsPerSecond} req/s, p50 ${accept.p50} ms, p99 ${accept.p99} ms); ` +
      `all terminal after ${r.untilAllTerminalSeconds}s: ${r.operationsPerSecond} operations/s, ${r.keysPerSecond} keys/s`,
  );
  return r;
}

// ---------------------------------------------------------------------------------------------
// Direct database access after the server stopped (PGlite allows one process per directory)

/** A driver for the references: pg.Pool (PostgreSQL) or one PGlite behind a FIFO lock, as the server holds it. */
async function sqlDriver(engine, databaseUrl, poolSize, pgOptions) {
  if (engine === 'postgres') {
    // Statements are sent as the server sends them: named, so PostgreSQL plans each once per connection.
    const pool = withPreparedStatements(new pg.Pool({ connectionString: databaseUrl, max: poolSize, ...(pgOptions && { options: pgOptions }) }));
    // An idle connection ended by the server (the cleanup's `drop database … with (force)`) is an
    // 'error' on the pool; unheard, it crashed the benchmark after its results were written (CI, 2026-12-08).
    pool.on('error', (err) => log(`${engine} SQL pool: an idle connection ended: ${err.message}`));
    return {
      query: (text, parameters = []) => pool.query(text, parameters),
      /** fn gets a query function bound to one connection, inside BEGIN … COMMIT. */
      async transaction(fn) {
        const client = await pool.connect();
        try {
          await client.query('begin');
          const out = await fn((text, parameters = []) => client.query(text, parameters));
          await client.query('commit');
          return out;
        } catch (err) {
          await client.query('rollback').catch(() => undefined);
          throw err;
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  const pglite = await PGlite.create({ dataDir: PGLITE_DIR });
  let queue = Promise.resolve();
  const exclusive = (fn) => {
    const run = queue.then(fn);
    queue = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  };
  return {
    // PGlite is one connection: statements run one at a time, callers queue (like the server's PGlitePool).
    query: (text, parameters = []) => exclusive(() => pglite.query(text, parameters)),
    transaction: (fn) =>
      exclusive(async () => {
        await pglite.query('begin');
        try {
          const out = await fn((text, parameters = []) => pglite.query(text, parameters));
          await pglite.query('commit');
          return out;
        } catch (err) {
          await pglite.query('rollback').catch(() => undefined);
          throw err;
        }
      }),
    close: () => pglite.close(),
  };
}

/** Every measured operation SUCCEEDED with all its keys, and every measured key is claimed once, by the workspace. */
async function verifyOperations(engine, driver, ops) {
  const like = `${PREFIX.ops}-%`;
  const statuses = (
    await driver.query(
      `select status, count(*)::int as n,
              coalesce(sum(jsonb_array_length(result -> 'succeeded')), 0)::int as succeeded,
              coalesce(sum(jsonb_array_length(result -> 'failed')), 0)::int as failed,
              min(created_at) as first_created, max(ended_at) as last_ended
         from async_operations where workspace_id = $1 and request -> 'items' -> 0 ->> 'key' like $2 group by status`,
      [WORKSPACE, like],
    )
  ).rows;
  const claimed = (
    await driver.query(
      `select count(*)::int as n, count(distinct key)::int as distinct_keys, count(*) filter (where workspace_id <> $1)::int as elsewhere
         from subscriptions where key like $2`,
      [WORKSPACE, like],
    )
  ).rows[0];
  const free = (
    await driver.query(`select count(*)::int as n from subscription_keys k where k.key like $1 and k.claimed_by is null`, [like])
  ).rows[0].n;
  const problems = [];
  const succeeded = statuses.find((s) => s.status === 'SUCCEEDED');
  for (const s of statuses) if (s.status !== 'SUCCEEDED') problems.push(`${s.n} operations ${s.status}`);
  if ((succeeded?.n ?? 0) !== ops.requests) problems.push(`${succeeded?.n ?? 0} of ${ops.requests} operations SUCCEEDED`);
  if ((succeeded?.succeeded ?? 0) !== ops.keys || (succeeded?.failed ?? 0) !== 0) {
    problems.push(`results list ${succeeded?.succeeded ?? 0} succeeded and ${succeeded?.failed ?? 0} failed keys (expected ${ops.keys} and 0)`);
  }
  if (claimed.n !== ops.keys || claimed.distinct_keys !== ops.keys || claimed.elsewhere !== 0) {
    problems.push(`${claimed.n} subscriptions for ${claimed.distinct_keys} distinct measured keys, ${claimed.elsewhere} in another workspace (expected ${ops.keys}, each key once)`);
  }
  if (free !== 0) problems.push(`${free} measured keys still free`);
  if (problems.length) throw new Error(`${engine} (a) is not correct: ${problems.join('; ')}`);
  // The server's own clock: from the first operation's creation to the last one's end.
  const serverSideSeconds = (new Date(succeeded.last_ended).getTime() - new Date(succeeded.first_created).getTime()) / 1000;
  log(`${engine}: (a) verified — ${ops.requests} operations SUCCEEDED, ${ops.keys} subscriptions, each key once; first created → last ended ${round(serverSideSeconds, 2)}s`);
  return { verified: true, serverSideSeconds: round(serverSideSeconds, 3), serverSideKeysPerSecond: round(ops.keys / serverSideSeconds, 1) };
}

/** Removes what (a) and its reference added, so (b)'s SQL runs over the rows the server listed. */
async function removeOperationsData(driver) {
  await driver.query(`delete from subscriptions where workspace_id = $1 and (key like $2 or key like $3)`, [WORKSPACE, `${PREFIX.ops}-%`, `${PREFIX.warm}-%`]);
  await driver.query(`delete from subscriptions where workspace_id = $1`, [REFERENCE_WORKSPACE]);
  await driver.query(`update subscription_keys set claimed_by = null where claimed_by = $1 or (claimed_by = $2 and (key like $3 or key like $4))`, [
    REFERENCE_WORKSPACE,
    WORKSPACE,
    `${PREFIX.ops}-%`,
    `${PREFIX.warm}-%`,
  ]);
  await driver.query('vacuum analyze subscriptions');
}

// ---------------------------------------------------------------------------------------------
// (a) reference: the same claims as the bare minimum SQL, one key per transaction, one caller

const REF_READ = `select k.*, s.workspace_id as holder from subscription_keys as k
  left join subscriptions as s on s.workspace_id = k.claimed_by and s.key = k.key where k.key = $1`;
const REF_CLAIM = `with taken as (update subscription_keys set claimed_by = $1 where key = $2 and claimed_by is null returning *)
  insert into subscriptions (workspace_id, id, key, created_at, updated_at, sku, sku_description, subscription_type, tier,
    tier_description, product_type, quantity, available_quantity, is_eval, start_time, end_time, provider_status, contract, quote, po,
    reseller_po, end_user_name, order_class, tags)
  select $1, gen_random_uuid(), k.key, now(), now(), k.sku, k.sku_description, k.subscription_type, k.tier, k.tier_description,
    k.product_type, k.quantity, k.quantity, k.is_eval, k.start_time, k.end_time, k.provider_status, k.contract, k.quote, k.po,
    k.reseller_po, k.end_user_name, k.order_class, $3::jsonb
  from taken as k returning id`;
const REF_RECORD = `update async_operations
  set result = jsonb_set(result, '{succeeded}', (result -> 'succeeded') || jsonb_build_array(jsonb_build_object('key', $2::text, 'id', $3::uuid))),
      progress_percent = $4, updated_at = now()
  where workspace_id = $5 and id = $1`;

/**
 * Claims the REF keys of add requests [from, to) for the reference workspace, one key per
 * transaction, one caller; each key's line appended to its request's result row, as the worker does.
 */
async function claimReferenceKeys(engine, driver, from, to) {
  const k = opts.keysPerRequest;
  const bodies = addBodies(PREFIX.ref, opts.requests).slice(from, to).map((b) => JSON.parse(b).subscriptions);
  // One result row per request, as the operations are; made by SQL, not timed.
  const opIds = (
    await driver.query(
      `insert into async_operations (id, workspace_id, kind, api_version, request, status, timeout_minutes, polling_interval_seconds,
         result_type, created_at, started_at, updated_at)
       select gen_random_uuid(), $1, 'add', 'v1', '{"items": []}', 'RUNNING', 10, 2, 'postSubscriptionsResponse', now(), now(), now()
       from generate_series(1, $2::int) returning id`,
      [REFERENCE_WORKSPACE, bodies.length],
    )
  ).rows.map((r) => r.id);
  const claims = bodies.length * k;
  log(`${engine} SQL: (a) reference — ${claims} claims, one per transaction, one caller`);
  const stopMeter = meterFor(engine)();
  const t0 = performance.now();
  for (let r = 0; r < bodies.length; r++) {
    for (let j = 0; j < bodies[r].length; j++) {
      const item = bodies[r][j];
      await driver.transaction(async (query) => {
        const found = (await query(REF_READ, [item.key])).rows[0];
        if (!found || found.holder !== null || found.provider_status !== 'STARTED') throw new Error(`reference: key ${item.key} is not claimable`);
        const claimed = (await query(REF_CLAIM, [REFERENCE_WORKSPACE, item.key, JSON.stringify(item.tags)])).rows[0];
        if (!claimed) throw new Error(`reference: key ${item.key} was claimed meanwhile`);
        await query(REF_RECORD, [opIds[r], item.key, claimed.id, Math.min(99, Math.floor(((j + 1) * 100) / k)), REFERENCE_WORKSPACE]);
      });
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = stopMeter();
  const recorded = (
    await driver.query(`select coalesce(sum(jsonb_array_length(result -> 'succeeded')), 0)::int as n from async_operations where id = any($1::uuid[])`, [opIds])
  ).rows[0].n;
  if (recorded !== claims) throw new Error(`${engine} (a) reference: ${recorded} claims recorded, expected ${claims}`);
  const out = { claims, seconds: round(seconds, 3), claimsPerSecond: round(claims / seconds, 1), cpuMsPerKey: cpuPer(cpu, claims) };
  log(`${engine} SQL: (a) reference — ${out.claimsPerSecond} claims/s (${round((seconds * 1000) / claims, 3)} ms per claim)`);
  return out;
}

/** The two halves of the reference (before and after our server ran) as one figure, and each half. */
function combineReference(engine, before, after) {
  const claims = before.claims + after.claims;
  const seconds = before.seconds + after.seconds;
  const cpu = (key) =>
    before.cpuMsPerKey?.[key] == null || after.cpuMsPerKey?.[key] == null
      ? undefined
      : round((before.cpuMsPerKey[key] * before.claims + after.cpuMsPerKey[key] * after.claims) / claims, 3);
  return {
    claims,
    callers: 1,
    seconds: round(seconds, 3),
    claimsPerSecond: round(claims / seconds, 1),
    perClaimMs: round((seconds * 1000) / claims, 3),
    cpuMsPerKey: { loadGenerator: cpu('loadGenerator'), ...(engine === 'postgres' && { postgres: cpu('postgres') }) },
    before,
    after,
    statementsPerClaim: ['begin', 'select key + holder', 'insert … select … on conflict do nothing returning id', 'update result jsonb', 'commit'],
  };
}

/** Every reference key claimed once, by the reference workspace. */
async function verifyReference(engine, driver) {
  const claims = opts.requests * opts.keysPerRequest;
  const check = (
    await driver.query(
      `select count(*)::int as n, count(distinct key)::int as d, count(*) filter (where workspace_id <> $1)::int as elsewhere
         from subscriptions where key like $2`,
      [REFERENCE_WORKSPACE, `${PREFIX.ref}-%`],
    )
  ).rows[0];
  if (check.n !== claims || check.d !== claims || check.elsewhere !== 0) {
    throw new Error(`${engine} (a) reference: ${check.n} claims of ${check.d} keys, ${check.elsewhere} elsewhere (expected ${claims})`);
  }
}

// ---------------------------------------------------------------------------------------------
// (b) list: the SQL reference

/**
 * `concurrency` callers in a closed loop, each running one request's statements (concurrently,
 * as the repository's Promise.all does) and waiting for both.
 */
async function measureSql(run, concurrency, seconds, warmupSeconds, meter) {
  const window = async (secs, meterThis) => {
    const stopMeter = meterThis?.();
    const samples = new Samples();
    const started = performance.now();
    const end = started + secs * 1000;
    const caller = async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await run();
        samples.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, caller));
    const cpu = stopMeter?.();
    return { ...summarize(samples.values(), (performance.now() - started) / 1000), cpu };
  };
  if (warmupSeconds > 0) await window(warmupSeconds);
  const r = await window(seconds, meter);
  return { p50: r.p50, p99: r.p99, rps: r.rps, requests: r.n, cpuMsPerRequest: cpuPer(r.cpu, r.n) };
}

const sqlLiteral = (v) => (typeof v === 'number' ? String(v) : `'${String(v).replaceAll("'", "''")}'`);

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the plan each statement runs with. PGlite sends every statement
 * unnamed, so it is planned with its parameter values each time. The server's pg pool (and the
 * reference's) sends them as named prepared statements, and from the sixth execution on a
 * connection PostgreSQL may run a generic plan, made without the parameter values, instead: so on
 * PostgreSQL the statement is prepared on one connection, executed six times, then EXPLAIN EXECUTEd.
 */
async function explain(engine, driver, statements) {
  const out = [];
  for (const [i, st] of statements.entries()) {
    let plan;
    if (engine === 'postgres') {
      const name = `bench_explain_${i}`;
      const execute = `execute ${name}(${st.parameters.map(sqlLiteral).join(', ')})`;
      plan = await driver.transaction(async (query) => {
        await query(`prepare ${name} as ${st.sql}`);
        try {
          for (let n = 0; n < 6; n++) await query(execute);
          return (await query(`explain (analyze, buffers) ${execute}`)).rows.map((r) => r['QUERY PLAN']);
        } finally {
          await query(`deallocate ${name}`);
        }
      });
    } else {
      plan = (await driver.query(`explain (analyze, buffers) ${st.sql}`, st.parameters)).rows.map((r) => r['QUERY PLAN']);
    }
    out.push({ sql: st.sql, parameters: st.parameters, plan });
  }
  return out;
}

/** Index names in a plan (`Index Scan using x`, `Bitmap Index Scan on x`, …), in order of appearance. */
function indexesIn(plan) {
  return [...new Set(plan.flatMap((line) => [...line.matchAll(/Index (?:Only )?Scan (?:using|on) (\S+)/g)].map((m) => m[1])))];
}

/**
 * The server's statements straight through the driver, as migrated: `concurrency` callers, then 1
 * caller, then EXPLAIN (ANALYZE, BUFFERS). With --variants (PostgreSQL), the same on connections
 * opened with `-c plan_cache_mode=force_custom_plan`, and with `-c jit=off`.
 */
async function measureListSql(engine, databaseUrl, mainDriver, statements, expected) {
  const check = async (runAll, label) => {
    const [rows, count] = await runAll();
    const ids = rows.rows.map((r) => r.id).join(',');
    if (rows.rows.length !== Math.min(LIMIT, expected.total) || count.rows[0].n !== expected.total || ids !== expected.ids) {
      throw new Error(`${engine} SQL ${label}: ${rows.rows.length} rows, total ${count.rows[0].n}; not the page the server returned`);
    }
  };
  const variants = [{ key: 'asMigrated', label: 'the server’s SQL, as migrated' }];
  if (opts.variants && engine === 'postgres') {
    variants.push(
      { key: 'customPlans', label: 'the server’s SQL, plan_cache_mode = force_custom_plan', pgOptions: '-c plan_cache_mode=force_custom_plan' },
      { key: 'jitOff', label: 'the server’s SQL with jit = off on the connections', pgOptions: '-c jit=off' },
    );
  }
  const out = {};
  for (const v of variants) {
    const driver = v.pgOptions ? await sqlDriver(engine, databaseUrl, opts.connections, v.pgOptions) : mainDriver;
    const runAll = () => Promise.all(statements.map((st) => driver.query(st.sql, st.parameters)));
    try {
      await check(runAll, v.label);
      log(`${engine} SQL: (b) ${v.label} — ${opts.connections} callers`);
      const same = await measureSql(runAll, opts.connections, opts.duration, opts.warmup, meterFor(engine));
      log(`${engine} SQL: (b) ${v.label} — 1 caller`);
      // Right after the loaded window, so already warm: no second warm-up.
      const serial = await measureSql(runAll, 1, serialSeconds(), 0);
      log(`${engine} SQL: (b) ${v.label}: p50 ${same.p50} ms, p99 ${same.p99} ms, ${same.rps}/s; 1 caller p50 ${serial.p50} ms`);
      const plans = await explain(engine, driver, statements);
      out[v.key] = {
        label: v.label,
        ...(v.pgOptions && { connectionOptions: v.pgOptions }),
        sql: same,
        sqlSerial: serial,
        plans,
        indexesUsed: plans.map((p) => indexesIn(p.plan)),
        jitInPlans: plans.map((p) => p.plan.some((line) => /^JIT:/.test(line))),
      };
    } finally {
      if (driver !== mainDriver) await driver.close();
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// One engine, end to end

async function checkList(url, headers, expectedTotal) {
  const res = await globalThis.fetch(url + listPath(), { headers });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${listPath()} → ${res.status} ${text}`);
  const body = JSON.parse(text);
  const ok =
    body.total === expectedTotal &&
    body.items.length === Math.min(LIMIT, expectedTotal) &&
    body.items.every((s) => s.subscriptionType === 'CENTRAL_AP' && Number(s.quantity) >= 10 && s.tags.Location?.toLowerCase() === 'london');
  if (!ok) throw new Error(`GET ${listPath()} → unexpected body (expected total ${expectedTotal}): ${text.slice(0, 500)}`);
  return body.items.map((s) => s.id).join(',');
}

async function runEngine(engine) {
  log(`${engine}: creating the scratch database`);
  const databaseUrl = await scratchDatabase(engine);
  const seeded = await seed(engine, databaseUrl);
  log(`${engine}: the list filter matches ${seeded.expectedTotal.toLocaleString('en')} of ${opts.subscriptions.toLocaleString('en')} subscriptions`);
  const statements = await listStatements();
  // The reference of (a) in two halves, right before and right after our server runs, so a
  // change in the machine's fsync latency or load during the run shows (and averages out).
  const half = Math.ceil(opts.requests / 2);
  let driver = await sqlDriver(engine, databaseUrl, opts.connections);
  let referenceBefore;
  try {
    referenceBefore = await claimReferenceKeys(engine, driver, 0, half);
  } finally {
    await driver.close();
  }

  // Our server: (b) first, over exactly the seeded rows; then (a), which adds to them.
  const nodeArgs = opts.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', path.join(dataDir, 'profiles', engine)] : [];
  if (opts.queryTimes) nodeArgs.push(`--import=${new URL('./query-times.mjs', import.meta.url).href}`);
  const server = await startChild({
    label: `server/${engine}`,
    args: [...nodeArgs, serverBin, 'serve'],
    env: { ...serverEnv(databaseUrl), CONSUMO_BENCH_QUERY_TIMES: opts.queryTimes ? path.join(dataDir, `query-times-${engine}.txt`) : '' },
    ready: /listening on (http:\/\/\S+)/,
    cwd: root,
  });
  cleanups.push(() => server.stop());
  const headers = { authorization: `Bearer ${await token(server.url)}` };
  const pageIds = await checkList(server.url, headers, seeded.expectedTotal);
  log(`${engine} server: (b) list — ${opts.warmup}s warm-up + ${opts.duration}s, ${opts.connections} connections`);
  const l = await measureHttp({
    url: server.url,
    headers,
    paths: [listPath()],
    connections: opts.connections,
    seconds: opts.duration,
    warmupSeconds: opts.warmup,
    label: `${engine} server (b) list`,
    meter: meterFor(engine, server.pid),
  });
  const listOurs = { p50: l.p50, p99: l.p99, rps: l.rps, requests: l.n, cpuMsPerRequest: cpuPer(l.cpu, l.n) };
  log(`${engine} server: (b) list: p50 ${l.p50} ms, p99 ${l.p99} ms, ${l.rps} req/s`);
  // One connection: the latency without queueing, beside the SQL's 1 caller. Right after the
  // loaded window, so already warm (as the SQL's 1-caller window is).
  log(`${engine} server: (b) list — ${serialSeconds()}s, 1 connection`);
  const l1 = await measureHttp({
    url: server.url,
    headers,
    paths: [listPath()],
    connections: 1,
    seconds: serialSeconds(),
    warmupSeconds: 0,
    label: `${engine} server (b) list, 1 connection`,
    meter: meterFor(engine, server.pid),
  });
  const listOursSerial = { p50: l1.p50, p99: l1.p99, rps: l1.rps, requests: l1.n, cpuMsPerRequest: cpuPer(l1.cpu, l1.n) };
  log(`${engine} server: (b) list, 1 connection: p50 ${l1.p50} ms, p99 ${l1.p99} ms, ${l1.rps} req/s`);

  const ops = await measureOperations(engine, databaseUrl, server, headers);
  const code = await server.stop();
  cleanups.pop();
  if (code !== 0) throw new Error(`server/${engine} exited with ${code} on SIGTERM`);

  // Straight through the driver: verify (a), the second half of its reference, then (b)'s SQL.
  driver = await sqlDriver(engine, databaseUrl, opts.connections);
  let verification;
  let reference;
  let list;
  try {
    verification = await verifyOperations(engine, driver, ops);
    const referenceAfter = await claimReferenceKeys(engine, driver, half, opts.requests);
    await verifyReference(engine, driver);
    reference = combineReference(engine, referenceBefore, referenceAfter);
    await removeOperationsData(driver);
    list = await measureListSql(engine, databaseUrl, driver, statements, { total: seeded.expectedTotal, ids: pageIds });
  } finally {
    await driver.close();
  }
  delete ops.operationIds;

  const base = list.asMigrated;
  const listResult = {
    request: listPath(),
    filter: FILTER,
    filterTags: FILTER_TAGS,
    limit: LIMIT,
    matches: seeded.expectedTotal,
    ours: listOurs,
    oursSerial: listOursSerial,
    sql: base.sql,
    sqlSerial: base.sqlSerial,
    ratios: {
      // how many times the SQL's own latency (same concurrency) a request takes (1 = the server adds nothing)
      oursP50OverSqlP50: round(listOurs.p50 / base.sql.p50, 2),
      oursP99OverSqlP99: round(listOurs.p99 / base.sql.p99, 2),
      // share of the driver's throughput on the same statements we keep
      oursRpsOverSqlRps: round(listOurs.rps / base.sql.rps, 3),
      // one connection against one caller: what a request costs on top of its queries, without queueing
      oursSerialP50OverSqlSerialP50: round(listOursSerial.p50 / base.sqlSerial.p50, 2),
      oursSerialP99OverSqlSerialP99: round(listOursSerial.p99 / base.sqlSerial.p99, 2),
    },
    statements: statements.map((s) => s.sql),
    parameters: statements.map((s) => s.parameters),
    plans: base.plans,
    indexesUsed: base.indexesUsed,
    jitInPlans: base.jitInPlans,
    // PostgreSQL: the same statements on connections opened with other settings (--variants)
    variants: Object.fromEntries(
      Object.entries(list)
        .filter(([k]) => k !== 'asMigrated')
        .map(([k, v]) => [
          k,
          { ...v, sqlRpsOverAsMigrated: round(v.sql.rps / base.sql.rps, 2), sqlSerialP50OverAsMigrated: round(v.sqlSerial.p50 / base.sqlSerial.p50, 3) },
        ]),
    ),
  };
  return {
    seeding: seeded.seeding,
    version: seeded.version,
    operations: {
      ours: { ...ops, ...verification },
      reference,
      ratios: {
        // share of the bare SQL's claim rate the queue, the worker and the API keep (1 = no overhead)
        oursKeysPerSecondOverReferenceClaimsPerSecond: round(ops.keysPerSecond / reference.claimsPerSecond, 3),
        // the same, timed by the server's own clock (first operation created → last ended)
        serverSideKeysPerSecondOverReference: round(verification.serverSideKeysPerSecond / reference.claimsPerSecond, 3),
      },
    },
    list: listResult,
  };
}

// ---------------------------------------------------------------------------------------------

function fmt(x, w = 8) {
  return String(x ?? '—').padStart(w);
}

function printSummary(out) {
  const lines = [''];
  const s = out.settings;
  lines.push(
    `subscriptions — (a) ${s.requests} add requests × ${s.keysPerRequest} keys, ${s.inFlight} in flight; (b) ${s.subscriptions.toLocaleString('en')} subscriptions, ${s.connections} connections, ${s.seconds}s per measurement`,
  );
  lines.push(`machine: ${out.machine.os}, ${out.machine.cpus}× ${out.machine.cpuModel}, node ${out.machine.node}, PostgreSQL ${out.machine.postgres ?? '—'}, PGlite ${out.machine.pglite}`);
  for (const [engine, e] of Object.entries(out.engines)) {
    const o = e.operations;
    lines.push('');
    lines.push(`${engine}: seeding ${e.seeding.seconds}s, vacuum analyze ${e.seeding.vacuumAnalyzeSeconds}s`);
    lines.push(
      `  (a) accepted ${fmt(o.ours.acceptance.requestsPerSecond, 0)} req/s (p50 ${o.ours.acceptance.p50} ms, p99 ${o.ours.acceptance.p99} ms); ` +
        `all terminal after ${o.ours.untilAllTerminalSeconds}s: ${o.ours.operationsPerSecond} ops/s, ${o.ours.keysPerSecond} keys/s ` +
        `(server clock ${o.ours.serverSideKeysPerSecond} keys/s)`,
    );
    lines.push(
      `      reference SQL ${o.reference.claimsPerSecond} claims/s (${o.reference.perClaimMs} ms/claim; before ${o.reference.before.claimsPerSecond}, after ${o.reference.after.claimsPerSecond}) → ours/reference ${o.ratios.oursKeysPerSecondOverReferenceClaimsPerSecond}; ` +
        `CPU ms/key server ${o.ours.cpuMsPerKey?.server ?? '—'}, db ${o.ours.cpuMsPerKey?.postgres ?? '—'} (reference db ${o.reference.cpuMsPerKey?.postgres ?? '—'})`,
    );
    const l = e.list;
    lines.push(
      `  (b) list (${l.matches.toLocaleString('en')} matches)   ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'/s'.padStart(8)} ${'1-caller p50'.padStart(13)} ${'p99'.padStart(8)}`,
    );
    const row = (label, x, x1) =>
      lines.push(`      ${label.padEnd(26)} ${fmt(x.p50)} ${fmt(x.p99)} ${fmt(Math.round(x.rps))} ${fmt(x1.p50, 13)} ${fmt(x1.p99)}`);
    row('ours', l.ours, l.oursSerial);
    row('sql', l.sql, l.sqlSerial);
    for (const [k, v] of Object.entries(l.variants)) row(`sql, ${k}`, v.sql, v.sqlSerial);
    lines.push(
      `      ours/sql: p50 ${l.ratios.oursP50OverSqlP50}×, p99 ${l.ratios.oursP99OverSqlP99}×, rps ${l.ratios.oursRpsOverSqlRps}; ` +
        `1 caller p50 ${l.ratios.oursSerialP50OverSqlSerialP50}×, p99 ${l.ratios.oursSerialP99OverSqlSerialP99}×`,
    );
    const used = (x, i) => `${x.indexesUsed[i].join(' + ') || 'no index'}${x.jitInPlans[i] ? ', JIT' : ''}`;
    lines.push(`      plans: page ${used(l, 0)}; count ${used(l, 1)}`);
    for (const [k, v] of Object.entries(l.variants)) lines.push(`      plans, ${k}: page ${used(v, 0)}; count ${used(v, 1)}`);
  }
  lines.push('');
  lines.push('targets:');
  for (const t of out.targets) {
    const detail = t.ours === undefined ? '' : `; ours ${t.ours} ms, SQL ${t.reference} ms`;
    lines.push(`  ${t.met ? 'MET   ' : 'MISSED'} ${t.name}: ${t.value} ${t.unit} (target ${t.comparison} ${t.threshold} ${t.unit}${detail})`);
  }
  console.log(lines.join('\n'));
}

/**
 * Targets compare with the reference taken in the same run (bench/README.md, Conventions), not with absolute
 * times: on a small machine the load generator, the server and the database share the cores, and
 * the reference pays for that as much as we do.
 */
function checkTargets(enginesOut) {
  const targets = [];
  for (const [engine, e] of Object.entries(enginesOut)) {
    const name = engine === 'postgres' ? 'PostgreSQL' : 'PGlite';
    const share = round(e.operations.ratios.oursKeysPerSecondOverReferenceClaimsPerSecond * 100, 1);
    targets.push({
      name: `${name} (a) keys claimed per second as a share of the bare SQL's claims per second`,
      engine,
      value: share,
      comparison: '≥',
      threshold: 25,
      unit: '%',
      met: share >= 25,
    });
    const p99 = e.list.ratios.oursP99OverSqlP99;
    targets.push({
      name: `${name} (b) filtered list p99 as a multiple of the SQL's p99, ${opts.connections} connections and callers`,
      engine,
      value: p99,
      comparison: '≤',
      threshold: 1.5,
      unit: '×',
      met: p99 <= 1.5,
      ours: e.list.ours.p99,
      reference: e.list.sql.p99,
    });
  }
  return targets;
}

async function main() {
  if (!existsSync(serverBin) || !existsSync(serviceModule)) {
    throw new Error('packages are not built: run `npm run build` (or `npm ci`) first');
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
    benchmark: 'subscriptions',
    date: started.toISOString(),
    wallSeconds: round((Date.now() - started.getTime()) / 1000, 0),
    quick: opts.quick,
    code: codeAtStart,
    machine: machine({
      postgres: postgresVersion,
      pglite: `${packageVersion('@electric-sql/pglite')} (${(enginesOut.pglite?.version ?? '').split(' on ')[0] || 'not run'})`,
      fastify: packageVersion('fastify'),
      autocannon: packageVersion('autocannon'),
      loadAverageAtStart,
      loadAverageAtEnd: os.loadavg().map((x) => round(x, 2)),
    }),
    settings: {
      engines,
      requests: opts.requests,
      keysPerRequest: opts.keysPerRequest,
      inFlight: opts.inFlight,
      warmupRequests: opts.warmupRequests,
      subscriptions: opts.subscriptions,
      connections: opts.connections,
      warmupSeconds: opts.warmup,
      seconds: opts.duration,
      listLimit: LIMIT,
      postgresVariants: opts.variants && engines.includes('postgres'),
      rateLimitMultiplier: 100_000,
      vacuumAnalyzeAfterSeeding: true,
    },
    engines: enginesOut,
    targets: checkTargets(enginesOut),
  };
  for (const e of Object.values(out.engines)) delete e.version;
  mkdirSync(path.dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, `${JSON.stringify(out, null, 2)}\n`);
  printSummary(out);
  console.log(`\nwrote ${path.relative(process.cwd(), opts.out)}`);
}

try {
  await main();
} catch (err) {
  console.error(`\nsubscriptions FAILED: ${err.stack ?? err}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
