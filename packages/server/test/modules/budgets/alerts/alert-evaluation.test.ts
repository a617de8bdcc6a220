/** One evaluation over real rollups: to the cent, never twice, higher levels later, projections, defaults, late usage, the outbox. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateBudgets } from '../../../../src/modules/budgets/alerts/alert-evaluation.service.js';
import { JobQueue } from '../../../../src/platform/jobs/index.js';
import { type TestDatabase, createWorkspace, openTestDatabase, testEngines } from '../../../support/test-databases.js';
import { addBudget, addCost, addCustomer, alertKeys } from '../../../support/budget-alert-fixtures.js';

const at = (iso: string) => new Date(iso);
const march = { fromDay: '2026-03-01', toDay: '2026-04-01' };

describe.each(testEngines())('budget alert evaluation (%s)', (engine) => {
  let database: TestDatabase;
  let ws: string;
  const db = () => database.db;
  const evaluate = (accountIds: string[] | undefined, now: string, rated?: { fromDay: string; toDay: string }) =>
    evaluateBudgets(db(), ws, accountIds, at(now), rated ? { rated } : {});

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    ws = await createWorkspace(database.db, 'ws-alerts');
  });
  afterAll(() => database?.drop());

  it('fires a standard alert at the cent the threshold is reached, and never twice', async () => {
    await addCustomer(db(), ws, 'CENT');
    await addBudget(db(), ws, 'CENT', 2026, { 3: '1000.00' });
    await addCost(db(), ws, 'CENT', '2026-03-02', '500.00');
    await addCost(db(), ws, 'CENT', '2026-03-20', '299.99');
    // A closed period is evaluated when its days were rated (late usage).
    expect(await evaluate(['CENT'], '2026-04-02T08:00:00Z', march)).toMatchObject({ budgets: 1, alerts: 0 });
    await addCost(db(), ws, 'CENT', '2026-03-31', '0.01');
    expect(await evaluate(['CENT'], '2026-04-02T09:00:00Z', march)).toMatchObject({ alerts: 1 });
    expect(await alertKeys(db(), ws, 'CENT')).toEqual(['STANDARD:1@2026/3']);
    const [alert] = await db().selectFrom('budget_alerts').selectAll().where('billing_account_id', '=', 'CENT').execute();
    expect(alert).toMatchObject({ threshold_percent: 80, budget_value: '1000.00', actual_value: '800.00', projected_value: null, currency_code: 'USD' });
    expect(alert!.alert_date).toEqual(at('2026-04-02T09:00:00Z'));
    // Again, and again by the customer-wide scope: nothing new.
    expect(await evaluate(['CENT'], '2026-04-02T10:00:00Z', march)).toMatchObject({ alerts: 0 });
    expect(await evaluate(undefined, '2026-04-02T10:00:00Z', march)).toMatchObject({ alerts: 0 });
    expect(await alertKeys(db(), ws, 'CENT')).toEqual(['STANDARD:1@2026/3']);
  });

  it('fires a higher level later, skipping to the highest crossed, and never a lower one after it', async () => {
    await addCustomer(db(), ws, 'LATER');
    await addBudget(db(), ws, 'LATER', 2026, { 3: '1000' });
    await addCost(db(), ws, 'LATER', '2026-03-05', '850');
    await evaluate(['LATER'], '2026-04-01T01:00:00Z', march);
    await addCost(db(), ws, 'LATER', '2026-03-06', '400');
    await evaluate(['LATER'], '2026-04-01T02:00:00Z', march);
    expect(await alertKeys(db(), ws, 'LATER')).toEqual(['STANDARD:1@2026/3', 'STANDARD:3@2026/3']);
    // A credit brings it back under 100%: nothing fires, nothing is taken back.
    await addCost(db(), ws, 'LATER', '2026-03-07', '-300');
    await evaluate(['LATER'], '2026-04-01T03:00:00Z', march);
    expect(await alertKeys(db(), ws, 'LATER')).toEqual(['STANDARD:1@2026/3', 'STANDARD:3@2026/3']);
  });

  it('projects the open period over the days up to the last with cost, to the cent', async () => {
    await addCustomer(db(), ws, 'PROJ');
    await addBudget(db(), ws, 'PROJ', 2026, { 5: '3100' });
    await addCost(db(), ws, 'PROJ', '2026-05-01', '500');
    await addCost(db(), ws, 'PROJ', '2026-05-10', '499.99');
    // Through May 10: 999.99 ÷ 10 × 31 = 3099.969, past 80%, short of 100% (the evaluation runs later on the 12th).
    await evaluate(['PROJ'], '2026-05-12T12:00:00Z');
    expect(await alertKeys(db(), ws, 'PROJ')).toEqual(['PROJECTED:1@2026/5']);
    await addCost(db(), ws, 'PROJ', '2026-05-10', '0.01');
    await evaluate(['PROJ'], '2026-05-12T13:00:00Z');
    expect(await alertKeys(db(), ws, 'PROJ')).toEqual(['PROJECTED:1@2026/5', 'PROJECTED:2@2026/5']);
    const projected = await db().selectFrom('budget_alerts').select(['actual_value', 'projected_value']).where('billing_account_id', '=', 'PROJ').orderBy('id').execute();
    expect(projected).toEqual([
      { actual_value: '999.99', projected_value: '3099.969' },
      { actual_value: '1000.00', projected_value: '3100' },
    ]);
  });

  it('creates only the standard alert when both kinds fire in one run; a higher projection fires in the next', async () => {
    await addCustomer(db(), ws, 'BOTH');
    await addBudget(db(), ws, 'BOTH', 2026, { 6: '1000' });
    // June 1–15: 850 → 85% (level 1), projected 1700 → 170% (level 3).
    await addCost(db(), ws, 'BOTH', '2026-06-01', '425');
    await addCost(db(), ws, 'BOTH', '2026-06-15', '425');
    await evaluate(['BOTH'], '2026-06-16T00:00:00Z');
    expect(await alertKeys(db(), ws, 'BOTH')).toEqual(['STANDARD:1@2026/6']);
    await evaluate(['BOTH'], '2026-06-16T01:00:00Z');
    expect(await alertKeys(db(), ws, 'BOTH')).toEqual(['STANDARD:1@2026/6', 'PROJECTED:3@2026/6']);

    await addCustomer(db(), ws, 'SAME');
    await addBudget(db(), ws, 'SAME', 2026, { 6: '1000' });
    // Cost on the period's last day: elapsed = 30 of 30, the projection is the actual; both reach level 2.
    await addCost(db(), ws, 'SAME', '2026-06-30', '1000');
    await evaluate(['SAME'], '2026-06-30T18:00:00Z');
    expect(await alertKeys(db(), ws, 'SAME')).toEqual(['STANDARD:2@2026/6']);
  });

  it('keeps each kind behind its flag, and a budget\'s own thresholds (null = off)', async () => {
    await addCustomer(db(), ws, 'FLAGS');
    await addBudget(db(), ws, 'FLAGS', 2026, { 6: '1000' }, { standard: false, thresholds: [50, null, 90] });
    await addCost(db(), ws, 'FLAGS', '2026-06-01', '95');
    // 95 over 1 of 30 days: 2850 projected → level 3 at 90%; standard off.
    await evaluate(['FLAGS'], '2026-06-02T00:00:00Z');
    expect(await alertKeys(db(), ws, 'FLAGS')).toEqual(['PROJECTED:3@2026/6']);
    const [alert] = await db().selectFrom('budget_alerts').select(['threshold_percent']).where('billing_account_id', '=', 'FLAGS').execute();
    expect(alert!.threshold_percent).toBe(90);
  });

  it('sums the budget\'s currency only, compared case-insensitively, and ignores budgets with alerts off', async () => {
    await addCustomer(db(), ws, 'CUR');
    await addBudget(db(), ws, 'CUR', 2026, { 3: '100' }, { currency: 'usd' });
    await addCost(db(), ws, 'CUR', '2026-03-01', '79.99', 'USD');
    await addCost(db(), ws, 'CUR', '2026-03-02', '500', 'EUR');
    await evaluate(['CUR'], '2026-04-05T00:00:00Z', march);
    expect(await alertKeys(db(), ws, 'CUR')).toEqual([]);
    await addCost(db(), ws, 'CUR', '2026-03-03', '0.01', 'Usd');
    await evaluate(['CUR'], '2026-04-05T00:00:00Z', march);
    expect(await alertKeys(db(), ws, 'CUR')).toEqual(['STANDARD:1@2026/3']);

    await addCustomer(db(), ws, 'OFF');
    await addBudget(db(), ws, 'OFF', 2026, { 3: '1' }, { standard: false, projected: false });
    await addCost(db(), ws, 'OFF', '2026-03-01', '100');
    expect(await evaluate(['OFF'], '2026-04-05T00:00:00Z', march)).toMatchObject({ budgets: 0, alerts: 0 });
  });

  it('evaluates the customers with usage on the rated days when none are named, in each one\'s calendar and accounting year', async () => {
    const other = await createWorkspace(db(), 'ws-calendars');
    await addCustomer(db(), other, 'FISCAL', { accountingDay: 15, fiscalStartMonth: 4 });
    await addCustomer(db(), other, 'QUIET');
    // Accounting year 2025 with a fiscal start in April and day 15: period 12 is 2026-03-15..2026-04-15.
    await addBudget(db(), other, 'FISCAL', 2025, { 12: '100' });
    await addBudget(db(), other, 'QUIET', 2026, { 4: '1' });
    await addCost(db(), other, 'FISCAL', '2026-03-14', '1000'); // period 11: no budget value there
    await addCost(db(), other, 'FISCAL', '2026-04-14', '100');
    await addCost(db(), other, 'QUIET', '2026-04-20', '50'); // outside the rated days
    const summary = await evaluateBudgets(db(), other, undefined, at('2026-04-20T00:00:00Z'), { rated: { fromDay: '2026-04-14', toDay: '2026-04-15' } });
    expect(summary).toMatchObject({ budgets: 1, alerts: 1 });
    expect(await alertKeys(db(), other)).toEqual(['STANDARD:2@2025/12']);
  });

  it('evaluates customers of different calendars and periods in one statement, each against its own window', async () => {
    const other = await createWorkspace(db(), 'ws-windows');
    await addCustomer(db(), other, 'D1');
    await addCustomer(db(), other, 'D15', { accountingDay: 15 });
    // D1: March 1–31 and April 1–30; D15: March 15–April 14 (period 3) and April 15–May 14 (period 4).
    await addBudget(db(), other, 'D1', 2026, { 3: '100', 4: '100' });
    await addBudget(db(), other, 'D15', 2026, { 3: '100', 4: '100' }, { projected: false });
    await addCost(db(), other, 'D1', '2026-03-20', '85'); // D1 period 3: 85%
    await addCost(db(), other, 'D1', '2026-04-10', '100'); // D1 period 4: 100%
    await addCost(db(), other, 'D15', '2026-03-14', '500'); // D15 period 2 (no budget value): nothing
    await addCost(db(), other, 'D15', '2026-04-10', '30'); // D15 period 3 with March 20's below
    await addCost(db(), other, 'D15', '2026-03-20', '95'); // D15 period 3: 125%
    await addCost(db(), other, 'D15', '2026-04-16', '80'); // D15 period 4: 80%
    const summary = await evaluateBudgets(db(), other, undefined, at('2026-04-20T00:00:00Z'), { rated: { fromDay: '2026-03-01', toDay: '2026-04-20' } });
    expect(summary).toMatchObject({ budgets: 2, alerts: 4 });
    // D1's April is open: 100 in 10 of 30 days projects 300%, but its standard level 2 fires in this run.
    expect(await alertKeys(db(), other, 'D1')).toEqual(['STANDARD:1@2026/3', 'STANDARD:2@2026/4']);
    expect(await alertKeys(db(), other, 'D15')).toEqual(['STANDARD:3@2026/3', 'STANDARD:1@2026/4']);
    const values = await db().selectFrom('budget_alerts').select(['billing_account_id', 'accounting_period', 'actual_value']).where('workspace_id', '=', other).orderBy('id').execute();
    expect(values.map((v) => `${v.billing_account_id}/${v.accounting_period}=${v.actual_value}`)).toEqual(['D1/3=85', 'D1/4=100', 'D15/3=125', 'D15/4=80']);
    // The next evaluation makes D1's projected level 3.
    await evaluateBudgets(db(), other, ['D1'], at('2026-04-20T01:00:00Z'));
    expect(await alertKeys(db(), other, 'D1')).toEqual(['STANDARD:1@2026/3', 'STANDARD:2@2026/4', 'PROJECTED:3@2026/4']);
  });

  it('measures a period without a budget value against the default alert cost level of its currency', async () => {
    const other = await createWorkspace(db(), 'ws-default-level');
    await addCustomer(db(), other, 'DEF');
    await addBudget(db(), other, 'DEF', 2026, { 3: '0' });
    await addCost(db(), other, 'DEF', '2026-03-10', '400');
    // No default: no alert for the period.
    await evaluateBudgets(db(), other, ['DEF'], at('2026-04-01T00:00:00Z'), { rated: march });
    expect(await alertKeys(db(), other)).toEqual([]);
    // A default in another currency does not apply.
    const settings = { workspace_id: other, threshold1_percent: 80, threshold2_percent: 100, threshold3_percent: 120, default_alert_cost_level: '500', default_alert_currency: 'EUR', updated_at: new Date() };
    await db().insertInto('budget_settings').values(settings).execute();
    await evaluateBudgets(db(), other, ['DEF'], at('2026-04-01T00:00:00Z'), { rated: march });
    expect(await alertKeys(db(), other)).toEqual([]);
    // In the budget's currency it does: 400 of 500 is 80%.
    await db().updateTable('budget_settings').set({ default_alert_currency: 'USD' }).where('workspace_id', '=', other).execute();
    await evaluateBudgets(db(), other, ['DEF'], at('2026-04-01T00:00:00Z'), { rated: march });
    expect(await alertKeys(db(), other)).toEqual(['STANDARD:1@2026/3']);
    const [alert] = await db().selectFrom('budget_alerts').select(['budget_value']).where('workspace_id', '=', other).execute();
    expect(alert!.budget_value).toBe('500');
    // The workspace's own default thresholds apply to budgets that use the defaults.
    await db().updateTable('budget_settings').set({ threshold2_percent: 60, threshold3_percent: 0 }).where('workspace_id', '=', other).execute();
    await evaluateBudgets(db(), other, ['DEF'], at('2026-04-01T00:00:00Z'), { rated: march });
    expect(await alertKeys(db(), other)).toEqual(['STANDARD:1@2026/3', 'STANDARD:2@2026/3']);
  });

  it('writes one PENDING outbox row per enabled channel and recipient, with a delivery job each, in the same transaction', async () => {
    const other = await createWorkspace(db(), 'ws-outbox');
    const jobs = new JobQueue(db(), { now: () => Date.parse('2026-04-01T00:00:00Z') });
    const now = new Date('2026-04-01T00:00:00Z');
    const channel = (id: string, values: { kind: 'WEBHOOK' | 'EMAIL'; url?: string; recipients?: string[]; enabled?: boolean }) =>
      db()
        .insertInto('notification_channels')
        .values({
          id,
          workspace_id: other,
          name: id,
          kind: values.kind,
          url: values.url ?? null,
          signing_secret: values.kind === 'WEBHOOK' ? 'whsec_test' : null,
          recipients: values.recipients ?? [],
          enabled: values.enabled ?? true,
          created_at: now,
          updated_at: now,
        })
        .execute();
    await channel('00000000-0000-4000-8000-000000000001', { kind: 'WEBHOOK', url: 'https://hooks.example.com/consumo' });
    await channel('00000000-0000-4000-8000-000000000002', { kind: 'EMAIL', recipients: ['a@example.com', 'b@example.com'] });
    await channel('00000000-0000-4000-8000-000000000003', { kind: 'WEBHOOK', url: 'https://off.example.com/', enabled: false });
    await addCustomer(db(), other, 'OUT');
    await addBudget(db(), other, 'OUT', 2026, { 3: '100' });
    await addCost(db(), other, 'OUT', '2026-03-10', '130');
    const summary = await evaluateBudgets(db(), other, ['OUT'], now, { rated: march, notify: { jobs, maxAttempts: 4 } });
    expect(summary).toMatchObject({ alerts: 1, deliveries: 3 });
    const deliveries = await db().selectFrom('notification_deliveries').selectAll().where('workspace_id', '=', other).orderBy('recipient').execute();
    expect(deliveries.map((d) => [d.recipient, d.status, d.attempts])).toEqual([
      ['a@example.com', 'PENDING', 0],
      ['b@example.com', 'PENDING', 0],
      ['https://hooks.example.com/consumo', 'PENDING', 0],
    ]);
    for (const d of deliveries) {
      const job = await jobs.find(d.id);
      expect(job).toMatchObject({ queue: 'budgets.notify', status: 'queued', max_attempts: 4, workspace_id: other, payload: { deliveryId: d.id } });
    }
    // Without notify (demo seeding), alerts are recorded and nobody is told.
    await addCustomer(db(), other, 'QUIET');
    await addBudget(db(), other, 'QUIET', 2026, { 3: '100' });
    await addCost(db(), other, 'QUIET', '2026-03-10', '130');
    expect(await evaluateBudgets(db(), other, ['QUIET'], now, { rated: march })).toMatchObject({ alerts: 1, deliveries: 0 });
  });
});
