/**
 * Cloud Cruiser's "get usage for a customer": one accounting period's dates, the thresholds in
 * force, and per budget the period's value, the cost rated so far, the percent used and a status.
 * Money stays decimal (decimal.js on the strings the database returns).
 */
import type { Db } from '../../../storage/database.js';
import { Dec } from '../../metering/rating/decimal.js';
import { type AccountingPeriod, accountingPeriod, accountingPeriodOf, daysInPeriod } from '../../../platform/calendar/accounting-calendar.js';
import { DAY_MS, dayText } from '../../../platform/formats/index.js';
import type { BudgetAlertType } from '../budgets.enums.js';
import * as repo from '../budgets.repository.js';
import { customerOf, resolveCustomer } from '../budgets.service.js';
import type { BudgetCustomer } from '../customer-budget.js';
import { type PeriodActual, periodActual } from './budget-usage.repository.js';
import { defaultCostLevelFor, loadBudgetSettings, thresholdsInForce } from '../settings/budget-settings.service.js';
import { periodBudget, projectedCost } from '../alerts/alert-rules.js';

export interface BudgetQueryInput {
  customer: BudgetCustomer;
  accountingYear?: number;
  accountingPeriod?: number;
  budgetType?: BudgetAlertType;
  resourceid?: string;
}

/** `NO_USAGE` is Cloud Cruiser's; the others are ours for what it did not publish (ADR 0017). */
export type UsageStatus = 'NO_USAGE' | 'NO_BUDGET' | 'UNDER_THRESHOLD' | 'THRESHOLD_1' | 'THRESHOLD_2' | 'THRESHOLD_3';

export interface PeriodBudgetUsage {
  budgetId: number;
  budgetType: string;
  valueType: 'COST';
  currencyCode: string;
  periodBudgetValue: string;
  actualUsage: string;
  usagePercent: number;
  status: UsageStatus;
  /**
   * The cost projected to the period's end by the projected alerts' rule (actual ÷ elapsed days ×
   * days in the period, elapsed counted to the last day with a cost); the actual once the period
   * has ended; null before it starts.
   */
  projectedUsage: string | null;
}

export interface BudgetAndUsage {
  customer: Required<BudgetCustomer>;
  accountingYear: number;
  accountingPeriod: number;
  /** First and last day of the period (both inclusive), YYYY-MM-DD. */
  accountingStartDate: string;
  accountingEndDate: string;
  standardAlertsEnabled: boolean;
  projectedAlertsEnabled: boolean;
  useDefaultThresholds: boolean;
  thresholds: [number, number, number];
  periodBudgetUsage: PeriodBudgetUsage[];
}

/** The status of `actual` against `budget` (a positive decimal) and the thresholds in force. */
export function usageStatus(actual: Dec, budget: Dec | undefined, thresholds: readonly number[], hadUsage: boolean): UsageStatus {
  if (!hadUsage || actual.isZero()) return 'NO_USAGE';
  if (!budget || budget.isZero()) return 'NO_BUDGET';
  let reached = 0;
  thresholds.forEach((percent, i) => {
    if (percent > 0 && actual.gte(budget.times(percent).dividedBy(100))) reached = Math.max(reached, i + 1);
  });
  return reached === 0 ? 'UNDER_THRESHOLD' : (`THRESHOLD_${reached}` as UsageStatus);
}

const lastDay = (period: AccountingPeriod) => dayText(period.end.getTime() - DAY_MS);

/** What the period will cost by its end, as projected alerts project it (see PeriodBudgetUsage.projectedUsage). */
export function periodProjection(period: AccountingPeriod, actual: PeriodActual, now: Date): string | null {
  if (now.getTime() < period.start.getTime()) return null;
  const total = actual.rows === 0 ? '0' : actual.total;
  if (now.getTime() >= period.end.getTime() || actual.lastDay === null) return total;
  const days = daysInPeriod(period);
  const elapsed = Math.min(days, Math.round((Date.parse(actual.lastDay) - period.start.getTime()) / DAY_MS) + 1);
  return projectedCost(total, Math.max(elapsed, 1), days);
}

export async function budgetUsage(db: Db, workspaceId: string, input: BudgetQueryInput, now: Date): Promise<BudgetAndUsage> {
  const customer = await resolveCustomer(db, workspaceId, input.customer);
  const calendar = { accountingDay: customer.accounting_day, fiscalStartMonth: customer.fiscal_start_month };
  const current = accountingPeriodOf(calendar, now);
  const period = accountingPeriod(calendar, input.accountingYear ?? current.year, input.accountingPeriod ?? current.period);
  const type = input.budgetType === undefined || input.budgetType === 'ALL' ? undefined : input.budgetType;
  const budgets = (await repo.listBudgets(db, workspaceId, { accountId: customer.billing_account_id, accountingYear: period.year, ...(type && { budgetType: type }) }))
    .filter((b) => input.resourceid === undefined || b.resource_id === input.resourceid);
  const settings = await loadBudgetSettings(db, workspaceId);
  const primary = budgets.find((b) => b.budget_type === 'COST') ?? budgets[0];
  const thresholds = [...thresholdsInForce(primary, settings)] as [number, number, number];

  const from = dayText(period.start.getTime());
  const to = dayText(period.end.getTime());
  const periodBudgetUsage: PeriodBudgetUsage[] = [];
  for (const budget of budgets) {
    const value = budget.periods.find((p) => p.kind === 'COST' && p.accounting_period === period.period)?.budget_value;
    const actual = await periodActual(db, workspaceId, customer.billing_account_id, from, to, budget.currency_code);
    // What alerts measure against: the period's value, or the workspace's default alert cost level.
    const measured = periodBudget(value, defaultCostLevelFor(settings, budget.currency_code));
    const budgetValue = measured === null ? undefined : new Dec(measured);
    const actualValue = new Dec(actual.total);
    const percent = budgetValue && !budgetValue.isZero() ? actualValue.times(100).dividedBy(budgetValue).floor().toNumber() : 0;
    periodBudgetUsage.push({
      budgetId: budget.id,
      budgetType: budget.budget_type,
      valueType: 'COST',
      currencyCode: budget.currency_code,
      periodBudgetValue: measured ?? value ?? '0',
      actualUsage: actual.rows === 0 ? '0.0' : actual.total,
      usagePercent: percent,
      status: usageStatus(actualValue, budgetValue, thresholdsInForce(budget, settings), actual.rows > 0),
      projectedUsage: periodProjection(period, actual, now),
    });
  }
  return {
    customer: customerOf(customer),
    accountingYear: period.year,
    accountingPeriod: period.period,
    accountingStartDate: from,
    accountingEndDate: lastDay(period),
    standardAlertsEnabled: primary?.standard_alerts_enabled ?? false,
    projectedAlertsEnabled: primary?.projected_alerts_enabled ?? false,
    useDefaultThresholds: primary?.use_default_thresholds ?? true,
    thresholds,
    periodBudgetUsage,
  };
}
