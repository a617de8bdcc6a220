/** Cloud Cruiser budget documents: the vendor's example round-trips, the XSD's order is kept, and every bad input is refused by name. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUDGET_NS } from '../../../src/modules/budgets/budgets.enums.js';
import {
  budgetsElement, customerBudgetElement, readBudgetsDocument, readCustomerBudgetDocument,
} from '../../../src/modules/budgets/budget-xml.js';
import type { CustomerBudget } from '../../../src/modules/budgets/customer-budget.js';
import { XmlError, parseXml, serializeXml } from '../../../src/platform/xml/index.js';

const EXAMPLE = readFileSync(new URL('../../fixtures/cloud-cruiser/get-budgets-response.xml', import.meta.url), 'utf8');
const squeeze = (xml: string) => xml.replace(/>\s+</g, '><').trim();

const budget = (overrides: Partial<CustomerBudget> = {}): CustomerBudget => ({
  budgetId: 5011,
  budgetType: 'COST',
  customer: { id: 8, accountId: 'B-BB', accountingDay: 5 },
  accountingYear: 2013,
  currencyCode: 'usd',
  standardAlertsEnabled: true,
  projectedAlertsEnabled: true,
  useDefaultThresholds: true,
  threshold1Percent: 80,
  threshold2Percent: 100,
  threshold3Percent: 120,
  costPeriods: Array.from({ length: 12 }, (_, i) => ({ accountingPeriod: i + 1, budgetValue: '42500.0' })),
  ...overrides,
});

/** The example budget as a customerBudget body, edited by `edit` for a bad-input case. */
const example = budget();
const body = (edit: (xml: string) => string = (x) => x) => edit(serializeXml(customerBudgetElement(example)));
const read = (xml: string) => readCustomerBudgetDocument(parseXml(xml));

describe('the Cloud Cruiser example', () => {
  it('reads as the budget it describes', () => {
    const [only, ...rest] = readBudgetsDocument(parseXml(EXAMPLE));
    expect(rest).toEqual([]);
    expect(only).toEqual(
      budget({ budgetId: 5010, customer: { id: 7, accountId: 'B-AA', accountingDay: 1 }, costPeriods: budget().costPeriods.map((p) => ({ ...p, budgetValue: '40000.0' })) }),
    );
  });

  it('writes back the same document, modulo whitespace', () => {
    const written = serializeXml(budgetsElement(readBudgetsDocument(parseXml(EXAMPLE))));
    expect(squeeze(written)).toBe(squeeze(EXAMPLE));
  });
});

