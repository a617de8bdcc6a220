/**
 * Demo budgets (Cloud Cruiser budgets and alerts), replacing earlier demo ones, then one alert
 * evaluation so alert instances are there on the first start. The demo's rated usage is the test
 * account's, so its budget is set from its own costs: the period before last well under budget, the
 * last period over it (a standard alert), the open period projected over it (a projected alert) —
 * or, late in a period when a projection cannot differ from the actual, over its first threshold.
 * A few other demo accounts get a flat budget and no usage. No notification channel is created: a
 * webhook pointing nowhere would only fail.
 */
import { sql } from 'kysely';
import type { Db } from '../storage/database.js';
import { DAY_MS, dayText } from '../platform/formats/index.js';
import { Dec } from '../modules/metering/rating/decimal.js';
import { type AccountingCalendar, type AccountingPeriod, accountingPeriodOf, daysInPeriod } from '../platform/calendar/accounting-calendar.js';
import { evaluateBudgets } from '../modules/budgets/alerts/alert-evaluation.service.js';
import { TEST_BILLING_ACCOUNT } from './billing-accounts.demo.js';

export interface SeedBudgetsDemoResult {
  budgets: number;
  alerts: number;
}

/** Marks the budgets this seeder owns, so a re-seed replaces only those. */
export const DEMO_BUDGET_DESCRIPTION = 'Demo budget';
const OTHER_ACCOUNTS = 3;
const FLAT_BUDGET = '10000.00';

const money = (value: Dec) => value.toDecimalPlaces(0, Dec.ROUND_UP).toFixed(2);

async function periodCost(db: Db, workspaceId: string, accountId: string, period: AccountingPeriod) {
  const row = await db
    .selectFrom('cost_rollups_daily')
    .select([sql<string>`coalesce(sum(billed_cost), 0)::text`.as('total'), sql<string | null>`max(day)::text`.as('last')])
    .where('workspace_id', '=', workspaceId)
    .where('billing_account_id', '=', accountId)
    .where('day', '>=', dayText(period.start.getTime()))
    .where('day', '<', dayText(period.end.getTime()))
    .executeTakeFirstOrThrow();
  const elapsed = row.last === null ? 0 : Math.round((Date.parse(`${row.last}T00:00:00Z`) - period.start.getTime()) / DAY_MS) + 1;
  return { total: new Dec(row.total), elapsed };
}

/** The test account's period values: under, over, projected over (see the file's comment). */
async function testAccountValues(db: Db, workspaceId: string, calendar: AccountingCalendar, now: Date) {
  const current = accountingPeriodOf(calendar, now);
  const last = accountingPeriodOf(calendar, new Date(current.start.getTime() - 1));
  const beforeLast = accountingPeriodOf(calendar, new Date(last.start.getTime() - 1));
  const values = new Map<string, string>();
  const key = (p: AccountingPeriod) => `${p.year}/${p.period}`;
  const under = await periodCost(db, workspaceId, TEST_BILLING_ACCOUNT.id, beforeLast);
  values.set(key(beforeLast), money(Dec.max(under.total.times(2), 100)));
  const over = await periodCost(db, workspaceId, TEST_BILLING_ACCOUNT.id, last);
  values.set(key(last), money(Dec.max(over.total.dividedBy('1.1'), 1)));
  const open = await periodCost(db, workspaceId, TEST_BILLING_ACCOUNT.id, current);
  const projected = open.elapsed === 0 ? open.total : open.total.dividedBy(open.elapsed).times(daysInPeriod(current));
  // Projected 5 % over budget while the actual is still under 80 % of it — possible while under ~76 % of the period has run.
  const projectedOnly = projected.dividedBy('1.05');
  values.set(key(current), money(open.total.lt(projectedOnly.times('0.8')) ? projectedOnly : Dec.max(open.total.dividedBy('0.85'), 1)));
  return { values, periods: [beforeLast, last, current] };
}

export async function seedBudgetsDemo(db: Db, workspaceId: string, now = new Date()): Promise<SeedBudgetsDemoResult> {
  const account = await db
    .selectFrom('billing_accounts')
    .select(['accounting_day', 'fiscal_start_month'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', TEST_BILLING_ACCOUNT.id)
    .executeTakeFirst();
  if (!account) return { budgets: 0, alerts: 0 };
  const calendar = { accountingDay: account.accounting_day, fiscalStartMonth: account.fiscal_start_month };
  const { values, periods } = await testAccountValues(db, workspaceId, calendar, now);
  const others = await db
    .selectFrom('billing_accounts')
    .select(['id', 'accounting_day', 'fiscal_start_month'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '!=', TEST_BILLING_ACCOUNT.id)
    .orderBy('id')
    .limit(OTHER_ACCOUNTS)
    .execute();

  const budgets = await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('budgets').where('workspace_id', '=', workspaceId).where('description', '=', DEMO_BUDGET_DESCRIPTION).execute();
    const insert = async (accountId: string, year: number, periodValue: (period: number) => string) => {
      const { id } = await trx
        .insertInto('budgets')
        .values({
          workspace_id: workspaceId, billing_account_id: accountId, budget_type: 'COST', resource_id: null, resource_header_id: null,
          accounting_year: year, currency_code: 'usd', description: DEMO_BUDGET_DESCRIPTION,
          standard_alerts_enabled: true, projected_alerts_enabled: true, use_default_thresholds: true,
          threshold1_percent: null, threshold2_percent: null, threshold3_percent: null, created_at: now, updated_at: now,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst() ?? {};
      if (id === undefined) return 0; // the account already has a budget of its own for that year
      await trx
        .insertInto('budget_periods')
        .values(Array.from({ length: 12 }, (_, i) => ({ workspace_id: workspaceId, budget_id: id, kind: 'COST' as const, accounting_period: i + 1, budget_value: periodValue(i + 1) })))
        .execute();
      return 1;
    };
    let count = 0;
    // The test account: one budget per accounting year its three periods fall in; other periods take the open period's value.
    const flat = values.get(`${periods[2]!.year}/${periods[2]!.period}`)!;
    for (const year of new Set(periods.map((p) => p.year))) {
      count += await insert(TEST_BILLING_ACCOUNT.id, year, (period) => values.get(`${year}/${period}`) ?? flat);
    }
    for (const other of others) {
      const year = accountingPeriodOf({ accountingDay: other.accounting_day, fiscalStartMonth: other.fiscal_start_month }, now).year;
      count += await insert(other.id, year, () => FLAT_BUDGET);
    }
    return count;
  });
  const evaluation = await evaluateBudgets(db, workspaceId, undefined, now, {
    rated: { fromDay: dayText(periods[0]!.start.getTime()), toDay: dayText(periods[2]!.end.getTime()) },
  });
  return { budgets, alerts: evaluation.alerts };
}
