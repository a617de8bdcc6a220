/**
 * Budgets: get, list for a customer, create, replace and delete, as Cloud Cruiser's "Budgets and
 * alerts" resource defines them. Every change enqueues the customer's alert evaluation in its own
 * transaction. Both faces (XML and JSON) call these; they take and return CustomerBudget values.
 */
import type { Db, Executor } from '../../storage/database.js';
import type { JobQueue } from '../../platform/jobs/index.js';
import { accountingPeriodOf } from '../../platform/calendar/accounting-calendar.js';
import { isUniqueViolation } from '../metering/catalog/db-errors.js';
import { enqueueBudgetEvaluation } from './alerts/evaluation-queue.js';
import type { BudgetAlertType, StoredBudgetType } from './budgets.enums.js';
import { badRequest, conflict, notFound } from './budgets.errors.js';
import * as repo from './budgets.repository.js';
import type { BudgetCustomer, CustomerBudget } from './customer-budget.js';

export interface BudgetServiceDeps {
  db: Db;
  jobs: JobQueue;
  now: () => number;
}

export function customerOf(row: repo.CustomerRow): Required<BudgetCustomer> {
  return { id: row.customer_id, accountId: row.billing_account_id, accountingDay: row.accounting_day };
}

/** The customer a request names, by `@id` or `@accountId` (both: they must agree); 404 when the workspace has none. */
export async function resolveCustomer(db: Executor, workspaceId: string, customer: BudgetCustomer): Promise<repo.CustomerRow> {
  const row =
    customer.accountId !== undefined
      ? await repo.findCustomerByAccountId(db, workspaceId, customer.accountId)
      : await repo.findCustomerById(db, workspaceId, customer.id!);
  const named = customer.accountId !== undefined ? `accountId '${customer.accountId}'` : `id ${customer.id}`;
  if (!row) throw notFound(`No customer with ${named}.`);
  if (customer.id !== undefined && customer.accountId !== undefined && row.customer_id !== customer.id) {
    throw badRequest(`customer/@id ${customer.id} is not the customer with accountId '${customer.accountId}' (id ${row.customer_id}).`);
  }
  return row;
}

export function toCustomerBudget(row: repo.BudgetWithPeriods, customer: repo.CustomerRow): CustomerBudget {
  const periods = (kind: 'COST' | 'UNITS') =>
    row.periods.filter((p) => p.kind === kind).map((p) => ({ accountingPeriod: p.accounting_period, budgetValue: p.budget_value }));
  const budget: CustomerBudget = {
    budgetId: row.id,
    budgetType: row.budget_type,
    customer: customerOf(customer),
    accountingYear: row.accounting_year,
    currencyCode: row.currency_code,
    standardAlertsEnabled: row.standard_alerts_enabled,
    projectedAlertsEnabled: row.projected_alerts_enabled,
    useDefaultThresholds: row.use_default_thresholds,
    costPeriods: periods('COST'),
  };
  if (row.resource_id !== null) {
    budget.resource = { resourceid: row.resource_id, ...(row.resource_header_id !== null && { headerId: row.resource_header_id }) };
  }
  if (row.description !== null) budget.description = row.description;
  if (row.threshold1_percent !== null) budget.threshold1Percent = row.threshold1_percent;
  if (row.threshold2_percent !== null) budget.threshold2Percent = row.threshold2_percent;
  if (row.threshold3_percent !== null) budget.threshold3Percent = row.threshold3_percent;
  if (row.periods.some((p) => p.kind === 'UNITS')) budget.unitsPeriods = periods('UNITS');
  return budget;
}

function storedType(type: BudgetAlertType): StoredBudgetType {
  if (type === 'ALL') throw badRequest('customerBudget/@budgetType ALL is a query value; a budget is COST or RESOURCE.');
  return type;
}

function valuesOf(budget: CustomerBudget, customer: repo.CustomerRow): { values: repo.BudgetValues; periods: repo.PeriodValue[] } {
  const values: repo.BudgetValues = {
    billing_account_id: customer.billing_account_id,
    budget_type: storedType(budget.budgetType),
    resource_id: budget.resource?.resourceid ?? null,
    resource_header_id: budget.resource?.headerId ?? null,
    accounting_year: budget.accountingYear,
    currency_code: budget.currencyCode,
    description: budget.description ?? null,
    standard_alerts_enabled: budget.standardAlertsEnabled,
    projected_alerts_enabled: budget.projectedAlertsEnabled,
    use_default_thresholds: budget.useDefaultThresholds,
    threshold1_percent: budget.threshold1Percent ?? null,
    threshold2_percent: budget.threshold2Percent ?? null,
    threshold3_percent: budget.threshold3Percent ?? null,
  };
  const periods = [
    ...budget.costPeriods.map((p) => ({ kind: 'COST' as const, accounting_period: p.accountingPeriod, budget_value: p.budgetValue })),
    ...(budget.unitsPeriods ?? []).map((p) => ({ kind: 'UNITS' as const, accounting_period: p.accountingPeriod, budget_value: p.budgetValue })),
  ];
  return { values, periods };
}

