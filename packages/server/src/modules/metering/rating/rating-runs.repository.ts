/** Typed queries over rating_runs: insert, find, list, and the progress each rated day commits with it. */
import { type Selectable, sql } from 'kysely';
import type { Executor, RatingRunsTable } from '../../../storage/database.js';
import type { RatingRunTrigger } from './rating.enums.js';

export type RatingRunRow = Selectable<RatingRunsTable>;

export interface NewRatingRun {
  id: string;
  workspaceId: string;
  trigger: RatingRunTrigger;
  from: string;
  to: string;
  days: number;
  now: Date;
}

export async function insertRun(db: Executor, run: NewRatingRun): Promise<void> {
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

export function findRun(db: Executor, workspaceId: string, id: string): Promise<RatingRunRow | undefined> {
  return db.selectFrom('rating_runs').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** A run by its id alone: what a worker has, from its job. */
export function findRunById(db: Executor, id: string): Promise<RatingRunRow | undefined> {
  return db.selectFrom('rating_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The same, for a caller that has just written the run: its absence is a bug, and throws. */
export function getRunById(db: Executor, id: string): Promise<RatingRunRow> {
  return db.selectFrom('rating_runs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** One page of the workspace's runs, newest first, and how many it has, side by side. */
export async function listRuns(db: Executor, workspaceId: string, limit: number, offset: number): Promise<{ rows: RatingRunRow[]; total: number }> {
  const [rows, total] = await Promise.all([
    db
      .selectFrom('rating_runs')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .offset(offset)
      .execute(),
    db
      .selectFrom('rating_runs')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** One more day rated, in that day's transaction; the last day ends the run SUCCEEDED. */
export async function recordDayRated(db: Executor, runId: string, records: number, now: Date, last: boolean): Promise<void> {
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

export async function setDaysTotal(db: Executor, runId: string, daysTotal: number): Promise<void> {
  await db.updateTable('rating_runs').set({ days_total: daysTotal }).where('id', '=', runId).execute();
}
