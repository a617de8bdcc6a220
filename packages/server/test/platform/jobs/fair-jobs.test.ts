/**
 * Fair background work (issue 15, ADR 0008) on each engine: a noisy workspace's backlog cannot hold
 * back a quiet workspace's job — workspaces take turns within a lane, batch runs never take an
 * interactive slot, a process runs at most its configured number of jobs at once — and several
 * processes still run every job exactly once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JobQueue, type JobLane, type JobQueueOptions } from '../../../src/platform/jobs/index.js';
import { type TestDatabase, createWorkspace, openTestDatabase, testEngines } from '../../support/test-databases.js';

const NOISY = 'a'.repeat(32);
const QUIET = 'b'.repeat(32);
const OTHER = 'c'.repeat(32);

/** What the handlers saw: start and finish order, and the most jobs of each lane running at once. */
class Trace {
  started: string[] = [];
  finished: string[] = [];
  running: Record<JobLane, number> = { interactive: 0, batch: 0 };
  peak: Record<JobLane, number> = { interactive: 0, batch: 0 };
  /** Each job's runs, to prove none ran twice. */
  runs = new Map<string, number>();

  handler(lane: JobLane, ms: number) {
    return async (job: { id: string; payload: unknown }) => {
      const { label } = job.payload as { label: string };
      this.runs.set(job.id, (this.runs.get(job.id) ?? 0) + 1);
      this.started.push(label);
      this.peak[lane] = Math.max(this.peak[lane], ++this.running[lane]);
      try {
        await sleep(ms);
      } finally {
        this.running[lane]--;
      }
      this.finished.push(label);
      return label;
    };
  }
}

