/** The durable job queue on each engine: runs, retries, leases, crashes, concurrency, shutdown. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobQueue, JobQueueStopping, PermanentJobError } from '../../../src/platform/jobs/index.js';
import { claimNextJob } from '../../../src/platform/jobs/job-claims.repository.js';
import { completeJob } from '../../../src/platform/jobs/jobs.repository.js';
import { type TestDatabase, createWorkspace, openTestDatabase, testEngines } from '../../support/test-databases.js';

describe.each(testEngines())('job queue on %s', (engine) => {
  let t: TestDatabase;
  let clock = Date.parse('2026-11-23T12:00:00Z');
  const now = () => clock;
  const queue = (workerId: string, leaseMs = 30_000) => new JobQueue(t.db, { now, workerId, leaseMs, pollMs: 5, backoffMs: (n) => n * 1000 });

  beforeAll(async () => {
    t = await openTestDatabase(engine);
    await createWorkspace(t.db, 'a'.repeat(32));
  });
  afterAll(() => t.drop());
  beforeEach(async () => {
    await t.db.deleteFrom('jobs').execute();
  });

  it('runs a job once and keeps its result', async () => {
    const q = queue('w1');
    const seen: unknown[] = [];
    q.register('echo', async (job) => {
      seen.push(job.payload);
      return { doubled: (job.payload as { n: number }).n * 2 };
    });
    const job = await q.enqueue(t.db, { queue: 'echo', payload: { n: 21 }, workspaceId: 'a'.repeat(32) });
    expect(await q.drain()).toBe(1);
    expect(await q.drain()).toBe(0);
    expect(seen).toEqual([{ n: 21 }]);
    expect(await q.find(job.id)).toMatchObject({ status: 'succeeded', attempts: 1, result: { doubled: 42 }, locked_by: null });
  });

  it('waits for a job’s time to come', async () => {
    const q = queue('w1');
    q.register('later', async () => 'done');
    await q.enqueue(t.db, { queue: 'later', runAt: new Date(clock + 60_000) });
    expect(await q.drain()).toBe(0);
    clock += 60_000;
    expect(await q.drain()).toBe(1);
  });

  it('retries a failed attempt after the backoff, then fails for good after maxAttempts', async () => {
    const q = queue('w1');
    let calls = 0;
    q.register('flaky', async () => {
      calls++;
      throw new Error(`boom ${calls}`);
    });
    const job = await q.enqueue(t.db, { queue: 'flaky', maxAttempts: 3 });
    expect(await q.drain()).toBe(1);
    expect(await q.find(job.id)).toMatchObject({ status: 'queued', attempts: 1, last_error: 'boom 1' });
    expect(await q.drain()).toBe(0); // backoff: 1 s
    clock += 1000;
    expect(await q.drain()).toBe(1);
    clock += 2000;
    expect(await q.drain()).toBe(1);
    expect(await q.find(job.id)).toMatchObject({ status: 'failed', attempts: 3, last_error: 'boom 3' });
    clock += 60_000;
    expect(await q.drain()).toBe(0);
    expect(calls).toBe(3);
  });

  it('does not retry a PermanentJobError', async () => {
    const q = queue('w1');
    q.register('bad', async () => {
      throw new PermanentJobError('no such key');
    });
    const job = await q.enqueue(t.db, { queue: 'bad' });
    await q.drain();
    expect(await q.find(job.id)).toMatchObject({ status: 'failed', attempts: 1, last_error: 'no such key' });
  });

  it('takes over the job of a worker that died once its lease runs out, and ignores the dead worker’s late answer', async () => {
    const job = await queue('x').enqueue(t.db, { queue: 'work' });
    const claimed = await claimNextJob(t.db, { lane: 'batch', queues: ['work'], workerId: 'dead', now: new Date(clock), leaseUntil: new Date(clock + 30_000) });
    expect(claimed?.id).toBe(job.id);
    const alive = queue('alive');
    let runs = 0;
    alive.register('work', async () => ++runs);
    expect(await alive.drain()).toBe(0);
    clock += 30_001;
    expect(await alive.drain()).toBe(1);
    expect(runs).toBe(1);
    expect(await completeJob(t.db, job.id, 'dead', new Date(clock), 'late')).toBe(false);
    expect(await alive.find(job.id)).toMatchObject({ status: 'succeeded', attempts: 2, result: 1 });
  });

  it('gives up on a job whose workers keep dying', async () => {
    const job = await queue('x').enqueue(t.db, { queue: 'crashy', maxAttempts: 2 });
    for (let i = 0; i < 2; i++) {
      await claimNextJob(t.db, { lane: 'batch', queues: ['crashy'], workerId: `dead${i}`, now: new Date(clock), leaseUntil: new Date(clock + 1000) });
      clock += 1001;
    }
    const q = queue('w');
    let ran = false;
    q.register('crashy', async () => (ran = true));
    expect(await q.drain()).toBe(1);
    expect(ran).toBe(false);
    expect(await q.find(job.id)).toMatchObject({ status: 'failed', last_error: expect.stringContaining('gave up after 2') });
  });

  it('runs each job exactly once with two workers side by side', async () => {
    const counts = new Map<string, number>();
    const workers = [queue('w1'), queue('w2')];
    for (const w of workers) {
      w.register('count', async (job) => {
        counts.set(job.id, (counts.get(job.id) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 1));
        return w.workerId;
      });
    }
    const ids = [];
    for (let i = 0; i < 40; i++) ids.push((await workers[0]!.enqueue(t.db, { queue: 'count', payload: { i } })).id);
    await Promise.all(workers.map((w) => w.drain()));
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(counts.size).toBe(40);
    const rows = await t.db.selectFrom('jobs').select(['status', 'result']).where('id', 'in', ids).execute();
    expect(rows.every((r) => r.status === 'succeeded')).toBe(true);
  });

  it('runs jobs in the background and, on stop, lets the running one finish', async () => {
    const q = queue('bg');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    q.register('slow', async () => {
      started();
      await gate;
      return 'finished';
    });
    const job = await q.enqueue(t.db, { queue: 'slow' });
    q.start();
    await running;
    const stopped = q.stop();
    release();
    await stopped;
    expect(await q.find(job.id)).toMatchObject({ status: 'succeeded', result: 'finished' });
  });

  it('on stop, aborts a handler that honours its signal and queues its job again, the attempt not counted', async () => {
    const q = queue('bg-abort');
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    let reason: unknown;
    q.register('steps', async (_job, ctx) => {
      started();
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
      reason = ctx.signal.reason;
      ctx.signal.throwIfAborted();
    });
    const job = await q.enqueue(t.db, { queue: 'steps' });
    q.start();
    await running;
    await q.stop();
    expect(reason).toBeInstanceOf(JobQueueStopping);
    expect(await q.find(job.id)).toMatchObject({ status: 'queued', attempts: 0, locked_by: null, lease_until: null, last_error: null });
    // Due at once: the next worker takes it without waiting for a lease to run out.
    const next = queue('after-restart');
    next.register('steps', async () => 'resumed');
    expect(await next.drain()).toBe(1);
    expect(await next.find(job.id)).toMatchObject({ status: 'succeeded', attempts: 1, result: 'resumed' });
  });

  it('creates no job when the enqueuing transaction rolls back, and deletes a workspace’s jobs with it', async () => {
    const q = queue('tx');
    await expect(
      t.db.transaction().execute(async (trx) => {
        await q.enqueue(trx, { queue: 'tx' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await t.db.selectFrom('jobs').select('id').execute()).toEqual([]);
    const ws = await createWorkspace(t.db, 'b'.repeat(32));
    await q.enqueue(t.db, { queue: 'tx', workspaceId: ws });
    await t.db.deleteFrom('workspaces').where('id', '=', ws).execute();
    expect(await t.db.selectFrom('jobs').select('id').execute()).toEqual([]);
  });
});
