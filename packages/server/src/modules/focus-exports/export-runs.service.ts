/** FOCUS export runs as the API shows them: starting one (range from the body or the schedule), one run, the history. */
import { randomUUID } from 'node:crypto';
import { invalidId } from '../../platform/errors/index.js';
import { parseUuid } from '../../platform/formats/index.js';
import {
  type OperationSpec, acceptOperation, operationDto, progressPercent, readOperation,
} from '../../platform/operations/index.js';
import type { Executor } from '../../storage/database.js';
import type { FocusExportRunTrigger, FocusExportSchedule } from './focus-exports.enums.js';
import { type DayRange, periodsOf, relativeRange, resolveRange } from './export-dates.js';
import { type ExportRunRow, findRun, insertRun, runsPage } from './export-runs.repository.js';
import type { FocusExportsDeps } from './focus-exports-deps.js';
import type { RunBodyDto } from './export-runs.schemas.js';
import * as repo from './focus-exports.repository.js';
import { type Actor, loadExport } from './focus-exports.service.js';
import { exportNotFound } from './focus-exports.errors.js';

export const EXPORT_RUN_QUEUE = 'focus-exports.run';
export const RUN_TIMEOUT_MINUTES = 120;

/** Export runs follow the lifecycle of platform/operations. */
export const EXPORT_RUNS: OperationSpec = {
  table: 'focus_export_runs',
  queue: EXPORT_RUN_QUEUE,
  maxAttempts: 5,
  timeoutMinutes: RUN_TIMEOUT_MINUTES,
  failureMessage: 'The export run stopped on an internal error; the billing periods counted in progress were written.',
};

/** The job of a run names it (the run id is the job id). */
export interface ExportRunPayload {
  runId: string;
}

/** Records a run and its job in one transaction (the caller's, when `db` is one): the 202 goes out only when both exist. */
export async function acceptRun(
  deps: FocusExportsDeps,
  db: Executor,
  run: { workspaceId: string; exportId: string; range: DayRange; trigger: FocusExportRunTrigger },
): Promise<string> {
  const id = randomUUID();
  const now = new Date(deps.now());
  const { first, last } = run.range;
  const row = { id, workspaceId: run.workspaceId, exportId: run.exportId, trigger: run.trigger, firstDay: first, lastDay: last, periods: periodsOf(first, last).length, now };
  await acceptOperation(db, deps.jobs, EXPORT_RUNS, { id, workspaceId: run.workspaceId, payload: { runId: id } satisfies ExportRunPayload }, (trx) => insertRun(trx, row));
  return id;
}

/** The range a schedule covers at `now`: month to date (today included), or the whole previous month. */
export function scheduleRange(schedule: FocusExportSchedule, now: number): DayRange {
  return relativeRange(schedule === 'DAILY_MONTH_TO_DATE' ? 'CURRENT_MONTH' : 'PREVIOUS_MONTH', now);
}

export async function startRun(deps: FocusExportsDeps, actor: Actor, rawId: string, body: RunBodyDto): Promise<string> {
  const definition = await loadExport(deps.db, actor.workspaceId, rawId);
  const now = deps.now();
  const given = body.relativeDate !== undefined || body.startDate !== undefined || body.endDate !== undefined;
  const range = given || !definition.schedule ? resolveRange(body, now) : scheduleRange(definition.schedule, now);
  const id = await deps.db.transaction().execute(async (trx) => {
    const runId = await acceptRun(deps, trx, { workspaceId: actor.workspaceId, exportId: definition.id, range, trigger: 'request' });
    await repo.recordRun(trx, actor.workspaceId, definition.id, { id: actor.clientId, name: await repo.clientName(trx, actor.clientId) }, new Date(now));
    return runId;
  });
  return id;
}

export function runDto(run: ExportRunRow) {
  return operationDto({
    id: run.id,
    type: 'consumption-analytics/focus-export-run',
    status: run.status,
    progressPercent: progressPercent(run.status, run.periods_done, run.periods_total),
    startedAt: run.started_at,
    endedAt: run.ended_at,
    timeoutMinutes: RUN_TIMEOUT_MINUTES,
    resultType: 'focusExportRunResult',
    result: {
      exportId: run.export_id,
      trigger: run.trigger,
      from: run.from_day,
      to: run.to_day,
      periods: run.periods_total,
      periodsDone: run.periods_done,
      files: run.files,
      rowsWritten: Number(run.rows_written),
      bytesWritten: Number(run.bytes_written),
    },
    error: run.error,
  });
}

export async function getRun(deps: FocusExportsDeps, actor: Actor, rawId: string, runId: string) {
  const definition = await loadExport(deps.db, actor.workspaceId, rawId);
  const id = parseUuid(runId);
  if (!id) throw invalidId('runId', 'Must be a UUID.');
  const run = await readOperation(deps.db, EXPORT_RUNS, () => findRun(deps.db, actor.workspaceId, definition.id, id), new Date(deps.now()));
  if (!run) throw exportNotFound();
  return runDto(run);
}

export async function listExportRuns(deps: FocusExportsDeps, actor: Actor, rawId: string, limit: number, offset: number) {
  const definition = await loadExport(deps.db, actor.workspaceId, rawId);
  const { rows, total } = await runsPage(deps.db, actor.workspaceId, definition.id, limit, offset);
  const items = rows.map(runDto);
  return { offset, count: items.length, total, items };
}
