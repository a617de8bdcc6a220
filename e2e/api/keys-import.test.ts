/**
 * The provider's key catalog through the CLI, against a real server process: `consumo keys import`
 * of the sample CSV twice (the second time everything is unchanged), `consumo keys list --free`
 * next to the demo keys, a bad file reported line by line, and a client without the role refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eDatabase, e2eDatabase, e2eEngines } from '../support/e2e-databases.js';
import { REPO, type ServerProcess, printed, writtenCredentials, runCli, startServerProcess } from '../support/server-process.js';

const SAMPLE = path.join(REPO, 'docs', 'examples', 'subscription-keys.csv');

describe.each(e2eEngines())('`consumo keys` against a server on %s', (engine) => {
  let database: E2eDatabase;
  let server: ServerProcess;
  let env: Record<string, string>;
  const cli = (...args: string[]) => runCli(['keys', ...args], { cwd: database.dir, env });
  const sampleKeys = readFileSync(SAMPLE, 'utf8').trim().split('\n').slice(1).map((line) => line.split(',')[0]!);

  beforeAll(async () => {
    database = await e2eDatabase(engine);
    server = await startServerProcess({ DATABASE_URL: database.url, CONSUMO_DEMO: '1' }, database.dir);
    const out = server.output();
    env = { CONSUMO_URL: server.url, CONSUMO_CLIENT_ID: printed(out, 'client_id')!, CONSUMO_CLIENT_SECRET: writtenCredentials(out).client_secret };
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('imports the sample CSV, and a second import finds every key unchanged', async () => {
    expect(sampleKeys.length).toBeGreaterThanOrEqual(5);
    const first = await cli('import', SAMPLE);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`batch 1 (lines 2-${sampleKeys.length + 1}): created ${sampleKeys.length}, unchanged 0`);
    expect(first.stdout).toContain(`total: created ${sampleKeys.length}, unchanged 0`);
    const second = await cli('import', SAMPLE, '--batch-size', '3');
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain('batch 1 (lines 2-4): created 0, unchanged 3');
    expect(second.stdout).toContain(`total: created 0, unchanged ${sampleKeys.length}`);
  });

  it('lists the free keys: the sample and the demo keys nobody claimed', async () => {
    const table = await cli('list', '--free', '--limit', '1000');
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^key\s+sku\s+subscriptionType\s+tier\s+quantity\s+endTime\s+claimedBy$/);
    for (const key of sampleKeys) expect(table.stdout).toContain(key);
    // The demo issues 12 free and 6 expired keys next to the 24 the workspace claimed: free means
    // claimable now, so the expired ones are not listed.
    expect(lines.at(-1)).toBe(`${sampleKeys.length + 12} of ${sampleKeys.length + 12}`);
    const listed = JSON.parse((await cli('list', '--free', '--limit', '1000', '--json')).stdout) as {
      items: { key: string; claimable: boolean; claimedBy: string | null; endTime: string }[];
    };
    expect(listed.items.length).toBe(sampleKeys.length + 12);
    for (const item of listed.items) {
      expect(item).toMatchObject({ claimable: true, claimedBy: null });
      expect(Date.parse(item.endTime)).toBeGreaterThan(Date.now());
    }
    // The expired demo keys are still in the catalog, unclaimed.
    const expired = JSON.parse((await cli('list', '--filter', 'claimed eq false and claimable eq false', '--json')).stdout) as { total: number };
    expect(expired.total).toBe(6);

    const json = await cli('list', '--free', '--json', '--filter', "subscriptionType eq 'CENTRAL_STORAGE' and orderClass eq 'STANDARD'");
    const page = JSON.parse(json.stdout) as { items: { key: string; claimedBy: string | null; quantity: number }[] };
    expect(page.items).toEqual([expect.objectContaining({ key: 'A7D2E9B4C6F1H3J', claimedBy: null, quantity: 2 })]);

    const claimed = JSON.parse((await cli('list', '--filter', 'claimed eq true', '--limit', '0', '--json')).stdout) as { total: number };
    expect(claimed.total).toBe(24);
  });

  it('reports each problem of a bad file at its line, exits 2 and writes nothing of that batch', async () => {
    const file = path.join(database.dir, 'bad.csv');
    writeFileSync(
      file,
      [
        'key,sku,skuDescription,subscriptionType,tier,productType,quantity,startTime,endTime',
        'E2EGOOD00000001,X1,Good,CENTRAL_AP,FOUNDATION_AP,DEVICE,5,2026-01-01T00:00:00Z,2027-01-01T00:00:00Z',
        '',
        'E2E BAD,X1,Bad,CENTRAL_TOASTER,FOUNDATION_AP,DEVICE,ten,2026-01-01T00:00:00Z,2027-01-01T00:00:00Z',
      ].join('\n'),
    );
    const res = await cli('import', file);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`${file}:4: key: Must contain only letters`);
    expect(res.stderr).toContain(`${file}:4: subscriptionType: Unknown value 'CENTRAL_TOASTER'`);
    expect(res.stderr).toContain(`${file}:4: quantity:`);
    expect(res.stderr).toContain('consumo: HTTP 400 HPE_GL_ERROR_BAD_REQUEST');
    const good = JSON.parse((await cli('list', '--filter', "key eq 'E2EGOOD00000001'", '--json')).stdout) as { total: number };
    expect(good.total).toBe(0);
  });

  it('refuses a client without the platform-admin role with the API message and exit code 2', async () => {
    const workspace = printed(server.output(), 'workspace')!;
    const created = await runCli(['clients', 'create', '--workspace', workspace, '--role', 'subscriptions-editor', '--json'], { cwd: database.dir, env });
    expect(created.code, created.stderr).toBe(0);
    const client = JSON.parse(created.stdout) as { clientId: string; clientSecret: string };
    const res = await runCli(['keys', 'list'], {
      cwd: database.dir,
      env: { ...env, CONSUMO_CLIENT_ID: client.clientId, CONSUMO_CLIENT_SECRET: client.clientSecret },
    });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('HTTP 403 HPE_GL_ERROR_FORBIDDEN');
  });
});
