#!/usr/bin/env node
/**
 * budgets: Cloud Cruiser budgets and alerts over 10,000 customers and the rating output of
 * 1,000,000 events. (a) One full alert evaluation (`evaluateBudgets`) beside the bare SQL that
 * computes the same period totals, measured in the same run; (b) `GET
 * /rest/v1/budgets/budget/accountId/{id}` over HTTP with HTTP Basic beside a bare Fastify route
 * returning the same XML bytes from memory. See README.md.
 */
import { Buffer } from 'node:buffer';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { CompiledQuery, sql } from 'kysely';
import { bootstrap, createDb, loadConfig, migrateToLatest } from '@consumo/server';
import { parseArgs } from '../lib/args.mjs';
import { statementRecorder } from '../lib/statement-recorder.mjs';
import { cleanUp, cleanups } from '../lib/cleanups.mjs';
import { startChild } from '../lib/child.mjs';
import { startConsumoServer } from '../lib/consumo-server.mjs';
import { cpuMeter, pidsNamed } from '../lib/cpu.mjs';
import { measureHttp } from '../lib/http-load.mjs';
import { codeVersion, machine, packageVersion } from '../lib/machine.mjs';
import { scratch, benchDatabaseName } from '../lib/scratch.mjs';
import { percentile, round } from '../lib/stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const dataDir = path.join(here, 'data');
const serverBin = path.join(root, 'packages/cli/dist/bin.js');
// evaluateBudgets is not part of @consumo/server's public surface: the built module itself.
const evaluationModule = path.join(root, 'packages/server/dist/modules/budgets/alerts/alert-evaluation.service.js');
const calendarModule = path.join(root, 'packages/server/dist/platform/calendar/accounting-calendar.js');

const FULL = { customers: 10_000, events: 1_000_000 };
const opts = parseArgs(
  process.argv.slice(2),
  {
    customers: { type: 'number', default: FULL.customers, help: 'customers (billing accounts), each with one COST budget for its current accounting year' },
    events: { type: 'number', default: FULL.events, help: 'events whose rating output (daily rollups) is written' },
    days: { type: 'number', default: 60, help: 'days the events are spread over, ending yesterday' },
    engines: { type: 'string', default: 'postgres', help: 'comma-separated: postgres, pglite' },
    repetitions: { type: 'number', default: 7, help: '(a) measured evaluations, each the first at its instant, and as many SQL references' },
    warmupEvaluations: { type: 'number', default: 6, help: '(a) evaluations and references run and discarded first (more than 5: see README)' },
    connections: { type: 'number', default: 10, help: '(b) concurrent HTTP connections' },
    duration: { type: 'number', default: 10, help: '(b) measured seconds per HTTP measurement' },
    warmup: { type: 'number', default: 3, help: '(b) warm-up seconds before each HTTP measurement' },
    rotate: { type: 'number', default: 1000, help: '(b) distinct customers the requests rotate among' },
    skipHttp: { type: 'boolean', default: false, help: 'measure (a) only' },
    pgUrl: {
      type: 'string',
      default: process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
      help: 'PostgreSQL admin URL (BENCH_PG_URL); the scratch database consumo_bench_budgets is created beside it',
    },
    keep: { type: 'boolean', default: false, help: 'keep the scratch databases (for EXPLAIN, profiling)' },
    out: {
      type: 'string',
      help: 'where to write the results (default: bench/budgets/results.json at the full size, else bench/budgets/data/results-<customers>c-<events>e.json)',
    },
  },
  'usage: npm run bench -- budgets [options]',
);

const engines = opts.engines.split(',').map((e) => e.trim()).filter(Boolean);
for (const e of engines) if (e !== 'postgres' && e !== 'pglite') throw new Error(`unknown engine '${e}'`);
for (const k of ['customers', 'events', 'days', 'repetitions', 'warmupEvaluations', 'rotate']) {
  if (!Number.isInteger(opts[k]) || opts[k] < 1) throw new Error(`--${k} must be a whole number ≥ 1`);
}
if (opts.customers > 999_999) throw new Error('--customers must be at most 999,999');
const fullSize = opts.customers === FULL.customers && opts.events === FULL.events;
const outFile = opts.out ?? (fullSize ? path.join(here, 'results.json') : path.join(dataDir, `results-${opts.customers}c-${opts.events}e.json`));

const WORKSPACE = 'bec0ffee00000000000000000000b0d6';
const CLIENT_ID = '0be4c100-0000-4000-8000-00000000b0d6';
const CLIENT_SECRET = 'consumo-bench-budgets-secret';
const PG_DATABASE = benchDatabaseName('consumo_bench_budgets');
const DAY_MS = 86_400_000;
const BASIC = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
/** The services each customer's usage is spread over: one resource each, one rollup row per (customer, day, service) with usage. */
const SERVICES = [
  { name: 'Virtual Machines', category: 'Compute', resourceType: 'VM', sku: 'BENCH-VM-CU', price: '0.9' },
  { name: 'Block Storage', category: 'Storage', resourceType: 'Volume', sku: 'BENCH-BLOCK-GB', price: '0.12' },
  { name: 'Load Balancing', category: 'Networking', resourceType: 'LoadBalancer', sku: 'BENCH-LB-H', price: '0.35' },
];

