/**
 * The budget-alert evaluation job (BUDGET_EVALUATION_QUEUE): enqueued with a rating run's last day,
 * a budget's change, a customer's calendar or the settings, it evaluates the payload's customers
 * at the clock's now and writes alerts, outbox rows and delivery jobs in one transaction.
 * Idempotent: an alert exists once, so a job run twice creates nothing the second time.
 */
import type { BudgetsDeps } from '../budgets-deps.js';
import { type EvaluationOptions, evaluateBudgets } from './alert-evaluation.service.js';
import { BUDGET_EVALUATION_QUEUE, type BudgetEvaluationPayload } from './evaluation-queue.js';

export function registerAlertWorkers(deps: BudgetsDeps): void {
  deps.jobs.register(BUDGET_EVALUATION_QUEUE, async (job) => {
    const payload = job.payload as BudgetEvaluationPayload;
    const options: EvaluationOptions = { notify: { jobs: deps.jobs, maxAttempts: deps.notificationAttempts } };
    if (payload.fromDay !== undefined && payload.toDay !== undefined) options.rated = { fromDay: payload.fromDay, toDay: payload.toDay };
    return evaluateBudgets(deps.db, payload.workspaceId, payload.accountIds, new Date(deps.now()), options);
  }, { lane: 'batch' });
}