describe.each(testEngines())('fair job queue on %s', (engine) => {
  let t: TestDatabase;
  let clock = Date.parse('2026-12-06T12:00:00Z');
  const now = () => clock;
  const queue = (workerId: string, options: JobQueueOptions = {}) => new JobQueue(t.db, { now, workerId, pollMs: 5, ...options });
  const statuses = async (workspaceId: string, queueName: string) =>
    (await t.db.selectFrom('jobs').select('status').where('workspace_id', '=', workspaceId).where('queue', '=', queueName).execute()).map((r) => r.status);

  beforeAll(async () => {
    t = await openTestDatabase(engine);
    for (const ws of [NOISY, QUIET, OTHER]) await createWorkspace(t.db, ws);
  });
  afterAll(() => t.drop());
  beforeEach(async () => {
    await t.db.deleteFrom('jobs').execute();
    await t.db.deleteFrom('job_turns').execute();
  });

  it('runs a quiet workspace’s interactive job before a noisy workspace’s earlier backlog drains, batch runs never in its way', async () => {
    const trace = new Trace();
    const q = queue('worker', { concurrency: { interactive: 2, batch: 1 } });
    q.register('rate', trace.handler('batch', 150), { lane: 'batch' });
    q.register('operate', trace.handler('interactive', 20), { lane: 'interactive' });
    // The noisy workspace got there first: slow batch runs and a pile of short operations…
    for (let i = 0; i < 8; i++) await q.enqueue(t.db, { queue: 'rate', workspaceId: NOISY, payload: { label: `noisy-rate-${i}` } });
    for (let i = 0; i < 40; i++) await q.enqueue(t.db, { queue: 'operate', workspaceId: NOISY, payload: { label: `noisy-op-${i}` } });
    clock += 1000;
    // …then the quiet one asks for one operation: a FIFO would run it after all 48.
    const quiet = await q.enqueue(t.db, { queue: 'operate', workspaceId: QUIET, payload: { label: 'quiet-op' } });

    q.start();
    try {
      while ((await q.find(quiet.id))?.status !== 'succeeded') await sleep(5);
      // Terminal while the noisy backlog is still there, in both lanes.
      expect((await statuses(NOISY, 'operate')).filter((s) => s === 'queued').length).toBeGreaterThanOrEqual(30);
      expect((await statuses(NOISY, 'rate')).filter((s) => s === 'queued').length).toBeGreaterThanOrEqual(6);
    } finally {
      await q.stop();
    }
    // Among the first interactive jobs to start (one noisy job may hold the other slot), and no batch job ever ran in an interactive slot.
    const interactive = trace.started.filter((label) => !label.includes('rate'));
    expect(interactive.indexOf('quiet-op')).toBeLessThanOrEqual(2);
    expect(trace.peak.interactive).toBeLessThanOrEqual(2);
    expect(trace.peak.batch).toBeLessThanOrEqual(1);
  });

  it('runs as many jobs of a lane at once as it has slots, and no more', async () => {
    const q = queue('bounded', { concurrency: { interactive: 3, batch: 1 } });
    let running = 0;
    let peak = 0;
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    q.register('hold', async () => {
      peak = Math.max(peak, ++running);
      await gate;
      running--;
    }, { lane: 'interactive' });
    q.register('long', async () => {
      await gate;
    });
    for (let i = 0; i < 6; i++) await q.enqueue(t.db, { queue: 'hold', workspaceId: i % 2 ? NOISY : QUIET });
    await q.enqueue(t.db, { queue: 'long', workspaceId: NOISY });
    q.start();
    try {
      while (running < 3) await sleep(5);
      // Every slot busy and held: nothing more starts, however long we wait (the batch job runs beside them).
      await sleep(200);
      expect(running).toBe(3);
      expect((await t.db.selectFrom('jobs').select('queue').where('status', '=', 'running').execute()).map((r) => r.queue).sort()).toEqual(['hold', 'hold', 'hold', 'long']);
    } finally {
      open();
      while ((await t.db.selectFrom('jobs').select('id').where('status', '!=', 'succeeded').execute()).length > 0) await sleep(10);
      await q.stop();
    }
    expect(peak).toBe(3);
  });

  it('takes turns between workspaces within a lane, even with one slot', async () => {
    const trace = new Trace();
    const q = queue('turns', { concurrency: { interactive: 1, batch: 1 } });
    q.register('operate', trace.handler('interactive', 0), { lane: 'interactive' });
    // One millisecond apart, so that each workspace's own jobs have an order (jobs of one instant go by id).
    const enqueue = async (workspaceId: string, label: string) => {
      clock += 1;
      await q.enqueue(t.db, { queue: 'operate', workspaceId, payload: { label } });
    };
    for (let i = 0; i < 4; i++) await enqueue(NOISY, `noisy-${i}`);
    for (let i = 0; i < 2; i++) await enqueue(QUIET, `quiet-${i}`);
    await enqueue(OTHER, 'other-0');

    expect(await q.drain()).toBe(7);
    // Never served goes first, then whoever was served longest ago; each workspace's own jobs stay in order.
    expect(trace.started).toEqual(['noisy-0', 'quiet-0', 'other-0', 'noisy-1', 'quiet-1', 'noisy-2', 'noisy-3']);
  });

  it('keeps the lanes apart: a job runs in its kind’s declared lane, batch when none is declared', async () => {
    const q = queue('lanes');
    q.register('operate', async () => 'ok', { lane: 'interactive' });
    q.register('undeclared', async () => 'ok');
    const op = await q.enqueue(t.db, { queue: 'operate', workspaceId: QUIET });
    const other = await q.enqueue(t.db, { queue: 'undeclared', workspaceId: QUIET });
    expect((await q.find(op.id))?.lane).toBe('interactive');
    expect((await q.find(other.id))?.lane).toBe('batch');
  });

  it('runs each job exactly once with two processes working several workspaces at once, each within its bound', async () => {
    const trace = new Trace();
    const workers = [queue('p1', { concurrency: { interactive: 2, batch: 1 } }), queue('p2', { concurrency: { interactive: 2, batch: 1 } })];
    for (const w of workers) {
      w.register('rate', trace.handler('batch', 10), { lane: 'batch' });
      w.register('operate', trace.handler('interactive', 2), { lane: 'interactive' });
    }
    const ids: string[] = [];
    for (const ws of [NOISY, QUIET, OTHER]) {
      for (let i = 0; i < 4; i++) ids.push((await workers[0]!.enqueue(t.db, { queue: 'rate', workspaceId: ws, payload: { label: `${ws}-rate-${i}` } })).id);
      for (let i = 0; i < 12; i++) ids.push((await workers[0]!.enqueue(t.db, { queue: 'operate', workspaceId: ws, payload: { label: `${ws}-op-${i}` } })).id);
    }
    for (const w of workers) w.start();
    try {
      while (trace.finished.length < ids.length) await sleep(10);
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    expect(trace.runs.size).toBe(ids.length);
    expect([...trace.runs.values()].every((n) => n === 1)).toBe(true);
    const rows = await t.db.selectFrom('jobs').select('status').where('id', 'in', ids).execute();
    expect(rows.every((r) => r.status === 'succeeded')).toBe(true);
    // Two processes, each at most 2 interactive and 1 batch job at once.
    expect(trace.peak.interactive).toBeLessThanOrEqual(4);
    expect(trace.peak.batch).toBeLessThanOrEqual(2);
  });

  it('refuses a lane without a slot', () => {
    expect(() => queue('none', { concurrency: { interactive: 0 } })).toThrow(/interactive lane/);
  });
});