function duplicate(budget: CustomerBudget, customer: repo.CustomerRow) {
  return conflict(
    `Customer '${customer.billing_account_id}' already has a ${budget.budgetType} budget for accounting year ${budget.accountingYear}; update that one.`,
  );
}

export async function getBudget(db: Db, workspaceId: string, id: number): Promise<CustomerBudget> {
  const row = await repo.findBudget(db, workspaceId, id);
  if (!row) throw notFound(`No budget with id ${id}.`);
  const customer = await repo.findCustomerByAccountId(db, workspaceId, row.billing_account_id);
  return toCustomerBudget(row, customer!);
}

/** Cloud Cruiser's "get budgets for a customer": `accountingYear` defaults to the customer's current one. */
export async function budgetsForCustomer(
  deps: BudgetServiceDeps,
  workspaceId: string,
  accountId: string,
  query: { budgetType?: BudgetAlertType; accountingYear?: number },
): Promise<CustomerBudget[]> {
  const customer = await resolveCustomer(deps.db, workspaceId, { accountId });
  const accountingYear =
    query.accountingYear ??
    accountingPeriodOf({ accountingDay: customer.accounting_day, fiscalStartMonth: customer.fiscal_start_month }, new Date(deps.now())).year;
  const budgetType = query.budgetType === undefined || query.budgetType === 'ALL' ? undefined : query.budgetType;
  const rows = await repo.listBudgets(deps.db, workspaceId, { accountId, accountingYear, ...(budgetType && { budgetType }) });
  return rows.map((row) => toCustomerBudget(row, customer));
}

export async function createBudget(deps: BudgetServiceDeps, workspaceId: string, budget: CustomerBudget): Promise<CustomerBudget> {
  if (budget.budgetId !== undefined) throw badRequest('customerBudget/@budgetId must not be sent when creating a budget; the server assigns it.');
  try {
    const id = await deps.db.transaction().execute(async (trx) => {
      const customer = await resolveCustomer(trx, workspaceId, budget.customer);
      const { values, periods } = valuesOf(budget, customer);
      const created = await repo.insertBudget(trx, workspaceId, values, periods, new Date(deps.now()));
      await enqueueBudgetEvaluation(deps.jobs, trx, { workspaceId, accountIds: [customer.billing_account_id] });
      return created;
    });
    return await getBudget(deps.db, workspaceId, id);
  } catch (err) {
    if (isUniqueViolation(err, 'budgets_one_per_year')) {
      throw duplicate(budget, (await resolveCustomer(deps.db, workspaceId, budget.customer)));
    }
    throw err;
  }
}

/** A complete replacement: the body's `budgetId` must be the path's id. */
export async function replaceBudget(deps: BudgetServiceDeps, workspaceId: string, id: number, budget: CustomerBudget): Promise<CustomerBudget> {
  if (budget.budgetId === undefined) throw badRequest(`customerBudget/@budgetId is required and must be ${id}, the id in the path.`);
  if (budget.budgetId !== id) throw badRequest(`customerBudget/@budgetId ${budget.budgetId} does not match the id in the path, ${id}.`);
  try {
    await deps.db.transaction().execute(async (trx) => {
      const existing = await repo.findBudget(trx, workspaceId, id);
      if (!existing) throw notFound(`No budget with id ${id}.`);
      const customer = await resolveCustomer(trx, workspaceId, budget.customer);
      const { values, periods } = valuesOf(budget, customer);
      await repo.replaceBudget(trx, workspaceId, id, values, periods, new Date(deps.now()));
      const accountIds = [...new Set([existing.billing_account_id, customer.billing_account_id])];
      await enqueueBudgetEvaluation(deps.jobs, trx, { workspaceId, accountIds });
    });
  } catch (err) {
    if (isUniqueViolation(err, 'budgets_one_per_year')) throw duplicate(budget, await resolveCustomer(deps.db, workspaceId, budget.customer));
    throw err;
  }
  return getBudget(deps.db, workspaceId, id);
}

export async function deleteBudget(deps: BudgetServiceDeps, workspaceId: string, id: number): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const removed = await repo.deleteBudget(trx, workspaceId, id);
    if (!removed) throw notFound(`No budget with id ${id}.`);
  });
}
