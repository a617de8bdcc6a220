/** `budgetQueryInput` read, `budgetAndUsage` written (namespace …/v1/Budget), in the order of Cloud Cruiser's example. */
import { Children, XmlError, type XmlElement, element, expectRoot, leafText, parseWhole } from '../../../platform/xml/index.js';
import { BUDGET_ALERT_TYPES, BUDGET_NS } from '../budgets.enums.js';
import { customerElement, leaf, readCustomer } from '../budget-xml.js';
import type { BudgetAndUsage, BudgetQueryInput } from './budget-usage.service.js';

const QUERY_ELEMENTS = ['customer', 'accountingYear', 'accountingPeriod', 'budgetType', 'resource'] as const;

export function readBudgetQueryInput(root: XmlElement): BudgetQueryInput {
  const c = new Children(expectRoot(root, BUDGET_NS, 'budgetQueryInput'), QUERY_ELEMENTS);
  const input: BudgetQueryInput = { customer: readCustomer(c.required('customer')) };
  const year = c.optional('accountingYear');
  if (year) input.accountingYear = parseWhole(leafText(year), 'accountingYear', 1, 9999);
  const period = c.optional('accountingPeriod');
  if (period) input.accountingPeriod = parseWhole(leafText(period), 'accountingPeriod', 1, 12);
  const type = c.optional('budgetType');
  if (type) {
    const text = leafText(type);
    const known = BUDGET_ALERT_TYPES.find((t) => t === text);
    if (!known) throw new XmlError(`budgetType must be one of ${BUDGET_ALERT_TYPES.join(', ')}; got '${text}'`);
    input.budgetType = known;
  }
  const resource = c.optional('resource');
  if (resource) {
    const id = resource.attributes.resourceid;
    if (id === undefined) throw new XmlError('<resource> needs the attribute resourceid');
    input.resourceid = id;
  }
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
