/**
 * The JSON face of budgets (`/budgets/v1/budgets`, `/budgets/v1/usage`): the budget answered, the
 * body of a create or replace, the list and usage parameters. Money travels as decimal strings.
 */
import { type Static, Type } from '@sinclair/typebox';
import { listParameter, pagingQuery } from '../../platform/query/index.js';
import { catalogId } from '../metering/catalog/catalog.schemas.js';
import { MAX_THRESHOLD_PERCENT } from './budgets.enums.js';

/** What a budget value holds: numeric(24, 6) as Cloud Cruiser's BigDecimal was used, 18 digits before the point and 6 after. */
export const BUDGET_VALUE_PATTERN = '^\\d{1,18}(\\.\\d{1,6})?$';
export const BUDGET_VALUE_RULE = 'a non-negative decimal string with at most 18 digits before the point and 6 after, e.g. "1250.00"';
/** Three letters; kept as written (Cloud Cruiser's own examples say `usd`), compared case-insensitively. */
export const BUDGET_CURRENCY_PATTERN = '^[A-Za-z]{3}$';
export const MAX_BUDGET_DESCRIPTION_LENGTH = 1024;
export const INT_MAX = 2_147_483_647;
/** The JSON face's stored types; ALL is only a usage query value. */
export const JSON_BUDGET_TYPES = ['COST', 'RESOURCE'] as const;
export const USAGE_BUDGET_TYPES = ['COST', 'RESOURCE', 'ALL'] as const;

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

const literals = <T extends string>(values: readonly T[]) => values.map((v) => Type.Literal(v));

const money = (description: string) =>
  Type.String({ pattern: BUDGET_VALUE_PATTERN, description: `${description} A decimal string, never a JSON number.`, examples: ['1250.00'] });

const threshold = (level: number) =>
  Type.Union([Type.Integer({ minimum: 0, maximum: MAX_THRESHOLD_PERCENT }), Type.Null()], {
    description: `Threshold level ${level} in percent of the period budget (0–${MAX_THRESHOLD_PERCENT}; 0 turns the level off); null: not set. Used when useDefaultThresholds is false.`,
  });

export const BudgetPeriod = Type.Object(
  {
    accountingPeriod: Type.Integer({ minimum: 1, maximum: 12, description: 'The accounting period of the year, 1–12 (its dates follow the billing account\'s accountingDay and fiscalStartMonth).' }),
    budgetValue: money('The budget of that period.'),
  },
  { additionalProperties: false },
);

export const Budget = Type.Object(
  {
    id: Type.Integer({ description: 'The budget id (Cloud Cruiser\'s budgetId: the same number in /rest/v1).' }),
    type: Type.Union(literals(JSON_BUDGET_TYPES), { description: 'COST, or RESOURCE (reserved by Cloud Cruiser).' }),
    billingAccountId: catalogId('The billing account (Cloud Cruiser customer) the budget is for.'),
    customerId: Type.Integer({ description: 'The billing account\'s Cloud Cruiser customer id.' }),
    accountingYear: Type.Integer({ minimum: 1, maximum: 9999 }),
    currency: Type.String({ description: 'The currency of the budget values, as written (Cloud Cruiser writes `usd`); usage sums cost records of that currency, in any case.', examples: ['USD'] }),
    description: Type.Union([Type.String(), Type.Null()]),
    standardAlertsEnabled: Type.Boolean({ description: 'Alert when the cost so far reaches a threshold of the period budget.' }),
    projectedAlertsEnabled: Type.Boolean({ description: 'Alert when the cost projected to the period\'s end reaches a threshold.' }),
    useDefaultThresholds: Type.Boolean({ description: 'true: the workspace\'s default thresholds (/budgets/v1/settings) apply, not this budget\'s.' }),
    threshold1Percent: threshold(1),
    threshold2Percent: threshold(2),
    threshold3Percent: threshold(3),
    costPeriods: Type.Array(BudgetPeriod, { description: 'The period values, by accountingPeriod.' }),
    createdAt: Type.String({ format: 'date-time', description: 'When the budget was created. RFC 3339, UTC, with milliseconds.' }),
    updatedAt: Type.String({ format: 'date-time', description: 'When the budget last changed.' }),
  },
  { title: 'Budget' },
);
export type BudgetDto = Static<typeof Budget>;

/** The fields a body may hold; `id`, `customerId`, `createdAt` and `updatedAt` are there so that a budget read can be sent back. */
export const BUDGET_BODY_FIELDS = [
  'id', 'type', 'billingAccountId', 'customerId', 'accountingYear', 'currency', 'description', 'standardAlertsEnabled', 'projectedAlertsEnabled',
  'useDefaultThresholds', 'threshold1Percent', 'threshold2Percent', 'threshold3Percent', 'costPeriods', 'yearlyBudget', 'periodBudget',
  'createdAt', 'updatedAt',
] as const;

