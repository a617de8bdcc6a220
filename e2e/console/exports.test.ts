/**
 * The Exports page in Chromium, against a real server with the demo data (issue 16 points 5 and 10):
 * create an export in the editor with a two-row filter (a value the server refuses first: its words
 * at the row, the debugId in the dialog; reopened, the rows are there; another dataset flags the
 * rows whose column it lacks), download
 * its contents in the browser and check the file's first line is the GreenLake profile's CSV header,
 * run it now and follow the run to SUCCEEDED, open it in the history: its manifest (files, rows, sizes,
 * sha256 as the API gives them) and a file downloaded whose bytes match the manifest's sha256; a file
 * a later run replaced fails to download in words with a debugId, and the reopened run says it was
 * replaced; a cost viewer (exports.view without exports.manage) may download but not change or run;
 * delete asks first; axe light and dark, on the pages and with the editor and the delete dialog open.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { GREENLAKE_COLUMNS } from '../../packages/server/src/modules/focus-exports/export-profiles.js';
import {
  type ConsoleServer,
  describeViolations,
  saveArtifact,
  seriousAxeViolations,
  signIn,
  skipReason,
  suiteTitle,
  unexpectedProblems,
  useSignedInConsole,
} from './support/console-e2e.js';

const skip = skipReason();
const BASE = '/consumption-analytics/v1beta1/focus-exports';

interface ExportConfig {
  id: string;
  name: string;
  profile: string;
  filter: { name: string; operator: string; values: unknown[] }[];
}

interface RunManifest {
  periods: {
    billingPeriod: string;
    state: string;
    replacedBy: string | null;
    manifest: { files: { name: string; rows: number; bytes: number; sha256: string }[] } | null;
  }[];
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe.skipIf(skip)(suiteTitle('console exports in Chromium', skip), { timeout: 120_000 }, () => {
  let server: ConsoleServer;
  let cookie: string;
  const { open, openSignedOut } = useSignedInConsole({ demo: true }, (suite) => ({ server, cookie } = suite));
  const exportsNow = async (): Promise<ExportConfig[]> => {
    const res = await fetch(`${server.url}${BASE}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: ExportConfig[] }).items;
  };
  const manifestNow = async (id: string, runId: string): Promise<RunManifest> => {
    const res = await fetch(`${server.url}${BASE}/${id}/runs/${runId}/manifest`, { headers: { cookie } });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as RunManifest;
  };
  /** A run started through the API (the session, as the console sends it) and awaited until it ends. */
  const runThroughApi = async (id: string, body: Record<string, unknown>): Promise<string> => {
    const res = await fetch(`${server.url}${BASE}/${id}/runs`, {
      method: 'POST',
      headers: { cookie, origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status, await res.clone().text()).toBe(202);
    const { transactionId } = (await res.json()) as { transactionId: string };
    await expect
      .poll(
        async () => ((await (await fetch(`${server.url}${BASE}/${id}/runs/${transactionId}`, { headers: { cookie } })).json()) as { status: string }).status,
        { timeout: 60_000, interval: 250 },
      )
      .toBe('SUCCEEDED');
    return transactionId;
  };
  /** The first period of a manifest that lists a part file, and that file. */
  const firstPart = (manifest: RunManifest) => {
    const period = manifest.periods.find((p) => p.state === 'written' && (p.manifest?.files.length ?? 0) > 0);
    expect(period, 'the run wrote a part file').toBeDefined();
    return { period: period!.billingPeriod, file: period!.manifest!.files[0]! };
  };
  const expectNoAxeViolation = async (page: Page) => expect(describeViolations(await seriousAxeViolations(page))).toBe('');
  /** Picks a column and an operator in a filter row (their options open in a portal, on the page). */
  const pick = async (page: Page, row: Locator, column: string, operator: string) => {
    await row.getByRole('combobox', { name: 'Column' }).fill(column);
    await page.getByRole('option', { name: column, exact: true }).click();
    await row.getByRole('combobox', { name: 'Operator' }).click();
    await page.getByRole('option', { name: new RegExp(`^${operator} \\(`) }).click();
  };


  it('creates an export, downloads it (first line: the profile’s CSV header), runs it now to SUCCEEDED, opens the run: its manifest, a file downloaded', async () => {
    const { page, problems } = await open();
    await page.goto(`${server.url}/console/exports`);
    await page.getByTestId('exports-table').waitFor();
    await page.getByRole('button', { name: 'New export' }).click();
    const dialog = page.getByRole('dialog', { name: 'New export' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('E2E one resource');
    // Two criteria through the form: the top resource by billed cost, and a list of charge categories.
    await dialog.getByRole('button', { name: 'Add criterion' }).click();
    await dialog.getByRole('button', { name: 'Add criterion' }).click();
    const first = dialog.getByRole('group', { name: 'Criterion 1' });
    const second = dialog.getByRole('group', { name: 'Criterion 2' });
    await pick(page, first, 'ResourceId', 'TOP');
    await first.getByRole('textbox', { name: 'Value' }).fill('0');
    await pick(page, second, 'ChargeCategory', 'IN');
    const values = second.getByRole('combobox', { name: 'Values' });
    for (const value of ['Usage', 'Credit']) {
      await values.fill(value);
      await values.press('Enter');
    }
    // A value only the server judges (TOP takes a positive integer): its words at the row, the debugId in the dialog, nothing created.
    await dialog.getByRole('button', { name: 'Create export' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'The export was not saved' }).waitFor();
    expect(await dialog.getByTestId('debug-id').textContent()).toMatch(/\S/);
    await first.getByText('TOP on ResourceId takes one positive integer.').waitFor();
    expect(await second.getByText(/takes/).count()).toBe(0);
    expect((await exportsNow()).some((e) => e.name === 'E2E one resource')).toBe(false);

    await first.getByRole('textbox', { name: 'Value' }).fill('1');
    await dialog.getByRole('button', { name: 'Create export' }).click();
    await page.waitForURL(/\/console\/exports\/[0-9a-f-]{36}$/);
    const created = (await exportsNow()).find((e) => e.name === 'E2E one resource');
    expect(created?.profile).toBe('greenlake');
    expect(created?.filter).toEqual([
      { name: 'ResourceId', operator: 'TOP', values: ['1'] },
      { name: 'ChargeCategory', operator: 'IN', values: ['Usage', 'Credit'] },
    ]);
    expect(page.url()).toContain(created!.id);
    await page.getByTestId('export-fields').waitFor();

    // Reopened, the editor shows the two rows; another dataset flags the rows whose column it lacks; nothing is sent on Cancel.
    await page.getByRole('button', { name: 'Edit' }).click();
    const editor = page.getByRole('dialog', { name: 'Edit “E2E one resource”' });
    await expect(editor.getByRole('group', { name: 'Criterion 1' }).getByRole('combobox', { name: 'Column' }).inputValue()).resolves.toBe('ResourceId');
    await expect(editor.getByRole('group', { name: 'Criterion 1' }).getByRole('textbox', { name: 'Value' }).inputValue()).resolves.toBe('1');
    await expect(editor.getByRole('group', { name: 'Criterion 2' }).getByRole('combobox', { name: 'Column' }).inputValue()).resolves.toBe('ChargeCategory');
    expect(await editor.getByRole('group', { name: 'Criterion 2' }).locator('.mantine-Pill-label').allTextContents()).toEqual(['Usage', 'Credit']);
    await expect(editor.getByRole('group', { name: /^Criterion / }).count()).resolves.toBe(2);
    await editor.getByRole('combobox', { name: 'Dataset' }).click();
    await page.getByRole('option', { name: 'ContractCommitment' }).click();
    await expect(editor.getByText('Not a column of the ContractCommitment dataset.').count()).resolves.toBe(2);
    await editor.getByRole('button', { name: 'Cancel' }).click();
    await editor.waitFor({ state: 'detached' });
    expect((await exportsNow()).find((e) => e.id === created!.id)?.filter).toEqual(created!.filter);

    // Download the last 30 days in the browser; the saved file is named by the server and starts with the header.
    const panel = page.getByTestId('download-panel');
    await panel.getByRole('combobox', { name: 'Download range: preset' }).click();
    await page.getByRole('option', { name: 'Last 30 days' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download', exact: true }).click()]);
    const saved = await readFile((await download.path())!, 'utf8');
    expect(saved.split('\n')[0]).toBe(GREENLAKE_COLUMNS.join(','));
    expect(saved.split('\n').filter(Boolean).length, 'the export has records in the last 30 days').toBeGreaterThan(1);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    await panel.getByTestId('download-saved').filter({ hasText: download.suggestedFilename() }).waitFor();

    // A range without records: the server's 204, said plainly, and no file.
    await panel.getByText('Days', { exact: true }).click();
    await panel.getByLabel('Download range: first day').fill('2001-01-01');
    await panel.getByLabel('Download range: last day').fill('2001-01-31');
    await panel.getByRole('button', { name: 'Download', exact: true }).click();
    await panel.getByTestId('download-empty').filter({ hasText: '2001-01-01 to 2001-01-31' }).waitFor();

    // Run now over the same range: followed on the page (?operation=) to SUCCEEDED, its files in the history.
    const runPanel = page.getByTestId('run-now-panel');
    await runPanel.getByRole('combobox', { name: 'Run range: preset' }).click();
    await page.getByRole('option', { name: 'Last 30 days' }).click();
    await runPanel.getByRole('button', { name: 'Run now' }).click();
    await page.waitForURL(/[?&]operation=[0-9a-f-]{36}/);
    const run = page.getByTestId('run');
    await expect.poll(() => run.getAttribute('data-status'), { timeout: 60_000 }).toBe('SUCCEEDED');
    const runId = new URL(page.url()).searchParams.get('operation')!;
    const manifest = await manifestNow(created!.id, runId);
    const { period, file } = firstPart(manifest);
    // The followed run ends with its manifest: every file the API lists, with its sha256.
    const followed = run.getByTestId('run-manifest');
    await followed.waitFor();
    for (const p of manifest.periods) for (const f of p.manifest?.files ?? []) expect(await followed.textContent()).toContain(f.sha256);

    // Open the finished run in the history: its manifest, file by file, as the API gives it.
    const history = page.getByTestId('run-history');
    const runRow = history.locator(`tr[data-run="${runId}"]`);
    await runRow.filter({ hasText: 'SUCCEEDED' }).waitFor();
    await runRow.getByRole('button', { name: /^Show the \d+ files of the run/ }).click();
    const detail = history.getByTestId('run-manifest');
    await detail.waitFor();
    const fileRow = detail.locator(`[data-period="${period}"] tr[data-file="${file.name}"]`);
    const cells = await fileRow.getByRole('cell').allTextContents();
    expect(cells[0]).toBe(file.name);
    expect(cells[1]!.replace(/\D/g, '')).toBe(String(file.rows));
    expect(cells[3]).toBe(file.sha256);
    expect(await fileRow.getByRole('cell').nth(2).getAttribute('title')).toBe(`${file.bytes} bytes`);
    // …and one file downloaded in the browser: the manifest's bytes and sha256, the profile's header first.
    const [fileDownload] = await Promise.all([
      page.waitForEvent('download'),
      fileRow.getByRole('link', { name: `Download ${file.name} of billing period ${period}` }).click(),
    ]);
    const bytes = await readFile((await fileDownload.path())!);
    expect(bytes.length).toBe(file.bytes);
    expect(sha256(bytes)).toBe(file.sha256);
    expect(bytes.toString('utf8').split('\n')[0]).toBe(GREENLAKE_COLUMNS.join(','));
    expect(fileDownload.suggestedFilename()).toBe(`${period}_${file.name}`);
    await detail.getByTestId('run-file-saved').filter({ hasText: `${period}_${file.name}` }).waitFor();
    await saveArtifact(page, 'exports-run-succeeded');
    await expectNoAxeViolation(page);
    // The one failed request is the refused filter's 400, on purpose.
    const refused = /^console error: Failed to load resource: the server responded with a status of 400 .*\/focus-exports\)$/;
    expect(unexpectedProblems(problems).filter((p) => !refused.test(p))).toEqual([]);
  });

  it('a file a later run replaced fails to download in words with a debugId; reopened, the run says it was replaced', async () => {
    const res = await fetch(`${server.url}${BASE}`, {
      method: 'POST',
      headers: { cookie, origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'E2E replaced run' }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as ExportConfig;
    const range = { relativeDate: 'LAST_30_DAYS' };
    const first = await runThroughApi(id, range);
    const { period, file } = firstPart(await manifestNow(id, first));

    const { page, problems } = await open();
    await page.goto(`${server.url}/console/exports/${id}`);
    const history = page.getByTestId('run-history');
    await history.locator(`tr[data-run="${first}"]`).getByRole('button', { name: /^Show the \d+ files of the run/ }).click();
    const detail = history.getByTestId('run-manifest');
    const link = detail.getByRole('link', { name: `Download ${file.name} of billing period ${period}` });
    await link.waitFor();
    // A run over the same range replaces the period's files while the page still shows the first run's.
    const second = await runThroughApi(id, range);
    await link.click();
    const refused = detail.getByRole('alert').filter({ hasText: `${file.name} could not be downloaded` });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('Resource Not Found.');
    expect(await refused.getByTestId('debug-id').textContent()).toMatch(/\S/);

    await page.reload();
    await history.locator(`tr[data-run="${first}"]`).getByRole('button', { name: /^Show the \d+ files of the run/ }).click();
    await detail.locator(`[data-period="${period}"]`).filter({ hasText: `replaced by a later run (${second})` }).waitFor();
    await expect(detail.getByRole('link', { name: `Download ${file.name} of billing period ${period}` }).count()).resolves.toBe(0);
    await expectNoAxeViolation(page);
    // The one failed request is the replaced file's 404, on purpose.
    const gone = /^console error: Failed to load resource: the server responded with a status of 404 .*\/files\/\d{4}-\d{2}\/part-\d{5}\.csv\)$/;
    expect(unexpectedProblems(problems).filter((p) => !gone.test(p))).toEqual([]);
  });

  it('edits an export with a merge patch and deletes it only after the confirmation', async () => {
    const res = await fetch(`${server.url}${BASE}`, {
      method: 'POST',
      headers: { cookie, origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'E2E to delete', filter: [{ name: 'ResourceId', operator: 'TOP', values: [5] }] }),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as ExportConfig;
    const { page } = await open();
    await page.goto(`${server.url}/console/exports/${id}`);
    await page.getByTestId('export-fields').waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    const editor = page.getByRole('dialog');
    await editor.getByRole('textbox', { name: 'Name' }).fill('E2E renamed');
    // Only the name changed: the filter (5 saved as a number, shown as text) is not sent again.
    const [patch] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'PATCH' && r.url().endsWith(`${BASE}/${id}`)),
      editor.getByRole('button', { name: 'Save changes' }).click(),
    ]);
    expect(patch.postDataJSON()).toEqual({ name: 'E2E renamed' });
    await page.getByRole('heading', { level: 1, name: 'Export “E2E renamed”' }).waitFor();
    expect((await exportsNow()).find((e) => e.id === id)?.name).toBe('E2E renamed');

    await page.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this export?' });
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    expect((await exportsNow()).some((e) => e.id === id)).toBe(true);
    await page.getByRole('button', { name: 'Delete' }).click();
    await confirm.getByRole('button', { name: 'Delete export' }).click();
    await page.waitForURL((url) => url.pathname === '/console/exports');
    expect((await exportsNow()).some((e) => e.id === id)).toBe(false);
  });

  it('lets a cost viewer download but not create, change or run; a budget viewer sees no Exports', async () => {
    const signedInAs = async (name: string, roles: string[]) => {
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
    };
    const [demo] = await exportsNow();
    const viewer = await signedInAs('cost-viewer', ['cost-viewer']);
    await viewer.page.goto(`${server.url}/console/exports`);
    await viewer.page.getByTestId('exports-table').waitFor();
    await viewer.page.getByRole('navigation', { name: 'Console pages' }).getByRole('link', { name: 'Exports' }).waitFor();
    await expect(viewer.page.getByRole('button', { name: 'New export' }).count()).resolves.toBe(0);
    await viewer.page.goto(`${server.url}/console/exports/${demo!.id}`);
    await viewer.page.getByTestId('export-fields').waitFor();
    await viewer.page.getByTestId('download-panel').getByRole('button', { name: 'Download', exact: true }).waitFor();
    for (const name of ['Edit', 'Delete', 'Run now']) await expect(viewer.page.getByRole('button', { name, exact: true }).count()).resolves.toBe(0);

    const budgets = await signedInAs('budget-viewer', ['budget-viewer']);
    await budgets.page.getByRole('navigation', { name: 'Console pages' }).getByRole('link').first().waitFor();
    await expect(budgets.page.getByRole('navigation', { name: 'Console pages' }).getByRole('link', { name: 'Exports' }).count()).resolves.toBe(0);
    await budgets.page.goto(`${server.url}/console/exports`);
    await budgets.page.getByRole('heading', { name: 'Not available to you' }).waitFor();
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`has no serious or critical axe violation on the list and on an export (${colorScheme})`, async () => {
      const { page } = await open({ colorScheme });
      await page.goto(`${server.url}/console/exports`);
      await page.getByTestId('exports-table').waitFor();
      await expectNoAxeViolation(page);
      await saveArtifact(page, `console-exports-${colorScheme}`);
      const [demo] = await exportsNow();
      await page.goto(`${server.url}/console/exports/${demo!.id}`);
      await page.getByTestId('export-fields').waitFor();
      await page.getByRole('heading', { name: 'Run history' }).waitFor();
      await expectNoAxeViolation(page);
      await saveArtifact(page, `console-export-detail-${colorScheme}`);

      // The editor, with a filter row holding a list of values and a row whose problems are shown; then closed by its named button.
      await page.getByRole('button', { name: 'Edit' }).click();
      const editor = page.getByRole('dialog', { name: /^Edit “/ });
      const rows = editor.getByRole('group', { name: /^Criterion / });
      const count = await rows.count();
      await editor.getByRole('button', { name: 'Add criterion' }).click();
      const added = editor.getByRole('group', { name: `Criterion ${count + 1}` });
      await pick(page, added, 'ServiceName', 'IN');
      await added.getByRole('combobox', { name: 'Values' }).fill('VM');
      await added.getByRole('combobox', { name: 'Values' }).press('Enter');
      await editor.getByRole('button', { name: 'Add criterion' }).click();
      await editor.getByRole('button', { name: 'Save changes' }).click();
      await editor.getByRole('group', { name: `Criterion ${count + 2}` }).getByText('Choose a column.').waitFor();
      await expectNoAxeViolation(page);
      await saveArtifact(page, `console-export-editor-${colorScheme}`);
      await editor.getByRole('button', { name: 'Close', exact: true }).click();
      await editor.waitFor({ state: 'detached' });

      await page.getByRole('button', { name: 'Delete' }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete this export?' });
      await confirm.getByRole('button', { name: 'Keep it' }).waitFor();
      await expectNoAxeViolation(page);
      await confirm.getByRole('button', { name: 'Close', exact: true }).click();
      await confirm.waitFor({ state: 'detached' });
      expect((await exportsNow()).some((e) => e.id === demo!.id)).toBe(true);
    });
  }
});
