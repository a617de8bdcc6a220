/**
 * The administration pages in Chromium, against a real server with the demo data: the bootstrap
 * admin creates an API client, sees its secret once with a copy button, and the secret gets a token;
 * creates a user who then signs in (a second one with the same e-mail is refused, the error shown with
 * its debugId), and deletes that user (after confirming), whose session ends; a
 * permission-limited user is offered no administration; every page passes axe, light and dark.
 */
import { describe, expect, it } from 'vitest';
import {
  type ConsoleServer,
  describeViolations,
  saveArtifact,
  seriousAxeViolations,
  sessionCookieHeader,
  signIn,
  skipReason,
  suiteTitle,
  unexpectedProblems,
  useSignedInConsole,
} from './support/console-e2e.js';

const skip = skipReason();

describe.skipIf(skip)(suiteTitle('console administration in Chromium', skip), { timeout: 90_000 }, () => {
  let server: ConsoleServer;
  const { open, openSignedOut } = useSignedInConsole({ demo: true }, (suite) => ({ server } = suite));


  it('creates an API client whose secret is shown once, copies it, and the secret gets an access token', async () => {
    const { context, page, problems } = await open();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.goto(`${server.url}/console/admin/api-clients`);
    await page.getByRole('heading', { level: 1, name: 'API clients and tokens' }).waitFor();
    const form = page.getByRole('form', { name: 'New API client' });
    await form.getByRole('textbox', { name: 'Name' }).fill('e2e billing exporter');
    await form.getByRole('combobox', { name: 'Roles' }).click();
    await page.getByRole('option', { name: /^workspace-admin/ }).click();
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: 'Create API client' }).click();

    const secret = page.getByTestId('client-secret');
    await secret.waitFor();
    const clientSecret = (await secret.textContent())!;
    const clientId = (await page.getByTestId('client-id').textContent())!;
    expect(clientSecret.length).toBeGreaterThan(20);
    await page.getByText('it is shown this once and cannot be shown again').waitFor();
    await page.getByTestId('api-clients').getByRole('rowheader', { name: 'e2e billing exporter' }).waitFor();

    await page.getByRole('button', { name: 'Copy the client secret' }).click();
    await page.getByRole('button', { name: 'Copy the client secret' }).getByText('Copied').waitFor();
    await expect(page.evaluate<string>('navigator.clipboard.readText()')).resolves.toBe(clientSecret);
    await saveArtifact(page, 'admin-api-client-secret');

    // The secret works: client credentials at the token endpoint, and the token reads the workspace.
    const tokenRes = await fetch(`${server.url}/as/token.oauth2`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(tokenRes.status, await tokenRes.clone().text()).toBe(200);
    const { access_token: accessToken } = (await tokenRes.json()) as { access_token: string };
    const workspace = await fetch(`${server.url}/admin/v1/workspaces/${server.workspaceId}`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(workspace.status).toBe(200);

    // Once: after a reload the client is listed, its secret nowhere.
    await page.reload();
    await page.getByTestId('api-clients').getByRole('rowheader', { name: 'e2e billing exporter' }).waitFor();
    await expect(page.getByTestId('client-secret').count()).resolves.toBe(0);
    expect(await page.content()).not.toContain(clientSecret);
    expect(unexpectedProblems(problems)).toEqual([]);
  });

  it('creates a user who then signs in, and deletes them after confirming, which ends their session', async () => {
    const { context, page, problems } = await open();
    const email = 'e2e.analyst@console-e2e.test';
    const password = 'analyst-password-e2e';
    await page.goto(`${server.url}/console/admin/users`);
    const form = page.getByRole('form', { name: 'New user' });
    await form.getByRole('textbox', { name: 'E-mail' }).fill(email);
    await form.getByRole('textbox', { name: 'Name' }).fill('E2E Analyst');
    await form.getByRole('textbox', { name: 'Password' }).fill(password);
    await form.getByRole('combobox', { name: 'Roles' }).click();
    await page.getByRole('option', { name: /^cost-viewer/ }).click();
    await page.keyboard.press('Escape');
    await form.getByRole('button', { name: 'Create user' }).click();
    const row = page.locator(`tr[data-user="${email}"]`);
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('cost-viewer');
    await saveArtifact(page, 'admin-users');

    // The same e-mail again: the server's 409 in words, with its debugId.
    await form.getByRole('textbox', { name: 'E-mail' }).fill(email);
    await form.getByRole('button', { name: 'Create user' }).click();
    const refused = form.getByRole('alert').filter({ hasText: 'The user was not created' });
    await refused.getByTestId('debug-id').waitFor();
    expect((await refused.getByTestId('debug-id').textContent())!.length).toBeGreaterThan(0);

    // The new user signs in, lands on what their role allows, and is offered no administration.
    const analyst = await openSignedOut();
    await signIn(analyst.page, server.url, email, password);
    await expect.poll(() => new URL(analyst.page.url()).pathname).toBe('/console/costs');
    const analystCookie = await sessionCookieHeader(analyst.context);
    expect((await fetch(`${server.url}/auth/v1/sessions/current`, { headers: { cookie: analystCookie } })).status).toBe(200);

    // Delete asks first; Cancel keeps the user.
    await row.getByRole('button', { name: `Delete the user ${email}` }).click();
    await row.getByText('Their sessions end at once').waitFor();
    await row.getByRole('button', { name: 'Cancel' }).click();
    await expect(row.getByRole('button', { name: `Delete the user ${email}` }).isVisible()).resolves.toBe(true);
    await row.getByRole('button', { name: `Delete the user ${email}` }).click();
    await row.getByRole('button', { name: `Delete the user ${email}`, exact: true }).click();
    await row.waitFor({ state: 'detached' });

    const users = await fetch(`${server.url}/admin/v1/workspaces/${server.workspaceId}/users`, { headers: { cookie: await sessionCookieHeader(context) } });
    expect(((await users.json()) as { items: { email: string }[] }).items.map((u) => u.email)).not.toContain(email);
    expect((await fetch(`${server.url}/auth/v1/sessions/current`, { headers: { cookie: analystCookie } })).status).toBe(401);
    // Chromium logs the refused request itself; nothing else may be logged.
    expect(unexpectedProblems(problems).filter((p) => !/status of 409 \(Conflict\) \(.*\/users\)$/.test(p))).toEqual([]);
  });

  it('offers a permission-limited user no administration, in the navigation or by URL', async () => {
    const { context: adminContext } = await open();
    const email = 'e2e.viewer@console-e2e.test';
    const password = 'viewer-password-e2e';
    const res = await fetch(`${server.url}/admin/v1/workspaces/${server.workspaceId}/users`, {
      method: 'POST',
      headers: { cookie: await sessionCookieHeader(adminContext), origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ email, password, roles: ['cost-viewer', 'budget-viewer'] }),
    });
    expect(res.status, await res.clone().text()).toBe(201);

    const { page } = await openSignedOut();
    await signIn(page, server.url, email, password);
    const nav = page.getByRole('navigation', { name: 'Console pages' });
    await nav.getByRole('link', { name: 'Budgets' }).waitFor();
    for (const label of ['Workspaces', 'API clients', 'Users', 'Roles']) await expect(nav.getByRole('link', { name: label }).count()).resolves.toBe(0);
    for (const path of ['workspaces', 'api-clients', 'users', 'roles']) {
      await page.goto(`${server.url}/console/admin/${path}`);
      await page.getByRole('heading', { name: 'Not available to you' }).waitFor();
    }
  });

  it('lists workspaces with tenants under their provider and roles with their permissions', async () => {
    const { page } = await open();
    await page.goto(`${server.url}/console/admin/workspaces`);
    const own = page.locator(`tr[data-workspace="${server.workspaceId}"]`);
    await own.getByText('Yours').waitFor();
    // The operator's own workspace cannot be deleted: not offered.
    await expect(own.getByRole('button', { name: /^Delete/ }).count()).resolves.toBe(0);
    await page.getByRole('form', { name: 'New workspace' }).waitFor();
    await page.goto(`${server.url}/console/admin/roles`);
    await page.getByRole('list', { name: 'Permissions of workspace-admin' }).getByText('workspace.users.manage').waitFor();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violation on the administration pages (${colorScheme}), with a secret shown and a confirmation open`, async () => {
      const { page } = await open({ colorScheme });
      const found: string[] = [];
      const check = async (name: string) => {
        await page.waitForLoadState('networkidle');
        await saveArtifact(page, `admin-${name}-${colorScheme}`);
        const violations = await seriousAxeViolations(page);
        if (violations.length > 0) found.push(`${name}:\n${describeViolations(violations)}`);
      };
      for (const path of ['workspaces', 'users', 'roles']) {
        await page.goto(`${server.url}/console/admin/${path}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await check(path);
      }
      await page.goto(`${server.url}/console/admin/api-clients`);
      const form = page.getByRole('form', { name: 'New API token' });
      await form.getByRole('textbox', { name: 'Name' }).fill(`axe ${colorScheme}`);
      await form.getByRole('button', { name: 'Create API token' }).click();
      await page.getByTestId('api-token').waitFor();
      await page.getByRole('button', { name: `Revoke the API token axe ${colorScheme}` }).click();
      await page.getByText('It and the access tokens exchanged for it stop working at once.').waitFor();
      await check('api-clients');
      expect(found.join('\n')).toBe('');
    });
  }
});
