/**
 * Async operations: INITIALIZED → RUNNING → terminal, progress, TIMEDOUT past the timeout, 404
 * 24 hours after the end, and a worker that dies mid-operation — all on the injected clock.
 */
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { testEngines } from '../../../support/test-databases.js';
import { addKeys, freshKeys, settle } from '../../../support/subscription-fixtures.js';
import { claimNextJob } from '../../../../src/platform/jobs/job-claims.repository.js';
import { OPERATION_QUEUE, advanceOperation } from '../../../../src/modules/subscriptions/operations/operations.worker.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(testEngines())('subscription async operations (%s)', (engine) => {
  let t: TestApp;
  useTestApp(engine, (app) => {
    t = app;
  });

  const getOp = (id: string, token?: string) => t.call({ method: 'GET', url: `/subscriptions/v1/async-operations/${id}`, ...(token && { token }) });
  const claimedCount = async (keys: string[]) =>
    Number((await t.db.selectFrom('subscriptions').select((eb) => eb.fn.countAll().as('n')).where('key', 'in', keys).executeTakeFirstOrThrow()).n);

  it('is INITIALIZED until a worker takes it, with the documented fields in the spec order', async () => {
    const keys = await freshKeys(t, 2);
    const { id } = await addKeys(t, keys);
    const res = await getOp(id);
    expect(res.statusCode).toBe(200);
    const op = res.json();
    expect(Object.keys(op)).toEqual([
      'status', 'startedAt', 'progressPercent', 'suggestedPollingIntervalSeconds', 'timeoutMinutes', 'result', 'resultType', 'id', 'type',
    ]);
    expect(op).toEqual({
      status: 'INITIALIZED',
      startedAt: expect.stringMatching(/Z$/),
      progressPercent: 0,
      suggestedPollingIntervalSeconds: 2,
      timeoutMinutes: 10,
      result: { succeededSubscriptions: [], failedSubscriptions: [] },
      resultType: 'postSubscriptionsResponse',
      id,
      type: 'subscriptions/asyncOperation',
    });
    await t.jobs.drain();
  });

  it('is RUNNING with partial progress between items, then SUCCEEDED at 100 with endedAt', async () => {
    const keys = await freshKeys(t, 4);
    const { id } = await addKeys(t, keys);
    // Take the job as a worker would, and do two of the four items.
    const job = await claimNextJob(t.db, { lane: 'interactive', queues: [OPERATION_QUEUE], workerId: 'test-worker', now: new Date(t.now()), leaseUntil: new Date(t.now() + 30_000) });
    expect(job?.id).toBe(id);
    await t.db.updateTable('async_operations').set({ status: 'RUNNING' }).where('id', '=', id).execute();
    expect(await advanceOperation(t.db, id, new Date(t.now()))).toBe('continue');
    expect(await advanceOperation(t.db, id, new Date(t.now()))).toBe('continue');
    const running = (await getOp(id)).json();
    expect(running.status).toBe('RUNNING');
    expect(running.progressPercent).toBe(50);
    expect(running).not.toHaveProperty('endedAt');
    expect(running.result.succeededSubscriptions.map((s: { key: string }) => s.key)).toEqual(keys.slice(0, 2));

    // The worker dies here. Once its lease has run out, the queue hands the job to another worker,
    // which carries on from the third key: nothing is claimed twice, nothing is lost.
    t.advance(31_000);
    await t.jobs.drain();
    const done = (await getOp(id)).json();
    expect(done.status).toBe('SUCCEEDED');
    expect(done.progressPercent).toBe(100);
    expect(done.endedAt).toEqual(expect.any(String));
    expect(done.result.succeededSubscriptions.map((s: { key: string }) => s.key)).toEqual(keys);
    expect(await claimedCount(keys)).toBe(4);
    for (const key of keys) expect(await claimedCount([key])).toBe(1);
  });

  it('becomes TIMEDOUT when it outlives timeoutMinutes, and the worker then leaves it alone', async () => {
    const keys = await freshKeys(t, 2);
    const { id } = await addKeys(t, keys);
    t.advance(9 * MINUTE);
    expect((await getOp(id)).json().status).toBe('INITIALIZED');
    t.advance(1 * MINUTE + 1);
    const op = (await getOp(id)).json();
    expect(op.status).toBe('TIMEDOUT');
    // It ended at its deadline, not when someone looked.
    expect(Date.parse(op.endedAt) - Date.parse(op.startedAt)).toBe(10 * MINUTE);
    await t.jobs.drain();
    expect((await getOp(id)).json().status).toBe('TIMEDOUT');
    expect(await claimedCount(keys)).toBe(0);
  });

  it('a worker picking up an operation past its deadline times it out instead of running it', async () => {
    const keys = await freshKeys(t, 1);
    const { id } = await addKeys(t, keys);
    t.advance(11 * MINUTE);
    await t.jobs.drain();
    const row = await t.db.selectFrom('async_operations').select(['status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('TIMEDOUT');
    expect(await claimedCount(keys)).toBe(0);
  });

  it('answers 404 from 24 hours after its end', async () => {
    const keys = await freshKeys(t, 1);
    const { id } = await addKeys(t, keys);
    const op = await settle(t, id);
    expect(op.status).toBe('SUCCEEDED');
    t.advance(24 * HOUR - 1000);
    expect((await getOp(id)).statusCode).toBe(200);
    t.advance(1000);
    const gone = await getOp(id);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().errorCode).toBe('HPE_GL_DM_SUBSCRIPTION_ID_NOT_FOUND');
  });

  it('is another workspace’s 404, an unknown id’s 404, and a non-UUID id’s 400', async () => {
    const keys = await freshKeys(t, 1);
    const { id } = await addKeys(t, keys);
    const other = await t.tenant(['subscriptions-viewer'], 'other');
    const foreign = await getOp(id, other.token);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().errorDetails).toEqual([
      { type: 'hpe.greenlake.metadata', source: 'hpe.greenlake.subscriptionmanagement', metadata: { id: { message: `Resource with id [${id}] not found` } } },
    ]);
    expect((await getOp(randomUUID())).statusCode).toBe(404);
    const bad = await getOp('not-a-uuid');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errorDetails[0].issues).toEqual([{ source: 'path.parameter', subject: 'Id', description: 'Id is not a valid UUID.' }]);
    await t.jobs.drain();
  });

  it('two workspaces claiming one key at the same moment: exactly one gets it', async () => {
    const [key] = await freshKeys(t, 1);
    const other = await t.tenant(['subscriptions-editor'], 'racer');
    const a = await addKeys(t, [key!]);
    const b = await addKeys(t, [key!], { token: other.token });
    // Both items run side by side (on PostgreSQL in two connections: both read the key as free,
    // one insert waits on the other's unique-key entry and then yields).
    await t.db.updateTable('async_operations').set({ status: 'RUNNING' }).where('id', 'in', [a.id, b.id]).execute();
    const now = new Date(t.now());
    // One item each: both operations end with it.
    expect(await Promise.all([advanceOperation(t.db, a.id, now), advanceOperation(t.db, b.id, now)])).toEqual(['stop', 'stop']);
    const results = [(await getOp(a.id)).json(), (await getOp(b.id, other.token)).json()];
    const winners = results.filter((r) => r.result.succeededSubscriptions.length === 1);
    const losers = results.filter((r) => r.result.failedSubscriptions[0]?.reason === 'KEY_CLAIMED_BY_ANOTHER_WORKSPACE');
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(await claimedCount([key!])).toBe(1);
  });
});
