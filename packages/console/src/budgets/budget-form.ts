/**
 * The budget editor's state, checked here with the API's own patterns and bounds before it is sent
 * (the server checks again; its 400 names the same fields). Errors are keyed by the API's field
 * names (`costPeriods[3].budgetValue`, `threshold1Percent`, …) so the server's issues land at the
 * same inputs as ours.
 */
import { issuesAbout } from '../api/errors.js';
import { MONEY } from './budget-amount.js';
import { PERIOD_NUMBERS } from './periods.js';
import type { Budget, BudgetInput } from './types.js';

export interface BudgetForm {
  billingAccountId: string;
  accountingYear: string;
  /** '' : the billing account's currency. */
  currency: string;
  description: string;
  /** The 12 period values, decimal text. */
  values: string[];
  standardAlertsEnabled: boolean;
  projectedAlertsEnabled: boolean;
  useDefaultThresholds: boolean;
  /** Percent text per level; '' is not set. */
  thresholds: [string, string, string];
}

export type FieldErrors = Partial<Record<string, string>>;

export const MAX_THRESHOLD_PERCENT = 1000;
const ACCOUNT = /^(?!\.{1,2}$)[A-Za-z0-9._:@/-]{1,256}$/;
const CURRENCY = /^[A-Za-z]{3}$/;
const INTEGER = /^\d+$/;
export const MONEY_RULE = 'Enter an amount ≥ 0: digits, optionally a point and up to 6 decimals (at most 18 digits before it), e.g. 1250.00.';

export const valueField = (accountingPeriod: number) => `costPeriods[${accountingPeriod - 1}].budgetValue`;
export const thresholdField = (level: 1 | 2 | 3) => `threshold${level}Percent`;
export const LEVELS = [1, 2, 3] as const;

/** Every field an error can name, ours or the server's. */
export const FORM_FIELDS: readonly string[] = [
  'billingAccountId',
  'customerId',
  'accountingYear',
  'currency',
  'description',
  'costPeriods',
  ...PERIOD_NUMBERS.flatMap((p) => [valueField(p), `costPeriods[${p - 1}]`, `costPeriods[${p - 1}].accountingPeriod`]),
  ...LEVELS.map(thresholdField),
  'useDefaultThresholds',
];

export function newBudgetForm(billingAccountId: string, accountingYear: number, currency = ''): BudgetForm {
  return {
    billingAccountId,
    accountingYear: String(accountingYear),
    currency,
    description: '',
    values: PERIOD_NUMBERS.map(() => ''),
    standardAlertsEnabled: true,
    projectedAlertsEnabled: true,
    useDefaultThresholds: true,
    thresholds: ['', '', ''],
  };
}

export function budgetToForm(budget: Budget): BudgetForm {
  const byPeriod = new Map(budget.costPeriods.map((p) => [p.accountingPeriod, p.budgetValue]));
  const percent = (value: number | null) => (value === null ? '' : String(value));
  return {
    billingAccountId: budget.billingAccountId,
    accountingYear: String(budget.accountingYear),
    currency: budget.currency,
    description: budget.description ?? '',
    values: PERIOD_NUMBERS.map((p) => byPeriod.get(p) ?? '0'),
    standardAlertsEnabled: budget.standardAlertsEnabled,
    projectedAlertsEnabled: budget.projectedAlertsEnabled,
    useDefaultThresholds: budget.useDefaultThresholds,
    thresholds: [percent(budget.threshold1Percent), percent(budget.threshold2Percent), percent(budget.threshold3Percent)],
  };
}

/** One period value: '' when it is a decimal ≥ 0 the API takes, else the rule in words. */
export function checkAmount(text: string): string {
  const value = text.trim();
  if (value === '') return 'Enter a value (0 for none).';
  if (value.startsWith('-')) return 'Must not be negative.';
  return MONEY.test(value) ? '' : MONEY_RULE;
}

export function validateBudgetForm(form: BudgetForm): FieldErrors {
  const errors: FieldErrors = {};
  if (!ACCOUNT.test(form.billingAccountId.trim())) errors.billingAccountId = 'Enter the billing account id (letters, digits and . _ : @ / -, at most 256).';
  const year = form.accountingYear.trim();
  if (!INTEGER.test(year) || Number(year) < 1 || Number(year) > 9999) errors.accountingYear = 'Enter a year from 1 to 9999.';
  if (form.currency.trim() !== '' && !CURRENCY.test(form.currency.trim())) errors.currency = 'A three-letter currency code, e.g. USD (or leave empty for the account’s).';
  if (form.description.length > 1024) errors.description = 'At most 1024 characters.';
  PERIOD_NUMBERS.forEach((p) => {
    const problem = checkAmount(form.values[p - 1] ?? '');
    if (problem) errors[valueField(p)] = problem;
  });
  if (!form.useDefaultThresholds) {
    LEVELS.forEach((level) => {
      const text = (form.thresholds[level - 1] ?? '').trim();
      if (text === '') return;
      if (!INTEGER.test(text) || Number(text) > MAX_THRESHOLD_PERCENT) errors[thresholdField(level)] = `A whole percent from 0 to ${MAX_THRESHOLD_PERCENT} (0 turns the level off).`;
    });
  }
  return errors;
}

/**
 * The body of POST or PUT: the whole budget (PUT replaces every field), the 12 values as
 * costPeriods, amounts as written (trimmed), a threshold left empty as null.
 */
export function budgetBody(form: BudgetForm): BudgetInput {
  const percent = (text: string) => (text.trim() === '' ? null : Number(text.trim()));
  const body: BudgetInput = {
    type: 'COST',
    billingAccountId: form.billingAccountId.trim(),
    accountingYear: Number(form.accountingYear.trim()),
    description: form.description.trim() === '' ? null : form.description.trim(),
    standardAlertsEnabled: form.standardAlertsEnabled,
    projectedAlertsEnabled: form.projectedAlertsEnabled,
    useDefaultThresholds: form.useDefaultThresholds,
    threshold1Percent: percent(form.thresholds[0]),
    threshold2Percent: percent(form.thresholds[1]),
    threshold3Percent: percent(form.thresholds[2]),
    costPeriods: PERIOD_NUMBERS.map((p) => ({ accountingPeriod: p, budgetValue: (form.values[p - 1] ?? '').trim() })),
  };
  if (form.currency.trim() !== '') body.currency = form.currency.trim();
  return body;
}

/** The server's 400 issues by the field they name (only the fields the form shows). */
export function serverFieldErrors(error: unknown): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of FORM_FIELDS) {
    const issues = issuesAbout(error, field);
    if (issues.length === 0) continue;
    // costPeriods[i] and its accountingPeriod are shown at that period's value input.
    const at = /^costPeriods\[(\d+)\](\.accountingPeriod)?$/.exec(field) ? `${field.replace(/\.accountingPeriod$/, '')}.budgetValue` : field === 'customerId' ? 'billingAccountId' : field;
    errors[at] = [errors[at], ...issues].filter(Boolean).join(' ');
  }
  return errors;
}