const log = (line) => console.log(`[budgets ${new Date().toISOString().slice(11, 19)}] ${line}`);
const dayText = (ms) => new Date(ms).toISOString().slice(0, 10);
const quoted = (value) => `"${String(value).replace(/["\\]/g, '\\$&')}"`;
/** PostgreSQL array literals, passed as one parameter (both engines take them, as the server's own statements do). */
const textArray = (values) => `{${values.map(quoted).join(',')}}`;
const intArray = (values) => `{${values.map((v) => (v === null ? 'NULL' : String(v))).join(',')}}`;
const boolArray = (values) => `{${values.map((v) => (v ? 't' : 'f')).join(',')}}`;
const median = (xs) => percentile(Float64Array.from(xs).sort(), 50);

/** The run's instant: evaluations are at `now`; the events end the day before. */
const NOW = new Date();
const TODAY_MS = Date.UTC(NOW.getUTCFullYear(), NOW.getUTCMonth(), NOW.getUTCDate());
const WINDOW_START_MS = TODAY_MS - opts.days * DAY_MS;

// ---------------------------------------------------------------------------------------------
// Databases (bench/lib/scratch.mjs): PostgreSQL consumo_bench_budgets or bench/budgets/data/pglite.

const scratchDb = scratch({ adminUrl: opts.pgUrl, database: PG_DATABASE, dataDir, keep: opts.keep });

