/** `budgetQueryInput` read, `budgetAndUsage` written (namespace …/v1/Budget), in the order of Cloud Cruiser's example. */
import { Children, type XmlElement, element, expectRoot, leafText } from '../../../platform/xml/index.js';
import { BUDGET_NS } from '../budgets.enums.js';
import { customerElement, leaf, parseBudgetType, readCustomer, readResource, readYearAndPeriod } from '../budget-xml.js';
import type { BudgetAndUsage, BudgetQueryInput } from './budget-usage.service.js';

const QUERY_ELEMENTS = ['customer', 'accountingYear', 'accountingPeriod', 'budgetType', 'resource'] as const;

export function readBudgetQueryInput(root: XmlElement): BudgetQueryInput {
  const c = new Children(expectRoot(root, BUDGET_NS, 'budgetQueryInput'), QUERY_ELEMENTS);
  const input: BudgetQueryInput = { customer: readCustomer(c.required('customer')), ...readYearAndPeriod(c) };
  const type = c.optional('budgetType');
  if (type) input.budgetType = parseBudgetType(leafText(type), 'budgetType');
  const resource = c.optional('resource');
  if (resource) input.resourceid = readResource(resource).resourceid;
  return input;
}

function dateElement(name: string, day: string): XmlElement {
  const [year, month, date] = day.split('-').map(Number);
  return element(BUDGET_NS, name, { year: String(year), month: String(month), day: String(date) });
}

export function budgetAndUsageElement(usage: BudgetAndUsage): XmlElement {
  return element(BUDGET_NS, 'budgetAndUsage', {}, [
    customerElement(usage.customer),
    leaf('accountingYear', usage.accountingYear),
    leaf('accountingPeriod', usage.accountingPeriod),
    dateElement('accountingStartDate', usage.accountingStartDate),
    dateElement('accountingEndDate', usage.accountingEndDate),
    leaf('standardAlertsEnabled', usage.standardAlertsEnabled),
    leaf('projectedAlertsEnabled', usage.projectedAlertsEnabled),
    leaf('useDefaultThresholds', usage.useDefaultThresholds),
    ...usage.thresholds.map((t, i) => leaf(`threshold${i + 1}Percent`, t)),
    ...usage.periodBudgetUsage.map((u) =>
      element(BUDGET_NS, 'periodBudgetUsage', { budgetId: String(u.budgetId) }, [
        leaf('budgetType', u.budgetType),
        leaf('valueType', u.valueType),
        leaf('currencyCode', u.currencyCode),
        leaf('periodBudgetValue', u.periodBudgetValue),
        leaf('actualUsage', u.actualUsage),
        leaf('usagePercent', u.usagePercent),
        leaf('status', u.status),
      ]),
    ),
  ]);
}
