/**
 * Durability of FOCUS export runs on real processes. A server killed with SIGKILL in the middle of
 * a run (files under CONSUMO_EXPORT_DIR, one billing period at a time) leaves each period it
 * finished complete with its manifest, and at most the temp directory of the period it was
 * writing. After the restart the same run resumes at the first period not counted done, ends
 * SUCCEEDED, and the export directory holds exactly one directory per billing period: the parts
 * its manifest lists and nothing else, no temp or aside directory, rows matching the database's
 * cost records; the periods finished before the kill are not written again.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { sql } from 'kysely';
import { type ExpectStatic, describe, it } from 'vitest';
import type { Db } from '../../packages/server/src/storage/database.js';
import { e2eDatabase, e2eEngines } from '../support/e2e-databases.js';
import { inspect } from '../support/inspect-database.js';
import { type ServerProcess, startServerProcess } from '../support/server-process.js';
import { api, waitFor } from '../support/polling.js';
import { fetchToken, fixedBootstrap } from '../support/subscription-e2e.js';
import { DAY_MS } from '@consumo/focus/formats';

const BASE = '/consumption-analytics/v1beta1/focus-exports';
/** The demo's unfiltered, uncompressed CSV definition: its rows are all the workspace's cost records. */
const ALL_USAGE = 'All usage (GreenLake)';
const PART_ROWS = 250;
const STEP_DELAY_MS = 1500;
const DAY = DAY_MS;
const TERMINAL = ['SUCCEEDED', 'FAILED', 'TIMEDOUT'];
/** What export-files.ts names a period's directory (its swap uses `.BILLING_PERIOD=….tmp` and `….old` beside it). */
const PERIOD_DIR = /^BILLING_PERIOD=(\d{4}-\d{2})$/;

interface RunFile {
  path: string;
  rows: number;
  bytes: number;
}

interface Run {
  id: string;
  status: string;
  progressPercent: number;
  result: { exportId: string; from: string; to: string; periods: number; periodsDone: number; files: RunFile[]; rowsWritten: number; bytesWritten: number };
  error?: unknown;
}

interface Manifest {
  runId: string;
  exportId: string;
  billingPeriod: string;
  format: string;
  compression: string;
  range: { from: string; to: string };
  files: { name: string; rows: number; bytes: number; sha256: string }[];
  /** The period's FOCUS 1.3 metadata file beside the parts (ADR 0025). */
  metadata: { name: string; bytes: number; sha256: string };
  rows: number;
  bytes: number;
}

/** What a period directory looked like on disk: to tell later whether it was written again. */
interface PeriodSnapshot {
  dirIno: number;
  manifest: string;
  files: Record<string, { ino: number; mtimeMs: number; size: number }>;
}

const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The calendar months (YYYY-MM) that the inclusive day range overlaps: the run's billing periods. */
function monthsOf(first: string, last: string): string[] {
  const months: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const end = last.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= end) return months;
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
}

/** Every path under `dir`, relative to it, directories included. */
function walk(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const p = path.join(rel, e.name);
    return e.isDirectory() ? [p, ...walk(dir, p)] : [p];
  });
}

function snapshot(periodDir: string): PeriodSnapshot {
  const files: PeriodSnapshot['files'] = {};
  for (const name of readdirSync(periodDir)) {
    const s = statSync(path.join(periodDir, name));
    files[name] = { ino: s.ino, mtimeMs: s.mtimeMs, size: s.size };
  }
  return { dirIno: statSync(periodDir).ino, manifest: readFileSync(path.join(periodDir, 'manifest.json'), 'utf8'), files };
}

/**
 * Checks a period directory against its manifest: the parts it lists and no other file, each with
 * the listed size, hash and number of data rows (CSV records after the header, parsed, so that a
 * quoted newline in a cell would not count twice), the totals the sums of the parts'.
 */
