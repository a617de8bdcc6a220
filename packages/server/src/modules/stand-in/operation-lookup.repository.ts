/** Finds an asynchronous operation by id in whichever family's table holds it (the stand-in's operation moves). */
import type { OperationTable } from '../../platform/operations/index.js';
import type { Executor } from '../../storage/database.js';

export interface FoundOperation {
  table: OperationTable;
  id: string;
  workspace_id: string;
  status: string;
  started_at: Date;
  /** Subscription operations store their own timeout; runs use their family's. */
  timeout_minutes: number | null;
  /** Export runs' definition (their status path names it). */
  export_id: string | null;
}

/** `id` must be a UUID (every operation table keys by uuid). */
export async function findOperationAnywhere(db: Executor, id: string): Promise<FoundOperation | undefined> {
  const subscription = await db
    .selectFrom('async_operations')
    .select(['id', 'workspace_id', 'status', 'started_at', 'timeout_minutes'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (subscription) return { table: 'async_operations', ...subscription, export_id: null };
  const rating = await db.selectFrom('rating_runs').select(['id', 'workspace_id', 'status', 'started_at']).where('id', '=', id).executeTakeFirst();
  if (rating) return { table: 'rating_runs', ...rating, timeout_minutes: null, export_id: null };
  const exportRun = await db
    .selectFrom('focus_export_runs')
    .select(['id', 'workspace_id', 'status', 'started_at', 'export_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return exportRun && { table: 'focus_export_runs', ...exportRun, timeout_minutes: null };
}