/** Checked by the service, so that one 400 names every bad field. */
export const BudgetBody = Type.Object(
  {
    id: Type.Optional(Type.Integer({ description: 'Read-only. POST: must be absent; PUT: if given, the id in the path.' })),
    type: Type.Optional(Type.Union(literals(JSON_BUDGET_TYPES), { description: 'Default COST.' })),
    billingAccountId: Type.Optional(catalogId('The billing account (Cloud Cruiser customer). Required unless customerId names it.')),
    customerId: Type.Optional(Type.Integer({ minimum: 1, description: 'The customer id, instead of (or agreeing with) billingAccountId.' })),
    accountingYear: Type.Integer({ minimum: 1, maximum: 9999 }),
    currency: Type.Optional(Type.String({ pattern: BUDGET_CURRENCY_PATTERN, description: 'Default: the billing account\'s currency.' })),
    description: Type.Optional(Type.Union([Type.String({ maxLength: MAX_BUDGET_DESCRIPTION_LENGTH }), Type.Null()])),
    standardAlertsEnabled: Type.Optional(Type.Boolean({ description: 'Default true.' })),
    projectedAlertsEnabled: Type.Optional(Type.Boolean({ description: 'Default true.' })),
    useDefaultThresholds: Type.Optional(
      Type.Boolean({ description: 'Default: true when no threshold is given, false when one is.' }),
    ),
    threshold1Percent: Type.Optional(threshold(1)),
    threshold2Percent: Type.Optional(threshold(2)),
    threshold3Percent: Type.Optional(threshold(3)),
    costPeriods: Type.Optional(
      Type.Array(BudgetPeriod, { minItems: 1, maxItems: 12, description: 'Up to 12 period values, each accountingPeriod once. One of costPeriods, yearlyBudget, periodBudget.' }),
    ),
    yearlyBudget: Type.Optional(
      money(
        'Cloud Cruiser\'s "Divide": the year\'s budget, divided by 12 exactly — periods 1–11 get the twelfth rounded down to the cent (or to the value\'s own scale when finer), period 12 the rest, so the 12 values sum to it.',
      ),
    ),
    periodBudget: Type.Optional(money('Cloud Cruiser\'s "Copy": the same value for each of the 12 periods.')),
    createdAt: Type.Optional(Type.String({ description: 'Read-only; ignored.' })),
    updatedAt: Type.Optional(Type.String({ description: 'Read-only; ignored.' })),
  },
  {
    additionalProperties: false,
    title: 'BudgetInput',
    description:
      'A whole budget: PUT replaces every field (absent optional fields take their defaults). Exactly one of costPeriods, yearlyBudget and periodBudget.',
  },
);

export const BudgetIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: INT_MAX, description: 'The budget id.' }) });

export const BudgetListQuery = Type.Object(
  {
    filter: Type.Optional(Type.String({ description: "Filter expression, e.g. `billingAccountId eq 'HP-AMS-999-USA-99999' and accountingYear eq 2027`." })),
    sort: listParameter('Comma list of `field [asc|desc]` (default `id`).'),
    select: listParameter('Comma list of the fields to return.'),
    ...pagingQuery({ defaultLimit: DEFAULT_LIMIT, maxLimit: MAX_LIMIT }),
  },
  { additionalProperties: false },
);

export const BudgetUsageQuery = Type.Object(
  {
    billingAccountId: catalogId('The billing account (Cloud Cruiser customer).'),
    accountingYear: Type.Optional(Type.Integer({ minimum: 1, maximum: 9999, description: 'Default: the account\'s current accounting year.' })),
    accountingPeriod: Type.Optional(Type.Integer({ minimum: 1, maximum: 12, description: 'Default: the account\'s current accounting period.' })),
    type: Type.Optional(Type.Union(literals(USAGE_BUDGET_TYPES), { description: 'Which budgets: COST, RESOURCE or ALL (default).' })),
  },
  { additionalProperties: false },
);
export type BudgetUsageQueryDto = Static<typeof BudgetUsageQuery>;

const USAGE_STATUSES = ['NO_USAGE', 'NO_BUDGET', 'UNDER_THRESHOLD', 'THRESHOLD_1', 'THRESHOLD_2', 'THRESHOLD_3'] as const;

export const PeriodBudgetUsage = Type.Object({
  budgetId: Type.Integer(),
  type: Type.String({ examples: ['COST'] }),
  valueType: Type.Literal('COST'),
  currency: Type.String(),
  periodBudgetValue: Type.String({ description: 'The budget of the period, a decimal string (`0` when the budget has none).' }),
  actualUsage: Type.String({ description: 'The billed cost of the period so far, from the rated cost records in the budget\'s currency; a decimal string.' }),
  usagePercent: Type.Integer({ description: 'actualUsage in percent of periodBudgetValue, rounded down (0 without a budget value).' }),
  status: Type.Union(literals(USAGE_STATUSES), {
    description: 'NO_USAGE (nothing rated), NO_BUDGET (no value for the period), UNDER_THRESHOLD, or the highest threshold reached.',
  }),
  projectedUsage: Type.Union([Type.String(), Type.Null()], {
    description:
      "The cost projected to the period's end by the rule projected alerts use: actualUsage ÷ elapsed days × days in the period, the " +
      'elapsed days counted from the first day to the last day with a billed cost (a decimal string). Once the period has ended, the ' +
      'actual; null for a period not yet begun (Consumo extension).',
  }),
});

export const BudgetUsage = Type.Object(
  {
    billingAccountId: Type.String(),
    customerId: Type.Integer(),
    accountingDay: Type.Integer(),
    accountingYear: Type.Integer(),
    accountingPeriod: Type.Integer(),
    accountingStartDate: Type.String({ format: 'date', description: 'The period\'s first day.' }),
    accountingEndDate: Type.String({ format: 'date', description: 'The period\'s last day (inclusive).' }),
    standardAlertsEnabled: Type.Boolean({ description: 'Of the COST budget (else the first), false without a budget.' }),
    projectedAlertsEnabled: Type.Boolean(),
    useDefaultThresholds: Type.Boolean(),
    threshold1Percent: Type.Integer({ description: 'The thresholds in force: the workspace\'s defaults, or the budget\'s own.' }),
    threshold2Percent: Type.Integer(),
    threshold3Percent: Type.Integer(),
    periodBudgetUsage: Type.Array(PeriodBudgetUsage, { description: 'One per budget of the account and year.' }),
  },
  { title: 'BudgetUsage' },
);
export type BudgetUsageDto = Static<typeof BudgetUsage>;
