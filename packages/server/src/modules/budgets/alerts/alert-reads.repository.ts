/** Reading alert instances with their customer, and their deliveries; every query scoped by workspace. */
import type { Expression, Selectable, SqlBool } from 'kysely';
import type { BudgetAlertsTable, Executor } from '../../../storage/database.js';
import { type PageSort, orderedBy, pageAndCount, stableSort } from '../../../storage/list-page.js';
import type { DeliveryStatus, NotificationChannelKind } from '../notifications/notifications.enums.js';

/** An alert as it is read: its row (but the workspace and budget) and its customer's id, name and accounting day. */
export type AlertRow = Omit<Selectable<BudgetAlertsTable>, 'workspace_id' | 'budget_id'> & {
  customer_id: number;
  customer_name: string;
  accounting_day: number;
};

function alerts(db: Executor, workspaceId: string) {
  return db
    .selectFrom('budget_alerts as a')
    .innerJoin('billing_accounts as c', (j) => j.onRef('c.workspace_id', '=', 'a.workspace_id').onRef('c.id', '=', 'a.billing_account_id'))
    .where('a.workspace_id', '=', workspaceId);
}

/** An alert's columns but its id, as every read of one selects them. */
export const ALERT_FIELDS = [
  'a.billing_account_id',
  'c.customer_id',
  'c.name as customer_name',
  'c.accounting_day',
  'a.accounting_year',
  'a.accounting_period',
  'a.alert_type',
  'a.threshold_level',
  'a.threshold_percent',
  'a.currency_code',
  'a.budget_value',
  'a.actual_value',
  'a.projected_value',
  'a.alert_date',
] as const;

const ALERT_COLUMNS = ['a.id', ...ALERT_FIELDS] as const;

export async function listAlerts(
  db: Executor,
  workspaceId: string,
  q: { where: Expression<SqlBool> | undefined; sort: readonly PageSort[]; limit: number; offset: number },
): Promise<{ rows: AlertRow[]; total: number }> {
  const base = () => (q.where ? alerts(db, workspaceId).where(q.where) : alerts(db, workspaceId));
  const rows = () => orderedBy(base().select(ALERT_COLUMNS), stableSort(q.sort, ['a.id'])).limit(q.limit).offset(q.offset).execute();
  return pageAndCount(q.limit, rows, base() as never);
}

export function findAlert(db: Executor, workspaceId: string, id: number): Promise<AlertRow | undefined> {
  return alerts(db, workspaceId).select(ALERT_COLUMNS).where('a.id', '=', id).executeTakeFirst();
}

export interface AlertCriteria {
  accountId?: string;
  accountingYear?: number;
  accountingPeriod?: number;
  includeProjected: boolean;
}

/** The alerts matching every criterion given, newest first. */
export function queryAlerts(db: Executor, workspaceId: string, criteria: AlertCriteria): Promise<AlertRow[]> {
  let query = alerts(db, workspaceId).select(ALERT_COLUMNS);
  if (criteria.accountId !== undefined) query = query.where('a.billing_account_id', '=', criteria.accountId);
  if (criteria.accountingYear !== undefined) query = query.where('a.accounting_year', '=', criteria.accountingYear);
  if (criteria.accountingPeriod !== undefined) query = query.where('a.accounting_period', '=', criteria.accountingPeriod);
  if (!criteria.includeProjected) query = query.where('a.alert_type', '=', 'STANDARD');
  return query.orderBy('a.alert_date', 'desc').orderBy('a.id', 'desc').execute();
}

export interface AlertDeliveryRow {
  id: string;
  alert_id: number;
  channel_id: string;
  channel_kind: NotificationChannelKind;
  recipient: string;
  status: DeliveryStatus;
  attempts: number;
  last_error: string | null;
  delivered_at: Date | null;
  updated_at: Date;
}

/** The deliveries of the given alerts, per alert by channel (oldest first) and recipient. */
export async function deliveriesOf(db: Executor, workspaceId: string, alertIds: readonly number[]): Promise<AlertDeliveryRow[]> {
  if (alertIds.length === 0) return [];
  return db
    .selectFrom('notification_deliveries as d')
    .innerJoin('notification_channels as ch', 'ch.id', 'd.channel_id')
    .select(['d.id', 'd.alert_id', 'd.channel_id', 'ch.kind as channel_kind', 'd.recipient', 'd.status', 'd.attempts', 'd.last_error', 'd.delivered_at', 'd.updated_at'])
    .where('d.workspace_id', '=', workspaceId)
    .where('d.alert_id', 'in', alertIds)
    .orderBy('d.alert_id')
    .orderBy('ch.created_at')
    .orderBy('ch.id')
    .orderBy('d.recipient')
    .execute();
}
