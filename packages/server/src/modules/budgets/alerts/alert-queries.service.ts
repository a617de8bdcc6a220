/**
 * Cloud Cruiser's "get alerts" (`POST /rest/v1/budgets/alerts`): the alert instances matching an
 * `alertQueryInput`, newest first. A customer the workspace lacks is a 404 (BudgetApiError).
 */
import type { Executor } from '../../../storage/database.js';
import { resolveCustomer } from '../budgets.service.js';
import * as repo from './alert-reads.repository.js';
import type { AlertInstance, AlertQueryInput } from './alert-instance.js';

function toInstance(row: repo.AlertRow): AlertInstance {
  return {
    customer: { id: row.customer_id, accountId: row.billing_account_id, accountingDay: row.accounting_day },
    currencyCode: row.currency_code,
    accountingYear: row.accounting_year,
    accountingPeriod: row.accounting_period,
    alertType: row.alert_type,
    thresholdLevel: row.threshold_level,
    thresholdPercent: row.threshold_percent,
    budgetValue: row.budget_value,
    actualValue: row.actual_value,
    alertDate: row.alert_date,
  };
}

export async function queryAlerts(db: Executor, workspaceId: string, input: AlertQueryInput): Promise<AlertInstance[]> {
  const criteria: repo.AlertCriteria = { includeProjected: input.includeProjected };
  if (input.customer) criteria.accountId = (await resolveCustomer(db, workspaceId, input.customer)).billing_account_id;
  if (input.accountingYear !== undefined) criteria.accountingYear = input.accountingYear;
  if (input.accountingPeriod !== undefined) criteria.accountingPeriod = input.accountingPeriod;
  return (await repo.queryAlerts(db, workspaceId, criteria)).map(toInstance);
}