function checkPeriod(expect: ExpectStatic, periodDir: string, manifest: Manifest): number {
  const where = path.basename(periodDir);
  expect(readdirSync(periodDir).sort(), `${where}: its parts, metadata and manifest, nothing else`).toEqual(
    ['manifest.json', manifest.metadata.name, ...manifest.files.map((f) => f.name)].sort(),
  );
  const metadata = readFileSync(path.join(periodDir, manifest.metadata.name));
  expect(manifest.metadata.name).toBe('metadata.json');
  expect(metadata.length, `${where}/metadata.json bytes`).toBe(manifest.metadata.bytes);
  expect(createHash('sha256').update(metadata).digest('hex'), `${where}/metadata.json sha256`).toBe(manifest.metadata.sha256);
  let rows = 0;
  let header: string | undefined;
  manifest.files.forEach((f, i) => {
    expect(f.name).toBe(`part-${String(i + 1).padStart(5, '0')}.csv`);
    const bytes = readFileSync(path.join(periodDir, f.name));
    expect(bytes.length, `${where}/${f.name} bytes`).toBe(f.bytes);
    expect(createHash('sha256').update(bytes).digest('hex'), `${where}/${f.name} sha256`).toBe(f.sha256);
    const [head, ...data] = parse(bytes, { relax_column_count: false }) as string[][];
    header ??= head!.join(',');
    expect(head!.join(','), `${where}/${f.name} header`).toBe(header);
    expect(data.length, `${where}/${f.name} data rows`).toBe(f.rows);
    // Every part but the last is full.
    if (i < manifest.files.length - 1) expect(f.rows).toBe(PART_ROWS);
    else expect(f.rows).toBeGreaterThan(0);
    expect(f.rows).toBeLessThanOrEqual(PART_ROWS);
    rows += data.length;
  });
  expect(manifest.rows, `${where}: manifest rows`).toBe(rows);
  expect(manifest.bytes, `${where}: manifest bytes`).toBe(manifest.files.reduce((n, f) => n + f.bytes, 0));
  return rows;
}

/** The workspace's cost records per billing period (UTC month of ChargePeriodStart) in `[from, to)`. */
async function recordsPerMonth(db: Db, workspaceId: string, from: Date, to: Date): Promise<Map<string, number>> {
  const rows = await sql<{ month: string; n: number }>`
    select to_char(charge_period_start at time zone 'UTC', 'YYYY-MM') as month, count(*)::int as n from cost_records
    where workspace_id = ${workspaceId} and charge_period_start >= ${from} and charge_period_start < ${to} group by 1`.execute(db);
  return new Map(rows.rows.map((r) => [r.month, r.n]));
}

