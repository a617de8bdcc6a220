/**
 * The inventory pages in Chromium, against a real server with the demo data: subscriptions with a
 * refused filter shown under its box, keys added and the async operation followed to its end (a
 * claimed key and a refused one, then one refused alone with the operation's error body), a tag
 * edited through its operation; Flex devices filtered, sorted, and opened on a detail page; a Flex
 * order's detail page; people whose roles allow less seeing only that; axe on each page (light and
 * dark), and the lists on a phone.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  type ConsoleServer,
  PHONE,
  describeViolations,
  saveArtifact,
  scrollsSideways,
  seriousAxeViolations,
  signIn,
  skipReason,
  suiteTitle,
  unexpectedProblems,
  useSignedInConsole,
} from './support/console-e2e.js';

const skip = skipReason();

interface ListPage<T> {
  items: T[];
  count: number;
  offset: number;
  total: number;
}
interface Subscription {
  id: string;
  key: string;
  tags: Record<string, string>;
}
interface Device {
  resourceId: string;
  serialNumber: string;
  make: string;
}
interface Order {
  id: string;
  sowId: string;
  customerName: string;
}

/** The texts of one column of a table, by the API field its header names. */
async function columnTexts(page: Page, testId: string, field: string): Promise<string[]> {
  const table = page.getByTestId(testId);
  const headers = await table.locator('thead th').evaluateAll((ths) => ths.map((th) => (th as { getAttribute(n: string): string | null }).getAttribute('data-field')));
  const index = headers.indexOf(field);
  if (index < 0) throw new Error(`no column ${field} in ${testId}: ${headers.join(', ')}`);
  return table.locator(`tbody tr td:nth-child(${index + 1})`).allTextContents();
}

