/** Customers, budgets and daily cost rollups written straight into the tables, for the alert evaluation's tests. */
import type { Db } from '../../src/storage/database.js';

export async function addCustomer(db: Db, workspaceId: string, id: string, calendar: { accountingDay?: number; fiscalStartMonth?: number } = {}): Promise<void> {
  await db
    .insertInto('billing_accounts')
    .values({
      workspace_id: workspaceId,
      id,
      name: `Customer ${id}`,
      currency: 'USD',
      accounting_day: calendar.accountingDay ?? 1,
      fiscal_start_month: calendar.fiscalStartMonth ?? 1,
    })
    .execute();
}

export interface BudgetOptions {
  currency?: string;
  standard?: boolean;
  projected?: boolean;
  /** Own thresholds (use_default_thresholds false); null entries are stored as null (off). */
  thresholds?: [number | null, number | null, number | null];
}

/** A COST budget of `year` with the given period values; answers its id. */
export async function addBudget(
  db: Db,
  workspaceId: string,
  accountId: string,
  year: number,
  periods: Record<number, string>,
  options: BudgetOptions = {},
): Promise<number> {
  const now = new Date();
  const { id } = await db
    .insertInto('budgets')
    .values({
      workspace_id: workspaceId,
      billing_account_id: accountId,
      budget_type: 'COST',
      resource_id: null,
      resource_header_id: null,
      accounting_year: year,
      currency_code: options.currency ?? 'USD',
      description: null,
      standard_alerts_enabled: options.standard ?? true,
      projected_alerts_enabled: options.projected ?? true,
      use_default_thresholds: options.thresholds === undefined,
      threshold1_percent: options.thresholds?.[0] ?? null,
      threshold2_percent: options.thresholds?.[1] ?? null,
      threshold3_percent: options.thresholds?.[2] ?? null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const values = Object.entries(periods).map(([period, value]) => ({ workspace_id: workspaceId, budget_id: id, kind: 'COST' as const, accounting_period: Number(period), budget_value: value }));
  if (values.length > 0) await db.insertInto('budget_periods').values(values).execute();
  return id;
}

/** One rollup row of billed cost on `day` (YYYY-MM-DD), as rating writes them. */
export async function addCost(db: Db, workspaceId: string, accountId: string, day: string, cost: string, currency = 'USD'): Promise<void> {
  await db
    .insertInto('cost_rollups_daily')
    .values({
      workspace_id: workspaceId,
      day,
      billing_account_id: accountId,
      sub_account_id: null,
      service_name: 'Compute',
      service_category: 'Compute',
      region_id: null,
      resource_type: null,
      sku_id: null,
      charge_category: 'Usage',
      billing_currency: currency,
      records: 1,
      list_cost: cost,
      contracted_cost: cost,
      effective_cost: cost,
      billed_cost: cost,
      consumed_quantity: '1',
      pricing_quantity: '1',
      unpriced_records: 0,
    })
    .execute();
}

/** The alerts of a workspace as `KIND:level@year/period`, oldest first. */
export async function alertKeys(db: Db, workspaceId: string, accountId?: string): Promise<string[]> {
  let q = db.selectFrom('budget_alerts').select(['alert_type', 'threshold_level', 'accounting_year', 'accounting_period']).where('workspace_id', '=', workspaceId);
  if (accountId !== undefined) q = q.where('billing_account_id', '=', accountId);
  const rows = await q.orderBy('id').execute();
  return rows.map((r) => `${r.alert_type}:${r.threshold_level}@${r.accounting_year}/${r.accounting_period}`);
}
