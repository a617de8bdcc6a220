/** Typed queries over focus_export_runs; every client read is scoped by workspace and export. */
import { type Selectable, sql } from 'kysely';
import { ACTIVE_STATUSES } from '../../platform/operations/index.js';
import type { Executor, FocusExportRunsTable } from '../../storage/database.js';
import type { FocusExportRunFile, FocusExportRunTrigger } from './focus-exports.enums.js';
import { pageAndCount } from '../../storage/list-page.js';

export type ExportRunRow = Selectable<FocusExportRunsTable>;

export interface NewExportRun {
  id: string;
  workspaceId: string;
  exportId: string;
  trigger: FocusExportRunTrigger;
  firstDay: string;
  lastDay: string;
  periods: number;
  now: Date;
}

export async function insertRun(db: Executor, run: NewExportRun): Promise<void> {
  await db
    .insertInto('focus_export_runs')
    .values({
      id: run.id,
      workspace_id: run.workspaceId,
      export_id: run.exportId,
      status: 'INITIALIZED',
      trigger: run.trigger,
      from_day: run.firstDay,
      to_day: run.lastDay,
      periods_total: run.periods,
      created_at: run.now,
      started_at: run.now,
      updated_at: run.now,
    })
    .execute();
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

/** The worker's read: by id alone (its job names it). */
export function findRunById(db: Executor, id: string): Promise<ExportRunRow | undefined> {
  return db.selectFrom('focus_export_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An export's runs, newest first. */
export function runsPage(db: Executor, workspaceId: string, exportId: string, limit: number, offset: number) {
  const scoped = () => db.selectFrom('focus_export_runs').where('workspace_id', '=', workspaceId).where('export_id', '=', exportId);
  const page = () => scoped().selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute();
  return pageAndCount(limit, page, scoped());
}

/** One more billing period written: its rows, bytes and files, and SUCCEEDED with the last one. */
export async function recordPeriod(
  db: Executor,
  runId: string,
  written: { rows: number; bytes: number; files: FocusExportRunFile[] },
  now: Date,
  last: boolean,
): Promise<void> {
  await db
    .updateTable('focus_export_runs')
    .set({
      status: last ? 'SUCCEEDED' : 'RUNNING',
      periods_done: sql`periods_done + 1`,
      rows_written: sql`rows_written + ${written.rows}`,
      bytes_written: sql`bytes_written + ${written.bytes}`,
      files: sql`files || ${JSON.stringify(written.files)}::jsonb`,
      updated_at: now,
      ...(last && { ended_at: now }),
    })
    .where('id', '=', runId)
    .where('status', 'in', [...ACTIVE_STATUSES])
    .execute();
}
