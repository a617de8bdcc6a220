/** Rating runs as the API shows them: validation of a requested range, and the async-operation view. */
import { ApiError, badRequest } from '../../../platform/errors/index.js';
import { operationDto, progressPercent } from '../../../platform/operations/index.js';
import { isUuid } from '../../../platform/tenancy/ids.js';
import { parseRfc3339 } from '../../../metering/ingest/cloud-events.js';
import { DAY_MS, dayStart } from '../../../metering/rating/billing-period.js';
import { MAX_RUN_DAYS, RUN_TIMEOUT_MINUTES, type RatingRunRow, acceptRun, findRun, timeOutIfDue } from '../../../metering/rating/rating-runs.js';
import type { MeteringDeps } from '../metering-deps.js';

function validDay(value: string): boolean {
  return parseRfc3339(`${value}T00:00:00Z`) !== undefined;
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

export async function startRun(deps: MeteringDeps, workspaceId: string, body: { from: string; to: string }): Promise<string> {
  const range = validateRange(body);
  return acceptRun(deps, workspaceId, range.from, range.to);
}

function runNotFound(id: string): ApiError {
  return new ApiError('NOT_FOUND', {
    details: [{ type: 'hpe.greenlake.metadata', source: 'consumo.metering', metadata: { id: { message: `Resource with id [${id}] not found` } } }],
  });
}

export function runDto(run: RatingRunRow) {
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
  if (!isUuid(id)) throw badRequest([{ source: 'path.parameter', subject: 'id', description: 'Id is not a valid UUID.' }]);
  let run = await findRun(deps.db, workspaceId, id.toLowerCase());
  if (!run) throw runNotFound(id);
  if (await timeOutIfDue(deps.db, run, new Date(deps.now()))) run = (await findRun(deps.db, workspaceId, run.id))!;
  return runDto(run);
}

export async function listRuns(deps: MeteringDeps, workspaceId: string, limit: number, offset: number) {
  const [rows, total] = await Promise.all([
    deps.db
      .selectFrom('rating_runs')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute(),
    deps.db
      .selectFrom('rating_runs')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow(),
  ]);
  const items = rows.map(runDto);
  return { items, count: items.length, offset, total: Number(total.n) };
}
