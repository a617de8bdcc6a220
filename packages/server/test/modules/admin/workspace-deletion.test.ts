/**
 * Deleted means gone (issue 15 point 2, ADR 0021): after DELETE /admin/v1/workspaces/{id} answers
 * 204 its tokens are refused by the very next request (a 401, never a 5xx or a 200), its rows are
 * gone, and a durable job removes its export files from CONSUMO_EXPORT_DIR — another workspace's
 * rows and files untouched.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKSPACE_FILES_PURGE_QUEUE } from '../../../src/modules/admin/workspace-files.worker.js';
import type { Db } from '../../../src/storage/database.js';
import { costRecord, insertCostRecords } from '../../support/cost-record-fixtures.js';
import { BASE, createExport } from '../../support/focus-export-fixtures.js';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const TABLES = ['api_clients', 'billing_accounts', 'focus_exports', 'focus_export_runs', 'cost_records', 'workspaces'] as const;

async function countsOf(db: Db, workspaceId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) {
    const column = table === 'workspaces' ? 'id' : 'workspace_id';
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where(column as never, '=', workspaceId as never)
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** Every file under `dir`, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

describe.each(testEngines())('deleting a workspace on %s', (engine) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'consumo-deletion-'));
  let t: TestApp;
  const LEASE_MS = 30_000;

  beforeAll(async () => {
    t = await startTestApp(engine, { config: { exportDir: dir, jobLeaseMs: LEASE_MS, rateLimitMultiplier: 1000 } });
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** A workspace with a billing account, cost records, an export definition and its files on disk. */
  async function filledWorkspace(name: string) {
    const tenant = await t.tenant(['metering-admin', 'exports-admin'], name);
    const put = await t.call({ method: 'PUT', url: `/metering/v1/billing-accounts/BA-${name}`, payload: { name }, token: tenant.token });
    expect(put.statusCode, put.body).toBe(201);
    await insertCostRecords(t.db, [costRecord(tenant.workspaceId, { resource_id: `vm-${name}`, charge_period_start: day('2026-04-10') })]);
    const { id } = await createExport(t, tenant, { name: `${name} export` });
    const run = await t.call({ method: 'POST', url: `${BASE}/${id}/runs`, payload: { startDate: '2026-04-01', endDate: '2026-04-30' }, token: tenant.token });
    expect(run.statusCode, run.body).toBe(202);
    await t.jobs.drain();
    expect(await filesUnder(path.join(dir, tenant.workspaceId))).not.toEqual([]);
    return tenant;
  }

  it('refuses its tokens at once with the GreenLake 401 — no 5xx, no 200 — removes its rows, and its files by a durable job', async () => {
    const doomed = await filledWorkspace('doomed');
    const kept = await filledWorkspace('kept');
    const keptFiles = await filesUnder(path.join(dir, kept.workspaceId));
    const keptCounts = await countsOf(t.db, kept.workspaceId);
    expect(Object.values(keptCounts).every((n) => n > 0)).toBe(true);
    // Its token works up to the deletion.
    expect((await t.call({ method: 'GET', url: '/metering/v1/meters', token: doomed.token })).statusCode).toBe(200);

    expect((await t.call({ method: 'DELETE', url: `/admin/v1/workspaces/${doomed.workspaceId}` })).statusCode).toBe(204);

    // The very next requests, with no time passing: 401 everywhere (the PUT was a foreign-key 500, the GET a 200).
    for (const [method, url, payload] of [
      ['GET', '/metering/v1/meters'],
      ['PUT', '/metering/v1/billing-accounts/BA-after', { name: 'after' }],
      ['GET', BASE],
    ] as const) {
      const res = await t.call({ method, url, token: doomed.token, ...(payload && { payload }) });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(401);
      expect(res.json()).toMatchObject({ httpStatusCode: 401, errorCode: 'HPE_GL_ERROR_UNAUTHORIZED' });
    }
    // Nor can it get a new token.
    const again = await t.app.inject({
      method: 'POST',
      url: '/as/token.oauth2',
      payload: { grant_type: 'client_credentials', client_id: doomed.clientId, client_secret: 'whatever-it-was' },
    });
    expect(again.statusCode).toBe(401);

    // Rows: all gone in the deleting transaction; the other workspace's all there.
    expect(Object.values(await countsOf(t.db, doomed.workspaceId)).every((n) => n === 0)).toBe(true);
    expect(await countsOf(t.db, kept.workspaceId)).toEqual(keptCounts);

    // Files: removed by the purge job the deletion enqueued (no workspace_id, so it outlives the workspace's rows).
    const purges = await t.db.selectFrom('jobs').selectAll().where('queue', '=', WORKSPACE_FILES_PURGE_QUEUE).execute();
    expect(purges.map((j) => j.payload)).toEqual([{ workspaceId: doomed.workspaceId }, { workspaceId: doomed.workspaceId }]);
    await t.jobs.drain();
    expect(existsSync(path.join(dir, doomed.workspaceId))).toBe(false);
    expect(await filesUnder(path.join(dir, kept.workspaceId))).toEqual(keptFiles);

    // A file an export run was still writing when the workspace went: the second pass, one job lease later, removes it.
    const late = path.join(dir, doomed.workspaceId, 'late', 'part-00001.csv');
    await mkdir(path.dirname(late), { recursive: true });
    await writeFile(late, 'x');
    t.advance(LEASE_MS);
    await t.jobs.drain();
    expect(existsSync(path.join(dir, doomed.workspaceId))).toBe(false);
    expect(await filesUnder(path.join(dir, kept.workspaceId))).toEqual(keptFiles);
    expect((await t.call({ method: 'GET', url: '/metering/v1/meters', token: kept.token })).statusCode).toBe(200);
  });

  it('refuses a deleted API client’s token and a revoked API token’s access token by the very next request', async () => {
    const tenant = await t.tenant(['flex-viewer'], 'clients');
    const devices = (token: string) => t.call({ method: 'GET', url: '/flex/v1beta1/devices', token });
    expect((await devices(tenant.token)).statusCode).toBe(200);
    expect((await t.call({ method: 'DELETE', url: `/admin/v1/workspaces/${tenant.workspaceId}/api-clients/${tenant.clientId}` })).statusCode).toBe(204);
    expect((await devices(tenant.token)).statusCode).toBe(401);
  });
});
