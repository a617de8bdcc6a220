/**
 * One budget-alert evaluation of a workspace, set-based (ADR 0018): the budgets concerned in one
 * query, each customer's periods from its accounting calendar in JS, every period's standing in one
 * statement over `unnest` arrays, the rules (alert-rules.ts) in JS, the new alerts in one insert and
 * — when a job queue is given — their outbox rows and delivery jobs in the same transaction. The
 * workspace's evaluations take turns (an advisory lock), so levels fire in order.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../../storage/database.js';
import type { JobQueue } from '../../../platform/jobs/index.js';
import { dayText } from '../../../platform/formats/index.js';
import { daysInPeriod } from '../../../platform/calendar/accounting-calendar.js';
import { defaultCostLevelFor, loadBudgetSettings, thresholdsInForce } from '../settings/budget-settings.service.js';
import { enabledChannels } from '../notifications/notification-channels.repository.js';
import { enqueueDeliveries } from '../notifications/delivery-queue.js';
import { alertsToCreate, periodBudget } from './alert-rules.js';
import * as repo from './alerts.repository.js';
import { type PeriodToEvaluate, type RatedDays, periodsToEvaluate, ratedRange } from './evaluation-periods.js';

export interface EvaluationOptions {
  /** Days a rating run rated: customers without accountIds are those with usage there, and their periods are evaluated too. */
  rated?: RatedDays;
  /** Write the outbox and enqueue the deliveries; without it alerts are recorded and nobody is notified (demo seeding). */
  notify?: { jobs: JobQueue; maxAttempts: number };
}

export interface EvaluationSummary {
  /** Budgets (customer-years) looked at. */
  budgets: number;
  /** (customer, period) pairs evaluated. */
  periods: number;
  alerts: number;
  deliveries: number;
}

interface Target extends repo.PeriodTarget {
  budget: repo.EvaluationBudgetRow;
  periodOf: PeriodToEvaluate;
}

/** Each budget's periods to evaluate: those of its customer's calendar (now, rated days) that fall in its accounting year. */
function targetsOf(budgets: readonly repo.EvaluationBudgetRow[], now: Date, rated: { from: Date; to: Date } | undefined): Target[] {
  const targets: Target[] = [];
  const periodsByCalendar = new Map<string, PeriodToEvaluate[]>();
  for (const budget of budgets) {
    const key = `${budget.accounting_day}/${budget.fiscal_start_month}`;
    let periods = periodsByCalendar.get(key);
    if (!periods) {
      periods = periodsToEvaluate({ accountingDay: budget.accounting_day, fiscalStartMonth: budget.fiscal_start_month }, now, rated);
      periodsByCalendar.set(key, periods);
    }
    for (const p of periods) {
      if (p.year !== budget.accounting_year) continue;
      targets.push({
        accountId: budget.billing_account_id,
        budgetId: budget.budget_id,
        currency: budget.currency_code,
        year: p.year,
        period: p.period,
        startDay: dayText(p.start),
        endDay: dayText(p.end),
        budget,
        periodOf: p,
      });
    }
  }
  return targets;
}

/** The accounting years the instants can fall in, whatever the calendar: a year is named by the calendar year its period 1 starts in. */
function yearsAround(instants: readonly Date[]): { lo: number; hi: number } {
  const years = instants.map((d) => d.getUTCFullYear());
  return { lo: Math.min(...years) - 1, hi: Math.max(...years) };
}

/**
 * Evaluates the budgets of `accountIds` (undefined: of the customers with usage on the rated days,
 * or of every customer when no days are given) at `now`: the open period and the periods of the
 * rated days. Creates the alerts due, never one twice.
 */
export async function evaluateBudgets(
  db: Db,
  workspaceId: string,
  accountIds: readonly string[] | undefined,
  now: Date,
  options: EvaluationOptions = {},
): Promise<EvaluationSummary> {
  const rated = options.rated && ratedRange(options.rated);
  return db.transaction().execute(async (trx) => {
    await repo.beginEvaluation(trx, workspaceId);
    const scope: repo.BudgetScope = { years: yearsAround(rated ? [now, rated.from, rated.to] : [now]) };
    if (accountIds) scope.accountIds = accountIds;
    else if (options.rated) scope.withUsage = { from: options.rated.fromDay, to: options.rated.toDay };
    const budgets = await repo.budgetsToEvaluate(trx, workspaceId, scope);
    const targets = targetsOf(budgets, now, rated);
    const summary: EvaluationSummary = { budgets: budgets.length, periods: targets.length, alerts: 0, deliveries: 0 };
    if (targets.length === 0) return summary;

    const settings = await loadBudgetSettings(trx, workspaceId);
    const standings = await repo.periodStandings(trx, workspaceId, targets);
    const newAlerts: repo.NewAlert[] = [];
    for (const standing of standings) {
      const target = targets[standing.index]!;
      const { budget, periodOf } = target;
      const due = alertsToCreate({
        budget: periodBudget(standing.budget_value, defaultCostLevelFor(settings, budget.currency_code)),
        actual: standing.actual,
        elapsedDays: Math.min(standing.elapsed_days, daysInPeriod(periodOf)),
        daysInPeriod: daysInPeriod(periodOf),
        thresholds: thresholdsInForce(budget, settings),
        standardEnabled: budget.standard_alerts_enabled,
        projectedEnabled: budget.projected_alerts_enabled,
        periodOpen: periodOf.open,
        existing: { STANDARD: standing.standard_level, PROJECTED: standing.projected_level },
      });
      for (const a of due) {
        newAlerts.push({
          billingAccountId: target.accountId,
          budgetId: target.budgetId,
          year: target.year,
          period: target.period,
          kind: a.kind,
          level: a.level,
          thresholdPercent: a.thresholdPercent,
          currency: budget.currency_code,
          budgetValue: a.budgetValue,
          actualValue: a.actualValue,
          projectedValue: a.projectedValue,
        });
      }
    }
    const inserted = await repo.insertAlerts(trx, workspaceId, newAlerts, now);
    summary.alerts = inserted.length;
    if (inserted.length === 0 || !options.notify) return summary;

    const channels = await enabledChannels(trx, workspaceId);
    const deliveries: repo.NewDelivery[] = [];
    for (const alert of inserted) {
      for (const channel of channels) {
        const recipients = channel.kind === 'WEBHOOK' ? [channel.url!] : channel.recipients;
        for (const recipient of recipients) deliveries.push({ id: randomUUID(), alertId: alert.id, channelId: channel.id, recipient });
      }
    }
    const ids = await repo.insertDeliveries(trx, workspaceId, deliveries, now);
    await enqueueDeliveries(options.notify.jobs, trx, workspaceId, ids, options.notify.maxAttempts);
    summary.deliveries = ids.length;
    return summary;
  });
}
