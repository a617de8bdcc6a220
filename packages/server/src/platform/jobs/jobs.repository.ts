/** Typed queries over the durable job table: enqueue, lease, finish (the fair claim: job-claims.repository.ts). */
import { type Selectable, sql } from 'kysely';
import type { Executor, JobsTable } from '../../storage/database.js';
import type { JobLane } from './jobs.enums.js';

export type JobRow = Selectable<JobsTable>;

export interface NewJob {
  id: string;
  queue: string;
  lane: JobLane;
  workspaceId: string | null;
  payload: unknown;
  runAt: Date;
  maxAttempts: number;
  now: Date;
}

export function insertJob(db: Executor, job: NewJob): Promise<JobRow> {
  return db
    .insertInto('jobs')
    .values({
      id: job.id,
      queue: job.queue,
      lane: job.lane,
      workspace_id: job.workspaceId,
      payload: JSON.stringify(job.payload ?? {}),
      status: 'queued',
      run_at: job.runAt,
      max_attempts: job.maxAttempts,
      created_at: job.now,
      updated_at: job.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findJob(db: Executor, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Whether the workspace has a queued job of the queue (the partial index jobs_queued_per_workspace answers it). */
export async function hasQueuedJob(db: Executor, queue: string, workspaceId: string): Promise<boolean> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('queue', '=', queue)
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'queued')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Only the worker holding the lease may extend or finish a job; false means the lease was lost. */
function held(db: Executor, id: string, workerId: string) {
  return db.updateTable('jobs').where('id', '=', id).where('locked_by', '=', workerId).where('status', '=', 'running');
}

export async function extendLease(db: Executor, id: string, workerId: string, now: Date, leaseUntil: Date): Promise<boolean> {
  const r = await held(db, id, workerId).set({ lease_until: leaseUntil, updated_at: now }).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function completeJob(db: Executor, id: string, workerId: string, now: Date, result: unknown): Promise<boolean> {
  const r = await held(db, id, workerId)
    .set({
      status: 'succeeded',
      result: result === undefined ? null : JSON.stringify(result),
      lease_until: null,
      locked_by: null,
      last_error: null,
      updated_at: now,
      finished_at: now,
    })
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Records a failed attempt: back to the queue at `retryAt`, or failed for good when retryAt is null. */
export async function failJobAttempt(
  db: Executor,
  id: string,
  workerId: string,
  now: Date,
  error: string,
  retryAt: Date | null,
): Promise<boolean> {
  const r = await held(db, id, workerId)
    .set(
      retryAt
        ? { status: 'queued', run_at: retryAt, last_error: error, lease_until: null, locked_by: null, updated_at: now }
        : { status: 'failed', last_error: error, lease_until: null, locked_by: null, updated_at: now, finished_at: now },
    )
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Hands a job back to the queue, due now, its attempt not counted (the worker stopped on purpose). */
export async function releaseJob(db: Executor, id: string, workerId: string, now: Date): Promise<boolean> {
  const r = await held(db, id, workerId)
    .set({ status: 'queued', run_at: now, attempts: sql`greatest(attempts - 1, 0)`, lease_until: null, locked_by: null, updated_at: now })
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/**
 * The `run_at` of a held job (stand-in mode's async progression, ADR 0023): queued but never due,
 * until a test releases it or runs it. A far-future instant rather than a column, so the claim's
 * index and query are unchanged and production (which never holds) pays nothing; the stand-in clock
 * refuses to move that far.
 */
export const HELD_RUN_AT = new Date('9999-12-31T00:00:00.000Z');

/** Makes held jobs due at `now` (one, or every one); the number released. */
export async function releaseHeld(db: Executor, now: Date, id?: string): Promise<number> {
  let query = db.updateTable('jobs').set({ run_at: now, updated_at: now }).where('status', '=', 'queued').where('run_at', '=', HELD_RUN_AT);
  if (id !== undefined) query = query.where('id', '=', id);
  const r = await query.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function countHeld(db: Executor): Promise<number> {
  const row = await db.selectFrom('jobs').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'queued').where('run_at', '=', HELD_RUN_AT).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Claims this one queued job, due or not (held, or waiting for a retry), leased to the worker; undefined when it is not queued. */
export async function claimJobById(db: Executor, id: string, workerId: string, now: Date, leaseUntil: Date): Promise<JobRow | undefined> {
  return db
    .updateTable('jobs')
    .set({ status: 'running', attempts: sql`attempts + 1`, lease_until: leaseUntil, locked_by: workerId, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .returningAll()
    .executeTakeFirst();
}

/** Cancels a queued job (its operation was ended without it); false when it was not queued. */
export async function cancelQueuedJob(db: Executor, id: string, now: Date): Promise<boolean> {
  const r = await db.updateTable('jobs').set({ status: 'cancelled', updated_at: now, finished_at: now }).where('id', '=', id).where('status', '=', 'queued').executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
