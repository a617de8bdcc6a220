/** Which budget fields the list's filter, sort and select may touch, in the order a budget carries them (budgets `b`, billing accounts `a`). */
import { listSpec, selectOnly } from '../../platform/query/index.js';
import { DEFAULT_LIMIT } from './budgets.schemas.js';

export const budgetList = listSpec(
  {
    id: { column: 'b.id', type: 'integer' },
    type: { column: 'b.budget_type', type: 'string' },
    billingAccountId: { column: 'b.billing_account_id', type: 'string' },
    customerId: { column: 'a.customer_id', type: 'integer' },
    accountingYear: { column: 'b.accounting_year', type: 'integer' },
    currency: { column: 'b.currency_code', type: 'string' },
    description: { column: 'b.description', type: 'string', nullable: true },
    standardAlertsEnabled: { column: 'b.standard_alerts_enabled', type: 'boolean' },
    projectedAlertsEnabled: { column: 'b.projected_alerts_enabled', type: 'boolean' },
    useDefaultThresholds: { column: 'b.use_default_thresholds', type: 'boolean' },
    threshold1Percent: { column: 'b.threshold1_percent', type: 'integer', nullable: true },
    threshold2Percent: { column: 'b.threshold2_percent', type: 'integer', nullable: true },
    threshold3Percent: { column: 'b.threshold3_percent', type: 'integer', nullable: true },
    costPeriods: selectOnly,
    createdAt: { column: 'b.created_at', type: 'timestamp' },
    updatedAt: { column: 'b.updated_at', type: 'timestamp' },
  },
  { defaultSort: ['id'], defaultLimit: DEFAULT_LIMIT },
);
