/**
 * Schedules that run by themselves: a recurring job (queue `focus-exports.schedule`) runs at every
 * hour boundary, re-enqueues itself for the next one, and starts a 'schedule' run for every
 * definition whose schedule is due — DAILY_MONTH_TO_DATE once per UTC day, MONTHLY_LAST_MONTH once
 * per month, on the 1st. The tick of an hour has a job id derived from that hour, so enqueueing it
 * twice (two processes starting, a retried tick) adds it once; a definition is claimed by moving its
 * `last_scheduled_for` to today in the transaction that creates the run, so it runs once a day at most.
 */
import { createHash } from 'node:crypto';
import { dayText } from '../../platform/formats/index.js';
import type { JobContext } from '../../platform/jobs/index.js';
import { acceptRun } from './export-runs.service.js';
import type { FocusExportsDeps } from './focus-exports-deps.js';
import { claimForToday, dueDefinitions } from './export-schedules.repository.js';
import { scheduleRange } from './export-runs.service.js';

export const SCHEDULE_QUEUE = 'focus-exports.schedule';
const HOUR = 3_600_000;

/** A UUID-shaped id that names the tick of one hour. */
export function tickId(hourStart: number): string {
  const hex = createHash('sha256').update(`${SCHEDULE_QUEUE}:${new Date(hourStart).toISOString()}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Enqueues the tick of the hour starting at `hourStart` unless it exists already. */
export async function enqueueTick(deps: FocusExportsDeps, hourStart: number, runAt: number): Promise<void> {
  const id = tickId(hourStart);
  if (await deps.jobs.find(id)) return;
  try {
    await deps.jobs.enqueue(deps.db, { queue: SCHEDULE_QUEUE, id, payload: { hour: new Date(hourStart).toISOString() }, runAt: new Date(runAt) });
  } catch (err) {
    // Another process enqueued the same tick between our look and our insert.
    if (!(await deps.jobs.find(id))) throw err;
  }
}

/** At start: the tick of the current hour, due now (a no-op when it has already run). */
export async function startSchedules(deps: FocusExportsDeps): Promise<void> {
  const now = deps.now();
  await enqueueTick(deps, Math.floor(now / HOUR) * HOUR, now);
}

/** Starts the runs due at `now`; the number started. */
export async function runDueSchedules(deps: FocusExportsDeps, now: Date): Promise<number> {
  const today = dayText(now);
  const firstOfMonth = now.getUTCDate() === 1;
  const due = await dueDefinitions(deps.db, today);
  let started = 0;
  for (const definition of due) {
    if (definition.schedule === 'MONTHLY_LAST_MONTH' && !firstOfMonth) continue;
    const range = scheduleRange(definition.schedule!, now.getTime());
    const claimed = await deps.db.transaction().execute(async (trx) => {
      if (!(await claimForToday(trx, definition, today))) return false;
      await acceptRun(deps, trx, { workspaceId: definition.workspace_id, exportId: definition.id, range, trigger: 'schedule' });
      return true;
    });
    if (claimed) started++;
  }
  return started;
}

export async function runScheduleTick(deps: FocusExportsDeps, ctx: JobContext): Promise<number> {
  const now = ctx.now();
  // The next tick first, so that the chain survives a tick that keeps failing.
  const next = (Math.floor(now.getTime() / HOUR) + 1) * HOUR;
  await enqueueTick(deps, next, next);
  return runDueSchedules(deps, now);
}

export function registerScheduleWorker(deps: FocusExportsDeps): void {
  deps.jobs.register(SCHEDULE_QUEUE, (_job, ctx) => runScheduleTick(deps, ctx), { lane: 'interactive' });
}
