/**
 * The notification delivery job: one job per outbox row (`notification_deliveries`), enqueued in
 * the transaction that writes the row, its id the row's id. The queue's retries with backoff are
 * the delivery's retries; its attempts bound is CONSUMO_NOTIFICATION_ATTEMPTS (ADR 0018).
 */
import type { Executor } from '../../../storage/database.js';
import type { JobQueue } from '../../../platform/jobs/index.js';

export const NOTIFICATION_DELIVERY_QUEUE = 'budgets.notify';

export interface DeliveryPayload {
  deliveryId: string;
}

export async function enqueueDeliveries(jobs: JobQueue, trx: Executor, workspaceId: string, deliveryIds: readonly string[], maxAttempts: number): Promise<void> {
  for (const deliveryId of deliveryIds) {
    const payload: DeliveryPayload = { deliveryId };
    await jobs.enqueue(trx, { id: deliveryId, queue: NOTIFICATION_DELIVERY_QUEUE, workspaceId, payload, maxAttempts });
  }
}
