/**
 * `consumo budgets list|get|set|usage|alerts` against a real server (the app listening on a port, the CLI's
 * own SDK client over HTTP): tables and --json, set creating then replacing the same budget, the
 * divide and copy shortcuts, usage of a period, and bad options refused before anything is sent.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../../server/test/support/test-app.js';
import { testEngines } from '../../../server/test/support/test-databases.js';
import { addCost } from '../../../server/test/support/budget-alert-fixtures.js';
import { budgetBody, decimalSum, registerBudgetsCommands } from '../../src/commands/budgets.commands.js';
import { UsageError } from '../../src/connection.js';
import { commandRunner, pointCliAt } from '../support/run-command.js';

const { cli, ok } = commandRunner('budgets', registerBudgetsCommands);
const refused = async (...args: string[]) => {
  const run = await cli(...args);
  expect(run.error, `consumo budgets ${args.join(' ')}`).toBeInstanceOf(UsageError);
  return (run.error as Error).message;
};

describe('budgetBody and decimalSum', () => {
  const base = { account: 'A', year: '2027', standardAlerts: true, projectedAlerts: true };

  it('builds the body of set, each shortcut as the API names it', () => {
    expect(budgetBody({ ...base, yearly: '1000' })).toEqual({
      billingAccountId: 'A',
      accountingYear: 2027,
      type: 'COST',
      standardAlertsEnabled: true,
      projectedAlertsEnabled: true,
      yearlyBudget: '1000',
    });
    expect(budgetBody({ ...base, periodValue: '5', thresholds: '80,100,0', projectedAlerts: false, currency: 'usd' })).toMatchObject({
      periodBudget: '5',
      useDefaultThresholds: false,
      threshold1Percent: 80,
      threshold2Percent: 100,
      threshold3Percent: 0,
      projectedAlertsEnabled: false,
      currency: 'usd',
    });
    const values = budgetBody({ ...base, values: '1,2,3,4,5,6,7,8,9,10,11,12.5' }).costPeriods!;
    expect(values[11]).toEqual({ accountingPeriod: 12, budgetValue: '12.5' });
  });

  it('refuses what the server would refuse, naming the option', () => {
    expect(() => budgetBody({ ...base })).toThrow(/--period-value V .* --yearly V .* --values/);
    expect(() => budgetBody({ ...base, yearly: '1', periodValue: '1' })).toThrow(/not --period-value and --yearly/);
    expect(() => budgetBody({ ...base, yearly: '1e5' })).toThrow(/--yearly takes decimal amounts/);
    expect(() => budgetBody({ ...base, yearly: '-1' })).toThrow(UsageError);
    expect(() => budgetBody({ ...base, values: '1,2,3' })).toThrow(/12 comma-separated values.* got 3/);
    expect(() => budgetBody({ ...base, periodValue: '1', thresholds: '80,100' })).toThrow(/three percentages/);
    expect(() => budgetBody({ ...base, periodValue: '1', thresholds: '80,100,1001' })).toThrow(/--thresholds must be a whole number 0..1000/);
    expect(() => budgetBody({ ...base, year: 'next', periodValue: '1' })).toThrow(/--year/);
    expect(() => budgetBody({ ...base, account: undefined, periodValue: '1' })).toThrow(/--account/);
  });

  it('sums decimal strings exactly', () => {
    expect(decimalSum([...Array(11).fill('83.33'), '83.37'])).toBe('1000.00');
    expect(decimalSum(['0.1', '0.2'])).toBe('0.3');
    expect(decimalSum(['999999999999999999.999999', '0.000001'])).toBe('1000000000000000000.000000');
    expect(decimalSum(['0.05'])).toBe('0.05');
    expect(decimalSum([])).toBe('0');
  });
});

describe.each(testEngines())('consumo budgets against a server on %s', (engine) => {
  let t: TestApp;
  const saved = { ...process.env };
  let counter = 0;
  const account = async (body: Record<string, unknown> = { name: 'Acme' }) => {
    const id = `CLI-${++counter}`;
    const res = await t.call({ method: 'PUT', url: `/metering/v1/billing-accounts/${id}`, payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return id;
  };

  useTestApp(engine, async (app) => {
    t = app;
    await pointCliAt(app);
  });
  afterAll(() => {
    process.env = saved;
  });

  it('set creates the COST budget of the year, then replaces the same one', async () => {
    const id = await account();
    const created = await ok('set', '--account', id, '--year', '2027', '--yearly', '1000');
    const budgetId = Number(/^created budget (\d+)$/m.exec(created)![1]);
    expect(created).toContain(`budget ${budgetId}: COST, account ${id} (customer `);
    expect(created).toContain('alerts: standard,projected; thresholds: default');
    expect(created).toMatch(/^1\s+83\.33$/m);
    expect(created).toMatch(/^12\s+83\.37$/m);
    expect(created).toMatch(/^year\s+1000\.00$/m);

    const replaced = await ok('set', '--account', id, '--year', '2027', '--period-value', '42500.0', '--thresholds', '50,75,100', '--no-projected-alerts', '--currency', 'usd', '--description', 'Compute');
    expect(replaced).toMatch(new RegExp(`^replaced budget ${budgetId}$`, 'm'));
    expect(replaced).toContain('currency usd');
    expect(replaced).toContain('description: Compute');
    expect(replaced).toContain('alerts: standard; thresholds: 50/75/100');
    expect(replaced).toMatch(/^year\s+510000\.0$/m);

    const json = JSON.parse(await ok('get', String(budgetId), '--json')) as Record<string, unknown>;
    expect(json).toMatchObject({
      id: budgetId,
      billingAccountId: id,
      accountingYear: 2027,
      currency: 'usd',
      useDefaultThresholds: false,
      threshold1Percent: 50,
      projectedAlertsEnabled: false,
      costPeriods: Array.from({ length: 12 }, (_, i) => ({ accountingPeriod: i + 1, budgetValue: '42500.0' })),
    });
    const values = JSON.parse(await ok('set', '--account', id, '--year', '2027', '--values', '1,2,3,4,5,6,7,8,9,10,11,12', '--json')) as {
      id: number;
      costPeriods: { budgetValue: string }[];
      useDefaultThresholds: boolean;
    };
    expect(values.id).toBe(budgetId);
    expect(values.costPeriods.map((p) => p.budgetValue)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12']);
    // A replacement is complete: the thresholds not given are the workspace's again.
    expect(values.useDefaultThresholds).toBe(true);
  });

  it('list shows the budgets as a table, filtered by account and year, and as JSON', async () => {
    const a = await account();
    const b = await account();
    await ok('set', '--account', a, '--year', '2026', '--period-value', '10');
    await ok('set', '--account', a, '--year', '2027', '--period-value', '20');
    await ok('set', '--account', b, '--year', '2027', '--yearly', '1200', '--no-standard-alerts', '--no-projected-alerts');

    const table = (await ok('list', '--account', a)).split('\n');
    expect(table[0]).toMatch(/^id\s+account\s+customer\s+year\s+type\s+currency\s+yearTotal\s+alerts\s+thresholds\s+description$/);
    expect(table).toHaveLength(3);
    expect(table[1]).toMatch(new RegExp(`^\\d+\\s+${a}\\s+\\d+\\s+2026\\s+COST\\s+USD\\s+120\\s+standard,projected\\s+default$`));
    expect(table[2]).toMatch(/\s2027\s+COST\s+USD\s+240\s/);

    const year = JSON.parse(await ok('list', '--year', '2027', '--json')) as { total: number; items: { billingAccountId: string }[] };
    expect(year.items.map((i) => i.billingAccountId)).toEqual(expect.arrayContaining([a, b]));
    expect(year.total).toBe(year.items.length);
    const one = JSON.parse(await ok('list', '--account', b, '--year', '2027', '--json')) as { total: number; items: { costPeriods: unknown[] }[] };
    expect(one.total).toBe(1);
    expect(await ok('list', '--account', b, '--year', '2027')).toMatch(/\s1200\.00\s+off\s+default$/m);
    expect(await ok('list', '--account', 'NOBODY')).toBe('(none)');
  });

  it('usage shows the period, the thresholds and each budget against its cost', async () => {
    const id = await account({ name: 'usage', accountingDay: 5 });
    await ok('set', '--account', id, '--year', '2013', '--period-value', '100.00', '--currency', 'usd');
    await addCost(t.db, t.admin.workspaceId, id, '2013-10-05', '40.10');
    await addCost(t.db, t.admin.workspaceId, id, '2013-11-04', '60.99');

    const out = (await ok('usage', '--account', id, '--year', '2013', '--period', '10')).split('\n');
    expect(out[0]).toMatch(new RegExp(`^account ${id} \\(customer \\d+\\), accounting year 2013, period 10: 2013-10-05 to 2013-11-04; thresholds 80/100/120 \\(default\\)$`));
    expect(out[1]).toMatch(/^budget\s+type\s+currency\s+budgetValue\s+actual\s+percent\s+status$/);
    expect(out[2]).toMatch(/^\d+\s+COST\s+usd\s+100\.00\s+101\.09\s+101%\s+THRESHOLD_2$/);

    const json = JSON.parse(await ok('usage', '--account', id, '--year', '2013', '--period', '11', '--json')) as { periodBudgetUsage: { status: string }[] };
    expect(json.periodBudgetUsage.map((u) => u.status)).toEqual(['NO_USAGE']);
    expect(await ok('usage', '--account', id, '--type', 'resource')).toMatch(/\(none\)$/);
  });

  it('alerts lists the alerts raised, newest first, filtered, with their deliveries', async () => {
    const id = await account({ name: 'alerting' });
    const today = new Date(t.now()).toISOString().slice(0, 10);
    const year = today.slice(0, 4);
    await addCost(t.db, t.admin.workspaceId, id, today, '5.00');
    // The budget change queues the customer's evaluation: 5.00 of 1.00 is 500 %, level 3.
    await ok('set', '--account', id, '--year', year, '--period-value', '1.00', '--no-projected-alerts');
    await t.jobs.drain();

    const table = (await ok('alerts', '--account', id)).split('\n');
    expect(table[0]).toMatch(/^id\s+date\s+account\s+period\s+type\s+level\s+budget\s+actual\s+projected\s+currency\s+deliveries$/);
    expect(table).toHaveLength(2);
    expect(table[1]).toMatch(new RegExp(`^\\d+\\s+\\S+\\s+${id}\\s+${year}/\\d+\\s+STANDARD\\s+3 \\(120%\\)\\s+1\\.00\\s+5\\.00\\s+USD\\s*$`));
    const json = JSON.parse(await ok('alerts', '--account', id, '--type', 'standard', '--json')) as { total: number; items: { accountId: string; thresholdLevel: number }[] };
    expect(json.total).toBe(1);
    expect(json.items[0]).toMatchObject({ accountId: id, thresholdLevel: 3 });
    expect(await ok('alerts', '--account', id, '--type', 'PROJECTED')).toBe('(none)');
    expect(await refused('alerts', '--period', '13')).toMatch(/--period must be a whole number 1..12/);
  });

  it('says what is wrong, locally or as the server answered, and exits 2 (UsageError)', async () => {
    const id = await account();
    expect(await refused('set', '--account', 'NOBODY', '--year', '2027', '--yearly', '12')).toBe(
      "the server refused the budget: billingAccountId: No billing account 'NOBODY' in this workspace.",
    );
    expect(await refused('set', '--account', id, '--year', '2027')).toMatch(/needs the period values/);
    expect(await refused('get', '999999')).toBe('No budget with id 999999 in this workspace.');
    expect(await refused('get', 'abc')).toMatch(/the budget id must be a whole number/);
    expect(await refused('usage', '--account', 'NOBODY')).toBe("No billing account 'NOBODY' in this workspace.");
    expect(await refused('usage', '--account', id, '--period', '13')).toMatch(/--period must be a whole number 1..12/);
    expect(await refused('usage')).toMatch(/--account/);
    expect(await refused('list', '--type', 'all')).toMatch(/--type must be one of COST, RESOURCE/);
    expect(await ok('list', '--account', id)).toBe('(none)');
  });
});
