/**
 * FOCUS export runs (ADR 0013, Runs): an export written to files under CONSUMO_EXPORT_DIR, one
 * billing period (calendar month of BillingPeriodStart) at a time, as an async operation like
 * rating runs: the run row and its job are created in one transaction (the run id is the job id),
 * progress commits after each period, a job taken up again after a crash resumes at the first
 * period not done, and the last failed attempt marks the run FAILED.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Selectable, sql } from 'kysely';
import type { JobContext, JobRow } from '../../platform/jobs/index.js';
import {
  ACTIVE_STATUSES, type OperationSpec, acceptOperation, endOperation, failOnLastAttempt, isActive, markRunning, operationError,
  timeOutIfDue as timeOutOperationIfDue,
} from '../../platform/operations/index.js';
import type { Db, Executor, FocusExportRunFile, FocusExportRunTrigger, FocusExportRunsTable } from '../../storage/database.js';
import { streamRows } from '../../storage/row-stream.js';
import { CHUNK_ROWS } from './export-contents.service.js';
import { type DayRange, parseDay } from './export-dates.js';
import { type Criterion, compileFilter } from './export-filter.js';
import { PROFILES, columnsRead } from './export-profiles.js';
import { periodDirName, writePeriod } from './export-files.js';
import type { FocusExportsDeps } from './focus-exports-deps.js';
import * as repo from './focus-exports.repository.js';

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

export type ExportRunRow = Selectable<FocusExportRunsTable>;


interface ExportRunPayload {
  runId: string;
}

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** A billing period of a run: its month and the part of the run's range that falls in it, `[from, to)`. */
export interface Period {
  month: string;
  from: Date;
  to: Date;
}

/** The calendar months that overlap the inclusive day range, each cut to the range. */
export function periodsOf(firstDay: string, lastDay: string): Period[] {
  const from = parseDay(firstDay)!;
  const to = new Date(parseDay(lastDay)!.getTime() + DAY);
  const periods: Period[] = [];
  let start = new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), 1));
  while (start < to) {
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    periods.push({ month: iso(start).slice(0, 7), from: start < from ? from : start, to: end > to ? to : end });
    start = end;
  }
  return periods;
}

/** Records a run and its job in one transaction: the 202 goes out only when both exist. */
export async function acceptRun(
  deps: FocusExportsDeps,
  db: Executor,
  run: { workspaceId: string; exportId: string; range: DayRange; trigger: FocusExportRunTrigger },
): Promise<string> {
  const id = randomUUID();
  const now = new Date(deps.now());
  const payload: ExportRunPayload = { runId: id };
  await acceptOperation(db, deps.jobs, EXPORT_RUNS, { id, workspaceId: run.workspaceId, payload }, (trx) =>
    trx
      .insertInto('focus_export_runs')
      .values({
        id,
        workspace_id: run.workspaceId,
        export_id: run.exportId,
        status: 'INITIALIZED',
        trigger: run.trigger,
        from_day: run.range.first,
        to_day: run.range.last,
        periods_total: periodsOf(run.range.first, run.range.last).length,
        created_at: now,
        started_at: now,
        updated_at: now,
      })
      .execute(),
  );
  return id;
}

