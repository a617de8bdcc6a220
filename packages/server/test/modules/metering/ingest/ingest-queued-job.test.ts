/**
 * ADR 0031, decision 11: a batch whose workspace already has its automatic rating queued, and not
 * due for QUEUED_JOB_LEAD_MS, is stored by one autocommitted statement (no transaction, no lock, no
 * check after it) — the job cannot start before the batch has committed, so it rates the batch's
 * marks. Any other batch goes the general way, which queues the job when none is waiting. Either way
 * the events, the day marks and the ingest log's row are written together or not at all, and one
 * job is queued, not one per batch.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { testEngines } from '../../../support/test-databases.js';
import { cloudEvent, countEvents, daysAgo, hoursAfter, ingest, seedCatalog } from '../../../support/metering-fixtures.js';
import { AUTO_RATING_QUEUE } from '../../../../src/modules/metering/rating/rating-queues.js';
import { QUEUED_JOB_LEAD_MS } from '../../../../src/modules/metering/ingest/ingest.service.js';
import * as repo from '../../../../src/modules/metering/ingest/ingest.repository.js';

describe.each(testEngines())('a batch before a queued rating job (%s)', (engine) => {
  let t: TestApp;
  let ws: string;
  let day: Date;
  let hour = 0;

  useTestApp(engine, async (app) => {
    t = app;
    ws = t.admin.workspaceId;
    await seedCatalog(t, { workspaceId: ws, resources: ['vm-1', 'vm-2'] });
    day = daysAgo(t, 2);
  });

  /** Fresh events, each batch at an hour of its own. */
  const events = (n: number, at = hoursAfter(day, (hour++ % 20) + 0.5)) => Array.from({ length: n }, () => cloudEvent({ time: at }));
  const jobs = async (status: 'queued' | 'running') =>
    (await t.db.selectFrom('jobs').select(['id', 'run_at']).where('queue', '=', AUTO_RATING_QUEUE).where('workspace_id', '=', ws).where('status', '=', status).execute());
  const written = async () => ({
    events: await countEvents(t, ws),
    marks: Number((await sql<{ n: number }>`select count(*)::int as n from rating_marks where workspace_id = ${ws}`.execute(t.db)).rows[0]!.n),
    log: Number((await sql<{ n: number }>`select count(*)::int as n from ingest_batches where workspace_id = ${ws}`.execute(t.db)).rows[0]!.n),
  });
  /** Moves the queued job's start to `ms` after the app's clock. */
  const dueIn = (ms: number) => sql`update jobs set run_at = ${new Date(t.now() + ms).toISOString()}::timestamptz where queue = ${AUTO_RATING_QUEUE} and workspace_id = ${ws} and status = 'queued'`.execute(t.db);

  async function accepted(n: number, batch = events(n)) {
    const res = await ingest(t, batch);
    expect(res.statusCode, res.body).toBe(202);
    return res.json() as { accepted: number; duplicates: number };
  }

  it('queues one job for the first batch and none for the batches after it, whatever way each went', async () => {
    await sql`delete from jobs where workspace_id = ${ws}`.execute(t.db);
    expect(await accepted(3)).toEqual({ accepted: 3, duplicates: 0 });
    expect(await jobs('queued')).toHaveLength(1);
    for (const lead of [3_600_000, QUEUED_JOB_LEAD_MS + 60_000, QUEUED_JOB_LEAD_MS / 2, -60_000]) {
      await dueIn(lead);
      const before = await written();
      expect(await accepted(2)).toEqual({ accepted: 2, duplicates: 0 });
      const after = await written();
      expect(after.events - before.events).toBe(2);
      expect(after.log - before.log).toBe(1);
      expect(after.marks - before.marks).toBe(1);
      expect(await jobs('queued')).toHaveLength(1);
    }
  });

  it('stores the usual batch in one statement of its own only while the job cannot start before it commits', async () => {
    await accepted(1);
    const [job] = await jobs('queued');
    expect(job).toBeDefined();
    const at = hoursAfter(day, 21.5);
    const stored: repo.StoredEvent[] = [0, 1].map((i) => ({
      source: 'urn:test:collector', id: `lone-${randomUUID()}-${i}`, meterId: 'cpu', subject: 'vm-1', time: at, timeText: at.toISOString(), value: '1', data: '{}',
    }));
    const log = (): repo.AcceptedBatch => ({ id: randomUUID(), workspaceId: ws, receivedAt: new Date(t.now()), events: 2, eventTimes: { first: at, last: at }, sender: undefined });
    const days = [at.toISOString().slice(0, 10)];
    const store = (notDueBefore: Date) => repo.storeEventsBeforeQueuedJob(t.db, repo.encodeEvents(stored), log(), days, AUTO_RATING_QUEUE, notDueBefore);

    // Due before the time asked for: nothing is written, the caller goes the general way.
    const before = await written();
    expect(await store(new Date(new Date(job!.run_at).getTime() + 1))).toBeUndefined();
    expect(await written()).toEqual(before);
    // Not due before it: events, a mark and the log's row, in one statement.
    expect(await store(new Date(new Date(job!.run_at).getTime() - 1))).toBe(2);
    expect(await written()).toEqual({ events: before.events + 2, marks: before.marks + 1, log: before.log + 1 });
    // The same batch again: a repeat met, run again skipping known events; counted, not stored, no mark.
    expect(await store(new Date(new Date(job!.run_at).getTime() - 1))).toBe(0);
    expect(await written()).toEqual({ events: before.events + 2, marks: before.marks + 1, log: before.log + 2 });
    const logged = await t.db.selectFrom('ingest_batches').select(['accepted', 'duplicates']).where('workspace_id', '=', ws).orderBy('received_at', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(logged).toEqual({ accepted: 0, duplicates: 2 });
  });

  it('counts a resent batch as duplicates and repeats inside a batch once, on either way', async () => {
    for (const lead of [3_600_000, 0]) {
      await accepted(1);
      await dueIn(lead);
      const batch = events(3);
      expect(await accepted(3, batch)).toEqual({ accepted: 3, duplicates: 0 });
      const marks = (await written()).marks;
      expect(await accepted(3, batch)).toEqual({ accepted: 0, duplicates: 3 });
      expect(await accepted(4, [batch[0]!, ...events(2), batch[0]!])).toEqual({ accepted: 2, duplicates: 2 });
      expect((await written()).marks).toBe(marks + 1);
    }
  });

  it('queues a new job when the one queued has started, and refuses an invalid batch whole either way', async () => {
    await accepted(1);
    const [job] = await jobs('queued');
    await sql`update jobs set status = 'running' where id = ${job!.id}`.execute(t.db);
    expect(await accepted(2)).toEqual({ accepted: 2, duplicates: 0 });
    const queued = await jobs('queued');
    expect(queued).toHaveLength(1);
    expect(queued[0]!.id).not.toBe(job!.id);
    await sql`update jobs set status = 'succeeded' where id = ${job!.id}`.execute(t.db);

    await dueIn(3_600_000);
    const before = await written();
    const res = await ingest(t, [...events(2), cloudEvent({ time: hoursAfter(day, 1), subject: 'vm-unknown' })]);
    expect(res.statusCode, res.body).toBe(400);
    const after = await written();
    // The refused batch leaves its row in the log, nothing else.
    expect(after).toEqual({ ...before, log: before.log + 1 });
  });
});
