/**
 * The cost explorer in Chromium, against a real server with the demo data: the chart and the table
 * show what GET /metering/v1/cost-summary sums to (checked with the test's own exact arithmetic),
 * by a dimension or a tag key, the view lives in the URL and comes back from it, the CSV is the table, the theme is remembered,
 * and the page passes axe, fits a laptop and a phone, and loads under the CSP without an error.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { normalDecimal, parseCsv, sumExact, usMoney } from './support/cost-figures.js';
import {
  CONSOLE_CSP,
  type ConsoleServer,
  DESKTOP,
  PHONE,
  describeViolations,
  launchChromium,
  openPage,
  saveArtifact,
  scrollsSideways,
  seriousAxeViolations,
  sessionCookieHeader,
  signIn,
  skipReason,
  startConsoleServer,
  suiteTitle,
  updateDocScreenshot,
} from './support/console-e2e.js';

const skip = skipReason();

interface SummaryItem {
  periodStart: string;
  BillingCurrency: string;
  [column: string]: string | number | null;
}
interface Summary {
  granularity: string;
  groupBy: string[];
  from: string;
  to: string;
  items: SummaryItem[];
}
interface ShownTable {
  caption: string;
  header: string[];
  rows: string[][];
  footer: string[];
}

const dayText = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The first day of the UTC month `monthsBack` months before today's. */
function monthStart(monthsBack: number): string {
  const now = new Date();
  return dayText(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1));
}

/** The table under the chart, as text, once the figures for `captionPart` are on screen. */
async function shownTable(page: Page, captionPart: string): Promise<ShownTable> {
  const table = page.getByTestId('cost-table');
  await table.locator('caption', { hasText: captionPart }).waitFor();
  const cells = (row: string) =>
    table.locator(row).evaluateAll((trs) => trs.map((tr) => Array.from((tr as { children: ArrayLike<{ textContent: string | null }> }).children, (c) => c.textContent ?? '')));
  const [caption, header, rows, footer] = await Promise.all([table.locator('caption').textContent(), cells('thead tr'), cells('tbody tr'), cells('tfoot tr')]);
  return { caption: caption ?? '', header: header[0] ?? [], rows, footer: footer[0] ?? [] };
}

