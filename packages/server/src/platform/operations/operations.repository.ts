/**
 * The lifecycle writes every operation table shares (async_operations, rating_runs,
 * focus_export_runs): RUNNING, the terminal states and the time-out, each guarded by the state it
 * leaves, so two workers (or a worker and a reader) never both move an operation.
 */
import type { Executor } from '../../storage/database.js';
import { ACTIVE_STATUSES } from './operation-status.js';

export type OperationTable = 'async_operations' | 'rating_runs' | 'focus_export_runs';

/**
 * The three tables share `id, status, error, started_at, updated_at, ended_at` with the same types;
 * Kysely is shown one of them so the shared columns type-check.
 */
const update = (db: Executor, table: OperationTable) => db.updateTable(table as 'rating_runs');

/** INITIALIZED → RUNNING (a no-op once it runs or has ended). */
export async function markRunning(db: Executor, table: OperationTable, id: string, now: Date): Promise<void> {
  await update(db, table).set({ status: 'RUNNING', updated_at: now }).where('id', '=', id).where('status', '=', 'INITIALIZED').execute();
}

/** Ends an active operation; false when it had ended already (timed out, or another worker ended it). */
export async function endOperation(
  db: Executor,
  table: OperationTable,
  id: string,
  status: 'SUCCEEDED' | 'FAILED',
  now: Date,
  error: Record<string, unknown> | null = null,
): Promise<boolean> {
  const res = await update(db, table)
    .set({ status, ended_at: now, updated_at: now, error: error === null ? null : JSON.stringify(error) })
    .where('id', '=', id)
    .where('status', 'in', [...ACTIVE_STATUSES])
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}

/**
 * TIMEDOUT, with `ended_at` the deadline itself (`started_at` + the timeout), whoever notices it
 * and whenever: a reader, or the worker before its next step. Retention counts from that instant.
 */
export async function timeOut(db: Executor, table: OperationTable, id: string, deadline: Date, now: Date): Promise<boolean> {
  const res = await update(db, table)
    .set({ status: 'TIMEDOUT', ended_at: deadline, updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', [...ACTIVE_STATUSES])
    .executeTakeFirst();
  return res.numUpdatedRows > 0n;
}
