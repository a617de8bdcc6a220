/**
 * What a notification says: the webhook's JSON body (the same bytes on every retry, so a receiver
 * may hash it) and the e-mail's subject and plain text. One alert, one delivery id.
 */
import type { AlertRow } from '../alerts/alert-reads.repository.js';
import { alertDto } from '../alerts/alerts.service.js';

export const WEBHOOK_EVENT_TYPE = 'budget.alert';

/** `{type, deliveryId, alert}`; `alert` is the alert as `GET /budgets/v1/alerts/{id}` shows it, without deliveries. */
export function webhookBody(alert: AlertRow, deliveryId: string): string {
  return JSON.stringify({ type: WEBHOOK_EVENT_TYPE, deliveryId, alert: alertDto(alert) });
}

const KIND_WORDS = { STANDARD: 'usage so far', PROJECTED: 'projected usage for the whole period' } as const;

export interface EmailContent {
  subject: string;
  text: string;
}

export function alertEmail(alert: AlertRow, deliveryId: string): EmailContent {
  const kind = alert.alert_type;
  const subject =
    `Budget alert: ${alert.customer_name} (${alert.billing_account_id}) reached level ${alert.threshold_level} ` +
    `(${alert.threshold_percent}%), ${kind}, period ${alert.accounting_period} of ${alert.accounting_year}`;
  const money = (value: string) => `${value} ${alert.currency_code}`;
  const lines = [
    `The ${KIND_WORDS[kind]} of customer ${alert.customer_name} reached threshold level ${alert.threshold_level} of its budget.`,
    '',
    `Customer:          ${alert.customer_name} (account ${alert.billing_account_id}, customer id ${alert.customer_id})`,
    `Accounting period: ${alert.accounting_period} of accounting year ${alert.accounting_year}`,
    `Alert type:        ${kind}`,
    `Threshold level:   ${alert.threshold_level} (${alert.threshold_percent}% of the period budget)`,
    `Period budget:     ${money(alert.budget_value)}`,
    `Actual usage:      ${money(alert.actual_value)}`,
    ...(alert.projected_value !== null ? [`Projected usage:   ${money(alert.projected_value)}`] : []),
    `Alert date:        ${alert.alert_date.toISOString()}`,
    '',
    `Alert ${alert.id}, delivery ${deliveryId}.`,
  ];
  return { subject, text: `${lines.join('\n')}\n` };
}
