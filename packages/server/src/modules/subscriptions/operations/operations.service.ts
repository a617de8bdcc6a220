/** Accepting an asynchronous operation (row + durable job, one transaction) and reading it back. */
import { randomUUID } from 'node:crypto';
import type { AsyncOperationKind } from './operations.enums.js';
import { POLLING_INTERVAL_SECONDS, acceptOperation, operationDto, readOperation } from '../../../platform/operations/index.js';
import { invalidId } from '../../../platform/errors/index.js';
import { parseUuid } from '../../../platform/formats/index.js';
import type { SubscriptionsDeps } from '../subscriptions-deps.js';
import { OPERATION_RESOURCE_TYPE, type AsyncOperationDto } from '../subscriptions.schemas.js';
import { subscriptionNotFound } from '../subscriptions.errors.js';
import type { OperationRequest } from './operation-steps.js';
import { type OperationJobPayload, SUBSCRIPTION_OPERATIONS, TIMEOUT_MINUTES } from './operations.worker.js';
import * as repo from './subscription-operations.repository.js';

/** A terminal operation answers for this long, then 404 (https://developer.greenlake.hpe.com/docs/greenlake/services/subscription-management/public/). */
export const RETENTION_MS = 24 * 3_600_000;

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
  const payload: OperationJobPayload = { operationId: id };
  await acceptOperation(deps.db, deps.jobs, SUBSCRIPTION_OPERATIONS, { id, workspaceId: options.workspaceId, payload }, (trx) =>
    repo.insertOperation(trx, {
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
    }),
  );
  // Operations past their retention answer 404 already; dropping them here keeps the table small.
  await repo.purgeEnded(deps.db, options.workspaceId, new Date(now.getTime() - RETENTION_MS));
  return id;
}

function subscriptionOperationDto(op: repo.OperationRow): AsyncOperationDto {
  return operationDto({
    id: op.id,
    type: OPERATION_RESOURCE_TYPE,
    status: op.status,
    // Every item is recorded once it has ended, failed or not: 100 (a timed-out one keeps its share).
    progressPercent: op.status === 'SUCCEEDED' || op.status === 'FAILED' ? 100 : op.progress_percent,
    startedAt: op.started_at,
    endedAt: op.ended_at,
    timeoutMinutes: op.timeout_minutes,
    pollingIntervalSeconds: op.polling_interval_seconds,
    resultType: op.result_type,
    result: {
      ...(op.dry_run && { dryRun: true }),
      succeededSubscriptions: op.result.succeeded,
      failedSubscriptions: op.result.failed,
    },
    error: op.error,
  });
}

export async function getOperation(deps: SubscriptionsDeps, workspaceId: string, id: string): Promise<AsyncOperationDto> {
  const uuid = parseUuid(id);
  if (!uuid) throw invalidId('Id');
  const now = new Date(deps.now());
  const find = () => repo.findOperation(deps.db, workspaceId, uuid);
  const op = await readOperation(deps.db, SUBSCRIPTION_OPERATIONS, find, now, (row) => row.timeout_minutes);
  if (!op || (op.ended_at && op.ended_at.getTime() + RETENTION_MS <= now.getTime())) throw subscriptionNotFound(id);
  return subscriptionOperationDto(op);
}
