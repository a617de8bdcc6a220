/**
 * Rating runs: a range of days rated one day per transaction, its progress committed with each day,
 * so a run killed at any instant resumes at the first day not done (the job is taken up again when
 * its lease runs out) and no day is ever half-replaced. The automatic run after ingest rates the
 * marked days the same way.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Db, Executor, RatingRunTrigger, RatingRunsTable } from '../../storage/database.js';
import type { JobContext, JobQueue, JobRow } from '../../platform/jobs/index.js';
import {
  type OperationSpec, acceptOperation, endOperation, failOnLastAttempt, isActive, markRunning, timeOutIfDue as timeOutOperationIfDue,
} from '../../platform/operations/index.js';
import type { Selectable } from 'kysely';
import { daysBetween } from './billing-period.js';
import { rateDay } from './rate-day.js';
import { loadCatalog, markedDays } from './rating.repository.js';
import { AUTO_RATING_QUEUE, type AutoRatingPayload, RATING_RUN_QUEUE, type RatingRunPayload } from './rating-queues.js';

export type RatingRunRow = Selectable<RatingRunsTable>;

export interface RatingDeps {
  db: Db;
  jobs: JobQueue;
  now: () => number;
  /** Pause between the days of a run (CONSUMO_ASYNC_STEP_DELAY_MS), so a client or a test can watch it run. */
  stepDelayMs?: number;
}

/** How long a run may stay unfinished before it reads as TIMEDOUT. */
export const RUN_TIMEOUT_MINUTES = 120;
export const MAX_RUN_DAYS = 3660;

const FAILURE_MESSAGE = 'The rating run stopped on an internal error; the days counted in progress were rated.';

/** Runs asked for (POST, CLI): the lifecycle of platform/operations. */
export const RATING_RUNS: OperationSpec = {
  table: 'rating_runs',
  queue: RATING_RUN_QUEUE,
  maxAttempts: 5,
  timeoutMinutes: RUN_TIMEOUT_MINUTES,
  failureMessage: FAILURE_MESSAGE,
};

/** The runs after ingest: the same lifecycle, their job enqueued by ingest (rating-queues.ts). */
const AUTO_RATING_RUNS: OperationSpec = { ...RATING_RUNS, queue: AUTO_RATING_QUEUE };

export async function insertRun(
  db: Executor,
  run: { id: string; workspaceId: string; trigger: RatingRunTrigger; from: string; to: string; days: number; now: Date },
): Promise<void> {
  await db
    .insertInto('rating_runs')
    .values({
      id: run.id,
      workspace_id: run.workspaceId,
      trigger: run.trigger,
      from_day: run.from,
      to_day: run.to,
      status: 'INITIALIZED',
      days_total: run.days,
      created_at: run.now,
      started_at: run.now,
      updated_at: run.now,
    })
    .execute();
}

/** Records a run and its job in one transaction: the 202 goes out only when both exist. */
export async function acceptRun(deps: RatingDeps, workspaceId: string, from: string, to: string, trigger: RatingRunTrigger = 'request'): Promise<string> {
  const id = randomUUID();
  const now = new Date(deps.now());
  const payload: RatingRunPayload = { runId: id };
  await acceptOperation(deps.db, deps.jobs, RATING_RUNS, { id, workspaceId, payload }, (trx) =>
    insertRun(trx, { id, workspaceId, trigger, from, to, days: daysBetween(from, to).length, now }),
  );
  return id;
}

