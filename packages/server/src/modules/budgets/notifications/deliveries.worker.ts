/**
 * The notification delivery job (NOTIFICATION_DELIVERY_QUEUE): one outbox row per job. A delivery
 * no longer PENDING is never sent again (a job run again after a crash looks first); each attempt
 * is recorded with the delivery's new status in one transaction, after the receiver answered. A
 * failure is thrown so the queue retries with its backoff; the attempt that reaches
 * CONSUMO_NOTIFICATION_ATTEMPTS (or the job's last) makes the delivery DEAD. At least once: a crash
 * between the receiver's acknowledgement and the commit sends it again, with the same
 * `Consumo-Delivery` id (ADR 0018).
 */
import type { JobContext, JobRow } from '../../../platform/jobs/index.js';
import { PermanentJobError } from '../../../platform/jobs/index.js';
import type { BudgetsDeps } from '../budgets-deps.js';
import { alertEmail, webhookBody } from './alert-message.js';
import * as repo from './deliveries.repository.js';
import { type DeliveryPayload, NOTIFICATION_DELIVERY_QUEUE } from './delivery-queue.js';
import { sendAlertEmail } from './email-sender.js';
import { type SendOutcome, postWebhook } from './webhook-sender.js';

const MAX_ERROR_LENGTH = 1000;

function send(deps: BudgetsDeps, delivery: repo.DeliveryToSend, ctx: JobContext): Promise<SendOutcome> {
  if (delivery.channel_kind === 'WEBHOOK') {
    return postWebhook({
      url: delivery.recipient,
      body: webhookBody(delivery.alert, delivery.id),
      secret: delivery.signing_secret ?? '',
      deliveryId: delivery.id,
      unixSeconds: Math.floor(deps.now() / 1000),
      signal: ctx.signal,
    });
  }
  return sendAlertEmail({ smtpUrl: deps.smtpUrl, from: deps.mailFrom, to: delivery.recipient, deliveryId: delivery.id, content: alertEmail(delivery.alert, delivery.id) });
}

export interface DeliveryResult {
  deliveryId: string;
  status: string;
  attempt?: number;
}

export async function runDelivery(deps: BudgetsDeps, job: JobRow, ctx: JobContext): Promise<DeliveryResult> {
  const { deliveryId } = job.payload as DeliveryPayload;
  const workspaceId = job.workspace_id;
  // Every delivery job is enqueued with its workspace (delivery-queue.ts).
  if (workspaceId === null) throw new PermanentJobError(`delivery ${deliveryId} has no workspace`);
  const delivery = await repo.findDelivery(deps.db, workspaceId, deliveryId);
  // Gone with its channel or alert, or done already: nothing to send.
  if (!delivery) return { deliveryId, status: 'GONE' };
  if (delivery.status !== 'PENDING') return { deliveryId, status: delivery.status };
  if (delivery.attempts >= deps.notificationAttempts) {
    await repo.markDead(deps.db, workspaceId, deliveryId, new Date(deps.now()), `gave up after ${delivery.attempts} attempts`);
    return { deliveryId, status: 'DEAD' };
  }

  const outcome = await send(deps, delivery, ctx);
  const attempt = delivery.attempts + 1;
  const lastChance = attempt >= deps.notificationAttempts || job.attempts >= job.max_attempts;
  const status = outcome.ok ? 'DELIVERED' : lastChance ? 'DEAD' : 'PENDING';
  const error = outcome.error && outcome.error.slice(0, MAX_ERROR_LENGTH);
  const recorded = await deps.db.transaction().execute((trx) =>
    repo.recordAttempt(trx, { workspaceId, deliveryId, attempt, at: new Date(deps.now()), outcome: outcome.ok ? 'DELIVERED' : 'FAILED', statusCode: outcome.statusCode, error, status }),
  );
  // Another worker recorded this attempt (this one had lost the job's lease): its record stands.
  if (!recorded || outcome.ok) return { deliveryId, status: recorded ? status : 'SUPERSEDED', attempt };
  const message = `delivery ${deliveryId} attempt ${attempt} failed: ${error}`;
  if (status === 'DEAD') throw new PermanentJobError(`${message}; given up (DEAD)`);
  throw new Error(message);
}

export function registerNotificationWorkers(deps: BudgetsDeps): void {
  deps.jobs.register(NOTIFICATION_DELIVERY_QUEUE, (job, ctx) => runDelivery(deps, job, ctx), { lane: 'interactive' });
}
