/**
 * "No layout shift" (issue 16 point 8), measured in Chromium: each console page is loaded with the
 * demo data at 1280×800 and at a phone's 390×844, and the layout shifts the browser reports while
 * it loads its data and draws (the Layout Instability API, `layout-shift` entries without recent
 * input) are summed. The sum — stricter than Core Web Vitals' CLS, which keeps only the worst
 * burst — must stay under 0.1, the "good" threshold of CLS, at both sizes. The shifted elements are
 * named when it does not. How the pages keep still is in ADR 0027 ("Layout stability").
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, skipReason, suiteTitle, useSignedInConsole } from './support/console-e2e.js';

const skip = skipReason();
/** Web Vitals' bound for a good Cumulative Layout Shift. */
const GOOD_CLS = 0.1;

const PAGES = [
  '/console/costs',
  '/console/costs?tag=team&granularity=MONTH&range=LAST_6_MONTHS',
  '/console/budgets',
  '/console/flex/orders',
  '/console/flex/devices',
  '/console/subscriptions',
  '/console/exports',
  '/console/metering',
  '/console/metering?tab=ingest',
  '/console/metering?tab=rating',
  '/console/admin/workspaces',
  '/console/admin/api-clients',
  '/console/admin/users',
  '/console/admin/roles',
];

/** Installed before any of the page's own scripts: sums every layout shift not caused by input. */
const OBSERVE_SHIFTS = `
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      const sources = (entry.sources || []).map((s) => s.node ? s.node.nodeName + (s.node.className && typeof s.node.className === 'string' ? '.' + s.node.className.split(' ').slice(0, 2).join('.') : '') : '?');
      window.__shifts.push({ value: entry.value, sources });
    }
  }).observe({ type: 'layout-shift', buffered: true });
`;

interface Shift {
  value: number;
  sources: string[];
}

async function shiftsWhileLoading(page: Page, url: string): Promise<Shift[]> {
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  // Charts draw after their data; give the last frame time to land.
  await page.waitForTimeout(750);
  return page.evaluate<Shift[]>('window.__shifts');
}

describe.skipIf(skip)(suiteTitle('console layout stability in Chromium', skip), { timeout: 180_000 }, () => {
  let url = '';
  const { open } = useSignedInConsole({ demo: true }, (suite) => (url = suite.server.url));

  for (const [name, viewport] of [
    ['1280×800', DESKTOP],
    ['390×844', PHONE],
  ] as const) {
    it(`shifts no page's layout by ${GOOD_CLS} or more while it loads, at ${name}`, async () => {
      const { page, context } = await open({ viewport });
      await context.addInitScript(OBSERVE_SHIFTS);
      const found: string[] = [];
      for (const path of PAGES) {
        const shifts = await shiftsWhileLoading(page, `${url}${path}`);
        const total = shifts.reduce((sum, s) => sum + s.value, 0);
        if (total >= GOOD_CLS) found.push(`${path}: ${total.toFixed(3)} (${shifts.map((s) => `${s.value.toFixed(3)} ${s.sources.join(' ')}`).join('; ')})`);
      }
      expect(found).toEqual([]);
    });
  }
});
