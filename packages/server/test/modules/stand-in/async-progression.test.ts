/**
 * The stand-in's async progression (issue 17 point 4, ADR 0023 "Async progression"): manual mode
 * holds new operations until a test advances, completes, fails or times them out — subscription
 * operations, rating runs and export runs alike, each then answering its family's exact body on its
 * own status path — auto mode with a delay of real time (a frozen clock does not stall it), the
 * 404 and 409 of the moves, and no such routes outside stand-in mode.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { BASE as EXPORTS, createExport } from '../../support/focus-export-fixtures.js';
import { addKeys, freshKeys } from '../../support/subscription-fixtures.js';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';

interface Moved {
  id: string;
  kind: string;
  workspaceId: string;
  status: string;
  location: string;
}

describe.each(testEngines())('async progression in stand-in mode on %s', (engine) => {
  let t: TestApp;
  /** A fresh token per call: the clock may be frozen, and a cached token would expire by the real time's cache. */
  const as = async (options: InjectOptions, clientId = t.admin.clientId, secret = t.admin.clientSecret) => {
    const res = await t.app.inject({ method: 'POST', url: '/as/token.oauth2', payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: secret } });
    const token = (res.json() as { access_token: string }).access_token;
    return t.app.inject({ ...options, headers: { authorization: `Bearer ${token}`, ...options.headers } });
  };
  const setAsync = async (payload: object) => {
    const res = await as({ method: 'PUT', url: '/_consumo/async', payload });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { mode: string; delayMs: number; released: number };
  };
  const move = (id: string, verb: string, payload?: object): Promise<LightMyRequestResponse> =>
    as({ method: 'POST', url: `/_consumo/operations/${id}/${verb}`, ...(payload && { payload }) });
  const moved = async (id: string, verb: string, payload?: object): Promise<Moved> => {
    const res = await move(id, verb, payload);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Moved;
  };

  type Tenant = Awaited<ReturnType<TestApp['tenant']>>;
  let editor: Tenant;
  let metering: Tenant;
  let exporter: Tenant;
  let exportId: string;
  /** The family's own status endpoint, as its client polls it. */
  const poll = async (tenant: Tenant, path: string) => {
    const res = await as({ method: 'GET', url: path }, tenant.clientId, tenant.clientSecret);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Record<string, unknown> & { status: string };
  };
  const subscriptionOperation = async () => {
    const [key] = await freshKeys(t, 1);
    const accepted = await addKeys(t, [key!], { token: await t.token(editor.clientId, editor.clientSecret) });
    expect(accepted.status).toBe(202);
    return { id: accepted.id, key: key!, path: `/subscriptions/v1/async-operations/${accepted.id}` };
  };
  const ratingRun = async () => {
    const res = await as({ method: 'POST', url: '/metering/v1/rating-runs', payload: { from: '2026-04-01', to: '2026-04-03' } }, metering.clientId, metering.clientSecret);
    expect(res.statusCode, res.body).toBe(202);
    const id = (res.json() as { transactionId: string }).transactionId;
    return { id, path: `/metering/v1/rating-runs/${id}` };
  };
  const exportRun = async () => {
    const res = await as({ method: 'POST', url: `${EXPORTS}/${exportId}/runs`, payload: { startDate: '2026-04-01', endDate: '2026-04-02' } }, exporter.clientId, exporter.clientSecret);
    expect(res.statusCode, res.body).toBe(202);
    const id = (res.json() as { transactionId: string }).transactionId;
    return { id, path: `${EXPORTS}/${exportId}/runs/${id}` };
  };

  beforeAll(async () => {
    t = await startTestApp(engine, { config: { standIn: true, rateLimitMultiplier: 1000 } });
    editor = await t.tenant(['subscriptions-editor'], 'async-subscriptions');
    metering = await t.tenant(['metering-admin'], 'async-rating');
    exporter = await t.tenant(['exports-admin'], 'async-exports');
    exportId = (await createExport(t, { workspaceId: exporter.workspaceId, token: exporter.token } as Parameters<typeof createExport>[1], { name: 'async' })).id;
  }, 240_000);
  afterAll(() => t?.close());
  afterEach(async () => {
    await setAsync({ mode: 'auto' });
    await as({ method: 'PUT', url: '/_consumo/clock', payload: { realTime: true } });
  });

  it('reads and sets the mode; auto with no delay is the default', async () => {
    expect((await as({ method: 'GET', url: '/_consumo/async' })).json()).toEqual({ mode: 'auto', delayMs: 0, held: 0 });
    expect(await setAsync({ mode: 'manual' })).toEqual({ mode: 'manual', delayMs: 0, released: 0 });
    expect((await as({ method: 'GET', url: '/_consumo/async' })).json()).toEqual({ mode: 'manual', delayMs: 0, held: 0 });
    for (const payload of [{ mode: 'slow' }, { delayMs: 10 }, { mode: 'auto', delayMs: -1 }, { mode: 'auto', extra: true }]) {
      const res = await as({ method: 'PUT', url: '/_consumo/async', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.json()).toMatchObject({ httpStatusCode: 400, errorCode: 'HPE_GL_ERROR_BAD_REQUEST' });
    }
  });

  it('keeps a subscription operation INITIALIZED across polls in manual mode; advance steps it to RUNNING, then to its end', async () => {
    await setAsync({ mode: 'manual' });
    const op = await subscriptionOperation();
    for (let i = 0; i < 3; i++) {
      await t.jobs.drain();
      expect((await poll(editor, op.path)).status).toBe('INITIALIZED');
    }
    expect(((await as({ method: 'GET', url: '/_consumo/async' })).json() as { held: number }).held).toBe(1);

    expect(await moved(op.id, 'advance')).toEqual({ id: op.id, kind: 'subscription-operation', workspaceId: editor.workspaceId, status: 'RUNNING', location: op.path });
    await t.jobs.drain();
    expect(await poll(editor, op.path)).toMatchObject({ status: 'RUNNING', progressPercent: 0 });

    expect((await moved(op.id, 'advance')).status).toBe('SUCCEEDED');
    const ended = await poll(editor, op.path);
    expect(ended).toMatchObject({
      status: 'SUCCEEDED',
      progressPercent: 100,
      resultType: 'postSubscriptionsResponse',
      result: { succeededSubscriptions: [expect.objectContaining({ key: op.key })], failedSubscriptions: [] },
    });
    expect(ended.endedAt).toEqual(expect.any(String));
    expect(ended).not.toHaveProperty('error');
  });

  it('a subscription operation failed on purpose reaches its client as FAILED with the vendor body, its error from the catalog, and its work not done', async () => {
    await setAsync({ mode: 'manual' });
    const op = await subscriptionOperation();
    expect((await moved(op.id, 'fail', { errorCode: 'HPE_GL_ERROR_SERVICE_UNAVAILABLE' })).status).toBe('FAILED');
    const failed = await poll(editor, op.path);
    expect(failed).toMatchObject({
      status: 'FAILED',
      progressPercent: 100,
      resultType: 'postSubscriptionsResponse',
      result: { succeededSubscriptions: [], failedSubscriptions: [] },
      error: { httpStatusCode: 503, errorCode: 'HPE_GL_ERROR_SERVICE_UNAVAILABLE', message: 'Service Unavailable', debugId: op.id },
    });
    // Its job is cancelled: releasing everything and working the queue claims nothing.
    expect((await setAsync({ mode: 'auto' })).released).toBe(0);
    await t.jobs.drain();
    expect((await poll(editor, op.path)).status).toBe('FAILED');
    const claimed = await t.db.selectFrom('subscriptions').select('key').where('key', '=', op.key).execute();
    expect(claimed).toEqual([]);
  });

  it('times a subscription operation out now: TIMEDOUT, ended at the clock, as the time-out rule leaves it', async () => {
    await as({ method: 'PUT', url: '/_consumo/clock', payload: { now: '2026-04-05T10:00:00Z' } });
    await setAsync({ mode: 'manual' });
    const op = await subscriptionOperation();
    await as({ method: 'PUT', url: '/_consumo/clock', payload: { advanceBy: 'PT3M' } });
    expect((await moved(op.id, 'timeout')).status).toBe('TIMEDOUT');
    const timedOut = await poll(editor, op.path);
    expect(timedOut).toMatchObject({ status: 'TIMEDOUT', startedAt: '2026-04-05T10:00:00.000Z', endedAt: '2026-04-05T10:03:00.000Z', progressPercent: 0 });
    expect(timedOut).not.toHaveProperty('error');
  });

  it('moves a rating run the same way: held, advanced to RUNNING, completed; another failed with the family default error', async () => {
    await setAsync({ mode: 'manual' });
    const run = await ratingRun();
    await t.jobs.drain();
    expect(await poll(metering, run.path)).toMatchObject({ status: 'INITIALIZED', type: 'metering/rating-run' });
    expect(await moved(run.id, 'advance')).toMatchObject({ kind: 'rating-run', status: 'RUNNING', location: run.path, workspaceId: metering.workspaceId });
    expect((await poll(metering, run.path)).status).toBe('RUNNING');
    expect((await moved(run.id, 'complete')).status).toBe('SUCCEEDED');
    expect(await poll(metering, run.path)).toMatchObject({ status: 'SUCCEEDED', progressPercent: 100 });

    const failing = await ratingRun();
    expect((await moved(failing.id, 'fail')).status).toBe('FAILED');
    expect(await poll(metering, failing.path)).toMatchObject({
      status: 'FAILED',
      error: {
        httpStatusCode: 500,
        errorCode: 'HPE_GL_ERROR_INTERNAL_SERVER_ERROR',
        message: 'The rating run stopped on an internal error; the days counted in progress were rated.',
        debugId: failing.id,
      },
    });
  });

  it('moves an export run the same way: completed straight from INITIALIZED, another timed out, another failed with a message', async () => {
    await setAsync({ mode: 'manual' });
    const run = await exportRun();
    await t.jobs.drain();
    expect((await poll(exporter, run.path)).status).toBe('INITIALIZED');
    expect(await moved(run.id, 'complete')).toMatchObject({ kind: 'export-run', status: 'SUCCEEDED', location: run.path });
    expect(await poll(exporter, run.path)).toMatchObject({ status: 'SUCCEEDED', progressPercent: 100 });

    const stalled = await exportRun();
    expect((await moved(stalled.id, 'timeout')).status).toBe('TIMEDOUT');
    expect((await poll(exporter, stalled.path)).status).toBe('TIMEDOUT');

    const broken = await exportRun();
    await moved(broken.id, 'fail', { errorCode: 'HPE_GL_UNPROCESSABLE_CONTENT', message: 'The export directory is full.' });
    expect(await poll(exporter, broken.path)).toMatchObject({
      status: 'FAILED',
      error: { httpStatusCode: 422, errorCode: 'HPE_GL_UNPROCESSABLE_CONTENT', message: 'The export directory is full.', debugId: broken.id },
    });
  });

  it('auto with delayMs holds each new operation for that much real time, even with the clock frozen, then the worker takes it', async () => {
    await as({ method: 'PUT', url: '/_consumo/clock', payload: { now: '2026-04-06T10:00:00Z' } });
    await setAsync({ mode: 'auto', delayMs: 300 });
    const op = await subscriptionOperation();
    await t.jobs.drain();
    expect((await poll(editor, op.path)).status).toBe('INITIALIZED');
    // The clock stands still; the delay passes on the real time and the job falls due.
    await vi.waitFor(
      async () => {
        await t.jobs.drain();
        expect((await poll(editor, op.path)).status).toBe('SUCCEEDED');
      },
      { timeout: 10_000, interval: 50 },
    );
  });

  it('a switch to auto releases every held operation to the worker', async () => {
    await setAsync({ mode: 'manual' });
    const op = await subscriptionOperation();
    const run = await ratingRun();
    expect((await setAsync({ mode: 'auto' })).released).toBe(2);
    await t.jobs.drain();
    expect((await poll(editor, op.path)).status).toBe('SUCCEEDED');
    expect((await poll(metering, run.path)).status).toBe('SUCCEEDED');
  });

  it('answers 404 for an unknown operation, 409 for a move of one that has ended, 400 for an errorCode not in the catalog, all in the GreenLake envelope', async () => {
    for (const id of [randomUUID(), 'not-an-operation']) {
      const res = await move(id, 'advance');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ httpStatusCode: 404, errorCode: 'HPE_GL_ERROR_NOT_FOUND' });
    }
    const op = await subscriptionOperation();
    await t.jobs.drain();
    expect((await poll(editor, op.path)).status).toBe('SUCCEEDED');
    for (const verb of ['advance', 'complete', 'fail', 'timeout']) {
      const res = await move(op.id, verb);
      expect(res.statusCode, verb).toBe(409);
      expect(res.json()).toMatchObject({ httpStatusCode: 409, errorCode: 'HPE_GL_ERROR_CONFLICT', message: expect.stringContaining('it has ended SUCCEEDED') });
    }
    await setAsync({ mode: 'manual' });
    const held = await subscriptionOperation();
    const bad = await move(held.id, 'fail', { errorCode: 'HPE_GL_NO_SUCH_CODE' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ errorCode: 'HPE_GL_ERROR_BAD_REQUEST', errorDetails: [{ issues: [{ subject: 'errorCode' }] }] });
    expect((await poll(editor, held.path)).status).toBe('INITIALIZED');
  });

  it("is the operator's only, and keeps the clock before the instant held jobs wait at", async () => {
    const tenant = await t.tenant(['workspace-admin'], 'not-operator');
    const res = await t.call({ method: 'PUT', url: '/_consumo/async', payload: { mode: 'manual' }, token: tenant.token });
    expect(res.statusCode).toBe(403);
    expect((await t.call({ method: 'POST', url: `/_consumo/operations/${randomUUID()}/complete`, token: tenant.token })).statusCode).toBe(403);
    const far = await as({ method: 'PUT', url: '/_consumo/clock', payload: { now: '9999-12-31T00:00:00Z' } });
    expect(far.statusCode).toBe(400);
    expect(far.json()).toMatchObject({ errorDetails: [{ issues: [{ subject: 'now', description: expect.stringMatching(/held operations wait/) }] }] });
  });
});

describe.each(testEngines())('outside stand-in mode on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(engine);
  }, 240_000);
  afterAll(() => t?.close());

  it('has no async progression: the routes are 404 and operations run as ever', async () => {
    expect((await t.call({ method: 'GET', url: '/_consumo/async' })).statusCode).toBe(404);
    expect((await t.call({ method: 'PUT', url: '/_consumo/async', payload: { mode: 'manual' } })).statusCode).toBe(404);
    expect((await t.call({ method: 'POST', url: `/_consumo/operations/${randomUUID()}/advance` })).statusCode).toBe(404);
    const [key] = await freshKeys(t, 1);
    const accepted = await addKeys(t, [key!]);
    await t.jobs.drain();
    const op = await t.call({ method: 'GET', url: `/subscriptions/v1/async-operations/${accepted.id}` });
    expect((op.json() as { status: string }).status).toBe('SUCCEEDED');
  });
});
