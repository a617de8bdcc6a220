/** FOCUS export runs as the API shows them: starting one (range from the body or the schedule), one run, the history. */
import { badRequest } from '../../platform/errors/index.js';
import { operationDto, progressPercent } from '../../platform/operations/index.js';
import type { FocusExportSchedule } from '../../storage/database.js';
import { type DayRange, relativeRange, resolveRange } from './export-dates.js';
import { type ExportRunRow, RUN_TIMEOUT_MINUTES, acceptRun, findRun, listRuns, timeOutIfDue } from './export-runs.js';
import type { FocusExportsDeps } from './focus-exports-deps.js';
import type { RunBodyDto } from './export-runs.schemas.js';
import * as repo from './focus-exports.repository.js';
import { type Actor, loadExport } from './focus-exports.service.js';
import { exportNotFound } from './focus-exports-errors.js';

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getRun(deps: FocusExportsDeps, actor: Actor, rawId: string, runId: string) {
  const definition = await loadExport(deps.db, actor.workspaceId, rawId);
  if (!UUID.test(runId)) throw badRequest([{ source: 'path.parameter', subject: 'runId', description: 'Must be a UUID.' }]);
  let run = await findRun(deps.db, actor.workspaceId, definition.id, runId.toLowerCase());
  if (!run) throw exportNotFound();
  if (await timeOutIfDue(deps.db, run, new Date(deps.now()))) run = (await findRun(deps.db, actor.workspaceId, definition.id, run.id))!;
  return runDto(run);
}

export async function listExportRuns(deps: FocusExportsDeps, actor: Actor, rawId: string, limit: number, offset: number) {
  const definition = await loadExport(deps.db, actor.workspaceId, rawId);
  const { rows, total } = await listRuns(deps.db, actor.workspaceId, definition.id, limit, offset);
  const items = rows.map(runDto);
  return { offset, count: items.length, total, items };
}
