/**
 * Alerts in the app: a rating run's last day asks for the evaluation (the rating hook, and the
 * inline run demo seeding uses), `GET /budgets/v1/alerts` and `/{id}`, and Cloud Cruiser's query.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryAlerts } from '../../../../src/modules/budgets/alerts/alert-queries.service.js';
import { evaluateBudgets } from '../../../../src/modules/budgets/alerts/alert-evaluation.service.js';
import { BudgetApiError } from '../../../../src/modules/budgets/budgets.errors.js';
import { BUDGET_NS } from '../../../../src/modules/budgets/budgets.enums.js';
import { parseXml } from '../../../../src/platform/xml/index.js';
import { CALENDAR_MONTHS, accountingPeriodOf } from '../../../../src/platform/calendar/accounting-calendar.js';
import { insertRun } from '../../../../src/modules/metering/rating/rating-runs.repository.js';
import { rateRunInline } from '../../../../src/modules/metering/rating/rating.worker.js';
import { type TestApp, useTestApp } from '../../../support/test-app.js';
import { testEngines } from '../../../support/test-databases.js';
import { ACCOUNT, cloudEvent, ingest, rateNow, seedCatalog } from '../../../support/metering-fixtures.js';
import { addBudget, addCost, addCustomer, alertKeys } from '../../../support/budget-alert-fixtures.js';
import { issuesOf, withQuery } from '../../../support/api-responses.js';

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

describe.each(testEngines())('alerts (%s)', (engine) => {
  let t: TestApp;

  useTestApp(engine, (app) => {
    t = app;
  });

  describe('the rating hook', () => {
    it('enqueues the evaluation in the run\'s last day, which alerts on the usage just rated', async () => {
      const ws = t.admin.workspaceId;
      await seedCatalog(t, { workspaceId: ws, prices: { cpu: '0.9' } });
      const eventTime = new Date(t.now() - 60_000);
      const period = accountingPeriodOf(CALENDAR_MONTHS, eventTime);
      await addBudget(t.db, ws, ACCOUNT, period.year, { [period.period]: '1.00' });
      expect((await ingest(t, [cloudEvent({ time: eventTime, data: { quantity: 2 } })])).statusCode).toBe(202);
      await rateNow(t);
      const [job] = await t.db.selectFrom('jobs').selectAll().where('queue', '=', 'budgets.evaluate').where('workspace_id', '=', ws).execute();
      const day = dayOf(eventTime);
      const next = dayOf(new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000));
      expect(job).toMatchObject({ status: 'succeeded', payload: { workspaceId: ws, fromDay: day, toDay: next } });
      // 2 × 0.9 = 1.80 of a 1.00 budget: level 3 (120%).
      expect(await alertKeys(t.db, ws)).toEqual([`STANDARD:3@${period.year}/${period.period}`]);
      const [alert] = await t.db.selectFrom('budget_alerts').select(['actual_value', 'budget_value']).where('workspace_id', '=', ws).execute();
      expect(alert).toEqual({ actual_value: '1.8', budget_value: '1.00' });
    });

    it('is called by the inline run too, in the transaction of the last day', async () => {
      const { workspaceId } = await t.tenant(['metering-admin'], 'inline');
      await seedCatalog(t, { workspaceId, prices: { cpu: '0.9' } });
      const runId = randomUUID();
      await insertRun(t.db, { id: runId, workspaceId, trigger: 'seed', from: '2026-03-01', to: '2026-03-04', days: 3, now: new Date(t.now()) });
      const calls: { rated: unknown; runDaysDone: number }[] = [];
      await rateRunInline(t.db, runId, t.now, async (trx, rated) => {
        const run = await trx.selectFrom('rating_runs').select(['days_done']).where('id', '=', runId).executeTakeFirstOrThrow();
        calls.push({ rated, runDaysDone: run.days_done });
      });
      expect(calls).toEqual([{ rated: { workspaceId, fromDay: '2026-03-01', toDay: '2026-03-04' }, runDaysDone: 3 }]);
    });
  });

  describe('the JSON list and get', () => {
    let token: string;
    let ws: string;
    let ids: number[];

    beforeAll(async () => {
      ({ token, workspaceId: ws } = await t.tenant(['budget-viewer'], 'alert-list'));
      await addCustomer(t.db, ws, 'A');
      await addCustomer(t.db, ws, 'B');
      await addBudget(t.db, ws, 'A', 2026, { 3: '100', 4: '100' });
      await addBudget(t.db, ws, 'B', 2026, { 3: '1000' });
      await addCost(t.db, ws, 'A', '2026-03-03', '85');
      await addCost(t.db, ws, 'B', '2026-03-31', '1300');
      await evaluateBudgets(t.db, ws, undefined, new Date('2026-04-01T06:00:00Z'), { rated: { fromDay: '2026-03-01', toDay: '2026-04-01' } });
      await addCost(t.db, ws, 'A', '2026-04-01', '50');
      await evaluateBudgets(t.db, ws, undefined, new Date('2026-04-02T06:00:00Z'));
      ids = (await t.db.selectFrom('budget_alerts').select('id').where('workspace_id', '=', ws).orderBy('id').execute()).map((r) => r.id);
      expect(await alertKeys(t.db, ws)).toEqual(['STANDARD:1@2026/3', 'STANDARD:3@2026/3', 'PROJECTED:3@2026/4']);
    });

    it('lists them newest first, with paging', async () => {
      const res = await t.call({ method: 'GET', url: '/budgets/v1/alerts', token });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ count: 3, offset: 0, total: 3 });
      expect(res.json().items.map((a: { id: number }) => a.id)).toEqual([...ids].reverse());
      expect(res.json().items[0]).toEqual({
        id: ids[2],
        customerId: expect.any(Number),
        accountId: 'A',
        customerName: 'Customer A',
        accountingYear: 2026,
        accountingPeriod: 4,
        alertType: 'PROJECTED',
        thresholdLevel: 3,
        thresholdPercent: 120,
        currencyCode: 'USD',
        budgetValue: '100',
        actualValue: '50',
        projectedValue: '1500',
        alertDate: '2026-04-02T06:00:00.000Z',
        deliveries: [],
      });
      const second = await t.call({ method: 'GET', url: withQuery('/budgets/v1/alerts', { limit: 1, offset: 1 }), token });
      expect(second.json()).toMatchObject({ count: 1, offset: 1, total: 3, items: [{ id: ids[1] }] });
    });

    it('filters, sorts and selects', async () => {
      const res = await t.call({
        method: 'GET',
        url: withQuery('/budgets/v1/alerts', { filter: "alertType eq 'STANDARD' and actualValue gt 100", select: 'accountId,thresholdLevel' }),
        token,
      });
      expect(res.json()).toEqual({ count: 1, offset: 0, total: 1, items: [{ accountId: 'B', thresholdLevel: 3 }] });
      const sorted = await t.call({ method: 'GET', url: withQuery('/budgets/v1/alerts', { sort: 'thresholdLevel asc,accountId desc', select: 'id' }), token });
      expect(sorted.json().items).toEqual([{ id: ids[0] }, { id: ids[1] }, { id: ids[2] }]);
      const bad = await t.call({ method: 'GET', url: withQuery('/budgets/v1/alerts', { filter: "nope eq 1" }), token });
      expect(bad.statusCode).toBe(400);
      expect(issuesOf(bad)[0]).toMatchObject({ source: 'query.parameter', subject: 'filter' });
    });

    it('gets one by id; another workspace\'s is not found', async () => {
      const res = await t.call({ method: 'GET', url: `/budgets/v1/alerts/${ids[0]}`, token });
      expect(res.json()).toMatchObject({ id: ids[0], accountId: 'A', alertType: 'STANDARD', thresholdLevel: 1, actualValue: '85', deliveries: [] });
      const other = await t.tenant(['budget-viewer'], 'alert-intruder');
      const hidden = await t.call({ method: 'GET', url: `/budgets/v1/alerts/${ids[0]}`, token: other.token });
      expect(hidden.statusCode).toBe(404);
      expect(hidden.json()).toMatchObject({ errorCode: 'HPE_GL_ERROR_NOT_FOUND' });
      expect((await t.call({ method: 'GET', url: '/budgets/v1/alerts', token: other.token })).json().total).toBe(0);
      expect((await t.call({ method: 'GET', url: '/budgets/v1/alerts/abc', token })).statusCode).toBe(400);
    });

    it('answers Cloud Cruiser\'s query: by customer, year, period, with or without projected alerts', async () => {
      const all = await queryAlerts(t.db, ws, { includeProjected: true });
      expect(all.map((a) => `${a.customer.accountId}:${a.alertType}:${a.thresholdLevel}`)).toEqual(['A:PROJECTED:3', 'B:STANDARD:3', 'A:STANDARD:1']);
      const a = await queryAlerts(t.db, ws, { customer: { accountId: 'A' }, includeProjected: false });
      expect(a).toEqual([
        {
          customer: { id: expect.any(Number), accountId: 'A', accountingDay: 1 },
          currencyCode: 'USD',
          accountingYear: 2026,
          accountingPeriod: 3,
          alertType: 'STANDARD',
          thresholdLevel: 1,
          thresholdPercent: 80,
          budgetValue: '100',
          actualValue: '85',
          alertDate: new Date('2026-04-01T06:00:00Z'),
        },
      ]);
      const byId = await queryAlerts(t.db, ws, { customer: { id: a[0]!.customer.id }, accountingYear: 2026, accountingPeriod: 4, includeProjected: true });
      expect(byId.map((x) => x.alertType)).toEqual(['PROJECTED']);
      expect(await queryAlerts(t.db, ws, { accountingYear: 2025, includeProjected: true })).toEqual([]);
      const unknown = queryAlerts(t.db, ws, { customer: { accountId: 'NOPE' }, includeProjected: true });
      await expect(unknown).rejects.toBeInstanceOf(BudgetApiError);
      await expect(unknown).rejects.toMatchObject({ status: 404 });
    });

    it('answers POST /rest/v1/budgets/alerts with alertInstances, and a 404 for an unknown customer', async () => {
      const xml = (inner: string) => `<alertQueryInput xmlns="${BUDGET_NS}">${inner}</alertQueryInput>`;
      const post = (payload: string) =>
        t.call({ method: 'POST', url: '/rest/v1/budgets/alerts', token, payload, headers: { 'content-type': 'application/xml' } });
      const res = await post(xml('<includeProjected>false</includeProjected><customer accountId="B"/>'));
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/xml/);
      const root = parseXml(res.body);
      expect(root).toMatchObject({ ns: BUDGET_NS, name: 'alertInstances', attributes: { count: '1' } });
      expect(root.children[0]!.children.map((c) => [c.name, c.text])).toEqual([
        ['customer', ''],
        ['currencyCode', 'USD'],
        ['accountingYear', '2026'],
        ['accountingPeriod', '3'],
        ['alertType', 'STANDARD'],
        ['thresholdLevel', '3'],
        ['thresholdPercent', '120'],
        ['budgetValue', '1000'],
        ['actualValue', '1300'],
        ['alertDate', '2026-04-01T06:00:00Z'],
      ]);
      const unknown = await post(xml('<customer accountId="NOPE"/>'));
      expect(unknown.statusCode).toBe(404);
      expect(unknown.body).toContain('NOPE');
    });
  });
});
