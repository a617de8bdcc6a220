/**
 * Signing in and out of the web console in Chromium, against a real server (no demo data: these
 * pages need none): the bootstrap admin lands on the cost explorer and signs out for good, a wrong
 * password is shown in words with its debugId, the session cookie's attributes, the keyboard path
 * through the form, the CSP, the sign-in page's accessibility and layout, and people whose roles
 * allow less seeing only what they may.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  CONSOLE_CSP,
  type ConsoleServer,
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
  unexpectedProblems,
} from './support/console-e2e.js';

const skip = skipReason();

describe.skipIf(skip)(suiteTitle('console sign-in in Chromium', skip), { timeout: 60_000 }, () => {
  let server: ConsoleServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const open = async (options?: Parameters<typeof openPage>[1]) => {
    const opened = await openPage(browser, options);
    contexts.push(opened.context);
    return opened;
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startConsoleServer({ demo: false }), launchChromium()]);
  }, 180_000);
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Creates a user of the bootstrap workspace through the admin API, with the admin's session (and our Origin, as the CSRF check wants). */
  async function createUser(adminCookie: string, email: string, roles: string[]): Promise<string> {
    const password = `${email.split('@')[0]}-password-1`;
    const res = await fetch(`${server.url}/admin/v1/workspaces/${server.workspaceId}/users`, {
      method: 'POST',
      headers: { cookie: adminCookie, origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ email, roles, password }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return password;
  }

  it('signs the bootstrap admin in to the cost explorer, and out for good', async () => {
    const { context, page, problems } = await open();
    await signIn(page, server.url);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/costs');
    await page.getByRole('heading', { level: 1, name: 'Cost explorer' }).waitFor();
    await expect(page.getByTestId('signed-in-as').textContent()).resolves.toBe('Administrator');
    const cookie = await sessionCookieHeader(context);
    const current = await fetch(`${server.url}/auth/v1/sessions/current`, { headers: { cookie } });
    expect(current.status).toBe(200);
    expect(((await current.json()) as { user: { email: string } }).user.email).toBe(ADMIN_EMAIL);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/console/sign-in');
    await page.getByRole('textbox', { name: 'E-mail' }).waitFor();
    expect((await context.cookies()).map((c) => c.name)).not.toContain('consumo_session');
    const after = await fetch(`${server.url}/auth/v1/sessions/current`, { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(unexpectedProblems(problems)).toEqual([]);
  });

  it('shows a wrong password in words with its debugId, and sets no cookie', async () => {
    const { context, page } = await open();
    await page.goto(`${server.url}/console/sign-in`);
    await page.getByRole('textbox', { name: 'E-mail' }).fill(ADMIN_EMAIL);
    await page.getByRole('textbox', { name: 'Password' }).fill('not-the-admin-password');
    const answered = page.waitForResponse((r) => r.url().endsWith('/auth/v1/sessions') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const response = await answered;
    expect(response.status()).toBe(401);
    const { debugId, message } = (await response.json()) as { debugId: string; message: string };
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.textContent();
    expect(text).toContain('Not signed in');
    expect(text).toContain(message);
    expect(message).toMatch(/e-mail or password is wrong/);
    await expect(alert.getByTestId('debug-id').textContent()).resolves.toBe(debugId);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    expect(await context.cookies()).toEqual([]);
  });

  it('keeps the session in an HttpOnly, SameSite=Strict cookie for the whole site', async () => {
    const { context, page } = await open();
    await signIn(page, server.url);
    const cookies = await context.cookies();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({ name: 'consumo_session', httpOnly: true, sameSite: 'Strict', path: '/', secure: false });
    expect(cookies[0]!.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The page's scripts cannot read it.
    await expect(page.evaluate<string>('document.cookie')).resolves.not.toContain('consumo_session');
  });

  it('goes from e-mail to password to the button with Tab, and submits with Enter', async () => {
    const { page } = await open();
    await page.goto(`${server.url}/console/sign-in`);
    const email = page.getByRole('textbox', { name: 'E-mail' });
    await email.waitFor();
    // The e-mail field has the focus when the page opens.
    const focused = page.locator(':focus');
    await expect(focused.getAttribute('autocomplete')).resolves.toBe('username');
    await page.keyboard.type(ADMIN_EMAIL);
    await page.keyboard.press('Tab');
    await expect(focused.getAttribute('autocomplete')).resolves.toBe('current-password');
    await page.keyboard.type(ADMIN_PASSWORD);
    await page.keyboard.press('Tab');
    await expect(focused.getAttribute('type')).resolves.toBe('submit');
    await expect(focused.textContent()).resolves.toBe('Sign in');
    await expect(email.inputValue()).resolves.toBe(ADMIN_EMAIL);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/console/costs');
  });

  it('serves /console/ with the CSP of ADR 0027, and the sign-in page loads without a CSP violation or console error', async () => {
    const { page, problems } = await open();
    const response = await page.goto(`${server.url}/console/`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toBe(CONSOLE_CSP);
    await page.waitForURL((url) => url.pathname === '/console/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(unexpectedProblems(problems)).toEqual([]);
    // And the one expected entry is there, so the filter cannot hide a page that logged nothing at all.
    expect(problems.list).toHaveLength(1);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violation on the sign-in page (${colorScheme}), empty and with an error shown`, async () => {
      const { page } = await open({ colorScheme });
      await page.goto(`${server.url}/console/sign-in`);
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await expect(page.evaluate<string | null>("document.documentElement.getAttribute('data-mantine-color-scheme')")).resolves.toBe(colorScheme);
      // Screenshots first: a failing check still leaves the picture of what it looked at.
      await saveArtifact(page, `sign-in-${colorScheme}`);
      const empty = await seriousAxeViolations(page);
      expect(describeViolations(empty)).toBe('');

      await page.getByRole('textbox', { name: 'E-mail' }).fill('nobody@console-e2e.test');
      await page.getByRole('textbox', { name: 'Password' }).fill('not-a-password-at-all');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
      await saveArtifact(page, `sign-in-error-${colorScheme}`);
      const withError = await seriousAxeViolations(page);
      expect(describeViolations(withError)).toBe('');
    });
  }

  it('fits a phone (390×844) without sideways scrolling', async () => {
    const { page } = await open({ viewport: PHONE, isMobile: true, hasTouch: true });
    await page.goto(`${server.url}/console/sign-in`);
    const button = page.getByRole('button', { name: 'Sign in' });
    await button.waitFor();
    const { scrollWidth, clientWidth } = await scrollsSideways(page);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    expect(await button.isVisible()).toBe(true);
    await saveArtifact(page, 'sign-in-phone');
  });

  it('shows a person without cost permissions no cost explorer, and a forbidden state rather than a crash', async () => {
    const admin = await open();
    await signIn(admin.page, server.url);
    const adminCookie = await sessionCookieHeader(admin.context);
    // A Navigator customer user: no permission any console page needs (a flex-viewer now has the Flex pages).
    const email = `navigator-only-${Date.now()}@console-e2e.test`;
    const password = await createUser(adminCookie, email, ['customer-user']);

    const { page, problems } = await open();
    await signIn(page, server.url, email, password);
    await page.getByRole('heading', { name: 'No console page for your roles' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Console pages' });
    await nav.waitFor();
    await expect(nav.getByRole('link').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Cost explorer' }).count()).resolves.toBe(0);

    // Opening the explorer's address anyway: the page says why, the API is not even asked.
    const costCalls: string[] = [];
    page.on('request', (r) => r.url().includes('/metering/v1/cost-summary') && costCalls.push(r.url()));
    await page.goto(`${server.url}/console/costs?groupBy=RegionId`);
    await page.getByRole('heading', { name: 'Not available to you' }).waitFor();
    expect(await page.getByText('metering.costs.view').count()).toBe(1);
    expect(costCalls).toEqual([]);
    expect(unexpectedProblems(problems)).toEqual([]);
    await saveArtifact(page, 'costs-forbidden-light');

    // The API refuses the same person too: the console hides nothing the server would allow.
    const res = await fetch(`${server.url}/metering/v1/cost-summary?groupBy=ServiceName&granularity=MONTH&from=2026-01-01&to=2026-02-01`, {
      headers: { cookie: await sessionCookieHeader(page.context()) },
    });
    expect(res.status).toBe(403);
  });

  it('shows a cost-viewer the cost explorer, exports (the role runs FOCUS exports) and metering (it reads the catalog), and nothing else', async () => {
    const admin = await open();
    await signIn(admin.page, server.url);
    const email = `cost-viewer-${Date.now()}@console-e2e.test`;
    const password = await createUser(await sessionCookieHeader(admin.context), email, ['cost-viewer']);

    const { page, problems } = await open();
    await signIn(page, server.url, email, password);
    await page.waitForURL((url) => url.pathname === '/console/costs');
    const links = page.getByRole('navigation', { name: 'Console pages' }).getByRole('link');
    await expect(links.allTextContents()).resolves.toEqual(['Cost explorer', 'Exports', 'Metering']);
    await page.getByRole('heading', { level: 1, name: 'Cost explorer' }).waitFor();
    // Without demo data the range has no cost: the empty state, not an error.
    await page.getByRole('heading', { name: 'No costs in this range' }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(unexpectedProblems(problems)).toEqual([]);
  });
});
