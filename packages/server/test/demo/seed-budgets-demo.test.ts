/** The budgets demo: the test account under, over and projected over budget, the alerts present after seeding, nothing sent, safe re-seeding. */
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_BUDGET_DESCRIPTION, TEST_BILLING_ACCOUNT, seedBudgetsDemo, seedFlexDemo, seedMeteringDemo } from '../../src/demo/index.js';
import { suiteDatabase } from '../support/demo-fixtures.js';
import { testEngines } from '../support/test-databases.js';
import { alertKeys } from '../support/budget-alert-fixtures.js';
import { findBudget, insertBudget } from '../../src/modules/budgets/budgets.repository.js';

/** Day 10 of a 30-day period: early enough for a projection to run ahead of the actual. */
const UNTIL = new Date('2026-11-10T09:30:00Z');

describe.each(testEngines())('seedBudgetsDemo (%s)', (engine) => {
  const ws = 'b1b2c3d4e5f60718293a4b5c6d7e8f90';
  const database = suiteDatabase(engine, [ws]);
  beforeAll(async () => {
    await seedFlexDemo(database.db, ws, {});
    await seedMeteringDemo(database.db, ws, { usageDays: 75, resources: 8, until: UNTIL });
  }, 120_000);

  it('budgets the test account from its own costs and raises its alerts at once: last period over, the open one projected over', async () => {
    const result = await seedBudgetsDemo(database.db, ws, UNTIL);
    expect(result).toEqual({ budgets: 4, alerts: 2 });
    // September under (no alert), October over its budget (110 %: level 2), November projected 5 % over it (level 2 at 100 %).
    expect(await alertKeys(database.db, ws, TEST_BILLING_ACCOUNT.id)).toEqual(['STANDARD:2@2026/10', 'PROJECTED:2@2026/11']);
    const budgets = await database.db
      .selectFrom('budgets')
      .select(['billing_account_id', 'accounting_year', 'description'])
      .where('workspace_id', '=', ws)
      .orderBy('billing_account_id')
      .execute();
    expect(budgets.map((b) => b.description)).toEqual(Array(4).fill(DEMO_BUDGET_DESCRIPTION));
    expect(budgets.map((b) => b.billing_account_id)).toContain(TEST_BILLING_ACCOUNT.id);
    const values = await database.db
      .selectFrom('budget_periods as p')
      .innerJoin('budgets as b', 'b.id', 'p.budget_id')
      .select(['p.budget_value'])
      .where('b.workspace_id', '=', ws)
      .execute();
    expect(values).toHaveLength(4 * 12);
    for (const v of values) expect(v.budget_value).toMatch(/^\d+\.00$/);
  });

  it('creates no notification channel, so nothing is sent anywhere', async () => {
    const channels = await database.db.selectFrom('notification_channels').select('id').where('workspace_id', '=', ws).execute();
    const deliveries = await database.db.selectFrom('notification_deliveries').select('id').where('workspace_id', '=', ws).execute();
    expect([channels, deliveries]).toEqual([[], []]);
  });

  it('replaces its own budgets on re-seeding, keeps a budget of the user, and never repeats an alert', async () => {
    const before = await alertKeys(database.db, ws);
    const mine = await insertBudget(
      database.db, ws,
      {
        billing_account_id: TEST_BILLING_ACCOUNT.id, budget_type: 'COST', resource_id: null, resource_header_id: null, accounting_year: 2031,
        currency_code: 'usd', description: 'mine', standard_alerts_enabled: true, projected_alerts_enabled: true, use_default_thresholds: true,
        threshold1_percent: null, threshold2_percent: null, threshold3_percent: null,
      },
      [{ kind: 'COST', accounting_period: 1, budget_value: '5.0' }],
      UNTIL,
    );
    const result = await seedBudgetsDemo(database.db, ws, UNTIL);
    expect(result).toEqual({ budgets: 4, alerts: 0 });
    expect(await alertKeys(database.db, ws)).toEqual(before);
    const count = await database.db.selectFrom('budgets').select((eb) => eb.fn.countAll<number>().as('n')).where('workspace_id', '=', ws).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(5);
    expect((await findBudget(database.db, ws, mine))?.periods).toEqual([{ kind: 'COST', accounting_period: 1, budget_value: '5.0' }]);
  });
});
