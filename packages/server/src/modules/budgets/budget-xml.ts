/**
 * Cloud Cruiser's budget documents (namespace …/v1/Budget) read into a CustomerBudget and written
 * back in the XSD's sequence order: `customerBudget` and `budgets`. Reading refuses anything the
 * schema does not allow, naming the element or attribute at fault; nothing is half-read.
 */
import {
  Children, XmlError, type XmlElement, attributesOnly, element, expectRoot, leafText, parseBoolean, parseNonNegativeDecimal,
  parseWhole, requiredAttribute,
} from '../../platform/xml/index.js';
import { BUDGET_ALERT_TYPES, BUDGET_NS, type BudgetAlertType, MAX_THRESHOLD_PERCENT } from './budgets.enums.js';
import type { BudgetCustomer, BudgetPeriod, BudgetResource, CustomerBudget } from './customer-budget.js';

const INT_MAX = 2_147_483_647;
/** What a budget value may hold: numeric(24, 6) in the database. */
export const BUDGET_VALUE_DIGITS = { integerDigits: 18, fractionDigits: 6 } as const;

const CUSTOMER_BUDGET_ELEMENTS = [
  'customer', 'resource', 'accountingYear', 'currencyCode', 'description', 'standardAlertsEnabled', 'projectedAlertsEnabled',
  'useDefaultThresholds', 'threshold1Percent', 'threshold2Percent', 'threshold3Percent', 'costPeriods', 'unitsPeriods',
] as const;

function optionalWholeAttribute(el: XmlElement, name: string, min: number, max: number): number | undefined {
  const value = el.attributes[name];
  return value === undefined ? undefined : parseWhole(value.trim(), `${el.name}/@${name}`, min, max);
}

export function readCustomer(el: XmlElement): BudgetCustomer {
  attributesOnly(el);
  const customer: BudgetCustomer = {};
  const id = optionalWholeAttribute(el, 'id', 1, INT_MAX);
  if (id !== undefined) customer.id = id;
  const accountId = el.attributes.accountId;
  if (accountId !== undefined) customer.accountId = accountId;
  const accountingDay = optionalWholeAttribute(el, 'accountingDay', 1, 31);
  if (accountingDay !== undefined) customer.accountingDay = accountingDay;
  if (customer.id === undefined && (customer.accountId === undefined || customer.accountId === '')) {
    throw new XmlError('<customer> needs the attribute accountId (or id)');
  }
  return customer;
}

export function readResource(el: XmlElement): BudgetResource {
  attributesOnly(el);
  const resource: BudgetResource = { resourceid: requiredAttribute(el, 'resourceid') };
  const headerId = optionalWholeAttribute(el, 'headerId', 0, INT_MAX);
  if (headerId !== undefined) resource.headerId = headerId;
  return resource;
}

function readPeriods(el: XmlElement): BudgetPeriod[] {
  const periods = new Children(el, ['period'], ['period']).all('period').map((p) => {
    attributesOnly(p);
    return {
      accountingPeriod: parseWhole(requiredAttribute(p, 'accountingPeriod').trim(), 'period/@accountingPeriod', 1, 12),
      budgetValue: parseNonNegativeDecimal(requiredAttribute(p, 'budgetValue').trim(), 'period/@budgetValue', BUDGET_VALUE_DIGITS),
    };
  });
  const seen = new Set<number>();
  for (const p of periods) {
    if (seen.has(p.accountingPeriod)) throw new XmlError(`<${el.name}> has accountingPeriod ${p.accountingPeriod} more than once`);
    seen.add(p.accountingPeriod);
  }
  return periods.sort((a, b) => a.accountingPeriod - b.accountingPeriod);
}

/** A `BudgetAlertType` value, wherever it is given (`what` names the place in the message). */
export function parseBudgetType(value: string, what: string): BudgetAlertType {
  const type = BUDGET_ALERT_TYPES.find((t) => t === value);
  if (!type) throw new XmlError(`${what} must be one of ${BUDGET_ALERT_TYPES.join(', ')}; got '${value}'`);
  return type;
}

/** The optional `accountingYear` (1–9999) and `accountingPeriod` (1–12) of a query input. */
export function readYearAndPeriod(c: Children): { accountingYear?: number; accountingPeriod?: number } {
  const year = c.optional('accountingYear');
  const period = c.optional('accountingPeriod');
  return {
    ...(year && { accountingYear: parseWhole(leafText(year), 'accountingYear', 1, 9999) }),
    ...(period && { accountingPeriod: parseWhole(leafText(period), 'accountingPeriod', 1, 12) }),
  };
}

