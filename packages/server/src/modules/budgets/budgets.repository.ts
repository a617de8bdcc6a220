/** Typed queries over budgets, their period values and the customers (billing accounts) they hang on; every one scoped by workspace. */
import { type Expression, type Selectable, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import { type PageSort, orderedBy, pageAndCount, stableSort } from '../../storage/list-page.js';
import type { BudgetsTable, Executor } from '../../storage/database.js';
import type { BudgetPeriodKind, StoredBudgetType } from './budgets.enums.js';

export type BudgetRow = Selectable<BudgetsTable>;

export interface CustomerRow {
  customer_id: number;
  billing_account_id: string;
  name: string;
  currency: string;
  accounting_day: number;
  fiscal_start_month: number;
}

export interface PeriodValue {
  kind: BudgetPeriodKind;
  accounting_period: number;
  budget_value: string;
}

export interface BudgetWithPeriods extends BudgetRow {
  periods: PeriodValue[];
}

export type BudgetValues = Omit<BudgetRow, 'id' | 'workspace_id' | 'created_at' | 'updated_at'>;

const customerColumns = ['customer_id', 'id as billing_account_id', 'name', 'currency', 'accounting_day', 'fiscal_start_month'] as const;

export function findCustomerByAccountId(db: Executor, workspaceId: string, accountId: string): Promise<CustomerRow | undefined> {
  return db.selectFrom('billing_accounts').select(customerColumns).where('workspace_id', '=', workspaceId).where('id', '=', accountId).executeTakeFirst();
}

export function findCustomerById(db: Executor, workspaceId: string, customerId: number): Promise<CustomerRow | undefined> {
  return db
    .selectFrom('billing_accounts')
    .select(customerColumns)
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
}

export function listCustomers(db: Executor, workspaceId: string, accountId?: string): Promise<CustomerRow[]> {
  let query = db.selectFrom('billing_accounts').select(customerColumns).where('workspace_id', '=', workspaceId);
  if (accountId !== undefined) query = query.where('id', '=', accountId);
  return query.orderBy('customer_id').execute();
}

/** Changes what Cloud Cruiser lets a client change on a customer; undefined when there is no such account. */
export async function updateCustomer(
  db: Executor,
  workspaceId: string,
  customerId: number,
  values: { accounting_day: number; fiscal_start_month: number; name: string },
  now: Date,
): Promise<CustomerRow | undefined> {
  return db
    .updateTable('billing_accounts')
    .set({ ...values, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('customer_id', '=', customerId)
    .returning(customerColumns)
    .executeTakeFirst();
}

/** A budget row with its period values, read in the same statement (one round trip); values as numeric text, scale kept. */
const periodsColumn = sql<PeriodValue[]>`coalesce((
  select json_agg(json_build_object('kind', p.kind, 'accounting_period', p.accounting_period, 'budget_value', p.budget_value::text)
    order by p.kind, p.accounting_period)
  from budget_periods p where p.workspace_id = b.workspace_id and p.budget_id = b.id), '[]'::json)`.as('periods');

function budgetsWithPeriods(db: Executor, workspaceId: string) {
  return db.selectFrom('budgets as b').selectAll('b').select(periodsColumn).where('b.workspace_id', '=', workspaceId);
}

export function findBudget(db: Executor, workspaceId: string, id: number): Promise<BudgetWithPeriods | undefined> {
  return budgetsWithPeriods(db, workspaceId).where('b.id', '=', id).executeTakeFirst();
}

export function listBudgets(
  db: Executor,
  workspaceId: string,
  filter: { accountId?: string; accountingYear?: number; budgetType?: StoredBudgetType },
): Promise<BudgetWithPeriods[]> {
  let query = budgetsWithPeriods(db, workspaceId);
  if (filter.accountId !== undefined) query = query.where('b.billing_account_id', '=', filter.accountId);
  if (filter.accountingYear !== undefined) query = query.where('b.accounting_year', '=', filter.accountingYear);
  if (filter.budgetType !== undefined) query = query.where('b.budget_type', '=', filter.budgetType);
  return query.orderBy('b.id').execute();
}

async function writePeriods(db: Executor, workspaceId: string, budgetId: number, periods: readonly PeriodValue[]): Promise<void> {
  await db.deleteFrom('budget_periods').where('workspace_id', '=', workspaceId).where('budget_id', '=', budgetId).execute();
  if (periods.length > 0) {
    await db.insertInto('budget_periods').values(periods.map((p) => ({ workspace_id: workspaceId, budget_id: budgetId, ...p }))).execute();
  }
}

export async function insertBudget(
  db: Executor,
  workspaceId: string,
  values: BudgetValues,
  periods: readonly PeriodValue[],
  now: Date,
): Promise<number> {
  const { id } = await db
    .insertInto('budgets')
    .values({ ...values, workspace_id: workspaceId, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writePeriods(db, workspaceId, id, periods);
  return id;
}

/** Replaces a budget whole; false when the workspace has no budget of that id. */
export async function replaceBudget(
  db: Executor,
  workspaceId: string,
  id: number,
  values: BudgetValues,
  periods: readonly PeriodValue[],
  now: Date,
): Promise<boolean> {
  const updated = await db
    .updateTable('budgets')
    .set({ ...values, updated_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) return false;
  await writePeriods(db, workspaceId, id, periods);
  return true;
}

export async function deleteBudget(db: Executor, workspaceId: string, id: number): Promise<BudgetRow | undefined> {
  return db.deleteFrom('budgets').where('workspace_id', '=', workspaceId).where('id', '=', id).returningAll().executeTakeFirst();
}

/** A budget of the JSON list: its row, its period values and its customer's id. */
export interface BudgetListRow extends BudgetWithPeriods {
  customer_id: number;
}

/**
 * One page of the workspace's budgets (the JSON face's list) and how many match: the filter and
 * sort name budgets as `b` and their billing accounts as `a`; `b.id` ends every sort.
 */
export async function listBudgetPage(
  db: Executor,
  workspaceId: string,
  q: { where: Expression<SqlBool> | undefined; sort: readonly PageSort[]; limit: number; offset: number },
): Promise<{ rows: BudgetListRow[]; total: number }> {
  const base = () => {
    const b = db
      .selectFrom('budgets as b')
      .innerJoin('billing_accounts as a', (join) => join.onRef('a.workspace_id', '=', 'b.workspace_id').onRef('a.id', '=', 'b.billing_account_id'))
      .where('b.workspace_id', '=', workspaceId);
    return q.where ? b.where(q.where) : b;
  };
  const page = () =>
    orderedBy(base().selectAll('b').select(['a.customer_id', periodsColumn]), stableSort(q.sort, ['b.id'])).limit(q.limit).offset(q.offset).execute();
  return pageAndCount(q.limit, page, base() as unknown as SelectQueryBuilder<never, never, unknown>);
}
