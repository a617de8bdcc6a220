/** The JSON face of alert instances: the filtered list (newest first) and one alert, each with its deliveries' status. */
import type { Executor } from '../../../storage/database.js';
import { notFound } from '../../../platform/errors/index.js';
import { type ListParams, type Page, isoUtcMillis, page, parseListQuery, project } from '../../../platform/query/index.js';
import * as repo from './alert-reads.repository.js';
import { alertList } from './alerts.fields.js';
import type { AlertDeliveryDto, BudgetAlertDto } from './alerts.schemas.js';

function deliveryDto(row: repo.AlertDeliveryRow): AlertDeliveryDto {
  return {
    id: row.id,
    channelId: row.channel_id,
    kind: row.channel_kind,
    recipient: row.recipient,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    deliveredAt: row.delivered_at && isoUtcMillis(row.delivered_at),
  };
}

/** An alert as the JSON API and the webhook body show it (without deliveries). */
export function alertDto(row: repo.AlertRow): Omit<BudgetAlertDto, 'deliveries'> {
  return {
    id: row.id,
    customerId: row.customer_id,
    accountId: row.billing_account_id,
    customerName: row.customer_name,
    accountingYear: row.accounting_year,
    accountingPeriod: row.accounting_period,
    alertType: row.alert_type,
    thresholdLevel: row.threshold_level,
    thresholdPercent: row.threshold_percent,
    currencyCode: row.currency_code,
    budgetValue: row.budget_value,
    actualValue: row.actual_value,
    projectedValue: row.projected_value,
    alertDate: isoUtcMillis(row.alert_date),
  };
}

async function withDeliveries(db: Executor, workspaceId: string, rows: readonly repo.AlertRow[], wanted = true): Promise<BudgetAlertDto[]> {
  const deliveries = wanted ? await repo.deliveriesOf(db, workspaceId, rows.map((r) => r.id)) : [];
  const byAlert = new Map<number, AlertDeliveryDto[]>(rows.map((r) => [r.id, []]));
  for (const d of deliveries) byAlert.get(d.alert_id)?.push(deliveryDto(d));
  return rows.map((r) => ({ ...alertDto(r), deliveries: byAlert.get(r.id) ?? [] }));
}

export async function listAlerts(db: Executor, workspaceId: string, params: ListParams): Promise<Page<BudgetAlertDto>> {
  const list = parseListQuery(params, alertList);
  const { rows, total } = await repo.listAlerts(db, workspaceId, list);
  const items = await withDeliveries(db, workspaceId, rows, !list.selected || list.selected.includes('deliveries'));
  return page(
    items.map((item) => project(item, list.selected)),
    list.offset,
    total,
  );
}

export async function getAlert(db: Executor, workspaceId: string, id: number): Promise<BudgetAlertDto> {
  const row = await repo.findAlert(db, workspaceId, id);
  if (!row) throw notFound('consumo.budgets.alerts', String(id), { message: `No alert ${id} in this workspace.` });
  const [alert] = await withDeliveries(db, workspaceId, [row]);
  return alert!;
}
