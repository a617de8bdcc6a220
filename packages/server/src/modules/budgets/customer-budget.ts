/** A customer budget as Cloud Cruiser's `CustomerBudget` type holds it; money as decimal strings. */
import type { BudgetAlertType } from './budgets.enums.js';

/** `Customer`: attributes only; a request may name the customer by `accountId` alone. */
export interface BudgetCustomer {
  id?: number;
  accountId?: string;
  accountingDay?: number;
}

/** `Resource`: reserved by Cloud Cruiser for resource budgets. */
export interface BudgetResource {
  headerId?: number;
  resourceid: string;
}

export interface BudgetPeriod {
  /** 1–12. */
  accountingPeriod: number;
  /** A non-negative decimal, as written (scale kept, as JAXB keeps a BigDecimal's). */
  budgetValue: string;
}

export interface CustomerBudget {
  budgetId?: number;
  budgetType: BudgetAlertType;
  customer: BudgetCustomer;
  resource?: BudgetResource;
  accountingYear: number;
  currencyCode: string;
  /** Required by the XSD, absent from Cloud Cruiser's own examples: optional here (ADR 0017). */
  description?: string;
  standardAlertsEnabled: boolean;
  projectedAlertsEnabled: boolean;
  useDefaultThresholds: boolean;
  threshold1Percent?: number;
  threshold2Percent?: number;
  threshold3Percent?: number;
  costPeriods: BudgetPeriod[];
  unitsPeriods?: BudgetPeriod[];
}
