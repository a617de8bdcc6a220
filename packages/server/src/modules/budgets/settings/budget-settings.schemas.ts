/** The budget settings resource (`/budgets/v1/settings`): the workspace's default thresholds and default alert cost level. */
import { type Static, Type } from '@sinclair/typebox';
import { MAX_THRESHOLD_PERCENT } from '../budgets.enums.js';

/** What a default alert cost level may hold: as a budget value, 18 digits before the point and 6 after. */
export const COST_LEVEL_PATTERN = '^\\d{1,18}(\\.\\d{1,6})?$';
export const CURRENCY_CODE_PATTERN = '^[A-Za-z]{3}$';

const threshold = (level: number, fallback: number) =>
  Type.Integer({
    minimum: 0,
    maximum: MAX_THRESHOLD_PERCENT,
    description: `Threshold level ${level} in percent of the period budget (0–${MAX_THRESHOLD_PERCENT}; 0 turns the level off). Default ${fallback}.`,
  });

const costLevel = Type.Union(
  [
    Type.String({
      pattern: COST_LEVEL_PATTERN,
      description: 'A non-negative decimal string (at most 18 digits before the point and 6 after), never a JSON number.',
      examples: ['5000.00'],
    }),
    Type.Null(),
  ],
  {
    description:
      'The period budget alerts are measured against when a budget has alerts enabled but no value (or 0) for the period; null: no alert for such a period.',
  },
);

const currency = Type.Union([Type.String({ pattern: CURRENCY_CODE_PATTERN, examples: ['USD'] }), Type.Null()], {
  description: 'The currency of the default alert cost level (ISO 4217, answered upper-case): it applies only to budgets in that currency. Null: any currency.',
});

export const BudgetSettings = Type.Object(
  {
    threshold1Percent: threshold(1, 80),
    threshold2Percent: threshold(2, 100),
    threshold3Percent: threshold(3, 120),
    defaultAlertCostLevel: costLevel,
    defaultAlertCurrency: currency,
    updatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'When the settings last changed; null while they are the system defaults.' }),
  },
  { title: 'BudgetSettings' },
);
export type BudgetSettingsDto = Static<typeof BudgetSettings>;

/** Checked by the service, so that one 400 names every bad field; absent fields take their defaults (PUT replaces the whole). */
export const BudgetSettingsBody = Type.Object(
  {
    threshold1Percent: Type.Optional(threshold(1, 80)),
    threshold2Percent: Type.Optional(threshold(2, 100)),
    threshold3Percent: Type.Optional(threshold(3, 120)),
    defaultAlertCostLevel: Type.Optional(costLevel),
    defaultAlertCurrency: Type.Optional(currency),
  },
  { additionalProperties: false, title: 'BudgetSettingsInput' },
);