async function pgAdmin(text) {
  const client = new pg.Client({ connectionString: opts.pgUrl });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

function serverEnv(databaseUrl) {
  return {
    DATABASE_URL: databaseUrl,
    CONSUMO_DEMO: '0',
    CONSUMO_BOOTSTRAP_WORKSPACE_ID: WORKSPACE,
    CONSUMO_BOOTSTRAP_CLIENT_ID: CLIENT_ID,
    CONSUMO_BOOTSTRAP_CLIENT_SECRET: CLIENT_SECRET,
    CONSUMO_CREDENTIALS_FILE: path.join(dataDir, 'credentials.json'),
    REDIS_URL: '',
    LOG_LEVEL: 'warn',
  };
}

const timed = async (fn) => {
  const t0 = performance.now();
  const value = await fn();
  return { value, seconds: round((performance.now() - t0) / 1000, 2) };
};

// ---------------------------------------------------------------------------------------------
// Seeding

/**
 * Customer i: accounting day 1–28 (i mod 28), fiscal year from January for 7 in 10, else April,
 * July or October; a size (cost weight 1–20); its budget at `factor` × its average cost per
 * period, factor 0.6–3.0 in steps of 0.1, so some run over and most do not; 1 in 5 with custom
 * thresholds 50/75/100 instead of the workspace's 80/100/120; projected alerts on for 2 in 3.
 */
const FISCAL_START = [1, 1, 1, 1, 4, 1, 1, 7, 1, 10];
const factorOf = (i) => 0.6 + ((i * 37) % 25) / 10;

/**
 * The rating output of the events, written straight into cost_rollups_daily (the table the
 * evaluation reads) by one INSERT … SELECT: event k belongs to customer k mod C, its j-th
 * (j = k div C) falls on day ⌊j × days / per-customer⌋ of the window, on one of the three services
 * (by a hash of k), with a quantity of (k mod 7 + 1)/10 × the customer's weight, priced per service.
 * One row per (customer, day, service) with usage, as rating's rebuildRollups writes them.
 */
function insertRollups(db) {
  const perCustomer = Math.ceil(opts.events / opts.customers);
  const services = sql.raw(
    `(values ${SERVICES.map((s, i) => `(${i}, '${s.name}', '${s.category}', '${s.resourceType}', '${s.sku}', ${s.price}::numeric)`).join(', ')})`,
  );
  return sql`
    insert into cost_rollups_daily (workspace_id, day, billing_account_id, sub_account_id, service_name, service_category,
      region_id, resource_type, sku_id, charge_category, billing_currency, records, list_cost, contracted_cost,
      effective_cost, billed_cost, consumed_quantity, pricing_quantity, unpriced_records)
    select ${WORKSPACE}, e.day, e.account, null, s.name, s.category, 'bench-region-1', s.resource_type, s.sku, 'Usage', 'USD',
      1, sum(e.quantity * s.price), sum(e.quantity * s.price), sum(e.quantity * s.price), sum(e.quantity * s.price),
      sum(e.quantity), sum(e.quantity), 0
    from (
      select 'BENCH-' || lpad((k % ${opts.customers})::text, 6, '0') as account,
        ${dayText(WINDOW_START_MS)}::date + ((k / ${opts.customers}) * ${opts.days} / ${perCustomer})::int as day,
        abs(hashtext('service' || k)) % ${SERVICES.length} as service,
        ((k % 7 + 1) * (1 + ((k % ${opts.customers})::bigint * 7919) % 20))::numeric / 10 as quantity
      from generate_series(0, ${opts.events - 1}::int) as k
    ) e
    join ${services} as s(id, name, category, resource_type, sku, price) on s.id = e.service
    group by e.day, e.account, s.name, s.category, s.resource_type, s.sku`.execute(db);
}

async function seed(engine, databaseUrl) {
  const { db } = await createDb(databaseUrl);
  try {
    const { accountingPeriodOf } = await import(calendarModule);
    log(`${engine}: migrating and bootstrapping`);
    await migrateToLatest(db);
    await bootstrap(db, loadConfig({ ...serverEnv(databaseUrl), PORT: '0' }));

    log(`${engine}: ${opts.customers.toLocaleString('en')} customers`);
    const accounts = await timed(() =>
      sql`
        insert into billing_accounts (workspace_id, id, name, currency, accounting_day, fiscal_start_month)
        select ${WORKSPACE}, 'BENCH-' || lpad(i::text, 6, '0'), 'Bench customer ' || i, 'USD', 1 + i % 28,
          (${intArray(FISCAL_START)}::int4[])[1 + i % ${FISCAL_START.length}]
        from generate_series(0, ${opts.customers - 1}::int) as i`.execute(db),
    );

    log(`${engine}: the rating output of ${opts.events.toLocaleString('en')} events over ${opts.days} days → cost_rollups_daily`);
    const rollups = await timed(() => insertRollups(db));
    const rollupRows = (await sql`select count(*)::int as n from cost_rollups_daily where workspace_id = ${WORKSPACE}`.execute(db)).rows[0].n;
    log(`${engine}: ${rollupRows.toLocaleString('en')} rollup rows in ${rollups.seconds}s`);

    // Budgets from each customer's own cost: its average per day × 30.44 × its factor, the same for the 12 periods.
    const costs = (
      await sql`select billing_account_id as account, sum(billed_cost)::float8 as total
                from cost_rollups_daily where workspace_id = ${WORKSPACE} group by 1`.execute(db)
    ).rows;
    const costOf = new Map(costs.map((r) => [r.account, r.total]));
    const customers = (
      await sql`select id, accounting_day, fiscal_start_month from billing_accounts where workspace_id = ${WORKSPACE} order by id`.execute(db)
    ).rows;
    const rows = customers.map((c) => {
      const i = Number(c.id.slice('BENCH-'.length));
      const year = accountingPeriodOf({ accountingDay: c.accounting_day, fiscalStartMonth: c.fiscal_start_month }, NOW).year;
      const perPeriod = ((costOf.get(c.id) ?? 0) / opts.days) * 30.44 * factorOf(i);
      const custom = i % 5 === 4;
      return {
        account: c.id,
        year,
        projected: i % 3 !== 2,
        defaults: !custom,
        t: custom ? [50, 75, 100] : [null, null, null],
        value: Math.max(1, perPeriod).toFixed(2),
      };
    });
    log(`${engine}: ${rows.length.toLocaleString('en')} budgets × 12 periods`);
    const budgets = await timed(async () => {
      await sql`
        insert into budgets (workspace_id, billing_account_id, budget_type, resource_id, resource_header_id, accounting_year,
          currency_code, description, standard_alerts_enabled, projected_alerts_enabled, use_default_thresholds,
          threshold1_percent, threshold2_percent, threshold3_percent, created_at, updated_at)
        select ${WORKSPACE}, u.account, 'COST', null, null, u.year, 'USD', 'Bench budget', true, u.projected, u.defaults,
          u.t1, u.t2, u.t3, ${NOW.toISOString()}::timestamptz, ${NOW.toISOString()}::timestamptz
        from unnest(${textArray(rows.map((r) => r.account))}::text[], ${intArray(rows.map((r) => r.year))}::int4[],
          ${boolArray(rows.map((r) => r.projected))}::bool[], ${boolArray(rows.map((r) => r.defaults))}::bool[],
          ${intArray(rows.map((r) => r.t[0]))}::int4[], ${intArray(rows.map((r) => r.t[1]))}::int4[], ${intArray(rows.map((r) => r.t[2]))}::int4[])
          as u(account, year, projected, defaults, t1, t2, t3)`.execute(db);
      await sql`
        insert into budget_periods (workspace_id, budget_id, kind, accounting_period, budget_value)
        select b.workspace_id, b.id, 'COST', p, u.value
        from unnest(${textArray(rows.map((r) => r.account))}::text[], ${textArray(rows.map((r) => r.value))}::numeric[]) as u(account, value)
        join budgets b on b.workspace_id = ${WORKSPACE} and b.billing_account_id = u.account
        cross join generate_series(1, 12) as p`.execute(db);
    });

    // Alert history: one evaluation a month back, so budget_alerts holds the previous periods' alerts, as a live workspace's does.
    const { evaluateBudgets } = await import(evaluationModule);
    const history = await evaluateBudgets(db, WORKSPACE, undefined, new Date(NOW.getTime() - 30 * DAY_MS));
    log(`${engine}: alert history (an evaluation 30 days back): ${history.alerts.toLocaleString('en')} alerts`);

    const vacuum = await timed(async () => {
      for (const table of ['billing_accounts', 'cost_rollups_daily', 'budgets', 'budget_periods', 'budget_alerts']) {
        await sql`vacuum analyze ${sql.raw(table)}`.execute(db);
      }
    });
    let version;
    if (engine === 'pglite') version = (await sql`select version() as v`.execute(db)).rows[0].v;
    return {
      seeding: {
        customersSeconds: accounts.seconds,
        rollupsSeconds: rollups.seconds,
        budgetsSeconds: budgets.seconds,
        vacuumAnalyzeSeconds: vacuum.seconds,
        rollupRows,
        budgets: rows.length,
        budgetPeriods: rows.length * 12,
        historyAlerts: history.alerts,
      },
      version,
    };
  } finally {
    await db.destroy();
  }
}

// ---------------------------------------------------------------------------------------------
// (a) the alert evaluation beside the bare SQL of the same period totals

function labelOf(text) {
  if (/pg_advisory_xact_lock/.test(text)) return 'lock (advisory)';
  if (/from "budgets" as "b"/.test(text)) return 'budgetsToEvaluate';
  if (/"budget_settings"/.test(text)) return 'loadBudgetSettings';
  if (/cost_rollups_daily r/.test(text)) return 'periodStandings';
  if (/insert into budget_alerts/.test(text)) return 'insertAlerts';
  return text.replace(/\s+/g, ' ').slice(0, 60);
}

const sqlLiteral = (v) => (v === null || v === undefined ? 'null' : `'${String(v).replace(/'/g, "''")}'`);

/**
 * EXPLAIN (ANALYZE, BUFFERS) of a statement with the plan it runs with. PostgreSQL, `asServer`:
 * PREPAREd on one connection and executed five times first, as the server's named prepared
 * statements are by then, so the sixth — EXPLAINed — runs the plan PostgreSQL settles on (a generic one shows with `$n` in it); otherwise planned with
 * its parameter values (PGlite sends every statement unnamed: always that).
 */
async function explain(engine, databaseUrl, db, text, parameters, asServer) {
  if (engine !== 'postgres' || !asServer) {
    const { rows } = await db.executeQuery(CompiledQuery.raw(`explain (analyze, buffers) ${text}`, parameters));
    return rows.map((r) => r['QUERY PLAN']);
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const execute = `execute bench_explain(${parameters.map(sqlLiteral).join(', ')})`;
    await client.query(`prepare bench_explain as ${text}`);
    for (let n = 0; n < 5; n++) await client.query(execute);
    return (await client.query(`explain (analyze, buffers) ${execute}`)).rows.map((r) => r['QUERY PLAN']);
  } finally {
    await client.end();
  }
}

const stats = (xs) => ({ medianMs: round(median(xs), 1), minMs: round(Math.min(...xs), 1), maxMs: round(Math.max(...xs), 1), runsMs: xs.map((x) => round(x, 1)) });

/** A database URL whose connections start with `-c <setting>` (PostgreSQL). */
function withConnectionOption(databaseUrl, option) {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c ${option}`);
  return url.toString();
}

async function measureEvaluation(engine, databaseUrl) {
  const { evaluateBudgets } = await import(evaluationModule);
  const { accountingPeriodOf } = await import(calendarModule);
  const { db } = await createDb(databaseUrl);
  const at = NOW.toISOString();
  try {
    // Each customer's current period, computed as the evaluation does, handed to the reference as arrays.
    const customers = (
      await sql`select id, accounting_day, fiscal_start_month from billing_accounts where workspace_id = ${WORKSPACE} order by id`.execute(db)
    ).rows;
    const ids = [];
    const starts = [];
    const ends = [];
    for (const c of customers) {
      const p = accountingPeriodOf({ accountingDay: c.accounting_day, fiscalStartMonth: c.fiscal_start_month }, NOW);
      ids.push(c.id);
      starts.push(dayText(p.start.getTime()));
      ends.push(dayText(p.end.getTime()));
    }
    const minStart = starts.reduce((m, d) => (d < m ? d : m));
    const maxEnd = ends.reduce((m, d) => (d > m ? d : m));
    const referenceQuery = sql`
      with t as (
        select * from unnest(${textArray(ids)}::text[], ${textArray(starts)}::date[], ${textArray(ends)}::date[]) as t(account_id, start_day, end_day)
      )
      select t.account_id, sum(r.billed_cost)::text as total
      from t
      join cost_rollups_daily r on r.billing_account_id = t.account_id and r.day >= t.start_day and r.day < t.end_day
      where r.workspace_id = ${WORKSPACE} and r.day >= ${minStart}::date and r.day < ${maxEnd}::date
      group by t.account_id`;
    const reference = async (kysely) => {
      const t0 = performance.now();
      const { rows } = await referenceQuery.execute(kysely);
      return { ms: performance.now() - t0, rows };
    };
    const evaluate = async (kysely, options = {}, accountIds = undefined) => {
      const t0 = performance.now();
      const summary = await evaluateBudgets(kysely, WORKSPACE, accountIds, NOW, options);
      return { ms: performance.now() - t0, summary };
    };
    // Back to "never evaluated at now": the alerts this run's evaluations wrote go (the history stays), dead rows vacuumed.
    const resetAlerts = async () => {
      await sql`delete from budget_alerts where workspace_id = ${WORKSPACE} and alert_date = ${at}::timestamptz`.execute(db);
      await sql`vacuum analyze budget_alerts`.execute(db);
    };

    /**
     * Warm-up pairs, then measured pairs, each evaluation the first at `now` (alerts reset before
     * it). The warm-up runs each statement more than five times on the connection, so the measured
     * runs meet the plan a long-running server has settled on (PostgreSQL may switch a named
     * prepared statement to a generic plan from its sixth execution).
     */
    const protocol = async (kysely, label) => {
      let expectedAlerts;
      for (let w = 0; w < opts.warmupEvaluations; w++) {
        await resetAlerts();
        const e = await evaluate(kysely);
        const ref = await reference(kysely);
        if (w === 0) {
          if (e.summary.budgets !== opts.customers || e.summary.periods !== opts.customers) {
            throw new Error(`${engine}: the evaluation looked at ${e.summary.budgets} budgets and ${e.summary.periods} periods; expected ${opts.customers} of each`);
          }
          if (e.summary.alerts === 0) throw new Error(`${engine}: the evaluation created no alert; the budgets are meant to make some cross their thresholds`);
          await checkSameTotals(db, ref.rows);
          expectedAlerts = e.summary.alerts;
        }
        log(`${engine} (a) ${label}: warm-up ${w + 1}/${opts.warmupEvaluations}: evaluation ${round(e.ms, 1)} ms, reference ${round(ref.ms, 1)} ms`);
      }
      const runs = [];
      const refRuns = [];
      let summary;
      for (let r = 0; r < opts.repetitions; r++) {
        await resetAlerts();
        // Alternate which goes first, so neither always finds the other's pages in cache.
        if (r % 2 === 1) refRuns.push((await reference(kysely)).ms);
        const e = await evaluate(kysely);
        if (r % 2 === 0) refRuns.push((await reference(kysely)).ms);
        runs.push(e.ms);
        summary = e.summary;
        if (expectedAlerts !== undefined && summary.alerts !== expectedAlerts) {
          throw new Error(`${engine}: repetition ${r + 1} created ${summary.alerts} alerts, the first evaluation ${expectedAlerts}`);
        }
        log(`${engine} (a) ${label}: evaluation ${round(e.ms, 1)} ms (${summary.alerts} alerts), reference ${round(refRuns.at(-1), 1)} ms`);
      }
      const ours = { ...stats(runs), summary };
      const sqlRef = stats(refRuns);
      return { ours, reference: sqlRef, ratios: { evaluationOverSql: round(ours.medianMs / sqlRef.medianMs, 2) } };
    };

    const asServer = await protocol(db, 'as the server runs it');
    // What the last first evaluation wrote.
    const alertsByKindAndLevel = (
      await sql`select alert_type as kind, threshold_level as level, count(*)::int as alerts from budget_alerts where workspace_id = ${WORKSPACE}
                and alert_date = ${at}::timestamptz group by 1, 2 order by 1, 2`.execute(db)
    ).rows;
    const customersWithAlerts = (
      await sql`select count(distinct billing_account_id)::int as n from budget_alerts where workspace_id = ${WORKSPACE}
                and alert_date = ${at}::timestamptz`.execute(db)
    ).rows[0].n;

    // Informational: the same evaluation once its alerts exist (nothing new to write), and as a rating run's job runs it.
    // A projected alert due beside a standard one waits for the next evaluation (only the standard
    // alert fires when both do): one settling evaluation makes those, then nothing is new.
    const settled = await evaluate(db);
    log(`${engine} (a): the next evaluation made ${settled.summary.alerts} projected alerts that waited for it`);
    const repeatRuns = [];
    for (let r = 0; r < opts.repetitions; r++) {
      const e = await evaluate(db);
      if (e.summary.alerts !== 0) throw new Error(`${engine}: a repeated evaluation created ${e.summary.alerts} alerts`);
      repeatRuns.push(e.ms);
    }
    const rated = { fromDay: dayText(TODAY_MS - DAY_MS), toDay: dayText(TODAY_MS) };
    const ratedRuns = [];
    let ratedSummary;
    for (let r = 0; r < opts.repetitions; r++) {
      await resetAlerts();
      const e = await evaluate(db, { rated });
      ratedRuns.push(e.ms);
      ratedSummary = e.summary;
    }
    log(`${engine} (a): repeated evaluation ${round(median(repeatRuns), 1)} ms; after a rating of ${rated.fromDay}: ${round(median(ratedRuns), 1)} ms`);

    // One more first evaluation with every statement timed: where the time goes, and the SQL for EXPLAIN.
    const profile = async (kysely, accountIds) => {
      await resetAlerts();
      const recorder = statementRecorder(labelOf);
      const t0 = performance.now();
      await evaluateBudgets(kysely.withPlugin(recorder.plugin), WORKSPACE, accountIds, NOW);
      const ms = performance.now() - t0;
      const statementsMs = recorder.statements.reduce((sum, x) => sum + x.ms, 0);
      return {
        statements: recorder.statements,
        breakdown: {
          totalMs: round(ms, 1),
          statements: recorder.statements.map((x) => ({ label: x.label, ms: round(x.ms, 2), rows: x.rows })),
          outsideStatementsMs: round(ms - statementsMs, 1),
          note: 'one first evaluation with a recorder on, after the measured ones; outside the statements: BEGIN/COMMIT, the calendar and the alert rules in JS',
        },
      };
    };
    const profiled = await profile(db, undefined);

    // Informational: one customer's evaluation, as a budget change enqueues it (accountIds = [that customer]).
    const oneRuns = [];
    for (let r = 0; r < opts.repetitions; r++) {
      await resetAlerts();
      const e = await evaluate(db, {}, [ids[(r * 7919 + 13) % ids.length]]);
      oneRuns.push(e.ms);
    }
    const oneProfiled = await profile(db, [ids[13 % ids.length]]);
    log(`${engine} (a): one customer's evaluation ${round(median(oneRuns), 1)} ms`);

    // PostgreSQL: the same protocol on connections that plan every execution with its parameter values.
    let customPlans;
    if (engine === 'postgres') {
      const option = 'plan_cache_mode=force_custom_plan';
      const custom = await createDb(withConnectionOption(databaseUrl, option));
      try {
        customPlans = { connectionOptions: `-c ${option}`, ...(await protocol(custom.db, option)), breakdown: (await profile(custom.db, undefined)).breakdown };
      } finally {
        await custom.db.destroy();
      }
    }

    // EXPLAIN ANALYZE of the heavy statements as a first evaluation meets them: with the plan the server runs, and planned with the values.
    await resetAlerts();
    const plans = {};
    const compiledRef = referenceQuery.compile(db);
    const explained = [
      ...['budgetsToEvaluate', 'periodStandings'].map((label) => ({ ...profiled.statements.find((x) => x.label === label), label })),
      { label: 'reference', sql: compiledRef.sql, parameters: compiledRef.parameters },
      { ...oneProfiled.statements.find((x) => x.label === 'periodStandings'), label: 'oneCustomerPeriodStandings' },
    ];
    for (const x of explained) {
      if (!x.sql) continue;
      plans[x.label] = { sql: x.sql, plan: await explain(engine, databaseUrl, db, x.sql, x.parameters, true) };
      if (engine === 'postgres') plans[`${x.label}WithValues`] = { plan: await explain(engine, databaseUrl, db, x.sql, x.parameters, false) };
    }

    return {
      ...asServer,
      customPlans,
      repeat: { ...stats(repeatRuns), alerts: 0, settlingEvaluationAlerts: settled.summary.alerts },
      afterRating: { rated, ...stats(ratedRuns), summary: ratedSummary },
      oneCustomer: { ...stats(oneRuns), note: 'evaluateBudgets(db, workspace, [one customer], now), as after a change of its budget; a different customer each run', breakdown: oneProfiled.breakdown },
      breakdown: profiled.breakdown,
      alertsByKindAndLevel,
      customersWithAlerts,
      referenceRows: customers.length,
      plans,
    };
  } finally {
    await db.destroy();
  }
}

