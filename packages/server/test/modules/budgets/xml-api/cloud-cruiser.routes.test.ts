/**
 * The Cloud Cruiser XML API over HTTP: budgets CRUD, usage, customers and WADL; Basic and bearer
 * authentication; permissions and workspaces; every bad input a 400 naming the element, nothing stored.
 */
import { describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { testEngines } from '../../../support/test-databases.js';
import { addCost } from '../../../support/budget-alert-fixtures.js';
import { BUDGET_NS } from '../../../../src/modules/budgets/budgets.enums.js';
import { CUSTOMER_NS } from '../../../../src/modules/budgets/customers/customer-xml.js';
import { parseXml, type XmlElement } from '../../../../src/platform/xml/index.js';
import { accountingPeriodOf } from '../../../../src/platform/calendar/accounting-calendar.js';

const REST = '/rest/v1';
const enc = encodeURIComponent;
let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}`;

const periods = (value: string, count = 12) =>
  Array.from({ length: count }, (_, i) => `    <period accountingPeriod="${i + 1}" budgetValue="${value}"/>`).join('\n');

/** A create body in the published example's form (no budgetId), for a customer named by accountId. */
function budgetXml(accountId: string, options: { year?: number; id?: number; value?: string; extra?: string; thresholds?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<customerBudget xmlns="${BUDGET_NS}"${options.id === undefined ? '' : ` budgetId="${options.id}"`} budgetType="COST">
  <customer accountId="${accountId}"/>
  <accountingYear>${options.year ?? 2013}</accountingYear>
  <currencyCode>usd</currencyCode>
  <standardAlertsEnabled>true</standardAlertsEnabled>
  <projectedAlertsEnabled>true</projectedAlertsEnabled>
  <useDefaultThresholds>true</useDefaultThresholds>
  ${options.thresholds ?? '<threshold1Percent>80</threshold1Percent>\n  <threshold2Percent>100</threshold2Percent>\n  <threshold3Percent>120</threshold3Percent>'}
  ${options.extra ?? ''}
  <costPeriods>
${periods(options.value ?? '42500.0')}
  </costPeriods>
</customerBudget>
`;
}

const child = (el: XmlElement, name: string) => el.children.find((c) => c.name === name);
const textOf = (el: XmlElement, name: string) => child(el, name)?.text;

