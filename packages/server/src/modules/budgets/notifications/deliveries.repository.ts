/** The outbox side of a delivery: the row with its channel and alert, and each attempt's record. */
import type { Executor } from '../../../storage/database.js';
import { ALERT_FIELDS, type AlertRow } from '../alerts/alert-reads.repository.js';
import type { DeliveryStatus, NotificationChannelKind } from './notifications.enums.js';

export interface DeliveryToSend {
  id: string;
  workspace_id: string;
  status: DeliveryStatus;
  attempts: number;
  recipient: string;
  channel_kind: NotificationChannelKind;
  signing_secret: string | null;
  alert: AlertRow;
}

/** The delivery, its channel's kind and secret, and its alert with the customer; undefined when any of them is gone. */
export async function findDelivery(db: Executor, workspaceId: string, id: string): Promise<DeliveryToSend | undefined> {
  const row = await db
    .selectFrom('notification_deliveries as d')
    .innerJoin('notification_channels as ch', (j) => j.onRef('ch.workspace_id', '=', 'd.workspace_id').onRef('ch.id', '=', 'd.channel_id'))
    .innerJoin('budget_alerts as a', (j) => j.onRef('a.workspace_id', '=', 'd.workspace_id').onRef('a.id', '=', 'd.alert_id'))
    .innerJoin('billing_accounts as c', (j) => j.onRef('c.workspace_id', '=', 'a.workspace_id').onRef('c.id', '=', 'a.billing_account_id'))
    .select([
      'd.id',
      'd.workspace_id',
      'd.status',
      'd.attempts',
      'd.recipient',
      'ch.kind as channel_kind',
      'ch.signing_secret',
      'a.id as alert_id',
      ...ALERT_FIELDS,
    ])
    .where('d.workspace_id', '=', workspaceId)
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { id: deliveryId, workspace_id, status, attempts, recipient, channel_kind, signing_secret, alert_id, ...alert } = row;
  return { id: deliveryId, workspace_id, status, attempts, recipient, channel_kind, signing_secret, alert: { id: alert_id, ...alert } };
}

export interface AttemptRecord {
  workspaceId: string;
  deliveryId: string;
  /** 1 for the first attempt. */
  attempt: number;
  at: Date;
  outcome: 'DELIVERED' | 'FAILED';
  statusCode: number | null;
  error: string | null;
  /** The delivery's status after this attempt. */
  status: DeliveryStatus;
}

/**
 * Records an attempt and moves the delivery on — only from PENDING and from the attempt before
 * this one, so two workers that both sent (a lost lease) record it once. False when it was not the
 * delivery's next attempt; nothing is written then.
 */
export async function recordAttempt(trx: Executor, a: AttemptRecord): Promise<boolean> {
  const moved = await trx
    .updateTable('notification_deliveries')
    .set({
      status: a.status,
      attempts: a.attempt,
      last_error: a.error,
      updated_at: a.at,
      ...(a.outcome === 'DELIVERED' && { delivered_at: a.at }),
    })
    .where('workspace_id', '=', a.workspaceId)
    .where('id', '=', a.deliveryId)
    .where('status', '=', 'PENDING')
    .where('attempts', '=', a.attempt - 1)
    .executeTakeFirst();
  if (moved.numUpdatedRows === 0n) return false;
  await trx
    .insertInto('notification_attempts')
    .values({ workspace_id: a.workspaceId, delivery_id: a.deliveryId, attempt: a.attempt, at: a.at, outcome: a.outcome, status_code: a.statusCode, error: a.error })
    .execute();
  return true;
}

/** Gives a delivery up (its job ran out of attempts without recording the last one, e.g. its workers kept dying). */
export async function markDead(db: Executor, workspaceId: string, id: string, at: Date, error: string): Promise<void> {
  await db
    .updateTable('notification_deliveries')
    .set({ status: 'DEAD', last_error: error, updated_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id).where('status', '=', 'PENDING').execute();
}