/** The evaluation and the reference agree: every STANDARD alert's actual value is the reference's total for its customer. */
async function checkSameTotals(db, referenceRows) {
  const totals = new Map(referenceRows.map((r) => [r.account_id, Number(r.total)]));
  const alerts = (
    await sql`select billing_account_id, actual_value::float8 as actual from budget_alerts
              where workspace_id = ${WORKSPACE} and alert_date = ${NOW.toISOString()}::timestamptz and alert_type = 'STANDARD'`.execute(db)
  ).rows;
  for (const a of alerts) {
    const total = totals.get(a.billing_account_id);
    if (total === undefined || Math.abs(total - a.actual) > 1e-6 * Math.max(1, total)) {
      throw new Error(`alert of ${a.billing_account_id}: actual ${a.actual}, the reference's period total ${total}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// (b) GET /rest/v1/budgets/budget/accountId/{id} over HTTP, beside a bare route with the same bytes

async function pickCustomers(databaseUrl) {
  const { db } = await createDb(databaseUrl);
  try {
    // Deterministic but scattered: ordered by a hash of the account id.
    return (
      await sql`select b.billing_account_id as account, b.id as budget_id from budgets b where b.workspace_id = ${WORKSPACE}
                order by md5(b.billing_account_id) limit ${Math.min(opts.rotate, opts.customers)}`.execute(db)
    ).rows;
  } finally {
    await db.destroy();
  }
}

const budgetPath = (account) => `/rest/v1/budgets/budget/accountId/${encodeURIComponent(account)}`;

/** Each distinct request once: a 200 with XML holding the customer's one budget and its 12 periods. Returns the bodies. */
async function checkResponses(url, picks, label, expected) {
  const bodies = {};
  let contentType;
  for (const p of picks) {
    const res = await globalThis.fetch(url + budgetPath(p.account), { headers: { authorization: BASIC } });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${label}: GET ${budgetPath(p.account)} → ${res.status} ${text.slice(0, 300)}`);
    const ok =
      /count="1"/.test(text) &&
      text.includes(`budgetId="${p.budget_id}"`) &&
      text.includes(`accountId="${p.account}"`) &&
      (text.match(/accountingPeriod="/g) ?? []).length === 12;
    if (!ok) throw new Error(`${label}: GET ${budgetPath(p.account)} → unexpected body ${text.slice(0, 500)}`);
    if (expected && expected.bodies[p.account] !== text) throw new Error(`${label}: the body for ${p.account} differs from our server's`);
    bodies[p.account] = text;
    contentType = res.headers.get('content-type');
  }
  return { bodies, contentType, bytes: Buffer.byteLength(bodies[picks[0].account]) };
}

function meterFor(serverPid, withPostgres) {
  const groups = { loadGenerator: () => [process.pid], server: () => [serverPid] };
  // Only the backends serving the scratch database: other databases on the machine are not ours.
  if (withPostgres) groups.postgres = () => pidsNamed('postgres', ` ${PG_DATABASE} `);
  return cpuMeter(groups);
}

/** CPU milliseconds per completed request, per process group (see ../lib/cpu.mjs). */
function cpuPerRequest(cpu, requests) {
  if (!cpu) return undefined;
  return Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, v === null ? null : round((v * 1000) / requests, 3)]));
}

