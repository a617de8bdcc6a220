/** Typed queries over async_operations (the lifecycle's writes are platform/operations'); every read is scoped by workspace. */
import type { Selectable } from 'kysely';
import { ACTIVE_STATUSES } from '../../../platform/operations/index.js';
import type { AsyncOperationsTable, Executor } from '../../../storage/database.js';
import type { AsyncOperationKind, AsyncOperationResult } from './operations.enums.js';

export type OperationRow = Selectable<AsyncOperationsTable>;

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
    .where('status', 'in', [...ACTIVE_STATUSES])
    .execute();
}

/** Deletes a workspace's operations that ended more than `retentionMs` ago (they answer 404 already). */
export async function purgeEnded(db: Executor, workspaceId: string, before: Date): Promise<void> {
  await db.deleteFrom('async_operations').where('workspace_id', '=', workspaceId).where('ended_at', '<=', before).execute();
}
