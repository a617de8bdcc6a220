/**
 * The one lifecycle of asynchronous operations (platform/operations), on each table that uses it —
 * subscription operations, rating runs, FOCUS export runs: an active operation read past its
 * deadline answers TIMEDOUT, ended at the deadline itself, and stays so; one read a minute before
 * stays as it was; a worker's last failed attempt ends it FAILED with the catalog's envelope, an
 * earlier one leaves it to the retry. The rows are written directly, with no job, so no worker moves them.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext, JobRow } from '../../../src/platform/jobs/index.js';
import { type OperationSpec, failOnLastAttempt } from '../../../src/platform/operations/index.js';
import { RATING_RUNS } from '../../../src/modules/metering/rating/rating-runs.service.js';
import { EXPORT_RUNS } from '../../../src/modules/focus-exports/export-runs.service.js';
import { SUBSCRIPTION_OPERATIONS } from '../../../src/modules/subscriptions/operations/operations.worker.js';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { BASE, type Tenant, createExport, exportsTenant } from '../../support/focus-export-fixtures.js';

const MINUTE = 60_000;

interface Kind {
  name: string;
  spec: OperationSpec;
  /** Inserts an active operation that started `minutesAgo`; its id. */
  insert(minutesAgo: number, status?: 'INITIALIZED' | 'RUNNING'): Promise<string>;
  /** GET of the operation as a client polls it. */
  read(id: string): Promise<Record<string, unknown>>;
}

describe.each(testEngines())('asynchronous operations on %s', (engine) => {
  let t: TestApp;
  let exports: Tenant;
  let exportId: string;
  beforeAll(async () => {
    t = await startTestApp(engine);
    exports = await exportsTenant(t, 'lifecycle');
    exportId = (await createExport(t, exports, { name: 'lifecycle' })).id;
  });
  afterAll(() => t.close());

  const at = (minutesAgo: number) => new Date(t.now() - minutesAgo * MINUTE);
  const times = (minutesAgo: number) => ({ created_at: at(minutesAgo), started_at: at(minutesAgo), updated_at: at(minutesAgo), ended_at: null });

  /** Runs the insert of an operation row under a fresh id; the id. */
  const withNewId = async (insert: (id: string) => { execute(): Promise<unknown> }) => {
    const id = randomUUID();
    await insert(id).execute();
    return id;
  };
  /** GET of an operation below `path`, as a client polls it. */
  const poll = (path: string, token?: string) => async (id: string) => (await t.call({ method: 'GET', url: `${path}/${id}`, ...(token && { token }) })).json();

  const kinds: Kind[] = [
    {
      name: 'a subscription operation',
      spec: SUBSCRIPTION_OPERATIONS,
      insert: (minutesAgo, status = 'RUNNING') =>
        withNewId((id) =>
          t.db.insertInto('async_operations').values({
            id, workspace_id: t.admin.workspaceId, kind: 'add', api_version: 'v1', dry_run: false,
            request: JSON.stringify({ items: [{ key: 'K1' }, { key: 'K2' }] }), status, progress_percent: 50,
            timeout_minutes: 10, polling_interval_seconds: 2, result_type: 'postSubscriptionsResponse', ...times(minutesAgo),
          }),
        ),
      read: poll('/subscriptions/v1/async-operations'),
    },
    {
      name: 'a rating run',
      spec: RATING_RUNS,
      insert: (minutesAgo, status = 'RUNNING') =>
        withNewId((id) =>
          t.db
            .insertInto('rating_runs')
            .values({ id, workspace_id: t.admin.workspaceId, trigger: 'request', from_day: '2026-04-01', to_day: '2026-04-04', status, days_total: 3, days_done: 1, ...times(minutesAgo) }),
        ),
      read: poll('/metering/v1/rating-runs'),
    },
    {
      name: 'a FOCUS export run',
      spec: EXPORT_RUNS,
      insert: (minutesAgo, status = 'INITIALIZED') =>
        withNewId((id) =>
          t.db
            .insertInto('focus_export_runs')
            .values({ id, workspace_id: exports.workspaceId, export_id: exportId, status, trigger: 'request', from_day: '2026-04-01', to_day: '2026-05-31', periods_total: 2, ...times(minutesAgo) }),
        ),
      read: (id) => poll(`${BASE}/${exportId}/runs`, exports.token)(id),
    },
  ];

  it.each(kinds)('$name past its timeout reads TIMEDOUT, ended at its deadline; a minute short of it, still active', async (kind) => {
    const timeout = kind.spec.timeoutMinutes;
    const late = await kind.insert(timeout + 5, 'RUNNING');
    const first = await kind.read(late);
    expect(first.status).toBe('TIMEDOUT');
    expect(first.timeoutMinutes).toBe(timeout);
    // One ended_at meaning everywhere: the deadline, not the moment somebody looked.
    expect(Date.parse(first.endedAt as string) - Date.parse(first.startedAt as string)).toBe(timeout * MINUTE);
    expect(first.progressPercent).toBeLessThan(100);
    t.advance(7 * MINUTE);
    try {
      expect(await kind.read(late)).toEqual(first);
    } finally {
      t.advance(-7 * MINUTE);
    }

    const fresh = await kind.insert(timeout - 1, 'INITIALIZED');
    const other = await kind.read(fresh);
    expect([other.status, other.endedAt]).toEqual(['INITIALIZED', undefined]);
  });

  it.each(kinds)("$name ends FAILED with the catalog's envelope when its worker's last attempt throws, not before", async (kind) => {
    const id = await kind.insert(1, 'RUNNING');
    const ctx: JobContext = { signal: new AbortController().signal, now: () => new Date(t.now()) };
    const job = (attempts: number) => ({ id, attempts, max_attempts: 5 }) as JobRow;
    const boom = () => Promise.reject(new Error('disk full'));

    await expect(failOnLastAttempt(t.db, kind.spec, job(4), ctx, id, boom)).rejects.toThrow('disk full');
    expect((await kind.read(id)).status).toBe('RUNNING');

    await expect(failOnLastAttempt(t.db, kind.spec, job(5), ctx, id, boom)).rejects.toThrow('disk full');
    const failed = await kind.read(id);
    expect(failed.status).toBe('FAILED');
    expect(failed.endedAt).toEqual(expect.any(String));
    expect(failed.error).toEqual({
      httpStatusCode: 500,
      errorCode: 'HPE_GL_ERROR_INTERNAL_SERVER_ERROR',
      message: kind.spec.failureMessage,
      debugId: id,
    });
    expect(JSON.stringify(failed.error)).not.toContain('disk full');
  });

  it.each(kinds)('$name is not failed by a last attempt that stops because the process is stopping', async (kind) => {
    const id = await kind.insert(1, 'RUNNING');
    const stopping = new AbortController();
    stopping.abort();
    const ctx: JobContext = { signal: stopping.signal, now: () => new Date(t.now()) };
    const job = { id, attempts: 5, max_attempts: 5 } as JobRow;
    await expect(failOnLastAttempt(t.db, kind.spec, job, ctx, id, () => Promise.reject(new Error('stopping')))).rejects.toThrow('stopping');
    expect((await kind.read(id)).status).toBe('RUNNING');
  });
});