async function measure(label, url, picks, meter) {
  log(`${label}: ${opts.warmup}s warm-up + ${opts.duration}s, ${opts.connections} connections, ${picks.length} customers`);
  const r = await measureHttp({
    url,
    headers: { authorization: BASIC },
    paths: picks.map((p) => budgetPath(p.account)),
    connections: opts.connections,
    seconds: opts.duration,
    warmupSeconds: opts.warmup,
    label,
    meter,
  });
  log(`${label}: p50 ${r.p50} ms, p99 ${r.p99} ms, ${r.rps} req/s`);
  return { p50: r.p50, p99: r.p99, rps: r.rps, requests: r.n, cpuMsPerRequest: cpuPerRequest(r.cpu, r.n) };
}

async function measureHttpPart(engine, databaseUrl) {
  const picks = await pickCustomers(databaseUrl);
  const server = await startConsumoServer({
    bin: serverBin,
    label: `server ${engine}`,
    databaseUrl,
    dataDir,
    bootstrap: { workspaceId: WORKSPACE, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
    env: { REDIS_URL: '' },
  });
  const fixtures = await checkResponses(server.url, picks, `${engine} server`);
  const ours = await measure(`${engine} server`, server.url, picks, meterFor(server.pid, engine === 'postgres'));
  // autocannon ends its window with requests in flight and their sockets closed: let the server finish them before SIGTERM.
  await sleep(2000);
  await server.stop();

  const fixturesFile = path.join(dataDir, 'bare-fixtures.json');
  writeFileSync(fixturesFile, JSON.stringify({ contentType: fixtures.contentType, bodies: fixtures.bodies }));
  cleanups.push(async () => rmSync(fixturesFile, { force: true }));
  const bare = await startChild({ label: 'bare', args: [path.join(here, 'bare-server.mjs')], env: { BENCH_FIXTURES: fixturesFile }, ready: /listening on (http:\/\/\S+)/ });
  cleanups.push(() => bare.stop());
  await checkResponses(bare.url, picks, 'bare', fixtures);
  const bareResult = await measure(`${engine} bare`, bare.url, picks, meterFor(bare.pid, false));
  await bare.stop();

  return {
    request: `GET ${budgetPath(picks[0].account)} (Authorization: Basic)`,
    rotatedCustomers: picks.length,
    contentType: fixtures.contentType,
    bodyBytes: fixtures.bytes,
    ours,
    bare: bareResult,
    ratios: {
      // share of the bare route's throughput we keep (1 = no overhead above the framework)
      oursRpsOverBareRps: round(ours.rps / bareResult.rps, 3),
      // how many times the bare route's latency a request takes (1 = the same)
      oursP50OverBareP50: round(ours.p50 / bareResult.p50, 2),
      oursP99OverBareP99: round(ours.p99 / bareResult.p99, 2),
      // server-process CPU per request against the bare route's: robust when the load generator, not the server, is the limit
      oursServerCpuOverBareCpu:
        ours.cpuMsPerRequest?.server && bareResult.cpuMsPerRequest?.server ? round(ours.cpuMsPerRequest.server / bareResult.cpuMsPerRequest.server, 2) : null,
    },
  };
}

// ---------------------------------------------------------------------------------------------

async function runEngine(engine) {
  log(`${engine}: scratch database`);
  await scratchDb.create(engine);
  const databaseUrl = scratchDb.url(engine);
  const seeded = await seed(engine, databaseUrl);
  const evaluation = await measureEvaluation(engine, databaseUrl);
  const http = opts.skipHttp ? undefined : await measureHttpPart(engine, databaseUrl);
  return { seeding: seeded.seeding, version: seeded.version, evaluation, http };
}

function checkTargets(enginesOut) {
  const targets = [];
  for (const [engine, e] of Object.entries(enginesOut)) {
    const value = e.evaluation.ratios.evaluationOverSql;
    targets.push({
      name: `${engine === 'postgres' ? 'PostgreSQL' : 'PGlite'} (a) one full alert evaluation ÷ the bare SQL of the same period totals`,
      engine,
      value,
      comparison: '≤',
      threshold: 2,
      unit: '×',
      met: value <= 2,
      ...(!fullSize && { note: `reduced size (${opts.customers} customers, ${opts.events} events): not the issue's measurement` }),
    });
  }
  return targets;
}

function fmt(x, w = 9) {
  return String(x ?? '—').padStart(w);
}

function printSummary(out) {
  const lines = ['', `budgets — ${out.settings.customers.toLocaleString('en')} customers, ${out.settings.events.toLocaleString('en')} events over ${out.settings.days} days`];
  lines.push(`machine: ${out.machine.os}, ${out.machine.cpus}× ${out.machine.cpuModel}, node ${out.machine.node}, PostgreSQL ${out.machine.postgres ?? '—'}; load ${out.machine.loadAverageAtStart.join(' / ')} at start`);
  for (const [engine, e] of Object.entries(out.engines)) {
    const ev = e.evaluation;
    lines.push('');
    lines.push(`${engine}: ${e.seeding.rollupRows.toLocaleString('en')} rollup rows, ${e.seeding.budgets.toLocaleString('en')} budgets; ${ev.ours.summary.alerts} alerts for ${ev.customersWithAlerts} customers`);
    lines.push(`  (a) evaluation median ${ev.ours.medianMs} ms (min ${ev.ours.minMs}, max ${ev.ours.maxMs}); bare SQL ${ev.reference.medianMs} ms → ${ev.ratios.evaluationOverSql}×`);
    if (ev.customPlans) lines.push(`      with ${ev.customPlans.connectionOptions}: evaluation ${ev.customPlans.ours.medianMs} ms; bare SQL ${ev.customPlans.reference.medianMs} ms → ${ev.customPlans.ratios.evaluationOverSql}×`);
    lines.push(`      repeated (no new alert) ${ev.repeat.medianMs} ms; after a rating of yesterday ${ev.afterRating.medianMs} ms`);
    lines.push(`      one customer (as after a budget change) ${ev.oneCustomer.medianMs} ms`);
    lines.push(`      breakdown: ${ev.breakdown.statements.map((s) => `${s.label} ${s.ms}`).join(', ')}, outside ${ev.breakdown.outsideStatementsMs} (ms)`);
    if (e.http) {
      const h = e.http;
      lines.push(`  (b) ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'req/s'.padStart(9)} ${'cpu/req'.padStart(9)} ${'db'.padStart(9)}`);
      lines.push(`      ours ${fmt(h.ours.p50)} ${fmt(h.ours.p99)} ${fmt(Math.round(h.ours.rps))} ${fmt(h.ours.cpuMsPerRequest?.server)} ${fmt(h.ours.cpuMsPerRequest?.postgres)}`);
      lines.push(`      bare ${fmt(h.bare.p50)} ${fmt(h.bare.p99)} ${fmt(Math.round(h.bare.rps))} ${fmt(h.bare.cpuMsPerRequest?.server)}`);
      lines.push(`      ours/bare: req/s ${h.ratios.oursRpsOverBareRps}, p50 ${h.ratios.oursP50OverBareP50}×, p99 ${h.ratios.oursP99OverBareP99}×, server CPU ${h.ratios.oursServerCpuOverBareCpu}×`);
    }
  }
  lines.push('', 'targets:');
  for (const t of out.targets) lines.push(`  ${t.met ? 'MET   ' : 'MISSED'} ${t.name}: ${t.value}${t.unit} (target ${t.comparison} ${t.threshold}${t.unit})${t.note ? ` — ${t.note}` : ''}`);
  console.log(lines.join('\n'));
}

async function main() {
  if (!existsSync(serverBin) || !existsSync(evaluationModule) || !existsSync(calendarModule)) {
    throw new Error('packages are not built: run `npm run build` (or `npm ci`) first');
  }
  mkdirSync(dataDir, { recursive: true });
  const started = new Date();
  const loadAverageAtStart = os.loadavg().map((x) => round(x, 2));
  const codeAtStart = codeVersion(root);
  const postgresVersion = engines.includes('postgres') ? (await pgAdmin('show server_version'))[0].server_version : undefined;
  const enginesOut = {};
  for (const engine of engines) enginesOut[engine] = await runEngine(engine);
  const out = {
    benchmark: 'budgets',
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
      fullSize,
      customers: opts.customers,
      events: opts.events,
      days: opts.days,
      services: SERVICES.length,
      engines,
      evaluatedAt: NOW.toISOString(),
      eventsWindow: { from: dayText(WINDOW_START_MS), to: dayText(TODAY_MS) },
      rollups: 'written directly (INSERT … SELECT … GROUP BY over generated events), not ingested and rated',
      warmupEvaluations: opts.warmupEvaluations,
      repetitions: opts.repetitions,
      connections: opts.connections,
      warmupSeconds: opts.warmup,
      seconds: opts.duration,
      rotatedCustomers: Math.min(opts.rotate, opts.customers),
    },
    engines: Object.fromEntries(Object.entries(enginesOut).map(([k, { version: _version, ...e }]) => [k, e])),
    targets: checkTargets(enginesOut),
  };
  writeFileSync(outFile, `${JSON.stringify(out, null, 2)}\n`);
  printSummary(out);
  console.log(`\nwrote ${path.relative(process.cwd(), outFile)}`);
}

try {
  await main();
} catch (err) {
  console.error(`\nbudgets FAILED: ${err.stack ?? err}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
