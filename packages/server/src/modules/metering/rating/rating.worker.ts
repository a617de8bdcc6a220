/**
 * The rating workers: a run's days rated one day per transaction, its progress committed with each
 * day, so a run killed at any instant resumes at the first day not done (the job is taken up again
 * when its lease runs out) and no day is ever half-replaced. The automatic run after ingest rates
 * the marked days the same way.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db, Executor } from '../../../storage/database.js';
import type { JobContext, JobQueue, JobRow } from '../../../platform/jobs/index.js';
import { DAY_MS, dayText } from '../../../platform/formats/index.js';
import { endOperation, failOnLastAttempt, isActive, markRunning, stillActive } from '../../../platform/operations/index.js';
import { summarizeNewEventTimeRanges } from '../../../storage/event-time-summaries.js';
import { dayStart, daysBetween } from './rating-days.js';
import { rateDay } from './rate-day.js';
import { loadCatalog, markedDays } from './rating.repository.js';
import { AUTO_RATING_QUEUE, type AutoRatingPayload, RATING_RUN_QUEUE, type RatingRunPayload } from './rating-queues.js';
import * as runs from './rating-runs.repository.js';
import { AUTO_RATING_RUNS, RATING_RUNS } from './rating-runs.service.js';

export interface RatingDeps {
  db: Db;
  jobs: JobQueue;
  now: () => number;
  /** Pause between the days of a run (CONSUMO_ASYNC_STEP_DELAY_MS), so a client or a test can watch it run. */
  stepDelayMs?: number;
  /** Called in the transaction of a run's last day, so what it enqueues exists exactly when that day does (the budget alerts' evaluation). */
  onRunRated?: OnRunRated;
}

/** What a finished run rated: the workspace and its days [fromDay, toDay), YYYY-MM-DD. */
export interface RatedRun {
  workspaceId: string;
  fromDay: string;
  toDay: string;
}

export type OnRunRated = (trx: Executor, rated: RatedRun) => Promise<void>;

/** Rates each remaining day of the run; `days` lists the run's days, `days_done` says where to resume. */
async function rateDays(deps: Pick<RatingDeps, 'db' | 'stepDelayMs' | 'onRunRated'>, run: runs.RatingRunRow, days: readonly string[], ctx: JobContext): Promise<void> {
  const catalog = await loadCatalog(deps.db, run.workspace_id);
  await markRunning(deps.db, 'rating_runs', run.id, ctx.now());
  // Every day reads its events by time: make the time index cover what was ingested since the last vacuum.
  if (days.length > 0) await summarizeNewEventTimeRanges(deps.db, new Set(days.map((day) => day.slice(0, 7))));
  for (let i = 0; i < days.length; i++) {
    ctx.signal.throwIfAborted();
    if (i > 0 && deps.stepDelayMs) await sleep(deps.stepDelayMs, undefined, { signal: ctx.signal });
    const current = await runs.findRun(deps.db, run.workspace_id, run.id);
    if (!(await stillActive(deps.db, RATING_RUNS, current, ctx.now()))) return;
    const last = i === days.length - 1;
    await rateDay(deps.db, { workspaceId: run.workspace_id, catalog, ratedAt: ctx.now(), runId: run.id }, days[i]!, async (trx, records) => {
      await runs.recordDayRated(trx, run.id, records, ctx.now(), last);
      if (last) await deps.onRunRated?.(trx, { workspaceId: run.workspace_id, fromDay: run.from_day, toDay: run.to_day });
    });
  }
  if (days.length === 0) await endOperation(deps.db, 'rating_runs', run.id, 'SUCCEEDED', ctx.now());
}

export async function runRequestedRun(deps: RatingDeps, job: JobRow, ctx: JobContext): Promise<void> {
  const { runId } = job.payload as RatingRunPayload;
  const run = await runs.findRunById(deps.db, runId);
  if (!run || !isActive(run)) return;
  const days = daysBetween(run.from_day, run.to_day).slice(run.days_done);
  await failOnLastAttempt(deps.db, RATING_RUNS, job, ctx, runId, () => rateDays(deps, run, days, ctx));
}

/** The run after ingest: its id is its job's, so a retried job resumes the same run. */
export async function runAutoRating(deps: RatingDeps, job: JobRow, ctx: JobContext): Promise<void> {
  const { workspaceId } = job.payload as AutoRatingPayload;
  const days = await markedDays(deps.db, workspaceId);
  let run = await runs.findRun(deps.db, workspaceId, job.id);
  if (!run) {
    if (days.length === 0) return;
    const to = dayText(dayStart(days.at(-1)!).getTime() + DAY_MS);
    await runs.insertRun(deps.db, { id: job.id, workspaceId, trigger: 'ingest', from: days[0]!, to, days: days.length, now: ctx.now() });
    run = (await runs.findRun(deps.db, workspaceId, job.id))!;
  } else if (!isActive(run)) {
    return;
  } else {
    // Resumed after a crash: the days still marked are what is left to do.
    await runs.setDaysTotal(deps.db, run.id, run.days_done + days.length);
  }
  const current = run;
  await failOnLastAttempt(deps.db, AUTO_RATING_RUNS, job, ctx, current.id, () => rateDays(deps, current, days, ctx));
}

/** Runs a recorded run to its end in this call (demo seeding, one-shot commands), outside the queue; `onRunRated` as a worker's. */
export async function rateRunInline(db: Db, runId: string, now: () => number = Date.now, onRunRated?: OnRunRated): Promise<runs.RatingRunRow> {
  const run = await runs.getRunById(db, runId);
  const ctx: JobContext = { signal: new AbortController().signal, now: () => new Date(now()) };
  await rateDays({ db, ...(onRunRated && { onRunRated }) }, run, daysBetween(run.from_day, run.to_day).slice(run.days_done), ctx);
  return runs.getRunById(db, runId);
}

export function registerRatingWorkers(deps: RatingDeps): void {
  deps.jobs.register(RATING_RUN_QUEUE, (job, ctx) => runRequestedRun(deps, job, ctx), { lane: 'batch' });
  deps.jobs.register(AUTO_RATING_QUEUE, (job, ctx) => runAutoRating(deps, job, ctx), { lane: 'batch' });
}