describe.each(testEngines())('Cloud Cruiser XML API on %s', (engine) => {
  let t: TestApp;
  let basic: string;

  useTestApp(engine, async (app) => {
    t = app;
    basic = `Basic ${Buffer.from(`${app.admin.clientId}:${app.admin.clientSecret}`).toString('base64')}`;
  });

  const xml = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: string, authorization: string | null = basic) =>
    t.app.inject({
      method,
      url: `${REST}${url}`,
      headers: { ...(authorization !== null && { authorization }), ...(payload !== undefined && { 'content-type': 'application/xml' }) },
      ...(payload !== undefined && { payload }),
    });
  const rootOf = (res: LightMyRequestResponse) => parseXml(res.body);

  const customer = async (accountId = unique('B'), body: Record<string, unknown> = { name: 'Acme' }) => {
    const res = await t.call({ method: 'PUT', url: `/metering/v1/billing-accounts/${enc(accountId)}`, payload: body });
    expect(res.statusCode).toBe(201);
    return { accountId, customerId: (res.json() as { customerId: number }).customerId };
  };
  const create = async (accountId: string, options: Parameters<typeof budgetXml>[1] = {}) => {
    const res = await xml('POST', '/budgets/budget', budgetXml(accountId, options));
    expect(res.statusCode, res.body).toBe(200);
    return Number(rootOf(res).attributes.budgetId);
  };
  const countFor = async (accountId: string, year = 2013) =>
    Number(rootOf(await xml('GET', `/budgets/budget/accountId/${enc(accountId)}?accountingYear=${year}`)).attributes.count);

  describe('authentication', () => {
    it('asks for Basic credentials in plain text when none are sent', async () => {
      const res = await xml('GET', '/customers', undefined, null);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Basic realm="Cloud Cruiser"/);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.body).toMatch(/Authorization/);
    });

    it('refuses a wrong secret, a malformed header and an unknown client', async () => {
      const wrong = `Basic ${Buffer.from(`${t.admin.clientId}:not-the-secret`).toString('base64')}`;
      const unknown = `Basic ${Buffer.from('00000000-0000-4000-8000-000000000000:x').toString('base64')}`;
      for (const header of [wrong, 'Basic %%%', unknown, `Basic ${Buffer.from('no-colon').toString('base64')}`]) {
        const res = await xml('GET', '/customers', undefined, header);
        expect(res.statusCode, header).toBe(401);
        expect(res.headers['www-authenticate']).toMatch(/^Basic/);
      }
    });

    it('takes a bearer token as well as Basic', async () => {
      const res = await xml('GET', '/customers', undefined, `Bearer ${await t.token()}`);
      expect(res.statusCode).toBe(200);
      expect(rootOf(res).name).toBe('customers');
    });

    it('checks the route permission: a budget viewer reads, cannot write', async () => {
      const { accountId } = await customer();
      const viewer = await t.tenant(['budget-viewer'], 'viewer');
      const header = `Basic ${Buffer.from(`${viewer.clientId}:${viewer.clientSecret}`).toString('base64')}`;
      // The viewer's own workspace has no such customer: 404, as for any other workspace's.
      expect((await xml('GET', `/budgets/budget/accountId/${enc(accountId)}`, undefined, header)).statusCode).toBe(404);
      const refused = await xml('POST', '/budgets/budget', budgetXml(accountId), header);
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toMatch(/budgets\.edit/);
    });
  });

  describe('budgets', () => {
    it('creates a budget and answers it with its id, in the XSD order', async () => {
      const { accountId, customerId } = await customer(unique('B-BB'), { name: 'B-BB', accountingDay: 5 });
      const res = await xml('POST', '/budgets/budget', budgetXml(accountId));
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/xml/);
      const root = rootOf(res);
      expect(root.ns).toBe(BUDGET_NS);
      expect(root.children.map((c) => c.name)).toEqual([
        'customer', 'accountingYear', 'currencyCode', 'standardAlertsEnabled', 'projectedAlertsEnabled', 'useDefaultThresholds',
        'threshold1Percent', 'threshold2Percent', 'threshold3Percent', 'costPeriods',
      ]);
      expect(child(root, 'customer')!.attributes).toEqual({ id: String(customerId), accountId, accountingDay: '5' });
      expect(child(root, 'costPeriods')!.children.map((p) => p.attributes.budgetValue)).toEqual(Array(12).fill('42500.0'));
      const id = root.attributes.budgetId!;
      const again = await xml('GET', `/budgets/budget/${id}`);
      expect(again.statusCode).toBe(200);
      expect(again.body).toBe(res.body);
    });

    it('lists a customer budgets by accounting year, default the current one, and by type', async () => {
      const { accountId } = await customer();
      const id = await create(accountId, { year: 2013 });
      const list = rootOf(await xml('GET', `/budgets/budget/accountId/${enc(accountId)}?accountingYear=2013&budgetType=ALL`));
      expect(list.name).toBe('budgets');
      expect(list.attributes.count).toBe('1');
      expect(list.children[0]!.attributes.budgetId).toBe(String(id));
      expect(await countFor(accountId, 2014)).toBe(0);
      const current = accountingPeriodOf({ accountingDay: 1, fiscalStartMonth: 1 }, new Date(t.now())).year;
      await create(accountId, { year: current });
      const byDefault = rootOf(await xml('GET', `/budgets/budget/accountId/${enc(accountId)}`));
      expect(byDefault.children.map((b) => textOf(b, 'accountingYear'))).toEqual([String(current)]);
      expect(rootOf(await xml('GET', `/budgets/budget/accountId/${enc(accountId)}?accountingYear=2013&budgetType=RESOURCE`)).attributes.count).toBe('0');
      expect((await xml('GET', `/budgets/budget/accountId/${enc(accountId)}?budgetType=OTHER`)).statusCode).toBe(400);
      expect((await xml('GET', `/budgets/budget/accountId/${enc(accountId)}?accountingYear=twenty`)).statusCode).toBe(400);
    });

    it('replaces a budget whole when the body id is the path id', async () => {
      const { accountId } = await customer();
      const id = await create(accountId);
      const res = await xml('PUT', `/budgets/budget/${id}`, budgetXml(accountId, { id, value: '1000.50', thresholds: '' }).replace('<useDefaultThresholds>true', '<useDefaultThresholds>false'));
      expect(res.statusCode, res.body).toBe(200);
      const root = rootOf(res);
      expect(textOf(root, 'useDefaultThresholds')).toBe('false');
      expect(child(root, 'threshold1Percent')).toBeUndefined();
      expect(child(root, 'costPeriods')!.children.map((p) => p.attributes.budgetValue)).toEqual(Array(12).fill('1000.50'));
    });

    it('refuses an update whose budgetId is missing or not the path id, and stores nothing', async () => {
      const { accountId } = await customer();
      const id = await create(accountId);
      const before = (await xml('GET', `/budgets/budget/${id}`)).body;
      const mismatch = await xml('PUT', `/budgets/budget/${id}`, budgetXml(accountId, { id: id + 1000, value: '1.0' }));
      expect(mismatch.statusCode).toBe(400);
      expect(mismatch.body).toMatch(/budgetId/);
      const missing = await xml('PUT', `/budgets/budget/${id}`, budgetXml(accountId, { value: '1.0' }));
      expect(missing.statusCode).toBe(400);
      expect(missing.body).toMatch(/budgetId/);
      expect((await xml('GET', `/budgets/budget/${id}`)).body).toBe(before);
    });

    it('refuses a budgetId on create, and a second budget of the same customer, year and type', async () => {
      const { accountId } = await customer();
      const withId = await xml('POST', '/budgets/budget', budgetXml(accountId, { id: 77 }));
      expect(withId.statusCode).toBe(400);
      expect(withId.body).toMatch(/budgetId/);
      await create(accountId);
      const twice = await xml('POST', '/budgets/budget', budgetXml(accountId));
      expect(twice.statusCode).toBe(409);
      expect(twice.body).toMatch(/already has a COST budget for accounting year 2013/);
      expect(await countFor(accountId)).toBe(1);
    });

    it('deletes a budget: 204, then 404', async () => {
      const { accountId } = await customer();
      const id = await create(accountId);
      const res = await xml('DELETE', `/budgets/budget/${id}`);
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      const gone = await xml('GET', `/budgets/budget/${id}`);
      expect(gone.statusCode).toBe(404);
      expect(gone.headers['content-type']).toMatch(/^text\/plain/);
      expect(gone.body).toBe(`No budget with id ${id}.`);
      expect((await xml('DELETE', `/budgets/budget/${id}`)).statusCode).toBe(404);
      expect((await xml('GET', '/budgets/budget/abc')).statusCode).toBe(404);
    });

    it('keeps workspaces apart: another workspace sees neither the customer nor the budget', async () => {
      const { accountId } = await customer();
      const id = await create(accountId);
      const other = await t.tenant(['budget-admin'], 'other');
      const header = `Basic ${Buffer.from(`${other.clientId}:${other.clientSecret}`).toString('base64')}`;
      expect((await xml('GET', `/budgets/budget/${id}`, undefined, header)).statusCode).toBe(404);
      expect((await xml('PUT', `/budgets/budget/${id}`, budgetXml(accountId, { id }), header)).statusCode).toBe(404);
      expect((await xml('DELETE', `/budgets/budget/${id}`, undefined, header)).statusCode).toBe(404);
      expect((await xml('POST', '/budgets/budget', budgetXml(accountId), header)).statusCode).toBe(404);
      expect((await xml('GET', `/customers/customer/accountId/${enc(accountId)}`, undefined, header)).statusCode).toBe(404);
      expect((await xml('GET', `/budgets/budget/${id}`)).statusCode).toBe(200);
    });
  });

  describe('bad input: a 400 naming what is wrong, nothing stored', () => {
    const cases: [string, (accountId: string) => string, RegExp][] = [
      ['malformed XML', (a) => budgetXml(a).replace('</costPeriods>', '</costPeriod>'), /costPeriod/],
      ['a DOCTYPE with an external entity (XXE)', (a) => `<?xml version="1.0"?>\n<!DOCTYPE customerBudget [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${budgetXml(a).split('\n').slice(1).join('\n').replace('usd', '&xxe;')}`, /DOCTYPE/],
      ['a billion laughs', (a) => `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n${budgetXml(a).split('\n').slice(1).join('\n').replace('usd', '&lol2;')}`, /DOCTYPE/],
      ['the wrong namespace', (a) => budgetXml(a).replace(BUDGET_NS, 'http://www.cloudcruiser.com/webservices/v1/Other'), /namespace/],
      ['the wrong root element', (a) => budgetXml(a).replace(/customerBudget/g, 'budget'), /customerBudget/],
      ['a threshold above 1000', (a) => budgetXml(a).replace('<threshold3Percent>120', '<threshold3Percent>1001'), /threshold3Percent/],
      ['a negative threshold', (a) => budgetXml(a).replace('<threshold1Percent>80', '<threshold1Percent>-1'), /threshold1Percent/],
      ['an accountingPeriod of 13', (a) => budgetXml(a).replace('accountingPeriod="12"', 'accountingPeriod="13"'), /accountingPeriod/],
      ['an accountingPeriod of 0', (a) => budgetXml(a).replace('accountingPeriod="1"', 'accountingPeriod="0"'), /accountingPeriod/],
      ['a negative budget value', (a) => budgetXml(a).replace('budgetValue="42500.0"', 'budgetValue="-1.0"'), /budgetValue/],
      ['a budget value that is no decimal', (a) => budgetXml(a).replace('budgetValue="42500.0"', 'budgetValue="1e5"'), /budgetValue/],
      ['a budget value with too many digits', (a) => budgetXml(a).replace('budgetValue="42500.0"', 'budgetValue="1.0000001"'), /budgetValue/],
      ['an unknown element', (a) => budgetXml(a, { extra: '<owner>me</owner>' }), /owner/],
      ['a missing required element', (a) => budgetXml(a).replace(/<currencyCode>usd<\/currencyCode>/, ''), /currencyCode/],
      ['a budget type of ALL', (a) => budgetXml(a).replace('budgetType="COST"', 'budgetType="ALL"'), /ALL/],
      ['an empty body', () => '', /XML|body/],
    ];

    it.each(cases)('%s', async (_name, body, message) => {
      const { accountId } = await customer();
      const res = await xml('POST', '/budgets/budget', body(accountId));
      expect(res.statusCode, res.body).toBe(400);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.body).toMatch(message);
      expect(res.body).not.toMatch(/\n\s+at /);
      expect(await countFor(accountId)).toBe(0);
    });

    it('answers JSON with 415 and an unknown path with 404, in plain text', async () => {
      const json = await t.app.inject({ method: 'POST', url: `${REST}/budgets/budget`, headers: { authorization: basic, 'content-type': 'application/json' }, payload: '{}' });
      expect(json.statusCode).toBe(415);
      expect(json.headers['content-type']).toMatch(/^text\/plain/);
      const unknown = await xml('GET', '/budgets/nothing-here');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.headers['content-type']).toMatch(/^text\/plain/);
    });

    it('answers a NUL character in a path or query value with a plain-text 400, not a 500', async () => {
      for (const url of ['/budgets/budget/accountId/A%00', '/customers/customer/accountId/A%00', '/customers?accountId=A%00']) {
        const res = await xml('GET', url);
        expect(res.statusCode, url).toBe(400);
        expect(res.headers['content-type']).toMatch(/^text\/plain/);
        expect(res.body).toMatch(/NUL character/);
      }
    });

    it('names an unknown customer with 404', async () => {
      const res = await xml('POST', '/budgets/budget', budgetXml('NO-SUCH-ACCOUNT'));
      expect(res.statusCode).toBe(404);
      expect(res.body).toBe("No customer with accountId 'NO-SUCH-ACCOUNT'.");
    });
  });

  describe('usage', () => {
    const query = (accountId: string, year: number, period: number) =>
      `<budgetQueryInput xmlns="${BUDGET_NS}"><customer accountId="${accountId}"/><accountingYear>${year}</accountingYear><accountingPeriod>${period}</accountingPeriod></budgetQueryInput>`;

    it("answers the reference's example: accounting day 5, 2013 period 10, no usage", async () => {
      const { accountId, customerId } = await customer(unique('B-BB'), { name: 'B-BB', accountingDay: 5 });
      const id = await create(accountId);
      const res = await xml('POST', '/budgets/usage', query(accountId, 2013, 10));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.body).toBe(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<budgetAndUsage xmlns="${BUDGET_NS}">
  <customer id="${customerId}" accountId="${accountId}" accountingDay="5"/>
  <accountingYear>2013</accountingYear>
  <accountingPeriod>10</accountingPeriod>
  <accountingStartDate year="2013" month="10" day="5"/>
  <accountingEndDate year="2013" month="11" day="4"/>
  <standardAlertsEnabled>true</standardAlertsEnabled>
  <projectedAlertsEnabled>true</projectedAlertsEnabled>
  <useDefaultThresholds>true</useDefaultThresholds>
  <threshold1Percent>80</threshold1Percent>
  <threshold2Percent>100</threshold2Percent>
  <threshold3Percent>120</threshold3Percent>
  <periodBudgetUsage budgetId="${id}">
    <budgetType>COST</budgetType>
    <valueType>COST</valueType>
    <currencyCode>usd</currencyCode>
    <periodBudgetValue>42500.0</periodBudgetValue>
    <actualUsage>0.0</actualUsage>
    <usagePercent>0</usagePercent>
    <status>NO_USAGE</status>
  </periodBudgetUsage>
</budgetAndUsage>
`);
    });

    it('sums the rated cost of the period exactly and says which threshold it reached', async () => {
      const { accountId } = await customer(unique('B'), { name: 'usage', accountingDay: 5 });
      await create(accountId, { value: '100.00' });
      const cost = (day: string, billed: string, currency = 'USD') => addCost(t.db, t.admin.workspaceId, accountId, day, billed, currency);
      await cost('2013-10-04', '500'); // period 9: before the accounting day
      await cost('2013-10-05', '40.10');
      await cost('2013-10-20', '0.01');
      await cost('2013-11-04', '40.99');
      await cost('2013-11-04', '999', 'EUR'); // another currency than the budget's
      await cost('2013-11-05', '700'); // period 11
      const usage = rootOf(await xml('POST', '/budgets/usage', query(accountId, 2013, 10)));
      const line = child(usage, 'periodBudgetUsage')!;
      expect(textOf(line, 'actualUsage')).toBe('81.10');
      expect(textOf(line, 'usagePercent')).toBe('81');
      expect(textOf(line, 'status')).toBe('THRESHOLD_1');
      const earlier = child(rootOf(await xml('POST', '/budgets/usage', query(accountId, 2013, 9))), 'periodBudgetUsage')!;
      expect(textOf(earlier, 'actualUsage')).toBe('500');
      expect(textOf(earlier, 'status')).toBe('THRESHOLD_3');
    });

    it('refuses a period outside 1..12 and an unknown customer', async () => {
      const { accountId } = await customer();
      const res = await xml('POST', '/budgets/usage', query(accountId, 2013, 13));
      expect(res.statusCode).toBe(400);
      expect(res.body).toMatch(/accountingPeriod/);
      expect((await xml('POST', '/budgets/usage', query('NOBODY', 2013, 1))).statusCode).toBe(404);
    });
  });

  describe('customers', () => {
    it('lists the workspace customers with retrievedCount and filters by accountId', async () => {
      const { accountId, customerId } = await customer(unique('C'), { name: 'Contoso' });
      const all = rootOf(await xml('GET', '/customers'));
      expect(all.ns).toBe(CUSTOMER_NS);
      expect(Number(all.attributes.retrievedCount)).toBe(all.children.length);
      const one = rootOf(await xml('GET', `/customers?accountId=${enc(accountId)}`));
      expect(one.attributes.retrievedCount).toBe('1');
      expect(one.children[0]!.attributes.id).toBe(String(customerId));
      expect(one.children[0]!.children.map((c) => [c.name, c.text])).toEqual([['accountId', accountId], ['description', 'Contoso']]);
      expect(rootOf(await xml('GET', '/customers?ratePlan=Gold')).attributes.retrievedCount).toBe('0');
    });

    it('reads a customer by account id and updates its calendar and description, which the JSON catalog then shows', async () => {
      const { accountId, customerId } = await customer(unique('C'), { name: 'Before' });
      const shown = rootOf(await xml('GET', `/customers/customer/accountId/${enc(accountId)}`));
      expect(shown.children.map((c) => c.name)).toEqual(['accountId', 'active', 'accountLevel', 'ratePlan', 'accountingDay', 'fiscalStartMonth', 'description']);
      const update = `<customer xmlns="${CUSTOMER_NS}" id="${customerId}"><accountId>${accountId}</accountId><active>true</active><accountingDay>31</accountingDay><fiscalStartMonth>4</fiscalStartMonth><description>After</description></customer>`;
      const res = await xml('PUT', `/customers/customer/${customerId}`, update);
      expect(res.statusCode, res.body).toBe(200);
      expect(textOf(rootOf(res), 'accountingDay')).toBe('31');
      const json = (await t.call({ method: 'GET', url: `/metering/v1/billing-accounts/${enc(accountId)}` })).json() as Record<string, unknown>;
      expect(json).toMatchObject({ name: 'After', accountingDay: 31, fiscalStartMonth: 4, customerId });
    });

    it('refuses an update with another id, another accountId, an accountingDay of 32 or unsupported fields', async () => {
      const { accountId, customerId } = await customer(unique('C'), { name: 'Same' });
      const put = (body: string, id = customerId) => xml('PUT', `/customers/customer/${id}`, `<customer xmlns="${CUSTOMER_NS}" id="${customerId}">${body}</customer>`);
      expect((await put('<accountingDay>2</accountingDay>', customerId + 1000)).statusCode).toBe(400);
      expect((await put('<accountId>OTHER</accountId>')).statusCode).toBe(400);
      const day = await put('<accountingDay>32</accountingDay>');
      expect(day.statusCode).toBe(400);
      expect(day.body).toMatch(/accountingDay/);
      expect((await put('<flag1>x</flag1>')).body).toMatch(/flag1/);
      expect((await put('<ratePlan name="Gold" id="9"/>')).body).toMatch(/ratePlan/);
      const json = (await t.call({ method: 'GET', url: `/metering/v1/billing-accounts/${enc(accountId)}` })).json() as Record<string, unknown>;
      expect(json).toMatchObject({ name: 'Same', accountingDay: 1 });
    });
  });

  describe('WADL', () => {
    const WADL_NS = 'http://wadl.dev.java.net/2009/02';
    const methodsOf = (res: LightMyRequestResponse) => {
      const root = rootOf(res);
      expect(root.ns).toBe(WADL_NS);
      const resources = root.children.find((c) => c.name === 'resources')!;
      return resources.children.flatMap((r) => r.children.filter((m) => m.name === 'method').map((m) => `${m.attributes.name} ${r.attributes.path}`)).sort();
    };

    it('lists exactly the budget resources and methods served', async () => {
      const res = await xml('GET', '/budgets?_wadl');
      expect(res.statusCode).toBe(200);
      expect(methodsOf(res)).toEqual([
        'DELETE budgets/budget/{id}', 'GET budgets/budget/accountId/{accountId}', 'GET budgets/budget/{id}', 'POST budgets/alerts',
        'POST budgets/budget', 'POST budgets/usage', 'PUT budgets/budget/{id}',
      ]);
    });

    it('lists exactly the customer resources and methods served', async () => {
      expect(methodsOf(await xml('GET', '/customers?_wadl'))).toEqual(['GET customers', 'GET customers/customer/accountId/{accountId}', 'PUT customers/customer/{id}']);
    });

    it('serves every method it lists (no 404 for an unknown route)', async () => {
      for (const line of methodsOf(await xml('GET', '/budgets?_wadl')).concat(methodsOf(await xml('GET', '/customers?_wadl')))) {
        const [method, path] = line.split(' ') as ['GET' | 'POST' | 'PUT' | 'DELETE', string];
        const res = await xml(method, `/${path.replace('{id}', '999999').replace('{accountId}', 'NOBODY')}`, method === 'GET' || method === 'DELETE' ? undefined : '<x/>');
        expect(res.body, line).not.toMatch(/^No resource/);
      }
    });
  });
});
