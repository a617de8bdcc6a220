/**
 * The budget-alert evaluation job's queue and payload. Enqueued in the transaction of whatever
 * changed a customer's standing — a rating run's last day, a budget's create, update or delete, a
 * customer's calendar — so an evaluation exists exactly when the change does.
 */
import type { Executor } from '../../../storage/database.js';
import type { JobQueue } from '../../../platform/jobs/index.js';

export const BUDGET_EVALUATION_QUEUE = 'budgets.evaluate';

export interface BudgetEvaluationPayload {
  workspaceId: string;
  /** The customers (billing account ids) to evaluate; absent: every customer with usage in [fromDay, toDay). */
  accountIds?: string[];
  /** The rated days, YYYY-MM-DD, end exclusive (after a rating run). */
  fromDay?: string;
  toDay?: string;
}

export async function enqueueBudgetEvaluation(jobs: JobQueue, trx: Executor, payload: BudgetEvaluationPayload): Promise<void> {
  await jobs.enqueue(trx, { queue: BUDGET_EVALUATION_QUEUE, workspaceId: payload.workspaceId, payload });
}
