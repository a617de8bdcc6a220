/**
 * The alert evaluation's SQL, set-based whatever the number of customers: the budgets to evaluate
 * in one query, every (customer, period) standing — billed cost so far from the daily rollups, the
 * last day with cost, the period's budget value, the highest alert levels it has — in one statement
 * over `unnest` arrays, and the new alerts and their outbox rows each in one insert.
 */
import { sql } from 'kysely';
import type { Executor } from '../../../storage/database.js';
import { type BulkColumn, arrayParameters, encodeBatch } from '../../../storage/bulk-insert.js';
import { lockBudgetEvaluation } from '../../../storage/advisory-locks.js';
import type { AlertKind } from '../budgets.enums.js';
import { intArray, textArray } from '../../../storage/array-literals.js';

/** A COST budget with an alert kind enabled, with its customer's calendar. */
export interface EvaluationBudgetRow {
  budget_id: number;
  billing_account_id: string;
  accounting_day: number;
  fiscal_start_month: number;
  accounting_year: number;
  currency_code: string;
  standard_alerts_enabled: boolean;
  projected_alerts_enabled: boolean;
  use_default_thresholds: boolean;
  threshold1_percent: number | null;
  threshold2_percent: number | null;
  threshold3_percent: number | null;
}

export interface BudgetScope {
  /** Only these customers (billing account ids). */
  accountIds?: readonly string[];
  /** Only customers with rollups on days [from, to) (YYYY-MM-DD). */
  withUsage?: { from: string; to: string };
  /** Accounting years lo..hi (a superset: the caller keeps the years its periods fall in). */
  years: { lo: number; hi: number };
}


/**
 * Opens an evaluation in its transaction: waits for the workspace's other evaluations, and sets
 * how its statements are planned. Each is planned for its own arrays (a generic plan of a prepared
 * statement guesses a few rows for an `unnest` of 10,000 and picks nested loops that take
 * minutes), and without JIT: the statements are large in cost estimate but short in time, and
 * compiling their expressions took longer than running them (ADR 0018).
 */
export async function beginEvaluation(trx: Executor, workspaceId: string): Promise<void> {
  await sql`set local plan_cache_mode = force_custom_plan`.execute(trx);
  await sql`set local jit = off`.execute(trx);
  await lockBudgetEvaluation(trx, workspaceId);
}

export async function budgetsToEvaluate(db: Executor, workspaceId: string, scope: BudgetScope): Promise<EvaluationBudgetRow[]> {
  let query = db
    .selectFrom('budgets as b')
    .innerJoin('billing_accounts as c', (j) => j.onRef('c.workspace_id', '=', 'b.workspace_id').onRef('c.id', '=', 'b.billing_account_id'))
    .select([
      'b.id as budget_id',
      'b.billing_account_id',
      'c.accounting_day',
      'c.fiscal_start_month',
      'b.accounting_year',
      'b.currency_code',
      'b.standard_alerts_enabled',
      'b.projected_alerts_enabled',
      'b.use_default_thresholds',
      'b.threshold1_percent',
      'b.threshold2_percent',
      'b.threshold3_percent',
    ])
    .where('b.workspace_id', '=', workspaceId)
    .where('b.budget_type', '=', 'COST')
    .where('b.resource_id', 'is', null)
    .where((eb) => eb.or([eb('b.standard_alerts_enabled', '=', true), eb('b.projected_alerts_enabled', '=', true)]))
    .where('b.accounting_year', '>=', scope.years.lo)
    .where('b.accounting_year', '<=', scope.years.hi);
  if (scope.accountIds) {
    if (scope.accountIds.length === 0) return [];
    query = query.where(sql<boolean>`b.billing_account_id = any(${textArray(scope.accountIds)}::text[])`);
  }
  if (scope.withUsage) {
    const { from, to } = scope.withUsage;
    query = query.where('b.billing_account_id', 'in', (eb) =>
      eb
        .selectFrom('cost_rollups_daily')
        .select('billing_account_id')
        .where('workspace_id', '=', workspaceId)
        .where('day', '>=', from)
        .where('day', '<', to),
    );
  }
  return query.orderBy('b.billing_account_id').orderBy('b.accounting_year').execute();
}

