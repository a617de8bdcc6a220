/**
 * The JSON face of budgets (/budgets/v1, ADR 0018): CRUD, the filtered list and its paging, the
 * divide and copy shortcuts exact to the cent, every bad field named in a 400, the service's 404 and
 * 409 in the GreenLake envelope, workspaces and permissions, and a billing account's usage.
 */
import { Decimal as DecimalJs } from 'decimal.js';
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../support/test-app.js';
import { issuesOf, withQuery } from '../../support/api-responses.js';
import { testEngines } from '../../support/test-databases.js';
import { addCost } from '../../support/budget-alert-fixtures.js';
import { accountingPeriodOf } from '../../../src/platform/calendar/accounting-calendar.js';

const V1 = '/budgets/v1';
/** Past the 24 digits a budget value has (decimal.js rounds to 20 by default). */
const Decimal = DecimalJs.clone({ precision: 50 });
const enc = encodeURIComponent;
type Body = Record<string, unknown>;

let counter = 0;
const unique = (prefix: string) => `${prefix}-${++counter}`;

const subjectsOf = (res: LightMyRequestResponse) => issuesOf(res).map((i) => i.subject);
const values = (res: LightMyRequestResponse) => (res.json() as { costPeriods: { budgetValue: string }[] }).costPeriods.map((p) => p.budgetValue);
const sum = (vs: string[]) => vs.reduce((acc, v) => acc.plus(v), new Decimal(0)).toFixed();
const twelve = (value: string) => Array.from({ length: 12 }, (_, i) => ({ accountingPeriod: i + 1, budgetValue: value }));