/** A `customerBudget` element (the root of a create or update body, or an item of `budgets`). */
export function readCustomerBudget(el: XmlElement): CustomerBudget {
  const c = new Children(el, CUSTOMER_BUDGET_ELEMENTS);
  const text = (name: string) => leafText(c.required(name));
  const whole = (name: string, min: number, max: number) => parseWhole(text(name), name, min, max);
  const flag = (name: string) => parseBoolean(text(name), name);
  const budget: CustomerBudget = {
    budgetType: parseBudgetType(requiredAttribute(el, 'budgetType').trim(), 'customerBudget/@budgetType'),
    customer: readCustomer(c.required('customer')),
    accountingYear: whole('accountingYear', 1, 9999),
    currencyCode: text('currencyCode'),
    standardAlertsEnabled: flag('standardAlertsEnabled'),
    projectedAlertsEnabled: flag('projectedAlertsEnabled'),
    useDefaultThresholds: flag('useDefaultThresholds'),
    costPeriods: readPeriods(c.required('costPeriods')),
  };
  const budgetId = optionalWholeAttribute(el, 'budgetId', 1, INT_MAX);
  if (budgetId !== undefined) budget.budgetId = budgetId;
  const resource = c.optional('resource');
  if (resource) budget.resource = readResource(resource);
  const description = c.optional('description');
  if (description) budget.description = leafText(description);
  for (const level of [1, 2, 3] as const) {
    const name = `threshold${level}Percent` as const;
    const threshold = c.optional(name);
    if (threshold) budget[name] = parseWhole(leafText(threshold), name, 0, MAX_THRESHOLD_PERCENT);
  }
  const units = c.optional('unitsPeriods');
  if (units) budget.unitsPeriods = readPeriods(units);
  if (budget.currencyCode === '') throw new XmlError('currencyCode must not be empty');
  return budget;
}

/** The body of a create or update: a `customerBudget` root in the Budget namespace. */
export function readCustomerBudgetDocument(root: XmlElement): CustomerBudget {
  return readCustomerBudget(expectRoot(root, BUDGET_NS, 'customerBudget'));
}

/** A text-only element of the Budget namespace. */
export const leaf = (name: string, value: string | number | boolean) => element(BUDGET_NS, name, {}, String(value));
const optionalLeaf = (name: string, value: string | number | undefined) => (value === undefined ? [] : [leaf(name, value)]);

/** `customer`, attributes only (those known). */
export function customerElement(customer: BudgetCustomer): XmlElement {
  return element(BUDGET_NS, 'customer', {
    id: customer.id?.toString(),
    accountId: customer.accountId,
    accountingDay: customer.accountingDay?.toString(),
  });
}

function periodsElement(name: string, periods: readonly BudgetPeriod[]): XmlElement {
  return element(
    BUDGET_NS,
    name,
    {},
    periods.map((p) => element(BUDGET_NS, 'period', { accountingPeriod: String(p.accountingPeriod), budgetValue: p.budgetValue })),
  );
}

/** A `customerBudget` element, children in the XSD's sequence order. */
export function customerBudgetElement(budget: CustomerBudget): XmlElement {
  return element(BUDGET_NS, 'customerBudget', { budgetId: budget.budgetId?.toString(), budgetType: budget.budgetType }, [
    customerElement(budget.customer),
    ...(budget.resource
      ? [element(BUDGET_NS, 'resource', { headerId: budget.resource.headerId?.toString(), resourceid: budget.resource.resourceid })]
      : []),
    leaf('accountingYear', budget.accountingYear),
    leaf('currencyCode', budget.currencyCode),
    ...optionalLeaf('description', budget.description),
    leaf('standardAlertsEnabled', budget.standardAlertsEnabled),
    leaf('projectedAlertsEnabled', budget.projectedAlertsEnabled),
    leaf('useDefaultThresholds', budget.useDefaultThresholds),
    ...optionalLeaf('threshold1Percent', budget.threshold1Percent),
    ...optionalLeaf('threshold2Percent', budget.threshold2Percent),
    ...optionalLeaf('threshold3Percent', budget.threshold3Percent),
    periodsElement('costPeriods', budget.costPeriods),
    ...(budget.unitsPeriods ? [periodsElement('unitsPeriods', budget.unitsPeriods)] : []),
  ]);
}

/** `budgets @count`, the answer of "get budgets for a customer". */
export function budgetsElement(budgets: readonly CustomerBudget[]): XmlElement {
  return element(BUDGET_NS, 'budgets', { count: String(budgets.length) }, budgets.map(customerBudgetElement));
}

/** A `budgets` document read back (clients and tests). */
export function readBudgetsDocument(root: XmlElement): CustomerBudget[] {
  expectRoot(root, BUDGET_NS, 'budgets');
  const items = new Children(root, ['customerBudget'], ['customerBudget']).all('customerBudget').map(readCustomerBudget);
  const count = root.attributes.count;
  if (count !== undefined && parseWhole(count.trim(), 'budgets/@count', 0, INT_MAX) !== items.length) {
    throw new XmlError(`budgets/@count says ${count} but the document holds ${items.length}`);
  }
  return items;
}
