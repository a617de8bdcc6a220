/**
 * Rating runs as the API shows them: a requested range checked and accepted as an async operation
 * (platform/operations), read back — timed out first when past its deadline — and listed.
 */
import { randomUUID } from 'node:crypto';
import { badRequest, invalidId, notFound } from '../../../platform/errors/index.js';
import { type OperationSpec, acceptOperation, operationDto, progressPercent, readOperation } from '../../../platform/operations/index.js';
import { DAY_MS, calendarDayMs, parseUuid } from '../../../platform/formats/index.js';
import type { MeteringDeps } from '../metering-deps.js';
import { dayStart, daysBetween } from './rating-days.js';
import { AUTO_RATING_QUEUE, RATING_RUN_QUEUE, type RatingRunPayload } from './rating-queues.js';
import * as repo from './rating-runs.repository.js';

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
export const AUTO_RATING_RUNS: OperationSpec = { ...RATING_RUNS, queue: AUTO_RATING_QUEUE };

/** A real day from year 0001 on: PostgreSQL's calendar has no year 0000 (that was a 500). */
function validDay(value: string): boolean {
  return calendarDayMs(value, 1) !== undefined;
}

export function validateRange(body: { from: string; to: string }): { from: string; to: string } {
  const issues = [];
  if (!validDay(body.from)) issues.push({ source: 'field' as const, subject: 'from', description: `'${body.from}' is not a calendar date.` });
  if (!validDay(body.to)) issues.push({ source: 'field' as const, subject: 'to', description: `'${body.to}' is not a calendar date.` });
  if (issues.length > 0) throw badRequest(issues);
  const days = (dayStart(body.to).getTime() - dayStart(body.from).getTime()) / DAY_MS;
  if (days <= 0) throw badRequest([{ source: 'field', subject: 'to', description: "'to' (exclusive) must be after 'from'." }]);
  if (days > MAX_RUN_DAYS) throw badRequest([{ source: 'field', subject: 'to', description: `A run covers at most ${MAX_RUN_DAYS} days.` }]);
  return body;
}

/** Records a run and its job in one transaction: the 202 goes out only when both exist. */
export async function startRun(deps: MeteringDeps, workspaceId: string, body: { from: string; to: string }): Promise<string> {
  const { from, to } = validateRange(body);
  const id = randomUUID();
  const now = new Date(deps.now());
  const payload: RatingRunPayload = { runId: id };
  await acceptOperation(deps.db, deps.jobs, RATING_RUNS, { id, workspaceId, payload }, (trx) =>
    repo.insertRun(trx, { id, workspaceId, trigger: 'request', from, to, days: daysBetween(from, to).length, now }),
  );
  return id;
}

export function runDto(run: repo.RatingRunRow) {
  return operationDto({
    id: run.id,
    type: 'metering/rating-run',
    status: run.status,
    progressPercent: progressPercent(run.status, run.days_done, run.days_total),
    startedAt: run.started_at,
    endedAt: run.ended_at,
    timeoutMinutes: RUN_TIMEOUT_MINUTES,
    resultType: 'ratingRunResult',
    result: {
      trigger: run.trigger,
      from: run.from_day,
      to: run.to_day,
      daysTotal: run.days_total,
      daysRated: run.days_done,
      recordsWritten: Number(run.records_written),
    },
    error: run.error,
  });
}

export async function getRun(deps: MeteringDeps, workspaceId: string, id: string) {
  const uuid = parseUuid(id);
  if (!uuid) throw invalidId('id');
  const run = await readOperation(deps.db, RATING_RUNS, () => repo.findRun(deps.db, workspaceId, uuid), new Date(deps.now()));
  if (!run) throw notFound('consumo.metering', id);
  return runDto(run);
}

export async function listRuns(deps: MeteringDeps, workspaceId: string, limit: number, offset: number) {
  const { rows, total } = await repo.listRuns(deps.db, workspaceId, limit, offset);
  const items = rows.map(runDto);
  return { items, count: items.length, offset, total };
}