describe.each(testEngines())('Budgets JSON API on %s', (engine) => {
  let t: TestApp;

  useTestApp(engine, (app) => {
    t = app;
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown, token?: string | null) =>
    t.call({ method, url, ...(payload !== undefined && { payload: payload as Body }), ...(token !== undefined && { token }) });

  const account = async (body: Body = { name: 'Acme' }, token?: string) => {
    const id = unique('BA');
    const res = await call('PUT', `/metering/v1/billing-accounts/${enc(id)}`, body, token);
    expect(res.statusCode, res.body).toBe(201);
    return { id, customerId: (res.json() as { customerId: number }).customerId };
  };
  const create = async (payload: Body, token?: string) => {
    const res = await call('POST', `${V1}/budgets`, payload, token);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Body & { id: number };
  };

  describe('CRUD', () => {
    it('creates (201 + Location), reads, replaces completely and deletes (204) a budget', async () => {
      const { id: accountId, customerId } = await account({ name: 'Acme', currency: 'EUR' });
      const res = await call('POST', `${V1}/budgets`, {
        billingAccountId: accountId,
        accountingYear: 2027,
        description: 'Compute',
        threshold1Percent: 50,
        threshold2Percent: 90,
        costPeriods: [
          { accountingPeriod: 2, budgetValue: '200.50' },
          { accountingPeriod: 1, budgetValue: '42500.0' },
        ],
      });
      expect(res.statusCode, res.body).toBe(201);
      const created = res.json() as Body & { id: number; createdAt: string };
      expect(res.headers.location).toBe(`${V1}/budgets/${created.id}`);
      expect(created).toEqual({
        id: expect.any(Number),
        type: 'COST',
        billingAccountId: accountId,
        customerId,
        accountingYear: 2027,
        currency: 'EUR',
        description: 'Compute',
        standardAlertsEnabled: true,
        projectedAlertsEnabled: true,
        useDefaultThresholds: false,
        threshold1Percent: 50,
        threshold2Percent: 90,
        threshold3Percent: null,
        costPeriods: [
          { accountingPeriod: 1, budgetValue: '42500.0' },
          { accountingPeriod: 2, budgetValue: '200.50' },
        ],
        createdAt: created.createdAt,
        updatedAt: created.createdAt,
      });
      expect(created.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

      const read = await call('GET', `${V1}/budgets/${created.id}`);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toEqual(created);

      t.advance(1000);
      // A read budget can be sent back as it is; absent optional fields take their defaults.
      const replaced = await call('PUT', `${V1}/budgets/${created.id}`, {
        ...created,
        currency: 'usd',
        description: null,
        threshold1Percent: null,
        threshold2Percent: null,
        useDefaultThresholds: undefined,
        projectedAlertsEnabled: false,
        costPeriods: undefined,
        periodBudget: '10',
      });
      expect(replaced.statusCode, replaced.body).toBe(200);
      const second = replaced.json() as Body & { updatedAt: string };
      expect(second).toMatchObject({
        id: created.id,
        currency: 'usd',
        description: null,
        useDefaultThresholds: true,
        threshold1Percent: null,
        threshold2Percent: null,
        standardAlertsEnabled: true,
        projectedAlertsEnabled: false,
        costPeriods: twelve('10'),
        createdAt: created.createdAt,
      });
      expect(Date.parse(second.updatedAt)).toBeGreaterThan(Date.parse(created.createdAt));
      expect((await call('GET', `${V1}/budgets/${created.id}`)).json()).toEqual(second);

      const deleted = await call('DELETE', `${V1}/budgets/${created.id}`);
      expect(deleted.statusCode).toBe(204);
      expect(deleted.body).toBe('');
      expect((await call('GET', `${V1}/budgets/${created.id}`)).statusCode).toBe(404);
      expect((await call('DELETE', `${V1}/budgets/${created.id}`)).statusCode).toBe(404);
    });

    it('names the customer by customerId, and takes the account currency by default', async () => {
      const { id: accountId, customerId } = await account({ name: 'By id', currency: 'GBP' });
      const created = await create({ customerId, accountingYear: 2027, periodBudget: '1' });
      expect(created).toMatchObject({ billingAccountId: accountId, customerId, currency: 'GBP' });
      const both = await call('POST', `${V1}/budgets`, { billingAccountId: accountId, customerId: customerId + 1000, accountingYear: 2028, periodBudget: '1' });
      expect(both.statusCode).toBe(400);
      expect(subjectsOf(both)).toEqual(['customerId']);
    });

    it('answers 409 for a second budget of the same account, year and type, and 404 for an unknown id', async () => {
      const { id: accountId } = await account();
      const first = await create({ billingAccountId: accountId, accountingYear: 2027, yearlyBudget: '1200' });
      const again = await call('POST', `${V1}/budgets`, { billingAccountId: accountId, accountingYear: 2027, yearlyBudget: '1200' });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({
        httpStatusCode: 409,
        errorCode: 'HPE_GL_ERROR_CONFLICT',
        message: `Customer '${accountId}' already has a COST budget for accounting year 2027; update that one.`,
        debugId: expect.any(String),
      });
      // A RESOURCE budget of the same year is another budget.
      await create({ billingAccountId: accountId, accountingYear: 2027, type: 'RESOURCE', periodBudget: '5' });

      // Moving a budget onto a year that has one is the same conflict.
      const other = await create({ billingAccountId: accountId, accountingYear: 2028, yearlyBudget: '1200' });
      const moved = await call('PUT', `${V1}/budgets/${other.id}`, { billingAccountId: accountId, accountingYear: 2027, yearlyBudget: '1' });
      expect(moved.statusCode).toBe(409);
      expect((await call('GET', `${V1}/budgets/${other.id}`)).json()).toMatchObject({ accountingYear: 2028 });

      const missing = await call('PUT', `${V1}/budgets/999999`, { billingAccountId: accountId, accountingYear: 2030, periodBudget: '1' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({
        httpStatusCode: 404,
        errorCode: 'HPE_GL_ERROR_NOT_FOUND',
        message: 'No budget with id 999999 in this workspace.',
        errorDetails: [{ type: 'hpe.greenlake.metadata', source: 'consumo.budgets', metadata: { id: { message: 'Resource with id [999999] not found' } } }],
      });
      expect(first.id).toBeGreaterThan(0);
    });

    it('keeps what only the XML face shows (units periods) through a JSON replacement', async () => {
      const { id: accountId } = await account();
      const created = await create({ billingAccountId: accountId, accountingYear: 2027, periodBudget: '3' });
      await t.db.insertInto('budget_periods').values({ workspace_id: t.admin.workspaceId, budget_id: created.id, kind: 'UNITS', accounting_period: 1, budget_value: '7' }).execute();
      const res = await call('PUT', `${V1}/budgets/${created.id}`, { billingAccountId: accountId, accountingYear: 2027, periodBudget: '4' });
      expect(res.statusCode, res.body).toBe(200);
      const units = await t.db.selectFrom('budget_periods').select(['accounting_period', 'budget_value']).where('budget_id', '=', created.id).where('kind', '=', 'UNITS').execute();
      expect(units).toEqual([{ accounting_period: 1, budget_value: '7' }]);
    });
  });

  describe('divide and copy', () => {
    const periodValues = async (body: Body) => {
      const { id: accountId } = await account();
      const res = await call('POST', `${V1}/budgets`, { billingAccountId: accountId, accountingYear: 2027, ...body });
      expect(res.statusCode, res.body).toBe(201);
      return values(res);
    };

    it('divides a yearly budget by 12, the remainder cents on period 12, summing exactly', async () => {
      const divided = await periodValues({ yearlyBudget: '1000.00' });
      expect(divided).toEqual([...Array(11).fill('83.33'), '83.37']);
      expect(sum(divided)).toBe('1000');

      expect(await periodValues({ yearlyBudget: '120000' })).toEqual(Array(12).fill('10000.00'));
      expect(await periodValues({ yearlyBudget: '0.11' })).toEqual([...Array(11).fill('0.00'), '0.11']);
      const fine = await periodValues({ yearlyBudget: '100.000001' });
      expect(fine).toEqual([...Array(11).fill('8.333333'), '8.333338']);
      expect(sum(fine)).toBe('100.000001');
      const large = await periodValues({ yearlyBudget: '999999999999999999.99' });
      expect(large.slice(0, 11)).toEqual(Array(11).fill('83333333333333333.33'));
      expect(sum(large)).toBe('999999999999999999.99');
    });

    it('copies one value, as written, to all 12 periods', async () => {
      expect(await periodValues({ periodBudget: '42500.0' })).toEqual(Array(12).fill('42500.0'));
      expect(await periodValues({ periodBudget: '0' })).toEqual(Array(12).fill('0'));
    });
  });

  describe('bad input', () => {
    it('names every bad field in one 400, and stores nothing', async () => {
      const { id: accountId } = await account();
      const res = await call('POST', `${V1}/budgets`, {
        billingAccountId: accountId,
        accountingYear: 'next',
        type: 'ALL',
        currency: 'dollars',
        standardAlertsEnabled: 'yes',
        threshold1Percent: 2000,
        costPeriods: [{ accountingPeriod: 1, budgetValue: 10 }, { accountingPeriod: 1, budgetValue: '-1' }, { accountingPeriod: 13, budgetValue: '1.1234567' }],
        colour: 'red',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ httpStatusCode: 400, errorCode: 'HPE_GL_ERROR_BAD_REQUEST' });
      expect(subjectsOf(res).sort()).toEqual(
        [
          'colour',
          'accountingYear',
          'type',
          'currency',
          'threshold1Percent',
          'standardAlertsEnabled',
          'costPeriods[0].budgetValue',
          'costPeriods[1].accountingPeriod',
          'costPeriods[1].budgetValue',
          'costPeriods[2].accountingPeriod',
          'costPeriods[2].budgetValue',
        ].sort(),
      );
      expect(issuesOf(res).find((i) => i.subject === 'costPeriods[0].budgetValue')!.description).toMatch(/not a JSON number/);
      expect(issuesOf(res).every((i) => i.source === 'field')).toBe(true);
      const list = (await call('GET', withQuery(`${V1}/budgets`, { filter: `billingAccountId eq '${accountId}'` }))).json() as { total: number };
      expect(list.total).toBe(0);
    });

    it('needs the account, the year and exactly one of costPeriods, yearlyBudget and periodBudget', async () => {
      const none = await call('POST', `${V1}/budgets`, {});
      expect(subjectsOf(none).sort()).toEqual(['accountingYear', 'billingAccountId', 'costPeriods']);
      const { id: accountId } = await account();
      const two = await call('POST', `${V1}/budgets`, { billingAccountId: accountId, accountingYear: 2027, yearlyBudget: '12', periodBudget: '1', costPeriods: twelve('1') });
      expect(two.statusCode).toBe(400);
      expect(subjectsOf(two)).toEqual(['yearlyBudget', 'periodBudget']);
      const unknown = await call('POST', `${V1}/budgets`, { billingAccountId: 'NOBODY', accountingYear: 2027, yearlyBudget: '12' });
      expect(issuesOf(unknown)).toEqual([{ source: 'field', subject: 'billingAccountId', description: "No billing account 'NOBODY' in this workspace." }]);
      const withId = await call('POST', `${V1}/budgets`, { id: 5, billingAccountId: accountId, accountingYear: 2027, yearlyBudget: '12' });
      expect(subjectsOf(withId)).toEqual(['id']);
      const notObject = await call('POST', `${V1}/budgets`, [1, 2]);
      expect(subjectsOf(notObject)).toEqual(['body']);
    });

    it('refuses a PUT whose id is not the path id, and a path id that is not a whole number', async () => {
      const { id: accountId } = await account();
      const created = await create({ billingAccountId: accountId, accountingYear: 2027, periodBudget: '1' });
      const res = await call('PUT', `${V1}/budgets/${created.id}`, { ...created, id: created.id + 1 });
      expect(res.statusCode).toBe(400);
      expect(subjectsOf(res)).toEqual(['id']);
      const bad = await call('GET', `${V1}/budgets/abc`);
      expect(bad.statusCode).toBe(400);
      expect(issuesOf(bad)[0]).toMatchObject({ source: 'path.parameter', subject: 'id' });
    });
  });

  describe('list', () => {
    it('filters by billingAccountId, customerId, accountingYear and type, sorts, selects and pages with the total', async () => {
      const a = await account();
      const b = await account();
      const ids: number[] = [];
      for (const year of [2025, 2026, 2027]) ids.push((await create({ billingAccountId: a.id, accountingYear: year, periodBudget: String(year) })).id);
      ids.push((await create({ billingAccountId: a.id, accountingYear: 2026, type: 'RESOURCE', periodBudget: '1' })).id);
      ids.push((await create({ billingAccountId: b.id, accountingYear: 2026, periodBudget: '1' })).id);

      const list = async (params: Record<string, string | number>) => {
        const res = await call('GET', withQuery(`${V1}/budgets`, params));
        expect(res.statusCode, res.body).toBe(200);
        return res.json() as { items: (Body & { id: number })[]; count: number; offset: number; total: number };
      };
      const mine = `billingAccountId in ('${a.id}', '${b.id}')`;

      const all = await list({ filter: mine });
      expect(all.items.map((i) => i.id)).toEqual(ids);
      expect(all).toMatchObject({ count: 5, offset: 0, total: 5 });

      expect((await list({ filter: `billingAccountId eq '${a.id}'` })).total).toBe(4);
      expect((await list({ filter: `customerId eq ${b.customerId}` })).items.map((i) => i.id)).toEqual([ids[4]]);
      expect((await list({ filter: `${mine} and accountingYear eq 2026` })).items.map((i) => i.id)).toEqual([ids[1], ids[3], ids[4]]);
      expect((await list({ filter: `${mine} and type eq 'RESOURCE'` })).items.map((i) => i.id)).toEqual([ids[3]]);
      expect((await list({ filter: `${mine} and accountingYear ge 2026 and type eq 'COST'` })).total).toBe(3);

      const sorted = await list({ filter: `billingAccountId eq '${a.id}'`, sort: 'accountingYear desc, type' });
      expect(sorted.items.map((i) => i.id)).toEqual([ids[2], ids[1], ids[3], ids[0]]);

      const paged = await list({ filter: mine, limit: 2, offset: 2 });
      expect(paged.items.map((i) => i.id)).toEqual([ids[2], ids[3]]);
      expect(paged).toMatchObject({ count: 2, offset: 2, total: 5 });
      const none = await list({ filter: mine, limit: 0 });
      expect(none).toEqual({ items: [], count: 0, offset: 0, total: 5 });

      const selected = await list({ filter: `id eq ${ids[0]}`, select: 'id,costPeriods' });
      expect(selected.items).toEqual([{ id: ids[0], costPeriods: twelve('2025') }]);
    });

    it('answers 400 naming the parameter for a bad filter, sort, select or limit', async () => {
      const bad = async (params: Record<string, string | number>, subject: string) => {
        const res = await call('GET', withQuery(`${V1}/budgets`, params));
        expect(res.statusCode, res.body).toBe(400);
        expect(issuesOf(res)[0]).toMatchObject({ source: 'query.parameter', subject });
      };
      await bad({ filter: "colour eq 'red'" }, 'filter');
      await bad({ filter: "accountingYear eq 'x'" }, 'filter');
      await bad({ sort: 'costPeriods' }, 'sort');
      await bad({ select: 'colour' }, 'select');
      await bad({ limit: 1001 }, 'limit');
    });
  });

  describe('usage', () => {
    it("answers the account's budgets against the cost of one period, exactly", async () => {
      const { id: accountId, customerId } = await account({ name: 'usage', accountingDay: 5 });
      const budget = await create({ billingAccountId: accountId, accountingYear: 2013, currency: 'usd', periodBudget: '100.00' });
      for (const [day, billed, currency] of [['2013-10-04', '500'], ['2013-10-05', '40.10'], ['2013-11-04', '40.99'], ['2013-11-04', '999', 'EUR']]) {
        await addCost(t.db, t.admin.workspaceId, accountId, day!, billed!, currency);
      }
      const res = await call('GET', withQuery(`${V1}/usage`, { billingAccountId: accountId, accountingYear: 2013, accountingPeriod: 10 }));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({
        billingAccountId: accountId,
        customerId,
        accountingDay: 5,
        accountingYear: 2013,
        accountingPeriod: 10,
        accountingStartDate: '2013-10-05',
        accountingEndDate: '2013-11-04',
        standardAlertsEnabled: true,
        projectedAlertsEnabled: true,
        useDefaultThresholds: true,
        threshold1Percent: 80,
        threshold2Percent: 100,
        threshold3Percent: 120,
        periodBudgetUsage: [
          {
            budgetId: budget.id,
            type: 'COST',
            valueType: 'COST',
            currency: 'usd',
            periodBudgetValue: '100.00',
            actualUsage: '81.09',
            usagePercent: 81,
            status: 'THRESHOLD_1',
            // The period has ended: what it cost.
            projectedUsage: '81.09',
          },
        ],
      });
      const empty = (await call('GET', withQuery(`${V1}/usage`, { billingAccountId: accountId, accountingYear: 2013, accountingPeriod: 3 }))).json() as Body;
      expect(empty.periodBudgetUsage).toEqual([expect.objectContaining({ actualUsage: '0.0', status: 'NO_USAGE' })]);
      const resource = (await call('GET', withQuery(`${V1}/usage`, { billingAccountId: accountId, accountingYear: 2013, accountingPeriod: 10, type: 'RESOURCE' }))).json() as Body;
      expect(resource.periodBudgetUsage).toEqual([]);
    });

    it('projects an open period to its end as projected alerts do: actual ÷ days to the last costed day × days; null before it starts', async () => {
      const { id: accountId } = await account({ name: 'projection' });
      const current = accountingPeriodOf({ accountingDay: 1, fiscalStartMonth: 1 }, new Date(t.now()));
      await create({ billingAccountId: accountId, accountingYear: current.year, currency: 'usd', periodBudget: '100.00' });
      const start = current.start.getTime();
      const day = (n: number) => new Date(start + n * 86_400_000).toISOString().slice(0, 10);
      // 30.00 over the first two days, then a day that cost nothing: two elapsed days, as the alerts count them.
      await addCost(t.db, t.admin.workspaceId, accountId, day(0), '10.00');
      await addCost(t.db, t.admin.workspaceId, accountId, day(1), '20.00');
      await addCost(t.db, t.admin.workspaceId, accountId, day(2), '0');
      const days = Math.round((current.end.getTime() - start) / 86_400_000);
      const res = await call('GET', withQuery(`${V1}/usage`, { billingAccountId: accountId }));
      expect(res.statusCode, res.body).toBe(200);
      const [usage] = (res.json() as { periodBudgetUsage: { actualUsage: string; projectedUsage: string | null }[] }).periodBudgetUsage;
      expect(usage!.actualUsage).toBe('30.00');
      // 30.00 ÷ 2 × days, exactly.
      expect(usage!.projectedUsage).toBe(String(15 * days));
      const next = current.period === 12 ? { accountingYear: current.year + 1, accountingPeriod: 1 } : { accountingYear: current.year, accountingPeriod: current.period + 1 };
      if (next.accountingYear === current.year) {
        const later = (await call('GET', withQuery(`${V1}/usage`, { billingAccountId: accountId, ...next }))).json() as { periodBudgetUsage: { projectedUsage: string | null }[] };
        expect(later.periodBudgetUsage.map((u) => u.projectedUsage)).toEqual([null]);
      }
    });

    it("defaults to the account's current period, and refuses an unknown account or a bad period", async () => {
      const { id: accountId } = await account();
      const current = accountingPeriodOf({ accountingDay: 1, fiscalStartMonth: 1 }, new Date(t.now()));
      const res = await call('GET', withQuery(`${V1}/usage`, { billingAccountId: accountId }));
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ accountingYear: current.year, accountingPeriod: current.period, standardAlertsEnabled: false, periodBudgetUsage: [] });
      const unknown = await call('GET', withQuery(`${V1}/usage`, { billingAccountId: 'NOBODY' }));
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toMatchObject({ message: "No billing account 'NOBODY' in this workspace." });
      const bad = await call('GET', withQuery(`${V1}/usage`, { billingAccountId: accountId, accountingPeriod: 13 }));
      expect(bad.statusCode).toBe(400);
      expect(issuesOf(bad)[0]).toMatchObject({ source: 'query.parameter', subject: 'accountingPeriod' });
      expect(subjectsOf(await call('GET', `${V1}/usage`))).toEqual(['billingAccountId']);
    });
  });

  describe('workspaces and permissions', () => {
    it("treats another workspace's budgets and accounts as not found", async () => {
      const { id: accountId } = await account();
      const budget = await create({ billingAccountId: accountId, accountingYear: 2027, periodBudget: '1' });
      const other = await t.tenant(['budget-admin', 'metering-admin'], 'other');
      expect((await call('GET', `${V1}/budgets/${budget.id}`, undefined, other.token)).statusCode).toBe(404);
      expect((await call('DELETE', `${V1}/budgets/${budget.id}`, undefined, other.token)).statusCode).toBe(404);
      expect(((await call('GET', `${V1}/budgets`, undefined, other.token)).json() as { total: number }).total).toBe(0);
      expect((await call('GET', withQuery(`${V1}/usage`, { billingAccountId: accountId }), undefined, other.token)).statusCode).toBe(404);
      const foreign = await call('POST', `${V1}/budgets`, { billingAccountId: accountId, accountingYear: 2027, periodBudget: '1' }, other.token);
      expect(issuesOf(foreign)).toEqual([{ source: 'field', subject: 'billingAccountId', description: `No billing account '${accountId}' in this workspace.` }]);

      // An account of the same id in the other workspace is that workspace's own: its budgets never meet ours.
      expect((await call('PUT', `/metering/v1/billing-accounts/${enc(accountId)}`, { name: 'Theirs' }, other.token)).statusCode).toBe(201);
      const replace = await call('PUT', `${V1}/budgets/${budget.id}`, { billingAccountId: accountId, accountingYear: 2027, periodBudget: '2' }, other.token);
      expect(replace.statusCode).toBe(404);
      const theirs = await create({ billingAccountId: accountId, accountingYear: 2027, periodBudget: '9' }, other.token);
      expect(theirs.id).not.toBe(budget.id);
      expect((await call('GET', `${V1}/budgets/${budget.id}`)).json()).toMatchObject({ costPeriods: twelve('1') });
      expect((await call('GET', `${V1}/budgets/${theirs.id}`)).statusCode).toBe(404);
    });

    it('needs budgets.view to read and budgets.edit to write (403 otherwise)', async () => {
      const { id: accountId } = await account();
      const budget = await create({ billingAccountId: accountId, accountingYear: 2027, periodBudget: '1' });
      const nobody = await t.tenant([], 'no roles');
      const viewer = await t.tenant(['budget-viewer'], 'viewer');
      for (const [method, url, payload] of [
        ['GET', `${V1}/budgets`],
        ['GET', `${V1}/budgets/${budget.id}`],
        ['GET', withQuery(`${V1}/usage`, { billingAccountId: accountId })],
        ['POST', `${V1}/budgets`, { billingAccountId: accountId, accountingYear: 2030, periodBudget: '1' }],
        ['PUT', `${V1}/budgets/${budget.id}`, { billingAccountId: accountId, accountingYear: 2027, periodBudget: '1' }],
        ['DELETE', `${V1}/budgets/${budget.id}`],
      ] as const) {
        const res = await call(method, url, payload, nobody.token);
        expect(res.statusCode, `${method} ${url}`).toBe(403);
        expect(res.json()).toMatchObject({ errorCode: 'HPE_GL_ERROR_FORBIDDEN' });
      }
      expect((await call('GET', `${V1}/budgets`, undefined, viewer.token)).statusCode).toBe(200);
      expect((await call('POST', `${V1}/budgets`, { billingAccountId: accountId, accountingYear: 2030, periodBudget: '1' }, viewer.token)).statusCode).toBe(403);
      expect((await call('DELETE', `${V1}/budgets/${budget.id}`, undefined, viewer.token)).statusCode).toBe(403);
      expect((await call('GET', `${V1}/budgets`, undefined, null)).statusCode).toBe(401);
    });
  });
});
