/** Which alert fields the list's filter, sort and select may name, and as which columns (alerts `a` joined to their customer `c`). */
import { listSpec, selectOnly } from '../../../platform/query/index.js';

export const ALERTS_DEFAULT_LIMIT = 100;
export const ALERTS_MAX_LIMIT = 1000;

/** In the order an item carries them; newest first unless `sort` says otherwise. */
export const alertList = listSpec(
  {
    id: { column: 'a.id', type: 'integer' },
    customerId: { column: 'c.customer_id', type: 'integer' },
    accountId: { column: 'a.billing_account_id', type: 'string' },
    customerName: { column: 'c.name', type: 'string' },
    accountingYear: { column: 'a.accounting_year', type: 'integer' },
    accountingPeriod: { column: 'a.accounting_period', type: 'integer' },
    alertType: { column: 'a.alert_type', type: 'string' },
    thresholdLevel: { column: 'a.threshold_level', type: 'integer' },
    thresholdPercent: { column: 'a.threshold_percent', type: 'integer' },
    currencyCode: { column: 'a.currency_code', type: 'string' },
    budgetValue: { column: 'a.budget_value', type: 'decimal' },
    actualValue: { column: 'a.actual_value', type: 'decimal' },
    projectedValue: { column: 'a.projected_value', type: 'decimal', nullable: true },
    alertDate: { column: 'a.alert_date', type: 'timestamp' },
    deliveries: selectOnly,
  },
  { defaultSort: ['alertDate desc', 'id desc'], defaultLimit: ALERTS_DEFAULT_LIMIT },
);