/** One (customer, period) to evaluate. Days are YYYY-MM-DD; `endDay` is exclusive. */
export interface PeriodTarget {
  accountId: string;
  budgetId: number;
  currency: string;
  year: number;
  period: number;
  startDay: string;
  endDay: string;
}

/** Where a target stands: only targets with billed cost above 0 are answered. */
export interface PeriodStanding {
  /** The target's index in the array given. */
  index: number;
  /** Billed cost of the period so far (numeric, as PostgreSQL writes it). */
  actual: string;
  /** Days from the period's start through its last day with cost (inclusive). */
  elapsed_days: number;
  /** The budget's COST value for the period, null when it has none. */
  budget_value: string | null;
  /** The highest level of the period's existing alerts per kind, 0 for none. */
  standard_level: number;
  projected_level: number;
}

/**
 * Every target's standing in one statement. The targets are grouped by window — their distinct
 * (start, end, currency): one when every customer counts from the same day, at most a few dozen —
 * and per window the rollups of its customers (an array) are summed by account over its days, as a
 * bare total would be, the windows side by side (`union all`). The sums are matched to the targets
 * (`unnest` arrays) with their period values and the highest alert levels their periods have.
 * Currencies are compared case-insensitively. Run it in a transaction begun by `beginEvaluation`:
 * planned as a generic prepared statement, it takes minutes.
 */
export async function periodStandings(db: Executor, workspaceId: string, targets: readonly PeriodTarget[]): Promise<PeriodStanding[]> {
  if (targets.length === 0) return [];
  const windows = new Map<string, { index: number; startDay: string; endDay: string; currency: string; accounts: string[] }>();
  const windowOf = targets.map((t) => {
    const currency = t.currency.toUpperCase();
    const key = `${t.startDay}|${t.endDay}|${currency}`;
    let w = windows.get(key);
    if (!w) windows.set(key, (w = { index: windows.size, startDay: t.startDay, endDay: t.endDay, currency, accounts: [] }));
    w.accounts.push(t.accountId);
    return w.index;
  });
  const sums = [...windows.values()].map(
    (w) => sql`
      select ${w.index}::int4 as w, r.billing_account_id, sum(r.billed_cost) as actual, max(r.day) filter (where r.billed_cost <> 0) as last_day
      from cost_rollups_daily r
      where r.workspace_id = ${workspaceId} and r.billing_account_id = any(${textArray(w.accounts)}::text[])
        and r.day >= ${w.startDay}::date and r.day < ${w.endDay}::date and upper(r.billing_currency) = ${w.currency}
      group by r.billing_account_id`,
  );
  const { rows } = await sql<PeriodStanding>`
    with t as (
      select * from unnest(
        ${textArray(targets.map((t) => t.accountId))}::text[],
        ${intArray(windowOf)}::int4[],
        ${textArray(targets.map((t) => t.startDay))}::date[],
        ${intArray(targets.map((t) => t.budgetId))}::int4[],
        ${intArray(targets.map((t) => t.year))}::int4[],
        ${intArray(targets.map((t) => t.period))}::int4[]
      ) with ordinality as t(account_id, w, start_day, budget_id, accounting_year, accounting_period, i)
    ),
    sums as (${sql.join(sums, sql` union all `)})
    select (t.i - 1)::int as index,
      s.actual::text as actual,
      (greatest(s.last_day - t.start_day, 0) + 1)::int as elapsed_days,
      p.budget_value::text as budget_value,
      coalesce(a.standard_level, 0)::int as standard_level,
      coalesce(a.projected_level, 0)::int as projected_level
    from sums s
    join t on t.w = s.w and t.account_id = s.billing_account_id
    left join budget_periods p on p.workspace_id = ${workspaceId} and p.budget_id = t.budget_id and p.kind = 'COST' and p.accounting_period = t.accounting_period
    left join lateral (
      select max(threshold_level) filter (where alert_type = 'STANDARD') as standard_level,
        max(threshold_level) filter (where alert_type = 'PROJECTED') as projected_level
      from budget_alerts x
      where x.workspace_id = ${workspaceId} and x.billing_account_id = t.account_id
        and x.accounting_year = t.accounting_year and x.accounting_period = t.accounting_period
    ) a on true
    where s.actual > 0
    order by t.i`.execute(db);
  return rows;
}