export function findRun(db: Executor, workspaceId: string, id: string): Promise<RatingRunRow | undefined> {
  return db.selectFrom('rating_runs').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** A run past its timeout becomes TIMEDOUT (on read, or when its worker next looks). */
export function timeOutIfDue(db: Executor, run: RatingRunRow, now: Date): Promise<boolean> {
  return timeOutOperationIfDue(db, RATING_RUNS, run, RUN_TIMEOUT_MINUTES, now);
}

async function progress(db: Executor, runId: string, records: number, now: Date, last: boolean): Promise<void> {
  await db
    .updateTable('rating_runs')
    .set({
      status: last ? 'SUCCEEDED' : 'RUNNING',
      days_done: sql`days_done + 1`,
      records_written: sql`records_written + ${records}`,
      updated_at: now,
      ...(last && { ended_at: now }),
    })
    .where('id', '=', runId)
    .execute();
}

/** Rates each remaining day of the run; `days` lists the run's days, `days_done` says where to resume. */
async function rateDays(deps: Pick<RatingDeps, 'db' | 'stepDelayMs'>, run: RatingRunRow, days: readonly string[], ctx: JobContext): Promise<void> {
  const catalog = await loadCatalog(deps.db, run.workspace_id);
  await markRunning(deps.db, 'rating_runs', run.id, ctx.now());
  for (let i = 0; i < days.length; i++) {
    ctx.signal.throwIfAborted();
    if (i > 0 && deps.stepDelayMs) await sleep(deps.stepDelayMs, undefined, { signal: ctx.signal });
    const current = await findRun(deps.db, run.workspace_id, run.id);
    if (!current || !isActive(current) || (await timeOutIfDue(deps.db, current, ctx.now()))) return;
    const last = i === days.length - 1;
    await rateDay(deps.db, { workspaceId: run.workspace_id, catalog, ratedAt: ctx.now(), runId: run.id }, days[i]!, (trx, records) =>
      progress(trx, run.id, records, ctx.now(), last),
    );
  }
  if (days.length === 0) await endOperation(deps.db, 'rating_runs', run.id, 'SUCCEEDED', ctx.now());
}

export async function runRequestedRun(deps: RatingDeps, job: JobRow, ctx: JobContext): Promise<void> {
  const { runId } = job.payload as RatingRunPayload;
  const run = await deps.db.selectFrom('rating_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run || !isActive(run)) return;
  const days = daysBetween(run.from_day, run.to_day).slice(run.days_done);
  await failOnLastAttempt(deps.db, RATING_RUNS, job, ctx, runId, () => rateDays(deps, run, days, ctx));
}

/** The run after ingest: its id is its job's, so a retried job resumes the same run. */
export async function runAutoRating(deps: RatingDeps, job: JobRow, ctx: JobContext): Promise<void> {
  const { workspaceId } = job.payload as AutoRatingPayload;
  const days = await markedDays(deps.db, workspaceId);
  let run = await findRun(deps.db, workspaceId, job.id);
  if (!run) {
    if (days.length === 0) return;
    const to = new Date(Date.parse(`${days.at(-1)!}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await insertRun(deps.db, { id: job.id, workspaceId, trigger: 'ingest', from: days[0]!, to, days: days.length, now: ctx.now() });
    run = (await findRun(deps.db, workspaceId, job.id))!;
  } else if (!isActive(run)) {
    return;
  } else {
    // Resumed after a crash: the days still marked are what is left to do.
    await deps.db.updateTable('rating_runs').set({ days_total: run.days_done + days.length }).where('id', '=', run.id).execute();
  }
  const current = run;
  await failOnLastAttempt(deps.db, AUTO_RATING_RUNS, job, ctx, current.id, () => rateDays(deps, current, days, ctx));
}

/** Runs a recorded run to its end in this call (demo seeding, one-shot commands), outside the queue. */
export async function rateRunInline(db: Db, runId: string, now: () => number = Date.now): Promise<RatingRunRow> {
  const run = await db.selectFrom('rating_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
  const ctx: JobContext = { signal: new AbortController().signal, now: () => new Date(now()) };
  await rateDays({ db }, run, daysBetween(run.from_day, run.to_day).slice(run.days_done), ctx);
  return db.selectFrom('rating_runs').selectAll().where('id', '=', runId).executeTakeFirstOrThrow();
}

export function registerRatingWorkers(deps: RatingDeps): void {
  deps.jobs.register(RATING_RUN_QUEUE, (job, ctx) => runRequestedRun(deps, job, ctx));
  deps.jobs.register(AUTO_RATING_QUEUE, (job, ctx) => runAutoRating(deps, job, ctx));
}
