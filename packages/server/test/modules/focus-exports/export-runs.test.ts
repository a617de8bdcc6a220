/** FOCUS export runs: 202 + Location, files per billing period, manifest, parts, replacement on re-run, history, 400s and 404, conformance. */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { validateFile } from '@consumo/focus';
import { seedMeteringDemo } from '../../../src/demo/index.js';
import { relativeRange } from '../../../src/modules/focus-exports/export-dates.js';
import { costRecord, insertCostRecords } from '../../support/cost-record-fixtures.js';
import type { TestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { BASE, type Tenant, contents, createExport, exportsTenant, lines, useExportsApp } from '../../support/focus-export-fixtures.js';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const PART_ROWS = 2;

interface Manifest {
  runId: string;
  exportId: string;
  profile: string;
  focusVersion: string;
  format: string;
  compression: string;
  billingPeriod: string;
  range: { from: string; to: string };
  files: { name: string; rows: number; bytes: number; sha256: string }[];
  rows: number;
  bytes: number;
  createdAt: string;
}

/** A temporary export directory for the enclosing suite, removed after it (and after its app, closed first). */
function useExportDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe.each(testEngines())('FOCUS export runs on %s', (engine) => {
  const dir = useExportDir('consumo-export-runs-');
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;

  useExportsApp(engine, async (app, runsA, runsB) => {
    [t, a, b] = [app, runsA, runsB];
    const may = { billing_period_start: day('2026-05-01'), billing_period_end: day('2026-06-01') };
    await insertCostRecords(t.db, [
      costRecord(a.workspaceId, { resource_id: 'vm-1', charge_period_start: day('2026-04-10') }),
      costRecord(a.workspaceId, { resource_id: 'vm-2', charge_period_start: day('2026-04-15') }),
      costRecord(a.workspaceId, { resource_id: 'vm-3', charge_period_start: day('2026-04-20') }),
      costRecord(a.workspaceId, { resource_id: 'vm-4', charge_period_start: day('2026-05-02'), ...may }),
      costRecord(a.workspaceId, { resource_id: 'vm-5', charge_period_start: day('2026-05-05'), ...may }),
    ]);
  }, { tenants: ['runs-a', 'runs-b'], config: { exportDir: dir, exportPartRows: PART_ROWS } });

  const post = (tenant: Tenant, id: string, payload?: Record<string, unknown>) =>
    t.call({ method: 'POST', url: `${BASE}/${id}/runs`, token: tenant.token, ...(payload && { payload }) });
  const getRun = (tenant: Tenant, id: string, runId: string) => t.call({ method: 'GET', url: `${BASE}/${id}/runs/${runId}`, token: tenant.token });
  const runToEnd = async (tenant: Tenant, id: string, payload?: Record<string, unknown>) => {
    const res = await post(tenant, id, payload);
    expect(res.statusCode, res.body).toBe(202);
    await t.jobs.drain();
    const runId = (res.json() as { transactionId: string }).transactionId;
    const run = await getRun(tenant, id, runId);
    expect(run.statusCode).toBe(200);
    return { runId, run: run.json() };
  };
  const periodDir = (tenant: Tenant, id: string, month: string) => path.join(dir, tenant.workspaceId, id, `BILLING_PERIOD=${month}`);
  const manifestOf = async (tenant: Tenant, id: string, month: string): Promise<Manifest> =>
    JSON.parse(await readFile(path.join(periodDir(tenant, id, month), 'manifest.json'), 'utf8'));
  const dataLines = (csv: string) => lines(csv).slice(1);

  it('answers 202 with the Location of the run, which reads as an async operation until it has run', async () => {
    const { id } = await createExport(t, a, { name: 'accepted' });
    const res = await post(a, id, { startDate: '2026-04-01', endDate: '2026-05-31' });
    expect(res.statusCode).toBe(202);
    const body = res.json() as { code: number; status: string; transactionId: string };
    expect(body).toEqual({ code: 202, status: '202 ACCEPTED', transactionId: expect.any(String) });
    expect(res.headers.location).toBe(`${BASE}/${id}/runs/${body.transactionId}`);
    const before = (await t.call({ method: 'GET', url: res.headers.location as string, token: a.token })).json();
    expect(before).toMatchObject({ id: body.transactionId, status: 'INITIALIZED', progressPercent: 0, resultType: 'focusExportRunResult' });
    await t.jobs.drain();
    const after = (await getRun(a, id, body.transactionId)).json();
    expect(after).toMatchObject({
      status: 'SUCCEEDED',
      progressPercent: 100,
      suggestedPollingIntervalSeconds: expect.any(Number),
      timeoutMinutes: expect.any(Number),
      endedAt: expect.any(String),
      result: { from: '2026-04-01', to: '2026-05-31', periods: 2, periodsDone: 2, rowsWritten: 5, trigger: 'request' },
    });
  });

  it('writes one directory per billing period, parts of CONSUMO_EXPORT_PART_ROWS rows and a manifest with every file’s sha256', async () => {
    const { id } = await createExport(t, a, { name: 'files' });
    const { runId, run } = await runToEnd(a, id, { startDate: '2026-04-01', endDate: '2026-05-31' });
    expect((await readdir(path.join(dir, a.workspaceId, id))).sort()).toEqual(['BILLING_PERIOD=2026-04', 'BILLING_PERIOD=2026-05', 'metadata.json']);
    expect((await readdir(periodDir(a, id, '2026-04'))).sort()).toEqual(['manifest.json', 'metadata.json', 'part-00001.csv', 'part-00002.csv']);
    expect((await readdir(periodDir(a, id, '2026-05'))).sort()).toEqual(['manifest.json', 'metadata.json', 'part-00001.csv']);

    const written: string[] = [];
    let bytes = 0;
    for (const month of ['2026-04', '2026-05']) {
      const manifest = await manifestOf(a, id, month);
      expect(manifest).toMatchObject({
        runId,
        exportId: id,
        profile: 'greenlake',
        focusVersion: '1.0',
        format: 'csv',
        compression: 'none',
        billingPeriod: month,
        range: { from: '2026-04-01', to: '2026-05-31' },
      });
      expect(manifest.rows).toBe(month === '2026-04' ? 3 : 2);
      for (const file of manifest.files) {
        const content = await readFile(path.join(periodDir(a, id, month), file.name));
        expect(file.bytes).toBe(content.length);
        expect(file.sha256).toBe(createHash('sha256').update(content).digest('hex'));
        const rows = dataLines(content.toString('utf8'));
        expect(rows.length).toBe(file.rows);
        expect(file.rows).toBeLessThanOrEqual(PART_ROWS);
        written.push(...rows);
        bytes += file.bytes;
      }
    }
    const expected = await contents(t, a, id, 'startDate=2026-04-01&endDate=2026-05-31');
    expect(written).toEqual(dataLines(expected.body));
    expect(run.result.rowsWritten).toBe(5);
    expect(run.result.bytesWritten).toBe(bytes);
    expect(run.result.files.map((f: { path: string }) => f.path)).toEqual([
      `${a.workspaceId}/${id}/BILLING_PERIOD=2026-04/part-00001.csv`,
      `${a.workspaceId}/${id}/BILLING_PERIOD=2026-04/part-00002.csv`,
      `${a.workspaceId}/${id}/BILLING_PERIOD=2026-05/part-00001.csv`,
    ]);
  });

  it('cuts the range to the billing periods: only ChargePeriodStart days inside it are written', async () => {
    const { id } = await createExport(t, a, { name: 'cut' });
    const { run } = await runToEnd(a, id, { startDate: '2026-04-15', endDate: '2026-05-03' });
    expect(run.result).toMatchObject({ periods: 2, rowsWritten: 3 });
    expect((await manifestOf(a, id, '2026-04')).rows).toBe(2);
    expect((await manifestOf(a, id, '2026-05')).rows).toBe(1);
  });

  it('re-running replaces a period’s files (no duplicate parts, the manifest names the new run) and cleans up a crashed run’s leftovers', async () => {
    const { id } = await createExport(t, a, { name: 'rerun' });
    const first = await runToEnd(a, id, { startDate: '2026-04-01', endDate: '2026-04-30' });
    // A run that crashed mid-period left its temporary directory behind.
    const root = path.join(dir, a.workspaceId, id);
    await mkdir(path.join(root, '.BILLING_PERIOD=2026-04.tmp'));
    await writeFile(path.join(root, '.BILLING_PERIOD=2026-04.tmp', 'part-00009.csv'), 'junk');
    const second = await runToEnd(a, id, { startDate: '2026-04-01', endDate: '2026-04-30' });
    expect(second.runId).not.toBe(first.runId);
    expect((await readdir(root)).sort()).toEqual(['BILLING_PERIOD=2026-04', 'metadata.json']);
    expect((await readdir(periodDir(a, id, '2026-04'))).sort()).toEqual(['manifest.json', 'metadata.json', 'part-00001.csv', 'part-00002.csv']);
    const manifest = await manifestOf(a, id, '2026-04');
    expect(manifest.runId).toBe(second.runId);
    expect(manifest.rows).toBe(3);

    const history = await t.call({ method: 'GET', url: `${BASE}/${id}/runs`, token: a.token });
    expect(history.statusCode).toBe(200);
    const page = history.json() as { offset: number; count: number; total: number; items: { id: string; status: string }[] };
    expect(page).toMatchObject({ offset: 0, count: 2, total: 2 });
    expect(page.items.map((r) => [r.id, r.status])).toEqual([
      [second.runId, 'SUCCEEDED'],
      [first.runId, 'SUCCEEDED'],
    ]);
    const definition = (await t.call({ method: 'GET', url: `${BASE}/${id}`, token: a.token })).json();
    expect(definition.lastRun).not.toBeNull();
  });

  it('a billing period without rows gets a manifest with no files', async () => {
    const { id } = await createExport(t, a, { name: 'empty' });
    const { run } = await runToEnd(a, id, { startDate: '2026-06-01', endDate: '2026-06-30' });
    expect(run).toMatchObject({ status: 'SUCCEEDED', result: { periods: 1, rowsWritten: 0, files: [] } });
    expect((await readdir(periodDir(a, id, '2026-06'))).sort()).toEqual(['manifest.json', 'metadata.json']);
    expect(await manifestOf(a, id, '2026-06')).toMatchObject({ files: [], rows: 0, bytes: 0 });
  });

  it('writes gzip CSV and Parquet as the definition says', async () => {
    const gz = await createExport(t, a, { name: 'gz', compression: 'gzip' });
    await runToEnd(a, gz.id, { startDate: '2026-05-01', endDate: '2026-05-31' });
    const zipped = await readFile(path.join(periodDir(a, gz.id, '2026-05'), 'part-00001.csv.gz'));
    // The definition's gzip applies to contents too: compare what both decompress to.
    const expected = await contents(t, a, gz.id, 'startDate=2026-05-01&endDate=2026-05-31');
    expect(gunzipSync(zipped).toString('utf8')).toBe(gunzipSync(expected.rawPayload).toString('utf8'));
    expect((await manifestOf(a, gz.id, '2026-05')).compression).toBe('gzip');

    const pq = await createExport(t, a, { name: 'pq', format: 'parquet', profile: 'focus-1.2' });
    const { run } = await runToEnd(a, pq.id, { startDate: '2026-04-01', endDate: '2026-04-30' });
    expect(run.result.rowsWritten).toBe(3);
    expect((await readdir(periodDir(a, pq.id, '2026-04'))).sort()).toEqual(['manifest.json', 'metadata.json', 'part-00001.parquet', 'part-00002.parquet']);
    const manifest = await manifestOf(a, pq.id, '2026-04');
    expect(manifest).toMatchObject({ format: 'parquet', profile: 'focus-1.2', focusVersion: '1.2' });
    const head = await readFile(path.join(periodDir(a, pq.id, '2026-04'), 'part-00001.parquet'));
    expect(head.subarray(0, 4).toString('latin1')).toBe('PAR1');
  });

  it('without a range, runs the schedule’s range; without a schedule, 400 missingAllDates', async () => {
    const monthly = await createExport(t, a, { name: 'monthly', schedule: 'MONTHLY_LAST_MONTH' });
    const res = await post(a, monthly.id);
    expect(res.statusCode, res.body).toBe(202);
    const last = relativeRange('PREVIOUS_MONTH', t.now());
    const run = (await getRun(a, monthly.id, res.json().transactionId)).json();
    expect(run.result).toMatchObject({ from: last.first, to: last.last, periods: 1 });

    const daily = await createExport(t, a, { name: 'daily', schedule: 'DAILY_MONTH_TO_DATE' });
    const mtd = relativeRange('CURRENT_MONTH', t.now());
    const dres = await post(a, daily.id, {});
    expect(dres.statusCode).toBe(202);
    expect((await getRun(a, daily.id, dres.json().transactionId)).json().result).toMatchObject({ from: mtd.first, to: mtd.last });

    const { id } = await createExport(t, a, { name: 'unscheduled' });
    const bad = await post(a, id);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('missingAllDates');
    await t.jobs.drain();
  });

  it.each([
    [{ startDate: '2026-04-01' }, 'missingPair'],
    [{ startDate: '2026-02-30', endDate: '2026-03-01' }, 'invalidOrImpossibleDate'],
    [{ startDate: '2026-05-01', endDate: '2026-04-01' }, 'invalidRange'],
    [{ relativeDate: 'LAST_3_DAYS' }, 'invalidRelativeDate'],
    [{}, 'missingAllDates'],
  ])('400 for %j (%s)', async (payload, reason) => {
    const { id } = await createExport(t, a, { name: `bad ${reason}` });
    const res = await post(a, id, payload);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(reason);
  });

  it('400 for unknown body fields and bad ids; 404 for another workspace’s export or run', async () => {
    const { id } = await createExport(t, a, { name: 'scoped' });
    expect((await post(a, id, { from: '2026-04-01' })).statusCode).toBe(400);
    expect((await post(a, 'not-a-uuid', { relativeDate: 'YESTERDAY' })).statusCode).toBe(400);
    expect((await getRun(a, id, 'not-a-uuid')).statusCode).toBe(400);
    const { runId } = await runToEnd(a, id, { relativeDate: 'YESTERDAY' });
    expect((await post(b, id, { relativeDate: 'YESTERDAY' })).statusCode).toBe(404);
    expect((await getRun(b, id, runId)).statusCode).toBe(404);
    expect((await t.call({ method: 'GET', url: `${BASE}/${id}/runs`, token: b.token })).statusCode).toBe(404);
    const other = await createExport(t, a, { name: 'other' });
    expect((await getRun(a, other.id, runId)).statusCode).toBe(404);
    expect((await getRun(a, id, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('the focus-1.2 files a run writes conform to FOCUS 1.2 (CSV and Parquet)', async () => {
    const c = await exportsTenant(t, 'runs-conformance');
    const until = new Date(t.now());
    await seedMeteringDemo(t.db, c.workspaceId, { usageDays: 12, resources: 8, until });
    const from = new Date(until.getTime() - 11 * 86_400_000).toISOString().slice(0, 10);
    const to = until.toISOString().slice(0, 10);
    for (const format of ['csv', 'parquet']) {
      const { id } = await createExport(t, c, { name: `conformant ${format}`, profile: 'focus-1.2', format });
      const { run } = await runToEnd(c, id, { startDate: from, endDate: to });
      expect(run.status).toBe('SUCCEEDED');
      expect(run.result.rowsWritten).toBeGreaterThan(0);
      for (const file of run.result.files as { path: string }[]) {
        const report = await validateFile(path.join(dir, file.path), { version: '1.2' });
        expect(report.violations).toEqual([]);
        expect(report.conformant).toBe(true);
      }
    }
  });
});

describe.each(testEngines())('FOCUS export schedules on %s', (engine) => {
  const dir = useExportDir('consumo-export-schedules-');
  let t: TestApp;
  let a: Tenant;

  useExportsApp(engine, async (app, tenant) => {
    [t, a] = [app, tenant];
    // The tick enqueued at start runs before any definition exists.
    await t.jobs.drain();
  }, { tenants: ['schedules'], config: { exportDir: dir } });

  const runsOf = (exportId: string) =>
    t.db
      .selectFrom('focus_export_runs')
      .select(['trigger', 'from_day', 'to_day', 'status'])
      .where('export_id', '=', exportId)
      .orderBy('created_at')
      .execute();
  /** Moves the clock to `minutes` past the next UTC midnight (of the next 1st of a month when asked). */
  const advanceToMidnight = (minutes: number, firstOfMonth = false) => {
    const now = new Date(t.now());
    const target = firstOfMonth
      ? Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 0, minutes)
      : Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 0, minutes);
    t.advance(target - t.now());
  };

  it('starts a schedule run once per UTC day for DAILY_MONTH_TO_DATE and on the 1st for MONTHLY_LAST_MONTH, each tick enqueued once', async () => {
    const daily = await createExport(t, a, { name: 'daily', schedule: 'DAILY_MONTH_TO_DATE' });
    const monthly = await createExport(t, a, { name: 'monthly', schedule: 'MONTHLY_LAST_MONTH' });
    const none = await createExport(t, a, { name: 'unscheduled' });

    advanceToMidnight(5);
    await t.jobs.drain();
    const day1 = new Date(t.now());
    const mtd = relativeRange('CURRENT_MONTH', t.now());
    expect(await runsOf(daily.id)).toEqual([{ trigger: 'schedule', from_day: mtd.first, to_day: mtd.last, status: 'SUCCEEDED' }]);
    expect(await runsOf(none.id)).toEqual([]);
    const monthlyRuns = (await runsOf(monthly.id)).length;
    expect(monthlyRuns).toBe(day1.getUTCDate() === 1 ? 1 : 0);

    // Later the same day: the next hourly tick starts nothing; exactly one tick is queued ahead.
    t.advance(3_600_000);
    await t.jobs.drain();
    expect((await runsOf(daily.id)).length).toBe(1);
    const queued = await t.db.selectFrom('jobs').select('id').where('queue', '=', 'focus-exports.schedule').where('status', '=', 'queued').execute();
    expect(queued.length).toBe(1);

    // The next 1st: both run; the monthly one over the whole previous month.
    advanceToMidnight(5, true);
    await t.jobs.drain();
    const last = relativeRange('PREVIOUS_MONTH', t.now());
    expect((await runsOf(daily.id)).length).toBe(2);
    const runs = await runsOf(monthly.id);
    expect(runs.length).toBe(monthlyRuns + 1);
    expect(runs.at(-1)).toEqual({ trigger: 'schedule', from_day: last.first, to_day: last.last, status: 'SUCCEEDED' });
  });
});