export interface NewAlert {
  billingAccountId: string;
  budgetId: number;
  year: number;
  period: number;
  kind: AlertKind;
  level: number;
  thresholdPercent: number;
  currency: string;
  budgetValue: string;
  actualValue: string;
  projectedValue: string | null;
}

export interface InsertedAlert {
  id: number;
  billing_account_id: string;
  accounting_year: number;
  accounting_period: number;
  alert_type: AlertKind;
  threshold_level: number;
}

const ALERT_COLUMNS: readonly BulkColumn<'budget_alerts', NewAlert>[] = [
  { name: 'billing_account_id', type: 'text', value: (a) => a.billingAccountId },
  { name: 'budget_id', type: 'int4', value: (a) => a.budgetId },
  { name: 'accounting_year', type: 'int4', value: (a) => a.year },
  { name: 'accounting_period', type: 'int4', value: (a) => a.period },
  { name: 'alert_type', type: 'text', value: (a) => a.kind },
  { name: 'threshold_level', type: 'int4', value: (a) => a.level },
  { name: 'threshold_percent', type: 'int4', value: (a) => a.thresholdPercent },
  { name: 'currency_code', type: 'text', value: (a) => a.currency },
  { name: 'budget_value', type: 'numeric', value: (a) => a.budgetValue },
  { name: 'actual_value', type: 'numeric', value: (a) => a.actualValue },
  { name: 'projected_value', type: 'numeric', value: (a) => a.projectedValue },
];

/**
 * Inserts the alerts in one statement; an alert whose (customer, period, level, kind) exists
 * already is skipped (`budget_alerts_once`). Answers the rows inserted.
 */
export async function insertAlerts(db: Executor, workspaceId: string, alerts: readonly NewAlert[], alertDate: Date): Promise<InsertedAlert[]> {
  if (alerts.length === 0) return [];
  const batch = encodeBatch('budget_alerts', ALERT_COLUMNS, alerts);
  const names = sql.join(['workspace_id', 'alert_date', ...batch.columns.map((c) => c.name)].map((n) => sql.ref(n)));
  const { rows } = await sql<InsertedAlert>`
    insert into budget_alerts (${names})
    select ${workspaceId}::text, ${alertDate.toISOString()}::timestamptz, * from unnest(${arrayParameters(batch)})
    on conflict do nothing
    returning id, billing_account_id, accounting_year, accounting_period, alert_type, threshold_level`.execute(db);
  return rows;
}

export interface NewDelivery {
  id: string;
  alertId: number;
  channelId: string;
  recipient: string;
}

const DELIVERY_COLUMNS: readonly BulkColumn<'notification_deliveries', NewDelivery>[] = [
  { name: 'id', type: 'uuid', value: (d) => d.id },
  { name: 'alert_id', type: 'int4', value: (d) => d.alertId },
  { name: 'channel_id', type: 'uuid', value: (d) => d.channelId },
  { name: 'recipient', type: 'text', value: (d) => d.recipient },
];

/** The outbox rows of new alerts, PENDING, in one statement; answers the ids inserted. */
export async function insertDeliveries(db: Executor, workspaceId: string, deliveries: readonly NewDelivery[], now: Date): Promise<string[]> {
  if (deliveries.length === 0) return [];
  const batch = encodeBatch('notification_deliveries', DELIVERY_COLUMNS, deliveries);
  const names = sql.join(['workspace_id', 'status', 'created_at', 'updated_at', ...batch.columns.map((c) => c.name)].map((n) => sql.ref(n)));
  const at = now.toISOString();
  const { rows } = await sql<{ id: string }>`
    insert into notification_deliveries (${names})
    select ${workspaceId}::text, 'PENDING', ${at}::timestamptz, ${at}::timestamptz, * from unnest(${arrayParameters(batch)})
    on conflict do nothing
    returning id`.execute(db);
  return rows.map((r) => r.id);
}
