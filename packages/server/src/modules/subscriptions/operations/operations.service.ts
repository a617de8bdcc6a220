/** Accepting an asynchronous operation (row + durable job, one transaction) and reading it back. */
import { randomUUID } from 'node:crypto';
import type { AsyncOperationKind } from '../../../storage/database.js';
import { isoUtcMillis } from '../../../platform/query/index.js';
import { isUuid } from '../../../platform/tenancy/ids.js';
import type { SubscriptionsDeps } from '../index.js';
import { OPERATION_RESOURCE_TYPE, type AsyncOperationDto } from '../subscriptions.schemas.js';
import { invalidId, subscriptionNotFound } from '../subscription-errors.js';
import type { OperationRequest } from './operation-steps.js';
import { OPERATION_QUEUE, type OperationJobPayload } from './operation-worker.js';
import * as repo from './operations.repository.js';

/** A terminal operation answers for this long, then 404 (reference §3). */
export const RETENTION_MS = 24 * 3_600_000;
/** How long an operation may stay INITIALIZED or RUNNING before it is TIMEDOUT (ADR 0009). */
export const TIMEOUT_MINUTES = 10;
export const POLLING_INTERVAL_SECONDS = 2;

const resultTypes: Record<AsyncOperationKind, string> = {
  add: 'postSubscriptionsResponse',
  update: 'patchSubscriptionsResponse',
  unclaim: 'deleteSubscriptionsResponse',
};

export interface AcceptOptions {
  workspaceId: string;
  kind: AsyncOperationKind;
  apiVersion: string;
  dryRun: boolean;
  request: OperationRequest;
}

/** Records the operation and its job together: the 202 is sent only once both exist. */
export async function accept(deps: SubscriptionsDeps, options: AcceptOptions): Promise<string> {
  const id = randomUUID();
  const now = new Date(deps.now());
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertOperation(trx, {
      id,
      workspaceId: options.workspaceId,
      kind: options.kind,
      apiVersion: options.apiVersion,
      dryRun: options.dryRun,
      request: options.request,
      timeoutMinutes: TIMEOUT_MINUTES,
      pollingIntervalSeconds: POLLING_INTERVAL_SECONDS,
      resultType: resultTypes[options.kind],
      now,
    });
    const payload: OperationJobPayload = { operationId: id };
    await deps.jobs.enqueue(trx, { queue: OPERATION_QUEUE, id, payload, workspaceId: options.workspaceId, maxAttempts: 5 });
  });
  // Operations past their retention answer 404 already; dropping them here keeps the table small.
  await repo.purgeEnded(deps.db, options.workspaceId, new Date(now.getTime() - RETENTION_MS));
  return id;
}

function operationDto(op: repo.OperationRow): AsyncOperationDto {
  return {
    status: op.status,
    startedAt: isoUtcMillis(op.started_at),
    ...(op.ended_at && { endedAt: isoUtcMillis(op.ended_at) }),
    progressPercent: op.progress_percent,
    suggestedPollingIntervalSeconds: op.polling_interval_seconds,
    timeoutMinutes: op.timeout_minutes,
    result: {
      ...(op.dry_run && { dryRun: true }),
      succeededSubscriptions: op.result.succeeded,
      failedSubscriptions: op.result.failed,
    },
    resultType: op.result_type,
    id: op.id,
    type: OPERATION_RESOURCE_TYPE,
    ...(op.error && { error: op.error }),
  };
}

export async function getOperation(deps: SubscriptionsDeps, workspaceId: string, id: string): Promise<AsyncOperationDto> {
  if (!isUuid(id)) throw invalidId();
  const now = new Date(deps.now());
  let op = await repo.findOperation(deps.db, workspaceId, id.toLowerCase());
  if (op && repo.ACTIVE.includes(op.status) && (await repo.timeOutIfDue(deps.db, op.id, now))) {
    op = await repo.findOperation(deps.db, workspaceId, op.id);
  }
  if (!op || (op.ended_at && op.ended_at.getTime() + RETENTION_MS <= now.getTime())) throw subscriptionNotFound(id);
  return operationDto(op);
}
