/**
 * Issue 15 point 4, through the API and the real job kinds: one workspace's rating runs and
 * subscription operations cannot push another workspace's one-key subscription operation behind
 * them. The kinds' declared lanes (subscription operations interactive, rating runs batch) and the
 * turns between workspaces let the quiet operation finish while the noisy backlog is still queued.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { addKeys, freshKeys } from '../../support/subscription-fixtures.js';

describe.each(testEngines())('fair background work on %s', (engine) => {
  let t: TestApp;
  useTestApp(engine, (app) => (t = app), {
    // Each day of a rating run and each key of an operation takes a while, as in a busy installation.
    config: { asyncStepDelayMs: 40, jobConcurrency: { interactive: 2, batch: 1 } },
  });

  const queued = async (workspaceId: string, queue: string) =>
    (await t.db.selectFrom('jobs').select('id').where('workspace_id', '=', workspaceId).where('queue', '=', queue).where('status', '=', 'queued').execute()).length;

  it('finishes a quiet workspace’s one-key operation while a noisy workspace’s earlier rating runs and operations are still queued', async () => {
    const noisy = t.admin.workspaceId;
    for (let i = 0; i < 6; i++) {
      const run = await t.call({ method: 'POST', url: '/metering/v1/rating-runs', payload: { from: '2026-10-01', to: '2026-10-11' } });
      expect(run.statusCode).toBe(202);
    }
    for (let i = 0; i < 20; i++) expect((await addKeys(t, await freshKeys(t, 5))).status).toBe(202);
    t.advance(1000);
    const quiet = await t.tenant(['subscriptions-editor'], 'quiet');
    const { id, status } = await addKeys(t, await freshKeys(t, 1), { token: quiet.token });
    expect(status).toBe(202);

    t.jobs.start();
    let operation: { status: string } = { status: 'INITIALIZED' };
    let noisyLeft: { operations: number; ratingRuns: number };
    try {
      while (operation.status === 'INITIALIZED' || operation.status === 'RUNNING') {
        await sleep(20);
        operation = (await t.call({ method: 'GET', url: `/subscriptions/v1/async-operations/${id}`, token: quiet.token })).json();
      }
      noisyLeft = { operations: await queued(noisy, 'subscriptions.operation'), ratingRuns: await queued(noisy, 'metering.rating-run') };
    } finally {
      await t.jobs.stop();
    }
    expect(operation.status).toBe('SUCCEEDED');
    // A FIFO worker would have run all 26 noisy jobs first (about 6 × 0.4 s + 20 × 0.2 s), leaving none.
    expect(noisyLeft.operations).toBeGreaterThanOrEqual(12);
    expect(noisyLeft.ratingRuns).toBeGreaterThanOrEqual(3);
  });
});