describe.skipIf(skip)(suiteTitle('console cost explorer in Chromium', skip), { timeout: 60_000 }, () => {
  let server: ConsoleServer;
  let browser: Browser;
  let signedIn: Awaited<ReturnType<BrowserContext['storageState']>>;
  const contexts: BrowserContext[] = [];
  /** A new context holding the admin's session (signed in once, through the form, in beforeAll). */
  const open = async (options: BrowserContextOptions = {}) => {
    const opened = await openPage(browser, { storageState: signedIn, ...options });
    contexts.push(opened.context);
    return opened;
  };
  const summaryOf = async (context: BrowserContext, query: URLSearchParams): Promise<Summary> => {
    const res = await fetch(`${server.url}/metering/v1/cost-summary?${query}`, { headers: { cookie: await sessionCookieHeader(context) } });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Summary;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer({ demo: true }), launchChromium()]);
    const { context, page } = await openPage(browser);
    await signIn(page, server.url);
    signedIn = await context.storageState();
    await context.close();
  }, 180_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  describe('a month-by-month view of effective cost by service', () => {
    const from = monthStart(4);
    const to = monthStart(-1);
    const viewUrl = () => `${server.url}/console/costs?groupBy=ServiceName&granularity=MONTH&cost=EffectiveCost&from=${from}&to=${to}`;

    /** Opens the view; returns the page and what cost-summary answers the test itself for the query the page made. */
    async function openView() {
      const opened = await open();
      const asked = opened.page.waitForRequest((r) => r.url().includes('/metering/v1/cost-summary'));
      await opened.page.goto(viewUrl());
      const query = new URL((await asked).url()).searchParams;
      // The page asked for the view its URL names.
      expect(Object.fromEntries(query)).toEqual({ groupBy: 'ServiceName', granularity: 'MONTH', from, to });
      const summary = await summaryOf(opened.context, query);
      const usd = summary.items.filter((i) => i.BillingCurrency === 'USD');
      // The demo data has costs in this range, from more than one service: the comparison means something.
      expect(new Set(usd.map((i) => i.ServiceName)).size).toBeGreaterThan(1);
      return { ...opened, usd };
    }
    const costOf = (items: SummaryItem[]) => sumExact(items.map((i) => i.EffectiveCost).filter((v): v is string => typeof v === 'string'));

    it('draws the chart and shows a table whose totals are the exact sums of cost-summary', async () => {
      const { page, problems, usd } = await openView();
      const shown = await shownTable(page, 'Effective cost in USD by service and month');

      const chart = page.getByTestId('cost-chart');
      await chart.locator('canvas').first().waitFor();
      await expect(chart.getAttribute('aria-label')).resolves.toMatch(/^Effective cost in USD by Service, /);

      const services = shown.header.slice(1, -1);
      expect(shown.header[0]).toBe('Period');
      expect(shown.header.at(-1)).toBe('Total');
      expect(new Set(services)).toEqual(new Set(usd.map((i) => i.ServiceName)));
      // The footer: each service's total, then the grand total, as exact sums in en-US dollars.
      expect(shown.footer).toEqual([
        'Total',
        ...services.map((name) => usMoney(costOf(usd.filter((i) => i.ServiceName === name)), 'USD')),
        usMoney(costOf(usd), 'USD'),
      ]);
      // Every cell: that month's sum for that service (— where none fell).
      for (const row of shown.rows) {
        const month = row[0]!;
        const inMonth = usd.filter((i) => i.periodStart.startsWith(month));
        expect(row.slice(1)).toEqual([
          ...services.map((name) => {
            const cell = inMonth.filter((i) => i.ServiceName === name);
            return cell.length === 0 ? '—' : usMoney(costOf(cell), 'USD');
          }),
          inMonth.length === 0 ? '—' : usMoney(costOf(inMonth), 'USD'),
        ]);
      }
      expect(shown.rows.map((r) => r[0])).toEqual([0, 1, 2, 3, 4].map((n) => monthStart(4 - n).slice(0, 7)));
      await expect(page.getByTestId('total-USD').textContent()).resolves.toContain(usMoney(costOf(usd), 'USD'));
      expect(problems.list).toEqual([]);
    });

    it('downloads the table as CSV: the header, the rows as shown and the exact totals', async () => {
      const { page, usd } = await openView();
      const shown = await shownTable(page, 'Effective cost in USD by service and month');
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download CSV' }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(`costs-ServiceName-EffectiveCost-USD-${from}-${dayText(Date.parse(to) - 86_400_000)}.csv`);
      const text = readFileSync((await download.path())!, 'utf8');
      const services = shown.header.slice(1, -1);
      expect(text.split('\r\n')[0]).toBe(['BillingCurrency', 'Period', ...services.map((s) => `ServiceName: ${s}`), 'Total'].join(','));

      const [, ...records] = parseCsv(text);
      expect(records).toHaveLength(shown.rows.length + 1);
      const asShown = (value: string) => (value === '' ? '—' : usMoney(value, 'USD'));
      records.slice(0, -1).forEach((record, n) => {
        expect(record[0]).toBe('USD');
        expect([record[1], ...record.slice(2).map(asShown)]).toEqual(shown.rows[n]);
      });
      // The totals row carries the exact decimal sums, not rounded ones.
      const totals = records.at(-1)!;
      expect(totals.slice(0, 2)).toEqual(['USD', 'Total']);
      expect(totals.slice(2).map(normalDecimal)).toEqual([...services.map((name) => costOf(usd.filter((i) => i.ServiceName === name))), costOf(usd)]);
    });
  });

  it('stacks by a tag key offered after the dimensions: its values in the chart and table, the totals unchanged, the choice in the URL', async () => {
    const from = monthStart(4);
    const to = monthStart(-1);
    const { page, context } = await open();
    await page.goto(`${server.url}/console/costs?groupBy=ServiceName&granularity=MONTH&cost=EffectiveCost&from=${from}&to=${to}`);
    const byService = await shownTable(page, 'Effective cost in USD by service and month');
    const totalBefore = await page.getByTestId('total-USD').textContent();

    // The menu: the fixed dimensions, then one "Tag: key" per key cost-tag-keys lists for the range.
    const keysRes = await fetch(`${server.url}/metering/v1/cost-tag-keys?from=${from}&to=${to}`, { headers: { cookie: await sessionCookieHeader(context) } });
    expect(keysRes.status).toBe(200);
    const keys = ((await keysRes.json()) as { items: { key: string }[] }).items.map((i) => i.key);
    expect(keys).toEqual(expect.arrayContaining(['environment', 'team']));
    await page.getByRole('combobox', { name: 'Group by' }).click();
    const options = await page.getByRole('option').allTextContents();
    expect(options.slice(options.indexOf('Charge category') + 1)).toEqual(keys.map((k) => `Tag: ${k}`));
    const asked = page.waitForRequest((r) => r.url().includes('/metering/v1/cost-summary') && r.url().includes('groupByTag'));
    await page.getByRole('option', { name: 'Tag: team' }).click();
    await page.waitForURL((url) => url.searchParams.get('tag') === 'team');
    expect(new URL(page.url()).searchParams.has('groupBy')).toBe(false);
    const query = new URL((await asked).url()).searchParams;
    expect(Object.fromEntries(query)).toEqual({ groupByTag: 'team', granularity: 'MONTH', from, to });

    const byTeam = await shownTable(page, 'Effective cost in USD by tag team and month');
    const summary = await summaryOf(context, query);
    const usd = summary.items.filter((i) => i.BillingCurrency === 'USD');
    const teams = new Set(usd.map((i) => (i.TagValue === null ? '(untagged)' : String(i.TagValue))));
    expect(teams.size).toBeGreaterThan(1);
    expect(new Set(byTeam.header.slice(1, -1))).toEqual(teams);
    // Each team's total is the exact sum of its items; the grand total and the periods are those of the view by service.
    const costOf = (items: SummaryItem[]) => sumExact(items.map((i) => i.EffectiveCost).filter((v): v is string => typeof v === 'string'));
    expect(byTeam.footer.slice(1, -1)).toEqual(
      byTeam.header.slice(1, -1).map((team) => usMoney(costOf(usd.filter((i) => (i.TagValue ?? '(untagged)') === team)), 'USD')),
    );
    expect(byTeam.footer.at(-1)).toBe(byService.footer.at(-1));
    expect(byTeam.rows.map((r) => [r[0], r.at(-1)])).toEqual(byService.rows.map((r) => [r[0], r.at(-1)]));
    await expect(page.getByTestId('total-USD').textContent()).resolves.toBe(totalBefore);
    await expect(page.getByTestId('cost-chart').getAttribute('aria-label')).resolves.toMatch(/^Effective cost in USD by Tag: team, /);

    // The CSV follows: one column per team, named by the tag.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`costs-tag-team-EffectiveCost-USD-${from}-${dayText(Date.parse(to) - 86_400_000)}.csv`);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text.split('\r\n')[0]).toBe(['BillingCurrency', 'Period', ...byTeam.header.slice(1, -1).map((t) => `Tags[team]: ${t}`), 'Total'].join(','));

    // The shared address opens the same view.
    const fresh = await open();
    await fresh.page.goto(page.url());
    expect(await shownTable(fresh.page, 'by tag team and month')).toEqual(byTeam);
    await expect(fresh.page.getByRole('combobox', { name: 'Group by' }).inputValue()).resolves.toBe('Tag: team');
  });

  it('writes a changed grouping, granularity and range to the URL, and a fresh page opens the same view from it', async () => {
    const { page } = await open();
    await page.goto(`${server.url}/console/costs`);
    await shownTable(page, 'by service and day');

    await page.getByRole('combobox', { name: 'Group by' }).click();
    await page.getByRole('option', { name: 'Region' }).click();
    await page.waitForURL((url) => url.searchParams.get('groupBy') === 'RegionId');
    await page.getByText('Month', { exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('granularity') === 'MONTH');
    await shownTable(page, 'by region and month');
    await page.getByRole('combobox', { name: 'Date range' }).click();
    const rangeLoaded = page.waitForResponse((r) => r.url().includes('/metering/v1/cost-summary'));
    await page.getByRole('option', { name: 'Last 6 months' }).click();
    await page.waitForURL((url) => url.searchParams.get('range') === 'LAST_6_MONTHS');
    const asked = new URL((await rangeLoaded).url()).searchParams;
    expect(Object.fromEntries(asked)).toMatchObject({ groupBy: 'RegionId', granularity: 'MONTH' });
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ groupBy: 'RegionId', granularity: 'MONTH', range: 'LAST_6_MONTHS' });
    const before = await shownTable(page, `by region and month, ${asked.get('from')} to `);
    await expect(page.getByTestId('cost-chart').getAttribute('aria-label')).resolves.toContain('by Region');
    expect(before.rows.length).toBe(6);

    // Another browser context, signed in, opening the shared address.
    const fresh = await open();
    await fresh.page.goto(url.href);
    const after = await shownTable(fresh.page, `by region and month, ${asked.get('from')} to `);
    expect(after).toEqual(before);
    await expect(fresh.page.getByRole('combobox', { name: 'Group by' }).inputValue()).resolves.toBe('Region');
    await expect(fresh.page.getByRole('combobox', { name: 'Date range' }).inputValue()).resolves.toBe('Last 6 months');
    await expect(fresh.page.getByRole('radio', { name: 'Month' }).isChecked()).resolves.toBe(true);
    await expect(fresh.page.getByTestId('cost-chart').getAttribute('aria-label')).resolves.toContain('by Region');
  });

  it('remembers the light/dark choice across a reload', async () => {
    const { page } = await open({ colorScheme: 'light' });
    await page.goto(`${server.url}/console/costs`);
    const scheme = () => page.evaluate<string | null>("document.documentElement.getAttribute('data-mantine-color-scheme')");
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect.poll(scheme).toBe('dark');
    await page.reload();
    await page.getByRole('button', { name: 'Switch to light theme' }).waitFor();
    await expect(scheme()).resolves.toBe('dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await expect.poll(scheme).toBe('light');
    await page.reload();
    await page.getByRole('button', { name: 'Switch to dark theme' }).waitFor();
    await expect(scheme()).resolves.toBe('light');
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violation on the cost explorer (${colorScheme})`, async () => {
      const { page } = await open({ colorScheme });
      await page.goto(`${server.url}/console/costs`);
      await shownTable(page, 'by service and day');
      await page.getByTestId('cost-chart').locator('canvas').first().waitFor();
      await expect(page.evaluate<string | null>("document.documentElement.getAttribute('data-mantine-color-scheme')")).resolves.toBe(colorScheme);
      // Screenshots first: a failing check still leaves the picture of what it looked at.
      await saveArtifact(page, `cost-explorer-${colorScheme}`);
      if (colorScheme === 'light') await updateDocScreenshot(page, 'console-cost-explorer');
      const violations = await seriousAxeViolations(page);
      expect(describeViolations(violations)).toBe('');
    });
  }

  // The console grows page by page: whatever else the admin's navigation lists gets the same checks.
  it('has no serious or critical axe violation on every other page of the navigation, light and dark', async () => {
    const found: string[] = [];
    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, problems } = await open({ colorScheme });
      await page.goto(`${server.url}/console/costs`);
      const links = page.getByRole('navigation', { name: 'Console pages' }).getByRole('link');
      await links.first().waitFor();
      const pages = (await links.evaluateAll((as) => as.map((a) => (a as { getAttribute(name: string): string | null }).getAttribute('href') ?? ''))).filter((href) => !href.endsWith('/costs'));
      for (const href of pages) {
        await page.goto(`${server.url}${href}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.waitForLoadState('networkidle');
        const name = href.split('/').filter(Boolean).join('-');
        await saveArtifact(page, `${name}-${colorScheme}`);
        // e.g. docs/images/console-budgets.png, for the README (only with CONSUMO_UPDATE_SCREENSHOTS=1).
        if (colorScheme === 'light') await updateDocScreenshot(page, name);
        const violations = await seriousAxeViolations(page);
        if (violations.length > 0) found.push(`${href} (${colorScheme}):\n${describeViolations(violations)}`);
      }
      expect(problems.list).toEqual([]);
    }
    expect(found.join('\n')).toBe('');
    // Every page of the navigation twice, each with an axe run: on a loaded two-core machine that
    // passed 60 s once the console had fourteen pages.
  }, 240_000);

  it('fits 1280×800 without sideways scrolling, with the navigation in view', async () => {
    const { page } = await open({ viewport: DESKTOP });
    await page.goto(`${server.url}/console/costs`);
    await shownTable(page, 'by service and day');
    const { scrollWidth, clientWidth } = await scrollsSideways(page);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    const link = page.getByRole('navigation', { name: 'Console pages' }).getByRole('link', { name: 'Cost explorer' });
    await expect(link.isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Sign out' }).isVisible()).resolves.toBe(true);
  });

  it('fits a phone (390×844) without sideways scrolling, the navigation behind its button', async () => {
    const { page } = await open({ viewport: PHONE, isMobile: true, hasTouch: true });
    await page.goto(`${server.url}/console/costs?granularity=MONTH&range=LAST_6_MONTHS`);
    await shownTable(page, 'by service and month');
    const { scrollWidth, clientWidth } = await scrollsSideways(page);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await saveArtifact(page, 'cost-explorer-phone-light');
    // The navigation waits off-screen (Mantine slides it in): in view only after the burger is pressed.
    const link = page.getByRole('navigation', { name: 'Console pages' }).getByRole('link', { name: 'Cost explorer' });
    const inView = async () => {
      const box = await link.boundingBox();
      return box !== null && box.x >= 0 && box.x + box.width <= PHONE.width;
    };
    await expect(inView()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Toggle navigation' }).click();
    await expect.poll(inView).toBe(true);
    await saveArtifact(page, 'navigation-phone-light');
    await link.click();
    await expect.poll(inView).toBe(false);
    await expect(page.getByRole('button', { name: 'Sign out' }).isVisible()).resolves.toBe(true);
  });

  it('serves the explorer under the CSP of ADR 0027 and loads it, chart and all, without a CSP violation or console error', async () => {
    const { page, problems } = await open();
    const response = await page.goto(`${server.url}/console/costs`);
    expect(response?.headers()['content-security-policy']).toBe(CONSOLE_CSP);
    await shownTable(page, 'by service and day');
    await page.getByTestId('cost-chart').locator('canvas').first().waitFor();
    expect(problems.list).toEqual([]);
  });
});
