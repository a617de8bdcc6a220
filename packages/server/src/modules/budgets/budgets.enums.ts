/** Cloud Cruiser 3 budget vocabulary (https://docs.consumption.support.hpe.com/CC3/07REST_API_reference/Budgets_and_alerts). */

/** The namespace of every budget document. */
export const BUDGET_NS = 'http://www.cloudcruiser.com/webservices/v1/Budget';

/** `BudgetAlertType`: RESOURCE is reserved by Cloud Cruiser and unused; ALL is a query value. */
export const BUDGET_ALERT_TYPES = ['COST', 'RESOURCE', 'ALL'] as const;
export type BudgetAlertType = (typeof BUDGET_ALERT_TYPES)[number];

/** Threshold levels 1–3, in percent of the period budget; 0 turns a level off. */
export const THRESHOLD_LEVELS = [1, 2, 3] as const;
export const MAX_THRESHOLD_PERCENT = 1000;
/** The system defaults (Cloud Cruiser's): 80, 100 and 120 percent. */
export const DEFAULT_THRESHOLDS = [80, 100, 120] as const;

/** The budget types a budget is stored with (ALL is only a query value). */
export type StoredBudgetType = Exclude<BudgetAlertType, 'ALL'>;

/** A budget's two period lists: `costPeriods` and `unitsPeriods`. */
export const BUDGET_PERIOD_KINDS = ['COST', 'UNITS'] as const;
export type BudgetPeriodKind = (typeof BUDGET_PERIOD_KINDS)[number];

/** Standard: actual so far against threshold × budget. Projected: actual ÷ elapsed days × days in the period. */
export const ALERT_KINDS = ['STANDARD', 'PROJECTED'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
