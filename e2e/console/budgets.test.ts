/**
 * The budgets page in Chromium, against a real server with the demo data: dividing a yearly amount
 * by 12 and saving moves the budget bar and its thresholds (the chart's ARIA description and the
 * figures table say so, and the API agrees), a bad value is refused at its field before anything
 * is sent, and the page passes axe and fits a phone; the budget editor dialog passes axe too (light
 * and dark), and its close button is named.
 */
import type { BrowserContext } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  type ConsoleServer,
  PHONE,
  describeViolations,
  saveArtifact,
  scrollsSideways,
  seriousAxeViolations,
  sessionCookieHeader,
  skipReason,
  suiteTitle,
  updateDocScreenshot,
  useSignedInConsole,
} from './support/console-e2e.js';

const skip = skipReason();

interface Budget {
  id: string;
  billingAccountId: string;
  costPeriods: { accountingPeriod: number; budgetValue: string }[];
}

describe.skipIf(skip)(suiteTitle('console budgets in Chromium', skip), { timeout: 60_000 }, () => {
  let server: ConsoleServer;
  const { open } = useSignedInConsole({ demo: true }, (suite) => ({ server } = suite));
  const budgets = async (context: BrowserContext): Promise<Budget[]> => {
    const res = await fetch(`${server.url}/budgets/v1/budgets`, { headers: { cookie: await sessionCookieHeader(context) } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Budget[] }).items;
  };


  it('divides a yearly amount by 12, saves it, and the budget bar and thresholds move to the new period value', async () => {
    const { context, page } = await open();
    const [budget] = await budgets(context);
    // The demo has budgets: without one the test would prove nothing.
    expect(budget, 'the demo data has a budget').toBeDefined();
    await page.goto(`${server.url}/console/budgets?account=${encodeURIComponent(budget!.billingAccountId)}`);
    const chart = page.getByTestId('budget-chart');
    await chart.locator('canvas').first().waitFor();
    const budgetRow = page.getByTestId('budget-figures').locator('tr[data-figure="budget"] code');
    const before = await budgetRow.textContent();
    // The projected bar is the API's projection of the current period (the projected alerts' rule), as it gives it.
    const usageRes = await fetch(`${server.url}/budgets/v1/usage?billingAccountId=${encodeURIComponent(budget!.billingAccountId)}`, {
      headers: { cookie: await sessionCookieHeader(context) },
    });
    const usage = (await usageRes.json()) as { periodBudgetUsage: { type: string; projectedUsage: string | null }[] };
    const projected = usage.periodBudgetUsage.find((u) => u.type === 'COST')!.projectedUsage;
    expect(projected, 'the current period has begun, so it is projected').not.toBeNull();
    await page.getByTestId('budget-figures').locator('tr[data-figure="projected"] code', { hasText: new RegExp(`^${projected!.replace('.', '\\.')}$`) }).waitFor();
    const descriptionBefore = await chart.getAttribute('aria-label');
    await saveArtifact(page, 'budgets-before');
    await updateDocScreenshot(page, 'console-budgets');

    await page.getByRole('button', { name: 'Edit budget' }).click();
    // A negative period value is refused at its field on Save, and nothing is sent.
    const writes: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/budgets/v1/budgets') && r.method() !== 'GET') writes.push(`${r.method()} ${r.url()}`);
    });
    await page.getByTestId('period-3').fill('-1');
    await page.getByRole('button', { name: /^Save/ }).click();
    await page.getByText('Must not be negative.').first().waitFor();
    expect(writes).toEqual([]);

    await page.getByLabel('Yearly amount').fill('1200.00');
    await page.getByRole('button', { name: 'Divide by 12' }).click();
    await expect(page.getByTestId('period-12').inputValue()).resolves.toBe('100.00');
    await expect(page.getByTestId('period-3').inputValue()).resolves.toBe('100.00');
    await page.getByRole('button', { name: /^Save/ }).click();
    await expect.poll(() => writes.length).toBe(1);

    // The chart and its figures move: the current period's budget is now 100.00, the thresholds with it.
    await page.getByTestId('budget-figures').locator('tr[data-figure="budget"] code', { hasText: /^100\.00$/ }).waitFor();
    expect(before).not.toBe('100.00');
    await expect.poll(() => chart.getAttribute('aria-label')).not.toBe(descriptionBefore);
    expect(await chart.getAttribute('aria-label')).toMatch(/Budget \$100\.00/);
    // And the API holds what the page saved: twelve periods of 100.00.
    const saved = (await budgets(context)).find((b) => b.id === budget!.id)!;
    expect(saved.costPeriods.map((p) => p.budgetValue)).toEqual(Array.from({ length: 12 }, () => '100.00'));
    await saveArtifact(page, 'budgets-after');
  });

  it('has no serious or critical axe violation, and fits a phone without sideways scrolling', async () => {
    const { page } = await open({ viewport: PHONE });
    await page.goto(`${server.url}/console/budgets`);
    await page.getByTestId('budget-chart').locator('canvas').first().waitFor();
    const violations = await seriousAxeViolations(page);
    expect(violations, describeViolations(violations)).toEqual([]);
    const { scrollWidth, clientWidth } = await scrollsSideways(page);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violation with the budget editor open, whose close button is named (${colorScheme})`, async () => {
      const { page } = await open({ colorScheme });
      await page.goto(`${server.url}/console/budgets`);
      await page.getByTestId('budget-chart').locator('canvas').first().waitFor();
      await page.getByRole('button', { name: 'Edit budget' }).click();
      const editor = page.getByRole('dialog', { name: /^Edit the \d{4} budget of / });
      await editor.getByTestId('period-12').waitFor();
      const violations = await seriousAxeViolations(page);
      expect(violations, describeViolations(violations)).toEqual([]);
      await saveArtifact(page, `console-budget-editor-${colorScheme}`);
      await editor.getByRole('button', { name: 'Close', exact: true }).click();
      await editor.waitFor({ state: 'detached' });
    });
  }
});
