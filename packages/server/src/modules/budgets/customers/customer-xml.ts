/**
 * Cloud Cruiser customer documents (namespace …/v1/Customer): the `customers @retrievedCount` list,
 * one `customer`, and the `customer` body of an update. Consumo's customer is a billing account:
 * one account level, the Default rate plan, always active (ADR 0017).
 */
import { Children, XmlError, type XmlElement, element, expectRoot, leafText, parseBoolean, parseWhole } from '../../../platform/xml/index.js';

export const CUSTOMER_NS = 'http://www.cloudcruiser.com/webservices/v1/Customer';

export interface CustomerDocument {
  id: number;
  accountId: string;
  description: string;
  accountingDay: number;
  fiscalStartMonth: number;
}

/** What every Consumo customer shows for the parts of Cloud Cruiser's model it does not have. */
export const ACCOUNT_LEVEL = { description: 'Account', level: '1' } as const;
export const RATE_PLAN = { name: 'Default', id: '1' } as const;

const leaf = (name: string, value: string | number | boolean) => element(CUSTOMER_NS, name, {}, String(value));

export function customersElement(customers: readonly CustomerDocument[]): XmlElement {
  return element(
    CUSTOMER_NS,
    'customers',
    { retrievedCount: String(customers.length) },
    customers.map((c) => element(CUSTOMER_NS, 'customer', { id: String(c.id) }, [leaf('accountId', c.accountId), leaf('description', c.description)])),
  );
}

export function customerElement(c: CustomerDocument): XmlElement {
  return element(CUSTOMER_NS, 'customer', { id: String(c.id) }, [
    leaf('accountId', c.accountId),
    leaf('active', true),
    element(CUSTOMER_NS, 'accountLevel', { description: ACCOUNT_LEVEL.description, level: ACCOUNT_LEVEL.level }),
    element(CUSTOMER_NS, 'ratePlan', { name: RATE_PLAN.name, id: RATE_PLAN.id }),
    leaf('accountingDay', c.accountingDay),
    leaf('fiscalStartMonth', c.fiscalStartMonth),
    leaf('description', c.description),
  ]);
}

const UPDATE_ELEMENTS = [
  'accountId', 'active', 'accountLevel', 'ratePlan', 'accountingDay', 'fiscalStartMonth', 'altAccountId', 'description',
  'flag1', 'flag2', 'flag3', 'flag4', 'flag5',
] as const;

export interface CustomerUpdate {
  id: number | undefined;
  accountId: string | undefined;
  description: string | undefined;
  accountingDay: number;
  fiscalStartMonth: number;
}

function sameAs(el: XmlElement | undefined, expected: Record<string, string>): void {
  if (!el) return;
  for (const [name, value] of Object.entries(expected)) {
    const given = el.attributes[name];
    if (given !== undefined && given !== value) {
      throw new XmlError(`${el.name}/@${name} cannot be changed here: every Consumo customer has ${el.name} ${name}='${value}'`);
    }
  }
}

/** A `customer` update body: accountingDay, fiscalStartMonth and description change; the rest must be what is shown. */
export function readCustomerUpdate(root: XmlElement): CustomerUpdate {
  const c = new Children(expectRoot(root, CUSTOMER_NS, 'customer'), UPDATE_ELEMENTS);
  for (const unsupported of ['altAccountId', 'flag1', 'flag2', 'flag3', 'flag4', 'flag5'] as const) {
    if (c.optional(unsupported)) throw new XmlError(`${unsupported} is not supported by Consumo; leave it out`);
  }
  const active = c.optional('active');
  if (active && !parseBoolean(leafText(active), 'active')) throw new XmlError('active must be true: a Consumo customer is deactivated by deleting its billing account');
  sameAs(c.optional('accountLevel'), ACCOUNT_LEVEL);
  sameAs(c.optional('ratePlan'), RATE_PLAN);
  const id = root.attributes.id;
  const day = c.optional('accountingDay');
  const month = c.optional('fiscalStartMonth');
  const description = c.optional('description');
  const accountId = c.optional('accountId');
  return {
    id: id === undefined ? undefined : parseWhole(id.trim(), 'customer/@id', 1, 2_147_483_647),
    accountId: accountId && leafText(accountId),
    description: description && leafText(description),
    accountingDay: day ? parseWhole(leafText(day), 'accountingDay', 1, 31) : 1,
    fiscalStartMonth: month ? parseWhole(leafText(month), 'fiscalStartMonth', 1, 12) : 1,
  };
}
