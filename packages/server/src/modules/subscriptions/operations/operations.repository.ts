/** Typed queries over async_operations; every read is scoped by workspace, every write guarded by state. */
import { type Selectable, sql } from 'kysely';
import type {
  AsyncOperationKind, AsyncOperationResult, AsyncOperationStatus, AsyncOperationsTable, Executor,
} from '../../../storage/database.js';

export type OperationRow = Selectable<AsyncOperationsTable>;

export const ACTIVE: readonly AsyncOperationStatus[] = ['INITIALIZED', 'RUNNING'];

export interface NewOperation {
  id: string;
  workspaceId: string;
  kind: AsyncOperationKind;
  apiVersion: string;
  dryRun: boolean;
  request: unknown;
  timeoutMinutes: number;
  pollingIntervalSeconds: number;
  resultType: string;
  now: Date;
}

export function insertOperation(db: Executor, op: NewOperation): Promise<OperationRow> {
  return db
    .insertInto('async_operations')
    .values({
      id: op.id,
      workspace_id: op.workspaceId,
      kind: op.kind,
      api_version: op.apiVersion,
      dry_run: op.dryRun,
      request: JSON.stringify(op.request),
      status: 'INITIALIZED',
      timeout_minutes: op.timeoutMinutes,
      polling_interval_seconds: op.pollingIntervalSeconds,
      result_type: op.resultType,
      created_at: op.now,
      started_at: op.now,
      updated_at: op.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findOperation(db: Executor, workspaceId: string, id: string): Promise<OperationRow | undefined> {
  return db.selectFrom('async_operations').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** The worker's read: by id alone (the job names it), locked for the step that follows. */
export function lockOperation(db: Executor, id: string): Promise<OperationRow | undefined> {
  return db.selectFrom('async_operations').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function recordProgress(db: Executor, id: string, result: AsyncOperationResult, progressPercent: number, now: Date): Promise<void> {
  await db
    .updateTable('async_operations')
    .set({ status: 'RUNNING', result: JSON.stringify(result), progress_percent: progressPercent, updated_at: now })
    .where('id', '=', id)
    .where('status', 'in', ACTIVE)
    .execute();
}

export async function finish(
  db: Executor,
  id: string,
  status: 'SUCCEEDED' | 'FAILED',
  now: Date,
  error: Record<string, unknown> | null = null,
): Promise<boolean> {
  const r = await db
    .updateTable('async_operations')
    .set({ status, progress_percent: 100, ended_at: now, updated_at: now, error: error && JSON.stringify(error) })
    .where('id', '=', id)
    .where('status', 'in', ACTIVE)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/**
 * Moves an operation still INITIALIZED or RUNNING past its deadline to TIMEDOUT; its end is the
 * deadline itself, so the 24-hour retention counts from when it timed out, not from when someone looked.
 */
export async function timeOutIfDue(db: Executor, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('async_operations')
    .set({
      status: 'TIMEDOUT',
      ended_at: sql`started_at + make_interval(mins => timeout_minutes)`,
      updated_at: now,
    })
    .where('id', '=', id)
    .where('status', 'in', ACTIVE)
    .where(sql<boolean>`started_at + make_interval(mins => timeout_minutes) <= ${now}`)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Deletes a workspace's operations that ended more than `retentionMs` ago (they answer 404 already). */
export async function purgeEnded(db: Executor, workspaceId: string, before: Date): Promise<void> {
  await db.deleteFrom('async_operations').where('workspace_id', '=', workspaceId).where('ended_at', '<=', before).execute();
}
