/** Cloud Cruiser's alert documents: `alertQueryInput` read in any order with its defaults, bad input refused by name; `alertInstances` in the XSD's order. */
import { describe, expect, it } from 'vitest';
import { BUDGET_NS } from '../../../../src/modules/budgets/budgets.enums.js';
import { alertInstancesElement, readAlertQueryInput } from '../../../../src/modules/budgets/alerts/alerts-xml.js';
import { XmlError, parseXml, serializeXml } from '../../../../src/platform/xml/index.js';

const read = (inner: string, root = 'alertQueryInput', ns = BUDGET_NS) => readAlertQueryInput(parseXml(`<${root} xmlns="${ns}">${inner}</${root}>`));

describe('readAlertQueryInput', () => {
  it('reads every element, in any order (xs:all)', () => {
    expect(read('<includeProjected>false</includeProjected><accountingPeriod>10</accountingPeriod><customer accountId="B-AA"/><accountingYear>2013</accountingYear>')).toEqual({
      customer: { accountId: 'B-AA' },
      accountingYear: 2013,
      accountingPeriod: 10,
      includeProjected: false,
    });
    expect(read('<customer id="7" accountingDay="5"/><includeProjected>1</includeProjected>')).toEqual({
      customer: { id: 7, accountingDay: 5 },
      includeProjected: true,
    });
  });

  it('defaults includeProjected to true and every criterion to none', () => {
    expect(read('')).toEqual({ includeProjected: true });
  });

  it('refuses, naming it, what the schema does not allow', () => {
    const refused: [string, RegExp][] = [
      ['<accountingPeriod>13</accountingPeriod>', /accountingPeriod must be a whole number from 1 to 12/],
      ['<accountingPeriod>0</accountingPeriod>', /accountingPeriod/],
      ['<accountingYear>10000</accountingYear>', /accountingYear must be a whole number from 1 to 9999/],
      ['<accountingYear>20.5</accountingYear>', /accountingYear/],
      ['<includeProjected>yes</includeProjected>', /includeProjected must be true or false/],
      ['<customer/>', /customer> needs the attribute accountId \(or id\)/],
      ['<customer accountId="A"><x/></customer>', /<customer> takes attributes only/],
      ['<accountingYear>2013</accountingYear><accountingYear>2014</accountingYear>', /has <accountingYear> more than once/],
      ['<alertType>STANDARD</alertType>', /has no element <alertType>/],
    ];
    for (const [inner, message] of refused) expect(() => read(inner), inner).toThrow(message);
    expect(() => read('', 'alertQuery')).toThrow(XmlError);
    expect(() => read('', 'alertQueryInput', 'urn:other')).toThrow(/must be <alertQueryInput> in namespace/);
  });
});

describe('alertInstancesElement', () => {
  it('writes each alertInstance in the XSD sequence, the date as xs:dateTime in UTC to the second', () => {
    const xml = serializeXml(
      alertInstancesElement([
        {
          customer: { id: 7, accountId: 'B-AA', accountingDay: 5 },
          currencyCode: 'usd',
          accountingYear: 2013,
          accountingPeriod: 10,
          alertType: 'PROJECTED',
          thresholdLevel: 2,
          thresholdPercent: 100,
          budgetValue: '40000.0',
          actualValue: '27500.25',
          alertDate: new Date('2013-10-20T00:00:00.250Z'),
        },
      ]),
    );
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        `<alertInstances xmlns="${BUDGET_NS}" count="1">`,
        '  <alertInstance>',
        '    <customer id="7" accountId="B-AA" accountingDay="5"/>',
        '    <currencyCode>usd</currencyCode>',
        '    <accountingYear>2013</accountingYear>',
        '    <accountingPeriod>10</accountingPeriod>',
        '    <alertType>PROJECTED</alertType>',
        '    <thresholdLevel>2</thresholdLevel>',
        '    <thresholdPercent>100</thresholdPercent>',
        '    <budgetValue>40000.0</budgetValue>',
        '    <actualValue>27500.25</actualValue>',
        '    <alertDate>2013-10-20T00:00:00Z</alertDate>',
        '  </alertInstance>',
        '</alertInstances>',
        '',
      ].join('\n'),
    );
  });

  it('writes an empty answer with count 0', () => {
    expect(serializeXml(alertInstancesElement([]))).toContain(`<alertInstances xmlns="${BUDGET_NS}" count="0"/>`);
  });
});
