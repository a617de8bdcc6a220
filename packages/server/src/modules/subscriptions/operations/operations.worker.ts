/**
 * Runs subscription operations from the durable job queue, one item per transaction: the item's
 * effect and its line in the operation's result commit together, and the next item to do is the
 * count of recorded ones. A worker killed at any instant therefore leaves every key either claimed
 * and recorded or untouched; the job's lease runs out, another worker (or the restarted process)
 * takes it up and carries on from the first unrecorded item.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db, Executor } from '../../../storage/database.js';
import type { AsyncOperationResult } from './operations.enums.js';
import type { JobContext, JobRow } from '../../../platform/jobs/index.js';
import {
  type OperationSpec, deadlineOf, endOperation, failOnLastAttempt, isActive, operationError, timeOutIfDue,
} from '../../../platform/operations/index.js';
import type { SubscriptionsDeps } from '../subscriptions-deps.js';
import { itemCount, runStep, type OperationRequest } from './operation-steps.js';
import * as repo from './subscription-operations.repository.js';

export const OPERATION_QUEUE = 'subscriptions.operation';

/** How long an operation may stay INITIALIZED or RUNNING before it is TIMEDOUT (ADR 0009). */
export const TIMEOUT_MINUTES = 10;

/** Subscription operations follow the lifecycle of platform/operations; each row also stores its timeout. */
export const SUBSCRIPTION_OPERATIONS: OperationSpec = {
  table: 'async_operations',
  queue: OPERATION_QUEUE,
  maxAttempts: 5,
  timeoutMinutes: TIMEOUT_MINUTES,
  failureMessage: 'The operation stopped on an internal error; items already recorded in result were done.',
};

export interface OperationJobPayload {
  operationId: string;
}

function failureError(op: repo.OperationRow, result: AsyncOperationResult): Record<string, unknown> {
  return operationError(
    'UNPROCESSABLE_CONTENT',
    `None of the ${result.failed.length} subscription(s) of the request could be processed; see result.failedSubscriptions.`,
    op.id,
    [{ type: 'hpe.greenlake.metadata', source: 'hpe.greenlake.subscriptionmanagement', metadata: { reasons: [...new Set(result.failed.map((f) => f.reason))] } }],
  );
}

type StepResult = 'continue' | 'stop';

/**
 * Does the next item of the operation — and, with the last one, ends it — in one transaction with
 * the operation row locked: the item's effect, its result line, RUNNING and the terminal state
 * commit together or not at all.
 */
export async function advanceOperation(db: Db, operationId: string, now: Date): Promise<StepResult> {
  return db.transaction().execute(async (trx) => {
    const op = await repo.lockOperation(trx, operationId);
    if (!op || !isActive(op)) return 'stop';
    if (deadlineOf(op, op.timeout_minutes).getTime() <= now.getTime()) {
      await timeOutIfDue(trx, SUBSCRIPTION_OPERATIONS, op, now, op.timeout_minutes);
      return 'stop';
    }
    const request = op.request as OperationRequest;
    const total = itemCount(op.kind, request);
    const result = op.result;
    const index = result.succeeded.length + result.failed.length;
    if (index >= total) {
      // Every item is recorded (an operation without items, or one whose finish did not commit).
      await finishOperation(trx, op, result, now);
      return 'stop';
    }
    const outcome = await runStep(trx, op.kind, request, index, { workspaceId: op.workspace_id, dryRun: op.dry_run, now });
    if ('succeeded' in outcome) result.succeeded.push(outcome.succeeded);
    else result.failed.push(outcome.failed);
    // RUNNING from the first item on; 100 is kept for the terminal state, set with the last item.
    await repo.recordProgress(trx, operationId, result, Math.min(99, Math.floor(((index + 1) * 100) / total)), now);
    if (index + 1 < total) return 'continue';
    await finishOperation(trx, op, result, now);
    return 'stop';
  });
}

function finishOperation(db: Executor, op: repo.OperationRow, result: AsyncOperationResult, now: Date): Promise<boolean> {
  const failed = result.failed.length > 0 && result.succeeded.length === 0;
  return endOperation(db, 'async_operations', op.id, failed ? 'FAILED' : 'SUCCEEDED', now, failed ? failureError(op, result) : null);
}

export async function runOperation(deps: SubscriptionsDeps, job: JobRow, ctx: JobContext): Promise<void> {
  const { operationId } = job.payload as OperationJobPayload;
  await failOnLastAttempt(deps.db, SUBSCRIPTION_OPERATIONS, job, ctx, operationId, async () => {
    while ((await advanceOperation(deps.db, operationId, ctx.now())) === 'continue') {
      ctx.signal.throwIfAborted();
      if (deps.stepDelayMs > 0) await sleep(deps.stepDelayMs, undefined, { signal: ctx.signal });
    }
  });
}

export function registerOperationWorker(deps: SubscriptionsDeps): void {
  deps.jobs.register(OPERATION_QUEUE, (job, ctx) => runOperation(deps, job, ctx), { lane: 'interactive' });
}