describe.concurrent('FOCUS export runs survive kill -9 of the server', () => {
  for (const engine of e2eEngines()) {
    it(`${engine}: a run killed between billing periods resumes, ends SUCCEEDED, one set of files per period`, async ({ expect }) => {
      const database = await e2eDatabase(engine);
      const boot = fixedBootstrap();
      const exportDir = path.join(database.dir, 'exports');
      const env = {
        DATABASE_URL: database.url,
        CONSUMO_DEMO: '1',
        CONSUMO_RATE_LIMIT_MULTIPLIER: '1000',
        CONSUMO_JOB_LEASE_MS: '3000',
        CONSUMO_ASYNC_STEP_DELAY_MS: String(STEP_DELAY_MS),
        CONSUMO_EXPORT_DIR: exportDir,
        CONSUMO_EXPORT_PART_ROWS: String(PART_ROWS),
        ...boot.env,
      };
      let server: ServerProcess | undefined;
      try {
        // The demo workspace: 90 days of usage, rated at start-up, and the demo export definitions.
        server = await startServerProcess(env, database.dir);
        let token = await fetchToken(server.url, boot);
        const definitions = await api<{ items: { id: string; name: string; filter: unknown[]; format: string; compression: string }[] }>(
          server.url,
          token,
          BASE,
        );
        const definition = definitions.items.find((d) => d.name === ALL_USAGE)!;
        expect(definition).toMatchObject({ filter: [], format: 'csv', compression: 'none' });
        const exportId = definition.id;
        const exportRoot = path.join(exportDir, boot.workspaceId, exportId);

        // The demo's 90 days, today included: four calendar months (at least three), each with records.
        const now = Date.now();
        const startDate = isoDay(now - 89 * DAY);
        const endDate = isoDay(now);
        const months = monthsOf(startDate, endDate);
        expect(months.length).toBeGreaterThanOrEqual(3);
        const rangeFrom = new Date(`${startDate}T00:00:00Z`);
        const rangeTo = new Date(Date.parse(`${endDate}T00:00:00Z`) + DAY);

        const { transactionId: runId } = await api<{ transactionId: string }>(server.url, token, `${BASE}/${exportId}/runs`, {
          method: 'POST',
          body: JSON.stringify({ startDate, endDate }),
        });

        // 1. SIGKILL while the run waits between two billing periods: some done, not all.
        const caught = await waitFor('the run part done', async () => {
          const run = await api<Run>(server!.url, token, `${BASE}/${exportId}/runs/${runId}`);
          if (TERMINAL.includes(run.status)) throw new Error(`the run ended (${run.status}) before it was seen part done`);
          return run.result.periodsDone >= 1 ? run : undefined;
        }, 90_000);
        expect(await server.stop('SIGKILL')).toBeNull();
        expect(caught.status).toBe('RUNNING');
        expect(caught.result.periods).toBe(months.length);
        expect(caught.result.periodsDone).toBeGreaterThanOrEqual(1);
        expect(caught.result.periodsDone).toBeLessThan(months.length);

        const atCrash = await inspect(engine, database, async (db) => ({
          run: await db.selectFrom('focus_export_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow(),
          job: await db.selectFrom('jobs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow(),
        }));
        expect(atCrash.run.status).toBe('RUNNING');
        expect(atCrash.job.status).toBe('running');
        const doneAtCrash = atCrash.run.periods_done;
        expect(doneAtCrash).toBeGreaterThanOrEqual(caught.result.periodsDone);
        expect(doneAtCrash).toBeLessThan(months.length);

        // 2. On disk, with no server: each period counted done is complete with its manifest. The
        // period in flight may have its temp directory, or (killed between the swap and the progress
        // commit) its whole directory; nothing else exists, and no period directory lacks a manifest.
        const done = months.slice(0, doneAtCrash);
        const inFlight = months[doneAtCrash]!;
        const entries = readdirSync(exportRoot).sort();
        const periodDirs = entries.filter((e) => PERIOD_DIR.test(e));
        expect(periodDirs.slice(0, done.length), 'the periods counted done are on disk').toEqual(done.map((m) => `BILLING_PERIOD=${m}`));
        expect(periodDirs.length - done.length).toBeLessThanOrEqual(1);
        // Beside the periods: the export's own metadata over the periods written, and the temp directory of the period in flight.
        for (const e of entries.filter((x) => !PERIOD_DIR.test(x) && x !== 'metadata.json')) expect(e, 'only the temp directory of the period in flight').toBe(`.BILLING_PERIOD=${inFlight}.tmp`);
        if (periodDirs.length > done.length) expect(periodDirs.at(-1)).toBe(`BILLING_PERIOD=${inFlight}`);
        const before = new Map<string, PeriodSnapshot>();
        for (const dir of periodDirs) {
          const full = path.join(exportRoot, dir);
          expect(existsSync(path.join(full, 'manifest.json')), `${dir} has its manifest`).toBe(true);
          const manifest = JSON.parse(readFileSync(path.join(full, 'manifest.json'), 'utf8')) as Manifest;
          expect(manifest).toMatchObject({ runId, exportId, billingPeriod: PERIOD_DIR.exec(dir)![1] });
          checkPeriod(expect, full, manifest);
          before.set(dir, snapshot(full));
        }

        // 3. Restart with the same environment: the same run is taken up again and ends.
        server = await startServerProcess(env, database.dir);
        token = await fetchToken(server.url, boot);
        const ended = await waitFor('the run to resume and end', async () => {
          const run = await api<Run>(server!.url, token, `${BASE}/${exportId}/runs/${runId}`);
          return TERMINAL.includes(run.status) ? run : undefined;
        }, 90_000);
        expect(ended, JSON.stringify(ended.error)).toMatchObject({
          id: runId,
          status: 'SUCCEEDED',
          progressPercent: 100,
          result: { exportId, from: startDate, to: endDate, periods: months.length, periodsDone: months.length },
        });
        const history = await api<{ total: number; items: Run[] }>(server.url, token, `${BASE}/${exportId}/runs?limit=100`);
        expect(history.total).toBe(1);
        expect(history.items.map((r) => [r.id, r.status])).toEqual([[runId, 'SUCCEEDED']]);

        // Other definitions may run by schedule (MONTHLY_LAST_MONTH on the 1st): let them end too,
        // so that the final stop interrupts no write anywhere under the export directory.
        await waitFor('every run of the workspace to end', async () => {
          for (const d of definitions.items) {
            const runs = await api<{ items: Run[] }>(server!.url, token, `${BASE}/${d.id}/runs?limit=100`);
            if (runs.items.some((r) => !TERMINAL.includes(r.status))) return undefined;
          }
          return true;
        }, 90_000);
        expect(await server.stop('SIGTERM')).toBe(0);

        const after = await inspect(engine, database, async (db) => ({
          records: await recordsPerMonth(db, boot.workspaceId, rangeFrom, rangeTo),
          runs: await db.selectFrom('focus_export_runs').select(['id', 'status', 'periods_done']).where('export_id', '=', exportId).execute(),
          job: await db.selectFrom('jobs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow(),
        }));
        expect(after.runs).toEqual([{ id: runId, status: 'SUCCEEDED', periods_done: months.length }]);
        // Taken up once more after the kill, and that attempt finished the run.
        expect(after.job).toMatchObject({ status: 'succeeded', attempts: 2, last_error: null });

        // 4. The files: one directory per billing period, no temp or aside directory anywhere.
        expect(readdirSync(exportRoot).sort()).toEqual([...months.map((m) => `BILLING_PERIOD=${m}`), 'metadata.json']);
        const hidden = walk(exportDir).filter((p) => p.split(path.sep).some((part) => part.startsWith('.') || part.endsWith('.tmp') || part.endsWith('.old')));
        expect(hidden, 'no temp, aside or partial files under CONSUMO_EXPORT_DIR').toEqual([]);

        const expectedFiles: RunFile[] = [];
        let monthsWithRows = 0;
        for (const month of months) {
          const dir = `BILLING_PERIOD=${month}`;
          const full = path.join(exportRoot, dir);
          const manifest = JSON.parse(readFileSync(path.join(full, 'manifest.json'), 'utf8')) as Manifest;
          expect(manifest).toMatchObject({ runId, exportId, billingPeriod: month, format: 'csv', compression: 'none', range: { from: startDate, to: endDate } });
          const rows = checkPeriod(expect, full, manifest);
          // The database's count: every cost record of the workspace in the period (the definition has no filter).
          expect(rows, `${dir}: rows against the database's cost records`).toBe(after.records.get(month) ?? 0);
          if (rows > 0) monthsWithRows++;
          if (done.includes(month)) {
            const snap = before.get(dir);
            expect(snap).toBeDefined();
            expect(snapshot(full), `${dir}, done before the kill, was not written again`).toEqual(snap);
          }
          expectedFiles.push(...manifest.files.map((f) => ({ path: `${boot.workspaceId}/${exportId}/${dir}/${f.name}`, rows: f.rows, bytes: f.bytes })));
        }
        expect(monthsWithRows).toBeGreaterThanOrEqual(3);
        // The run lists each period's files once: none from a period written twice.
        expect(ended.result.files).toEqual(expectedFiles);
        expect(ended.result.rowsWritten).toBe(expectedFiles.reduce((n, f) => n + f.rows, 0));
        expect(ended.result.bytesWritten).toBe(expectedFiles.reduce((n, f) => n + f.bytes, 0));
        console.info(
          `[${engine}] export run killed after ${doneAtCrash}/${months.length} periods, resumed: ${ended.result.rowsWritten} rows in ${expectedFiles.length} files`,
        );
      } catch (err) {
        if (server) console.error(`[${engine}] server output:\n${server.output()}`);
        throw err;
      } finally {
        await server?.stop('SIGKILL');
        await database.drop();
      }
    }, 240_000);
  }
});
