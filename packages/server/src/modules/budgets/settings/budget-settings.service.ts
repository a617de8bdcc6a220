/**
 * The workspace's budget settings: default thresholds (system defaults 80/100/120 while no row
 * exists) and the default alert cost level, read by the alert evaluation and kept by the JSON face.
 */
import type { Db, Executor } from '../../../storage/database.js';
import type { JobQueue } from '../../../platform/jobs/index.js';
import { type Issue, badRequest } from '../../../platform/errors/index.js';
import { isoUtcMillis } from '../../../platform/query/index.js';
import { DEFAULT_THRESHOLDS, MAX_THRESHOLD_PERCENT } from '../budgets.enums.js';
import { enqueueBudgetEvaluation } from '../alerts/evaluation-queue.js';
import * as repo from './budget-settings.repository.js';
import { type BudgetSettingsDto, COST_LEVEL_PATTERN, CURRENCY_CODE_PATTERN } from './budget-settings.schemas.js';

export type Thresholds = readonly [number, number, number];

export interface BudgetSettings {
  thresholds: Thresholds;
  /** A non-negative decimal string, or null: no default. */
  defaultAlertCostLevel: string | null;
  /** Upper-case ISO 4217, or null: the default applies whatever the budget's currency. */
  defaultAlertCurrency: string | null;
  updatedAt: Date | null;
}

export const SYSTEM_DEFAULTS: BudgetSettings = { thresholds: DEFAULT_THRESHOLDS, defaultAlertCostLevel: null, defaultAlertCurrency: null, updatedAt: null };

function fromRow(row: repo.BudgetSettingsRow | undefined): BudgetSettings {
  if (!row) return SYSTEM_DEFAULTS;
  return {
    thresholds: [row.threshold1_percent, row.threshold2_percent, row.threshold3_percent],
    defaultAlertCostLevel: row.default_alert_cost_level,
    defaultAlertCurrency: row.default_alert_currency,
    updatedAt: row.updated_at,
  };
}

/** What a budget says about its thresholds. */
export interface BudgetThresholdColumns {
  use_default_thresholds: boolean;
  threshold1_percent: number | null;
  threshold2_percent: number | null;
  threshold3_percent: number | null;
}

/** The thresholds a budget is evaluated with: the workspace's defaults, or its own (absent = 0, off); the defaults without a budget. */
export function thresholdsInForce(budget: BudgetThresholdColumns | undefined, settings: BudgetSettings): Thresholds {
  if (!budget || budget.use_default_thresholds) return settings.thresholds;
  return [budget.threshold1_percent ?? 0, budget.threshold2_percent ?? 0, budget.threshold3_percent ?? 0];
}

export async function loadBudgetSettings(db: Executor, workspaceId: string): Promise<BudgetSettings> {
  return fromRow(await repo.findSettings(db, workspaceId));
}

/**
 * The default alert cost level for a budget in `currency`: the workspace's level when it has one
 * whose currency is unset or the budget's (compared case-insensitively), else null.
 */
export function defaultCostLevelFor(settings: BudgetSettings, currency: string): string | null {
  if (settings.defaultAlertCostLevel === null) return null;
  if (settings.defaultAlertCurrency !== null && settings.defaultAlertCurrency.toUpperCase() !== currency.toUpperCase()) return null;
  return settings.defaultAlertCostLevel;
}

function toDto(settings: BudgetSettings): BudgetSettingsDto {
  const [t1, t2, t3] = settings.thresholds;
  return {
    threshold1Percent: t1,
    threshold2Percent: t2,
    threshold3Percent: t3,
    defaultAlertCostLevel: settings.defaultAlertCostLevel,
    defaultAlertCurrency: settings.defaultAlertCurrency,
    updatedAt: settings.updatedAt && isoUtcMillis(settings.updatedAt),
  };
}

export async function getSettings(db: Executor, workspaceId: string): Promise<BudgetSettingsDto> {
  return toDto(await loadBudgetSettings(db, workspaceId));
}

const FIELDS = ['threshold1Percent', 'threshold2Percent', 'threshold3Percent', 'defaultAlertCostLevel', 'defaultAlertCurrency'] as const;
const COST_LEVEL = new RegExp(COST_LEVEL_PATTERN);
const CURRENCY = new RegExp(CURRENCY_CODE_PATTERN);

/** Reads a PUT body: every problem becomes one issue of a single 400; absent or null fields take their defaults. */
export function readSettingsBody(body: unknown): repo.BudgetSettingsValues {
  const issues: Issue[] = [];
  const fail = (subject: string, description: string) => issues.push({ source: 'field', subject, description });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest([{ source: 'field', subject: 'body', description: 'Must be a JSON object.' }]);
  const item = body as Record<string, unknown>;
  for (const name of Object.keys(item)) if (!(FIELDS as readonly string[]).includes(name)) fail(name, 'Unknown property.');

  const threshold = (level: 1 | 2 | 3): number => {
    const field = `threshold${level}Percent`;
    const value = item[field];
    if (value === undefined || value === null) return DEFAULT_THRESHOLDS[level - 1]!;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_THRESHOLD_PERCENT) {
      fail(field, `Must be an integer from 0 to ${MAX_THRESHOLD_PERCENT} (0 turns the level off).`);
      return 0;
    }
    return value;
  };
  const text = (field: string, pattern: RegExp, rule: string): string | null => {
    const value = item[field];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string' || !pattern.test(value)) {
      fail(field, `${rule}${typeof value === 'number' ? ', not a JSON number' : ''}.`);
      return null;
    }
    return value;
  };
  const values: repo.BudgetSettingsValues = {
    threshold1_percent: threshold(1),
    threshold2_percent: threshold(2),
    threshold3_percent: threshold(3),
    default_alert_cost_level: text('defaultAlertCostLevel', COST_LEVEL, 'Must be a non-negative decimal string such as "5000.00" (at most 18 digits before the point and 6 after)'),
    default_alert_currency: text('defaultAlertCurrency', CURRENCY, 'Must be an ISO 4217 currency code: three letters, e.g. USD')?.toUpperCase() ?? null,
  };
  if (issues.length > 0) throw badRequest(issues);
  return values;
}

/** Replaces the settings and, in the same transaction, asks for an evaluation of every customer: new thresholds may cross now. */
export async function putSettings(deps: { db: Db; jobs: JobQueue }, workspaceId: string, body: unknown, now: Date): Promise<BudgetSettingsDto> {
  const values = readSettingsBody(body);
  const row = await deps.db.transaction().execute(async (trx) => {
    const written = await repo.upsertSettings(trx, workspaceId, values, now);
    await enqueueBudgetEvaluation(deps.jobs, trx, { workspaceId });
    return written;
  });
  return toDto(fromRow(row));
}