export function findRun(db: Executor, workspaceId: string, exportId: string, id: string): Promise<ExportRunRow | undefined> {
  return db
    .selectFrom('focus_export_runs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('export_id', '=', exportId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listRuns(db: Db, workspaceId: string, exportId: string, limit: number, offset: number) {
  const scoped = db.selectFrom('focus_export_runs').where('workspace_id', '=', workspaceId).where('export_id', '=', exportId);
  const [rows, total] = await Promise.all([
    scoped.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
    scoped.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** A run past its timeout becomes TIMEDOUT (on read, or when its worker next looks). */
export function timeOutIfDue(db: Executor, run: ExportRunRow, now: Date): Promise<boolean> {
  return timeOutOperationIfDue(db, EXPORT_RUNS, run, RUN_TIMEOUT_MINUTES, now);
}

async function progress(db: Db, runId: string, rows: number, bytes: number, files: FocusExportRunFile[], now: Date, last: boolean) {
  await db
    .updateTable('focus_export_runs')
    .set({
      status: last ? 'SUCCEEDED' : 'RUNNING',
      periods_done: sql`periods_done + 1`,
      rows_written: sql`rows_written + ${rows}`,
      bytes_written: sql`bytes_written + ${bytes}`,
      files: sql`files || ${JSON.stringify(files)}::jsonb`,
      updated_at: now,
      ...(last && { ended_at: now }),
    })
    .where('id', '=', runId)
    .where('status', 'in', [...ACTIVE_STATUSES])
    .execute();
}

/** Writes each remaining period of the run; `periods_done` says where to resume. */
async function writePeriods(deps: FocusExportsDeps, run: ExportRunRow, ctx: JobContext): Promise<void> {
  const definition = await repo.findExport(deps.db, run.workspace_id, run.export_id);
  if (!definition) {
    const error = operationError('CONSUMPTION_ANALYTICS_NOT_FOUND', 'The export definition was deleted before the run could write it.', run.id);
    await endOperation(deps.db, 'focus_export_runs', run.id, 'FAILED', ctx.now(), error);
    return;
  }
  await markRunning(deps.db, 'focus_export_runs', run.id, ctx.now());
  const profile = PROFILES[definition.profile];
  const periods = periodsOf(run.from_day, run.to_day);
  const exportRoot = path.resolve(deps.exportDir, run.workspace_id, run.export_id);
  for (let i = run.periods_done; i < periods.length; i++) {
    ctx.signal.throwIfAborted();
    if (i > run.periods_done && deps.stepDelayMs) await sleep(deps.stepDelayMs, undefined, { signal: ctx.signal });
    const current = await deps.db.selectFrom('focus_export_runs').selectAll().where('id', '=', run.id).executeTakeFirst();
    if (!current || !isActive(current) || (await timeOutIfDue(deps.db, current, ctx.now()))) return;
    const period = periods[i]!;
    const where = compileFilter(definition.filter as Criterion[], { workspaceId: run.workspace_id, from: period.from, to: period.to });
    const spec = repo.costRowStream(deps.db, {
      workspaceId: run.workspace_id,
      from: period.from,
      to: period.to,
      where,
      columns: columnsRead(profile),
      chunkSize: CHUNK_ROWS,
    });
    const now = ctx.now();
    const manifest = await writePeriod({
      exportRoot,
      billingPeriod: period.month,
      rows: streamRows(deps.db, spec),
      profile,
      format: definition.format,
      compression: definition.compression,
      partRows: deps.partRows,
      now: now.getTime(),
      signal: ctx.signal,
      manifest: {
        runId: run.id,
        exportId: run.export_id,
        profile: definition.profile,
        focusVersion: definition.profile === 'focus-1.2' ? '1.2' : '1.0',
        range: { from: run.from_day, to: run.to_day },
        createdAt: now.toISOString(),
      },
    });
    const dir = path.posix.join(run.workspace_id, run.export_id, periodDirName(period.month));
    const files = manifest.files.map((f) => ({ path: `${dir}/${f.name}`, rows: f.rows, bytes: f.bytes }));
    await progress(deps.db, run.id, manifest.rows, manifest.bytes, files, ctx.now(), i === periods.length - 1);
  }
  if (periods.length === 0) await endOperation(deps.db, 'focus_export_runs', run.id, 'SUCCEEDED', ctx.now());
}

export async function runExportRun(deps: FocusExportsDeps, job: JobRow, ctx: JobContext): Promise<void> {
  const { runId } = job.payload as ExportRunPayload;
  const run = await deps.db.selectFrom('focus_export_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  if (!run || !isActive(run)) return;
  await failOnLastAttempt(deps.db, EXPORT_RUNS, job, ctx, runId, () => writePeriods(deps, run, ctx));
}

export function registerExportRunWorker(deps: FocusExportsDeps): void {
  deps.jobs.register(EXPORT_RUN_QUEUE, (job, ctx) => runExportRun(deps, job, ctx));
}