describe('customerBudget', () => {
  it('round-trips every field, in the XSD sequence order', () => {
    const full = budget({
      resource: { headerId: 3, resourceid: 'vm-cpu' },
      description: 'FY13 & co <budget>',
      useDefaultThresholds: false,
      threshold2Percent: 0,
      unitsPeriods: [{ accountingPeriod: 1, budgetValue: '10' }],
    });
    const xml = serializeXml(customerBudgetElement(full));
    const order = [...xml.matchAll(/^ {2}<(\w+)/gm)].map((m) => m[1]);
    expect(order).toEqual([
      'customer', 'resource', 'accountingYear', 'currencyCode', 'description', 'standardAlertsEnabled', 'projectedAlertsEnabled',
      'useDefaultThresholds', 'threshold1Percent', 'threshold2Percent', 'threshold3Percent', 'costPeriods', 'unitsPeriods',
    ]);
    expect(read(xml)).toEqual(full);
  });

  it('reads elements in any order, periods sorted, xs:boolean 1/0 and decimals as written', () => {
    const xml = `<customerBudget xmlns="${BUDGET_NS}" budgetType="COST">
      <costPeriods><period accountingPeriod="2" budgetValue="+.5"/><period accountingPeriod="1" budgetValue="007.250"/></costPeriods>
      <useDefaultThresholds>1</useDefaultThresholds><projectedAlertsEnabled>0</projectedAlertsEnabled>
      <standardAlertsEnabled>true</standardAlertsEnabled><currencyCode>usd</currencyCode><accountingYear>2026</accountingYear>
      <customer accountId="HP-AMS-999-USA-99999"/>
    </customerBudget>`;
    expect(read(xml)).toEqual({
      budgetType: 'COST',
      customer: { accountId: 'HP-AMS-999-USA-99999' },
      accountingYear: 2026,
      currencyCode: 'usd',
      standardAlertsEnabled: true,
      projectedAlertsEnabled: false,
      useDefaultThresholds: true,
      costPeriods: [{ accountingPeriod: 1, budgetValue: '7.250' }, { accountingPeriod: 2, budgetValue: '0.5' }],
    });
  });

  it.each([
    ['the wrong root element', (x: string) => x.replace(/customerBudget/g, 'budgetX'), /root element must be <customerBudget>/],
    ['the wrong namespace', (x: string) => x.replace(BUDGET_NS, 'http://www.cloudcruiser.com/webservices/v1/Customer'), /in namespace/],
    ['no namespace', (x: string) => x.replace(` xmlns="${BUDGET_NS}"`, ''), /in no namespace/],
    ['a threshold above 1000', (x: string) => x.replace('<threshold1Percent>80<', '<threshold1Percent>1001<'), /threshold1Percent must be a whole number from 0 to 1000; got '1001'/],
    ['a negative threshold', (x: string) => x.replace('<threshold3Percent>120<', '<threshold3Percent>-1<'), /threshold3Percent must be a whole number from 0 to 1000/],
    ['a fractional threshold', (x: string) => x.replace('<threshold2Percent>100<', '<threshold2Percent>99.5<'), /threshold2Percent must be a whole number/],
    ['accounting period 13', (x: string) => x.replace('accountingPeriod="12"', 'accountingPeriod="13"'), /period\/@accountingPeriod must be a whole number from 1 to 12; got '13'/],
    ['accounting period 0', (x: string) => x.replace('accountingPeriod="1"', 'accountingPeriod="0"'), /period\/@accountingPeriod must be a whole number from 1 to 12/],
    ['a period twice', (x: string) => x.replace('accountingPeriod="12"', 'accountingPeriod="11"'), /accountingPeriod 11 more than once/],
    ['a negative budget value', (x: string) => x.replace('budgetValue="42500.0"', 'budgetValue="-1.0"'), /period\/@budgetValue must not be negative; got '-1.0'/],
    ['a budget value that is no decimal', (x: string) => x.replace('budgetValue="42500.0"', 'budgetValue="1e5"'), /period\/@budgetValue must be a decimal number/],
    ['a budget value too large', (x: string) => x.replace('budgetValue="42500.0"', `budgetValue="${'9'.repeat(19)}"`), /allows 18 digits before the point/],
    ['a budget value too precise', (x: string) => x.replace('budgetValue="42500.0"', 'budgetValue="1.0000001"'), /6 after/],
    ['a missing budget value', (x: string) => x.replace(' budgetValue="42500.0"', ''), /<period> needs the attribute budgetValue/],
    ['an unknown budget type', (x: string) => x.replace('budgetType="COST"', 'budgetType="cost"'), /budgetType must be one of COST, RESOURCE, ALL; got 'cost'/],
    ['no budget type', (x: string) => x.replace(' budgetType="COST"', ''), /needs the attribute budgetType/],
    ['a year that is no short', (x: string) => x.replace('<accountingYear>2013<', '<accountingYear>twenty<'), /accountingYear must be a whole number from 1 to 9999/],
    ['a flag that is no boolean', (x: string) => x.replace('<standardAlertsEnabled>true<', '<standardAlertsEnabled>yes<'), /standardAlertsEnabled must be true or false; got 'yes'/],
    ['a missing element', (x: string) => x.replace(/<currencyCode>.*<\/currencyCode>/, ''), /<customerBudget> needs an element <currencyCode>/],
    ['an unknown element', (x: string) => x.replace('<currencyCode>', '<owner>me</owner><currencyCode>'), /<customerBudget> has no element <owner>/],
    ['an element twice', (x: string) => x.replace('<currencyCode>usd</currencyCode>', '<currencyCode>usd</currencyCode><currencyCode>eur</currencyCode>'), /has <currencyCode> more than once/],
    ['a customer without account', (x: string) => x.replace(/<customer [^/]*\/>/, '<customer accountingDay="5"/>'), /<customer> needs the attribute accountId/],
    ['an accounting day of 32', (x: string) => x.replace('accountingDay="5"', 'accountingDay="32"'), /customer\/@accountingDay must be a whole number from 1 to 31/],
    ['content in an attribute-only element', (x: string) => x.replace(/<customer ([^/]*)\/>/, '<customer $1>text</customer>'), /<customer> takes attributes only/],
    ['a budget id that is no int', (x: string) => x.replace('budgetId="5011"', 'budgetId="abc"'), /customerBudget\/@budgetId must be a whole number/],
    ['a DOCTYPE', (x: string) => x.replace('<customerBudget', '<!DOCTYPE customerBudget><customerBudget'), /DOCTYPE is not accepted/],
    ['malformed XML', (x: string) => x.replace('</costPeriods>', ''), /Malformed XML/],
  ])('refuses %s, naming it', (_what, edit, message) => {
    const xml = body(edit);
    expect(xml).not.toBe(body());
    expect(() => read(xml)).toThrow(XmlError);
    expect(() => read(xml)).toThrow(message);
  });

  it('takes the unedited body', () => {
    expect(read(body())).toEqual(example);
  });
});
