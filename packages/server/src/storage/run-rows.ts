/**
 * The lifecycle the run tables share (rating_runs, focus_export_runs): INITIALIZED and RUNNING are
 * active; an active run past its timeout becomes TIMEDOUT, on read or when its worker next looks.
 */
import type { Executor } from './database.js';

export const ACTIVE_RUN_STATUSES = ['INITIALIZED', 'RUNNING'] as const;

export type RunTable = 'rating_runs' | 'focus_export_runs';

export function isActiveRun(run: { status: string }): boolean {
  return (ACTIVE_RUN_STATUSES as readonly string[]).includes(run.status);
}

/** Marks the run TIMEDOUT when it is active and `timeoutMinutes` have passed since it started; true when it did. */
export async function timeOutRunIfDue(
  db: Executor,
  table: RunTable,
  run: { id: string; status: string; started_at: Date },
  timeoutMinutes: number,
  now: Date,
): Promise<boolean> {
  if (!isActiveRun(run) || run.started_at.getTime() + timeoutMinutes * 60_000 > now.getTime()) return false;
  const res = await db
    .updateTable(table)
    .set({ status: 'TIMEDOUT', ended_at: now, updated_at: now })
    .where('id', '=', run.id)
    .where('status', 'in', [...ACTIVE_RUN_STATUSES])
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}
