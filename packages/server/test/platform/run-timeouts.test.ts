/**
 * The run lifecycle shared by rating runs and FOCUS export runs (storage/run-rows.ts): an active
 * run read after its 120-minute timeout answers TIMEDOUT with its end time, and stays so; one read
 * before it stays as it was. The rows are written directly, with no job, so no worker moves them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from '../support/test-app.js';
import { testEngines } from '../support/test-databases.js';
import { BASE, type Tenant, createExport, exportsTenant } from '../focus-exports/focus-exports-helpers.js';

const MINUTE = 60_000;

describe.each(testEngines())('run timeouts on %s', (engine) => {
  let t: TestApp;
  let exports: Tenant;
  let exportId: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    exports = await exportsTenant(t, 'timeouts');
    exportId = (await createExport(t, exports, { name: 'timeouts' })).id;
  });
  afterAll(() => t.close());

  const started = (minutesAgo: number) => new Date(t.now() - minutesAgo * MINUTE);

  async function ratingRun(minutesAgo: number): Promise<string> {
    const id = randomUUID();
    const at = started(minutesAgo);
    await t.db
      .insertInto('rating_runs')
      .values({ id, workspace_id: t.admin.workspaceId, trigger: 'request', from_day: '2026-04-01', to_day: '2026-04-04', status: 'RUNNING', days_total: 3, days_done: 1, created_at: at, started_at: at, updated_at: at, ended_at: null })
      .execute();
    return id;
  }

  async function exportRun(minutesAgo: number): Promise<string> {
    const id = randomUUID();
    const at = started(minutesAgo);
    await t.db
      .insertInto('focus_export_runs')
      .values({ id, workspace_id: exports.workspaceId, export_id: exportId, status: 'INITIALIZED', trigger: 'request', from_day: '2026-04-01', to_day: '2026-05-31', periods_total: 2, created_at: at, started_at: at, updated_at: at, ended_at: null })
      .execute();
    return id;
  }

  const getRating = async (id: string) => (await t.call({ method: 'GET', url: `/metering/v1/rating-runs/${id}` })).json();
  const getExport = async (id: string) => (await t.call({ method: 'GET', url: `${BASE}/${exportId}/runs/${id}`, token: exports.token })).json();

  it('a rating run past 120 minutes reads TIMEDOUT, one short of it RUNNING', async () => {
    const late = await ratingRun(121);
    const fresh = await ratingRun(119);
    const first = await getRating(late);
    expect([first.status, first.progressPercent, typeof first.endedAt]).toEqual(['TIMEDOUT', 33, 'string']);
    expect((await getRating(late)).endedAt).toBe(first.endedAt);
    const other = await getRating(fresh);
    expect([other.status, other.endedAt]).toEqual(['RUNNING', undefined]);
    const row = await t.db.selectFrom('rating_runs').select(['status', 'ended_at']).where('id', '=', late).executeTakeFirstOrThrow();
    expect(row.status).toBe('TIMEDOUT');
    expect(row.ended_at).not.toBeNull();
  });

  it('an export run past 120 minutes reads TIMEDOUT, one short of it INITIALIZED', async () => {
    const late = await exportRun(121);
    const fresh = await exportRun(119);
    const first = await getExport(late);
    expect([first.status, first.progressPercent, typeof first.endedAt]).toEqual(['TIMEDOUT', 0, 'string']);
    expect((await getExport(late)).endedAt).toBe(first.endedAt);
    const other = await getExport(fresh);
    expect([other.status, other.endedAt]).toEqual(['INITIALIZED', undefined]);
  });
});
