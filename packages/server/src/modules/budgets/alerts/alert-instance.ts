/** Cloud Cruiser's `AlertQueryInput` and `AlertInstance`, as values (money as decimal strings). */
import type { AlertKind } from '../budgets.enums.js';
import type { BudgetCustomer, BudgetResource } from '../customer-budget.js';

/** The criteria of "get alerts": each one given narrows the answer; none given: every alert of the workspace. */
export interface AlertQueryInput {
  customer?: BudgetCustomer;
  accountingYear?: number;
  accountingPeriod?: number;
  /** Default true; false answers STANDARD alerts only. */
  includeProjected: boolean;
}

export interface AlertInstance {
  customer: Required<BudgetCustomer>;
  /** Reserved by Cloud Cruiser for resource budgets; COST alerts have none. */
  resource?: BudgetResource;
  currencyCode: string;
  accountingYear: number;
  accountingPeriod: number;
  alertType: AlertKind;
  thresholdLevel: number;
  thresholdPercent: number;
  budgetValue: string;
  actualValue: string;
  alertDate: Date;
}