describe.skipIf(skip)(suiteTitle('console inventory in Chromium', skip), { timeout: 90_000 }, () => {
  let server: ConsoleServer;
  let cookie: string;
  const { open, openSignedOut } = useSignedInConsole({ demo: true }, (suite) => ({ server, cookie } = suite));
  /** The test's own reads of the API, with the admin's session. */
  const read = async <T>(path: string): Promise<T> => {
    const res = await fetch(`${server.url}${path}`, { headers: { cookie } });
    expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
    return (await res.json()) as T;
  };
  const expectNoAxeViolation = async (page: Page) => {
    const violations = await seriousAxeViolations(page);
    expect(describeViolations(violations)).toBe('');
  };


  it('lists subscriptions as the API does, and shows a refused filter under its box, in the server’s words', async () => {
    const { page, problems } = await open();
    const all = await read<ListPage<Subscription>>('/subscriptions/v1/subscriptions?limit=50');
    expect(all.total, 'the demo data has subscriptions').toBeGreaterThan(0);
    await page.goto(`${server.url}/console/subscriptions`);
    await page.getByRole('heading', { level: 1, name: 'Subscriptions' }).waitFor();
    await page.getByTestId('subscriptions-table').waitFor();
    expect(await columnTexts(page, 'subscriptions-table', 'key')).toEqual(all.items.map((s) => s.key));
    await expect(page.getByTestId('list-range').textContent()).resolves.toBe(`Subscriptions 1–${all.count} of ${all.total}`);

    const box = page.getByRole('searchbox', { name: 'Filter', exact: true });
    await box.fill("key eq 'unterminated");
    await box.press('Enter');
    await expect.poll(() => box.getAttribute('aria-invalid')).toBe('true');
    const refused = await fetch(`${server.url}/subscriptions/v1/subscriptions?filter=${encodeURIComponent("key eq 'unterminated")}`, { headers: { cookie } });
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { errorDetails: { issues: { subject: string; description: string }[] }[] };
    const description = body.errorDetails[0]!.issues.find((i) => i.subject === 'filter')!.description;
    // The box's own error text is the server's description of the problem, with its position.
    const errorId = await box.getAttribute('aria-describedby');
    const described = await page.evaluate<string>(
      `(${JSON.stringify(errorId)} ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ')`,
    );
    expect(described).toContain(description);
    // No page-wide alert for it, and the filter is in the URL, so the refused view can be shared too.
    await expect(page.getByRole('alert').count()).resolves.toBe(0);
    expect(new URL(page.url()).searchParams.get('filter')).toBe("key eq 'unterminated");
    await saveArtifact(page, 'subscriptions-bad-filter');
    await expectNoAxeViolation(page);

    // A good filter replaces it: the rows are what the API answers for it.
    const first = all.items[0]!;
    await box.fill(`key eq '${first.key}'`);
    await box.press('Enter');
    await expect.poll(() => box.getAttribute('aria-invalid')).not.toBe('true');
    await expect.poll(() => columnTexts(page, 'subscriptions-table', 'key')).toEqual([first.key]);
    // The 400 above is the one failed request the page made.
    expect(problems.list.filter((p) => !p.includes('status of 400'))).toEqual([]);
  });

  it('adds keys and follows the operation to SUCCEEDED with each key’s outcome; a request of unknown keys ends FAILED with its error body', async () => {
    const { page } = await open();
    const free = await read<ListPage<{ key: string }>>(`/admin/v1/subscription-keys?filter=${encodeURIComponent('claimable eq true')}&limit=2`);
    expect(free.items.length, 'the demo catalog has free keys').toBeGreaterThanOrEqual(2);
    const [key, later] = free.items.map((k) => k.key) as [string, string];
    await page.goto(`${server.url}/console/subscriptions`);
    await page.getByRole('button', { name: 'Add subscription keys' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add subscription keys' });
    await dialog.getByRole('textbox', { name: 'Subscription keys' }).fill(`${key}\nNO-SUCH-KEY-1`);
    await saveArtifact(page, 'subscriptions-add-keys');
    await expectNoAxeViolation(page);
    await dialog.getByRole('button', { name: 'Add keys' }).click();

    const operation = page.getByTestId('operation');
    await operation.waitFor();
    expect(new URL(page.url()).searchParams.get('operation')).toMatch(/^[0-9a-f-]{36}$/);
    await expect.poll(() => operation.getAttribute('data-status'), { timeout: 30_000 }).toBe('SUCCEEDED');
    await expect(page.getByTestId('operation-status').textContent()).resolves.toBe('SUCCEEDED');
    await expect(operation.getByRole('progressbar', { name: 'Progress of the operation' }).getAttribute('aria-valuenow')).resolves.toBe('100');
    await expect(page.getByTestId('operation-succeeded').textContent()).resolves.toBe(key);
    await expect(page.getByTestId('operation-failed').textContent()).resolves.toMatch(/^NO-SUCH-KEY-1: KEY_NOT_FOUND — /);
    // The API agrees: the key is now a subscription of the workspace.
    const claimed = await read<ListPage<Subscription>>(`/subscriptions/v1/subscriptions?filter=${encodeURIComponent(`key eq '${key}'`)}`);
    expect(claimed.total).toBe(1);
    await saveArtifact(page, 'subscriptions-operation-succeeded');
    await expectNoAxeViolation(page);

    // Only unknown keys: the operation fails, and its error body is shown.
    await page.getByRole('button', { name: 'Stop showing this operation' }).click();
    await expect.poll(() => operation.count()).toBe(0);
    await page.getByRole('button', { name: 'Add subscription keys' }).click();
    await dialog.getByRole('textbox', { name: 'Subscription keys' }).fill('NO-SUCH-KEY-2');
    await dialog.getByRole('button', { name: 'Add keys' }).click();
    await expect.poll(() => operation.getAttribute('data-status'), { timeout: 30_000 }).toBe('FAILED');
    const error = page.getByTestId('operation-error');
    await expect(error.textContent()).resolves.toContain('UNPROCESSABLE_CONTENT');
    await expect(page.getByTestId('operation-failed').textContent()).resolves.toMatch(/^NO-SUCH-KEY-2: KEY_NOT_FOUND/);
    // The followed operation is in the URL: a reload shows the same ended operation.
    await page.reload();
    await expect.poll(() => page.getByTestId('operation').getAttribute('data-status')).toBe('FAILED');
    await saveArtifact(page, 'subscriptions-operation-failed');
    await expectNoAxeViolation(page);

    // A key the form can see is wrong is refused before anything is sent.
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/subscriptions/v1/subscriptions')) posts.push(r.url());
    });
    await page.getByRole('button', { name: 'Add subscription keys' }).click();
    await dialog.getByRole('textbox', { name: 'Subscription keys' }).fill(`${later}\nnot/a/key`);
    await dialog.getByRole('button', { name: 'Add keys' }).click();
    await dialog.getByText('not/a/key is not a subscription key').waitFor();
    expect(posts).toEqual([]);
  });

  it('edits a subscription’s tags through the update operation, and the page and the API show the new tags', async () => {
    const { page } = await open();
    const [subscription] = (await read<ListPage<Subscription>>('/subscriptions/v1/subscriptions?limit=1&sort=key')).items;
    expect(subscription).toBeDefined();
    const before = subscription!.tags;
    await page.goto(`${server.url}/console/subscriptions/${subscription!.id}`);
    await page.getByRole('heading', { level: 1, name: `Subscription ${subscription!.key}` }).waitFor();
    await expect(page.getByTestId('subscription-fields').textContent()).resolves.toContain(subscription!.key);
    const rows = Object.keys(before).length;
    await page.getByRole('button', { name: 'Add tag' }).click();
    // A bad key is refused at its row, and Save stays off.
    await page.getByRole('textbox', { name: `Key of tag ${rows + 1}` }).fill('team/name');
    await page.getByText('A tag key may hold only').waitFor();
    await expect(page.getByRole('button', { name: 'Save tags' }).isDisabled()).resolves.toBe(true);
    await page.getByRole('textbox', { name: `Key of tag ${rows + 1}` }).fill('team');
    await page.getByRole('textbox', { name: `Value of tag ${rows + 1}` }).fill('finops east');
    await page.getByRole('button', { name: 'Save tags' }).click();

    const operation = page.getByTestId('operation');
    await expect.poll(() => operation.getAttribute('data-status'), { timeout: 30_000 }).toBe('SUCCEEDED');
    await expect(operation.getByRole('heading', { name: 'Updating tags' }).count()).resolves.toBe(1);
    const after = await read<Subscription>(`/subscriptions/v1/subscriptions/${subscription!.id}`);
    expect(after.tags).toEqual({ ...before, team: 'finops east' });
    // The editor is read again from the server: the new tag is a row, and nothing is left to save.
    await expect.poll(() => page.getByRole('textbox', { name: `Value of tag ${Object.keys(after.tags).sort().indexOf('team') + 1}` }).inputValue()).toBe('finops east');
    await expect(page.getByText('No changes.').count()).resolves.toBe(1);
    await saveArtifact(page, 'subscription-detail');
    await expectNoAxeViolation(page);
  });

  it('filters devices, sorts them by a column, and opens one on its detail page and back', async () => {
    const { page } = await open();
    const filter = "make eq 'HPE'";
    const expected = await read<ListPage<Device>>(`/flex/v1beta1/devices?filter=${encodeURIComponent(filter)}&limit=20`);
    expect(expected.total, 'the demo data has HPE devices').toBeGreaterThan(0);
    await page.goto(`${server.url}/console/flex/devices?filter=${encodeURIComponent(filter)}`);
    await page.getByTestId('devices-table').waitFor();
    await expect(page.getByRole('searchbox', { name: 'Filter', exact: true }).inputValue()).resolves.toBe(filter);
    expect(new Set(await columnTexts(page, 'devices-table', 'make'))).toEqual(new Set(['HPE']));
    await expect(page.getByTestId('list-range').textContent()).resolves.toBe(`Devices 1–${expected.count} of ${expected.total.toLocaleString('en-US')}`);

    // Sorting: the header cycles ascending, then descending; the rows are the API's for that sort.
    const header = page.getByTestId('devices-table').locator('th[data-field="serialNumber"]');
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('ascending');
    await header.getByRole('button').click();
    await expect.poll(() => header.getAttribute('aria-sort')).toBe('descending');
    expect(new URL(page.url()).searchParams.get('sort')).toBe('serialNumber desc');
    const sorted = await read<ListPage<Device>>(`/flex/v1beta1/devices?filter=${encodeURIComponent(filter)}&sort=${encodeURIComponent('serialNumber desc')}&limit=20`);
    await expect.poll(() => columnTexts(page, 'devices-table', 'serialNumber')).toEqual(sorted.items.map((d) => d.serialNumber));

    // The next page is the API's offset 20.
    if (sorted.total > 20) {
      await page.getByRole('button', { name: '2', exact: true }).click();
      const second = await read<ListPage<Device>>(`/flex/v1beta1/devices?filter=${encodeURIComponent(filter)}&sort=${encodeURIComponent('serialNumber desc')}&limit=20&offset=20`);
      await expect.poll(() => columnTexts(page, 'devices-table', 'serialNumber')).toEqual(second.items.map((d) => d.serialNumber));
      await page.getByRole('button', { name: '1', exact: true }).click();
      await expect.poll(() => columnTexts(page, 'devices-table', 'serialNumber')).toEqual(sorted.items.map((d) => d.serialNumber));
    }

    const device = sorted.items[0]!;
    await page.getByRole('link', { name: device.serialNumber, exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/console/flex/devices/${device.resourceId}`);
    await page.getByRole('heading', { level: 1, name: `Device ${device.serialNumber}` }).waitFor();
    await expect(page.getByTestId('device-fields').textContent()).resolves.toContain(device.resourceId);
    await saveArtifact(page, 'device-detail');
    await expectNoAxeViolation(page);
    // Back to the same filtered, sorted list.
    await page.getByRole('link', { name: '← Flex devices' }).click();
    await page.getByTestId('devices-table').waitFor();
    const back = new URL(page.url());
    expect(back.searchParams.get('filter')).toBe(filter);
    expect(back.searchParams.get('sort')).toBe('serialNumber desc');

    // A resource id that names no device says so.
    await page.goto(`${server.url}/console/flex/devices/00000000-0000-4000-8000-000000000000`);
    await page.getByRole('heading', { name: 'No such device' }).waitFor();
  });

  it('opens a Flex order’s detail page from the orders list', async () => {
    const { page } = await open();
    const [order] = (await read<ListPage<Order>>('/flex/v1beta1/orders?limit=20')).items;
    expect(order, 'the demo data has orders').toBeDefined();
    await page.goto(`${server.url}/console/flex/orders`);
    await page.getByTestId('orders-table').waitFor();
    await page.getByRole('link', { name: order!.sowId, exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: `Order ${order!.sowId}` }).waitFor();
    const fields = await page.getByTestId('order-fields').textContent();
    expect(fields).toContain(order!.id);
    expect(fields).toContain(order!.customerName);
    await saveArtifact(page, 'order-detail');
    await expectNoAxeViolation(page);
  });

  /** A user of the bootstrap workspace with these roles, signed in in a fresh context. */
  async function signedInAs(name: string, roles: string[]) {
    const email = `${name}-${Date.now()}@console-e2e.test`;
    const password = `${name}-password-1`;
    const res = await fetch(`${server.url}/admin/v1/workspaces/${server.workspaceId}/users`, {
      method: 'POST',
      headers: { cookie, origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ email, roles, password }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const opened = await openSignedOut();
    await signIn(opened.page, server.url, email, password);
    return opened;
  }

  it('shows a subscriptions viewer the subscriptions read-only, and a Flex viewer the Flex pages only', async () => {
    const viewer = await signedInAs('subscriptions-viewer', ['subscriptions-viewer']);
    await viewer.page.waitForURL((url) => url.pathname === '/console/subscriptions');
    const links = viewer.page.getByRole('navigation', { name: 'Console pages' }).getByRole('link');
    await expect(links.allTextContents()).resolves.toEqual(['Subscriptions']);
    await viewer.page.getByTestId('subscriptions-table').waitFor();
    await expect(viewer.page.getByRole('button', { name: 'Add subscription keys' }).count()).resolves.toBe(0);
    const [subscription] = (await read<ListPage<Subscription>>('/subscriptions/v1/subscriptions?limit=1')).items;
    await viewer.page.goto(`${server.url}/console/subscriptions/${subscription!.id}`);
    await viewer.page.getByTestId('subscription-fields').waitFor();
    await expect(viewer.page.getByRole('button', { name: 'Save tags' }).count()).resolves.toBe(0);
    await expect(viewer.page.getByRole('button', { name: 'Add tag' }).count()).resolves.toBe(0);

    const flex = await signedInAs('flex-viewer', ['flex-viewer']);
    await flex.page.waitForURL((url) => url.pathname === '/console/flex/orders');
    await expect(flex.page.getByRole('navigation', { name: 'Console pages' }).getByRole('link').allTextContents()).resolves.toEqual(['Flex orders', 'Flex devices']);
    // The subscriptions address anyway: the page says why, and the API is not asked.
    const calls: string[] = [];
    flex.page.on('request', (r) => r.url().includes('/subscriptions/v1/') && calls.push(r.url()));
    await flex.page.goto(`${server.url}/console/subscriptions`);
    await flex.page.getByRole('heading', { name: 'Not available to you' }).waitFor();
    expect(calls).toEqual([]);
    expect(unexpectedProblems(flex.problems)).toEqual([]);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violation on the inventory detail pages, nor with a refused filter (${colorScheme})`, async () => {
      const { page } = await open({ colorScheme });
      const [subscription] = (await read<ListPage<Subscription>>('/subscriptions/v1/subscriptions?limit=1')).items;
      const [device] = (await read<ListPage<Device>>('/flex/v1beta1/devices?limit=1')).items;
      const [order] = (await read<ListPage<Order>>('/flex/v1beta1/orders?limit=1')).items;
      for (const [path, testId] of [
        [`/console/subscriptions/${subscription!.id}`, 'subscription-fields'],
        [`/console/flex/devices/${device!.resourceId}`, 'device-fields'],
        [`/console/flex/orders/${order!.id}`, 'order-fields'],
      ] as const) {
        await page.goto(`${server.url}${path}`);
        await page.getByTestId(testId).waitFor();
        const violations = await seriousAxeViolations(page);
        expect(describeViolations(violations), path).toBe('');
      }
      // A refused filter's words under its box, and the status badges of the list.
      await page.goto(`${server.url}/console/subscriptions?filter=${encodeURIComponent('key eq')}`);
      await expect.poll(() => page.getByRole('searchbox', { name: 'Filter', exact: true }).getAttribute('aria-invalid')).toBe('true');
      await saveArtifact(page, `subscriptions-bad-filter-${colorScheme}`);
      expect(describeViolations(await seriousAxeViolations(page))).toBe('');
    });
  }

  it('fits a phone without sideways scrolling: the wide tables scroll in their own region', async () => {
    const { page } = await open({ viewport: PHONE, isMobile: true, hasTouch: true });
    for (const [path, testId] of [
      ['/console/subscriptions', 'subscriptions-table'],
      ['/console/flex/devices', 'devices-table'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await page.getByTestId(testId).waitFor();
      const { scrollWidth, clientWidth } = await scrollsSideways(page);
      expect(scrollWidth, path).toBeLessThanOrEqual(clientWidth);
    }
    await saveArtifact(page, 'devices-phone-light');
  });
});
