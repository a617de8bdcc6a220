/**
 * A run's manifests and files through the API (ADR 0013, Run manifests): GET …/runs/{runId}/manifest
 * answers each written period's manifest.json as on disk, GET …/runs/{runId}/files/{period}/{name}
 * streams a listed file byte for byte; a period a later run rewrote is `replaced` and its old files are
 * not served; unknown runs, other workspaces' runs and runs with no period written yet are 404s in
 * the Consumption Analytics envelope; the permission is the runs' exports.view.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { costRecord, insertCostRecords } from '../../support/cost-record-fixtures.js';
import type { TestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { BASE, type Tenant, createExport, useExportsApp } from '../../support/focus-export-fixtures.js';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const NO_SUCH_RUN = '00000000-0000-4000-8000-000000000000';

interface ManifestFile {
  name: string;
  rows: number;
  bytes: number;
  sha256: string;
}
interface PeriodEntry {
  billingPeriod: string;
  state: 'written' | 'replaced' | 'missing';
  replacedBy: string | null;
  manifest: ({ runId: string; billingPeriod: string; files: ManifestFile[]; metadata?: Omit<ManifestFile, 'rows'> } & Record<string, unknown>) | null;
}
interface RunManifest {
  runId: string;
  exportId: string;
  status: string;
  periods: PeriodEntry[];
}

describe.each(testEngines())('FOCUS export run manifests and files on %s', (engine) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'consumo-run-manifests-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));
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
    ]);
  }, { tenants: ['manifests-a', 'manifests-b'], config: { exportDir: dir, exportPartRows: 2 } });

  const APRIL_MAY = { startDate: '2026-04-01', endDate: '2026-05-31' };
  const start = async (tenant: Tenant, id: string, payload: Record<string, unknown> = APRIL_MAY) => {
    const res = await t.call({ method: 'POST', url: `${BASE}/${id}/runs`, token: tenant.token, payload });
    expect(res.statusCode, res.body).toBe(202);
    return (res.json() as { transactionId: string }).transactionId;
  };
  const runToEnd = async (tenant: Tenant, id: string, payload?: Record<string, unknown>) => {
    const runId = await start(tenant, id, payload);
    await t.jobs.drain();
    return runId;
  };
  const manifest = (tenant: Tenant, id: string, runId: string) =>
    t.call({ method: 'GET', url: `${BASE}/${id}/runs/${runId}/manifest`, token: tenant.token });
  const file = (tenant: Tenant, id: string, runId: string, period: string, name: string) =>
    t.call({ method: 'GET', url: `${BASE}/${id}/runs/${runId}/files/${period}/${encodeURIComponent(name)}`, token: tenant.token });
  const periodDir = (id: string, month: string) => path.join(dir, a.workspaceId, id, `BILLING_PERIOD=${month}`);
  const expectNotFound = (res: Awaited<ReturnType<TestApp['call']>>) => {
    expect(res.statusCode, res.body).toBe(404);
    expect(res.json()).toMatchObject({
      httpStatusCode: 404,
      errorCode: 'HPE_GL_CONSUMPTION_ANALYTICS_NOT_FOUND',
      debugId: expect.any(String),
      errorDetails: [],
    });
  };

  it('answers every written period’s manifest.json as on disk, and each listed file byte for byte', async () => {
    const { id } = await createExport(t, a, { name: 'manifest csv' });
    const runId = await runToEnd(a, id);
    const res = await manifest(a, id, runId);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as RunManifest;
    expect(body).toMatchObject({ runId, exportId: id, status: 'SUCCEEDED' });
    expect(body.periods.map((p) => [p.billingPeriod, p.state, p.replacedBy])).toEqual([
      ['2026-04', 'written', null],
      ['2026-05', 'written', null],
    ]);
    for (const period of body.periods) {
      const onDisk = JSON.parse(await readFile(path.join(periodDir(id, period.billingPeriod), 'manifest.json'), 'utf8'));
      expect(period.manifest).toEqual(onDisk);
    }
    expect(body.periods[0]!.manifest!.files.map((f) => [f.name, f.rows])).toEqual([
      ['part-00001.csv', 2],
      ['part-00002.csv', 1],
    ]);

    for (const period of body.periods) {
      for (const listed of [...period.manifest!.files, period.manifest!.metadata!]) {
        const got = await file(a, id, runId, period.billingPeriod, listed.name);
        expect(got.statusCode, got.body).toBe(200);
        const bytes = got.rawPayload;
        expect(bytes).toEqual(await readFile(path.join(periodDir(id, period.billingPeriod), listed.name)));
        expect(bytes.length).toBe(listed.bytes);
        expect(sha256(bytes)).toBe(listed.sha256);
        expect(got.headers['content-length']).toBe(String(listed.bytes));
        expect(got.headers['content-disposition']).toBe(`attachment; filename="${period.billingPeriod}_${listed.name}"`);
        expect(got.headers['content-encoding']).toBeUndefined();
        expect(got.headers['content-type']).toBe(listed.name.endsWith('.csv') ? 'text/csv; charset=utf-8' : 'application/json');
      }
    }
  });

  it('serves gzip and Parquet parts as written, named by their media type', async () => {
    const gz = await createExport(t, a, { name: 'manifest gz', compression: 'gzip' });
    const gzRun = await runToEnd(a, gz.id, { startDate: '2026-05-01', endDate: '2026-05-31' });
    const gzPart = await file(a, gz.id, gzRun, '2026-05', 'part-00001.csv.gz');
    expect(gzPart.statusCode).toBe(200);
    expect(gzPart.headers['content-type']).toBe('application/gzip');
    expect(gzPart.headers['content-encoding']).toBeUndefined();
    expect(gunzipSync(gzPart.rawPayload).toString('utf8')).toContain('vm-4');

    const pq = await createExport(t, a, { name: 'manifest parquet', format: 'parquet', profile: 'focus-1.2' });
    const pqRun = await runToEnd(a, pq.id, { startDate: '2026-04-01', endDate: '2026-04-30' });
    const listed = ((await manifest(a, pq.id, pqRun)).json() as RunManifest).periods[0]!.manifest!.files;
    expect(listed.map((f) => f.name)).toEqual(['part-00001.parquet', 'part-00002.parquet']);
    const part = await file(a, pq.id, pqRun, '2026-04', 'part-00002.parquet');
    expect(part.headers['content-type']).toBe('application/vnd.apache.parquet');
    expect(part.rawPayload.subarray(0, 4).toString('latin1')).toBe('PAR1');
    expect(sha256(part.rawPayload)).toBe(listed[1]!.sha256);
  });

  it('404 until the run has written a period; while it runs, lists only the periods done', async () => {
    const { id } = await createExport(t, a, { name: 'manifest pending' });
    const runId = await start(a, id);
    const pending = await manifest(a, id, runId);
    expectNotFound(pending);
    expect(pending.json().message).toBe('The run has written no billing period yet, so it has no manifest.');
    expectNotFound(await file(a, id, runId, '2026-04', 'part-00001.csv'));

    await t.jobs.drain();
    // As the worker leaves it after its first period (progress commits per period).
    await sql`update focus_export_runs set status = 'RUNNING', periods_done = 1, ended_at = null where id = ${runId}`.execute(t.db);
    const partial = (await manifest(a, id, runId)).json() as RunManifest;
    expect(partial.status).toBe('RUNNING');
    expect(partial.periods.map((p) => p.billingPeriod)).toEqual(['2026-04']);
    expectNotFound(await file(a, id, runId, '2026-05', 'part-00001.csv'));
    expect((await file(a, id, runId, '2026-04', 'part-00001.csv')).statusCode).toBe(200);
  });

  it('a period a later run rewrote is replaced: the old run’s files are not served, the new run’s are', async () => {
    const { id } = await createExport(t, a, { name: 'manifest rerun' });
    const first = await runToEnd(a, id);
    const second = await runToEnd(a, id, { startDate: '2026-05-01', endDate: '2026-05-31' });
    const old = (await manifest(a, id, first)).json() as RunManifest;
    expect(old.periods.map((p) => [p.billingPeriod, p.state, p.replacedBy, p.manifest === null])).toEqual([
      ['2026-04', 'written', null, false],
      ['2026-05', 'replaced', second, true],
    ]);
    expectNotFound(await file(a, id, first, '2026-05', 'part-00001.csv'));
    expect((await file(a, id, first, '2026-04', 'part-00001.csv')).statusCode).toBe(200);
    expect((await file(a, id, second, '2026-05', 'part-00001.csv')).statusCode).toBe(200);
  });

  it('a period whose directory was removed outside Consumo is missing, and its files 404', async () => {
    const { id } = await createExport(t, a, { name: 'manifest removed' });
    const runId = await runToEnd(a, id);
    await rm(periodDir(id, '2026-05'), { recursive: true, force: true });
    const body = (await manifest(a, id, runId)).json() as RunManifest;
    expect(body.periods.map((p) => [p.billingPeriod, p.state])).toEqual([
      ['2026-04', 'written'],
      ['2026-05', 'missing'],
    ]);
    expectNotFound(await file(a, id, runId, '2026-05', 'part-00001.csv'));
  });

  it('serves only names the manifest lists: other names, paths and periods are 404s; malformed ids 400s', async () => {
    const { id } = await createExport(t, a, { name: 'manifest names' });
    const runId = await runToEnd(a, id);
    // Encoded slashes reach the route as one name (literal `../` segments are resolved before any route matches).
    for (const name of ['manifest.json', 'part-00003.csv', '..%2F..%2F..%2Fetc%2Fpasswd', '..%2F..%2Fmetadata.json', '.manifest.json.tmp', '%2Fetc%2Fpasswd']) {
      expectNotFound(await t.call({ method: 'GET', url: `${BASE}/${id}/runs/${runId}/files/2026-04/${name}`, token: a.token }));
    }
    // The export's own metadata.json, beside the period directories, is no file of a period.
    expectNotFound(await t.call({ method: 'GET', url: `${BASE}/${id}/runs/${runId}/files/2026-04/..%2Fmetadata.json`, token: a.token }));
    expectNotFound(await file(a, id, runId, '2026-06', 'part-00001.csv'));
    for (const period of ['2026-4', '2026-13', 'BILLING_PERIOD=2026-04', '2026-04%2F..']) {
      const res = await file(a, id, runId, period, 'part-00001.csv');
      expect(res.statusCode, period).toBe(400);
      expect(res.json()).toMatchObject({ errorCode: 'HPE_GL_ERROR_BAD_REQUEST', errorDetails: [{ issues: [{ source: 'path.parameter', subject: 'billingPeriod' }] }] });
    }
    const badRun = await manifest(a, id, 'not-a-uuid');
    expect(badRun.statusCode).toBe(400);
    expect(badRun.json()).toMatchObject({ errorDetails: [{ issues: [{ subject: 'runId' }] }] });
  });

  it('404 for an unknown run, a run of another export, and another workspace’s export or run', async () => {
    const { id } = await createExport(t, a, { name: 'manifest scoped' });
    const runId = await runToEnd(a, id);
    const other = await createExport(t, a, { name: 'manifest other' });
    expectNotFound(await manifest(a, id, NO_SUCH_RUN));
    expectNotFound(await manifest(a, other.id, runId));
    expectNotFound(await file(a, other.id, runId, '2026-04', 'part-00001.csv'));
    // Workspace b knows a's export and run ids: nothing of them is found, whatever it asks.
    expectNotFound(await manifest(b, id, runId));
    expectNotFound(await file(b, id, runId, '2026-04', 'part-00001.csv'));
    // Nor through an export of its own with a's run id.
    const own = await createExport(t, b, { name: 'b’s export' });
    expectNotFound(await manifest(b, own.id, runId));
    expectNotFound(await file(b, own.id, runId, '2026-04', 'part-00001.csv'));
    // a still reads it: the 404s above were not the run's absence.
    expect((await manifest(a, id, runId)).statusCode).toBe(200);
  });

  it('needs exports.view, as reading runs does: a cost viewer reads, a budget viewer gets 403', async () => {
    const { id } = await createExport(t, a, { name: 'manifest roles' });
    const runId = await runToEnd(a, id);
    const clientOf = async (roles: string[]) => {
      const res = await t.call({ method: 'POST', url: `/admin/v1/workspaces/${a.workspaceId}/api-clients`, payload: { name: roles.join('+'), roles } });
      expect(res.statusCode, res.body).toBe(201);
      const { clientId, clientSecret } = res.json() as { clientId: string; clientSecret: string };
      return { ...a, clientId, token: await t.token(clientId, clientSecret) };
    };
    const viewer = await clientOf(['cost-viewer']);
    expect((await manifest(viewer, id, runId)).statusCode).toBe(200);
    expect((await file(viewer, id, runId, '2026-04', 'part-00001.csv')).statusCode).toBe(200);
    const budgets = await clientOf(['budget-viewer']);
    for (const res of [await manifest(budgets, id, runId), await file(budgets, id, runId, '2026-04', 'part-00001.csv')]) {
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ errorCode: 'HPE_GL_ERROR_FORBIDDEN' });
    }
    expect((await t.call({ method: 'GET', url: `${BASE}/${id}/runs/${runId}/manifest`, token: null })).statusCode).toBe(401);
  });
});
