/**
 * Cloud Cruiser's alert documents (namespace …/v1/Budget): `alertQueryInput` read leniently about
 * order and strictly about content (ADR 0017), `alertInstances` written in the XSD's sequence order.
 */
import { Children, type XmlElement, element, expectRoot, leafText, parseBoolean } from '../../../platform/xml/index.js';
import { BUDGET_NS } from '../budgets.enums.js';
import { customerElement, leaf, readCustomer, readYearAndPeriod } from '../budget-xml.js';
import type { AlertInstance, AlertQueryInput } from './alert-instance.js';

const QUERY_ELEMENTS = ['customer', 'accountingYear', 'accountingPeriod', 'includeProjected'] as const;

/** The body of "get alerts": an `alertQueryInput` root (xs:all: any order, each at most once). */
export function readAlertQueryInput(root: XmlElement): AlertQueryInput {
  const c = new Children(expectRoot(root, BUDGET_NS, 'alertQueryInput'), QUERY_ELEMENTS);
  const input: AlertQueryInput = { includeProjected: true, ...readYearAndPeriod(c) };
  const customer = c.optional('customer');
  if (customer) input.customer = readCustomer(customer);
  const projected = c.optional('includeProjected');
  if (projected) input.includeProjected = parseBoolean(leafText(projected), 'includeProjected');
  return input;
}

/** xs:dateTime in UTC to the second, as Cloud Cruiser's example writes it: `2013-10-20T00:00:00Z`. */
export function xmlDateTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

export function alertInstanceElement(alert: AlertInstance): XmlElement {
  return element(BUDGET_NS, 'alertInstance', {}, [
    customerElement(alert.customer),
    ...(alert.resource
      ? [element(BUDGET_NS, 'resource', { headerId: alert.resource.headerId?.toString(), resourceid: alert.resource.resourceid })]
      : []),
    leaf('currencyCode', alert.currencyCode),
    leaf('accountingYear', alert.accountingYear),
    leaf('accountingPeriod', alert.accountingPeriod),
    leaf('alertType', alert.alertType),
    leaf('thresholdLevel', alert.thresholdLevel),
    leaf('thresholdPercent', alert.thresholdPercent),
    leaf('budgetValue', alert.budgetValue),
    leaf('actualValue', alert.actualValue),
    leaf('alertDate', xmlDateTime(alert.alertDate)),
  ]);
}

/** `alertInstances @count`, the answer of "get alerts". */
export function alertInstancesElement(alerts: readonly AlertInstance[]): XmlElement {
  return element(BUDGET_NS, 'alertInstances', { count: String(alerts.length) }, alerts.map(alertInstanceElement));
}
