/** startConsumo: a real server on a free port, stopped for good; two at once; the clock, snapshot and demo options. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { unwrap } from '@consumo/sdk';
import { type Consumo, DEFAULT_CREDENTIALS, startConsumo } from '@consumo/testing';
import { afterAll, describe, expect, it } from 'vitest';

/** Starting one migrates a fresh in-memory database: seconds on a loaded two-core machine. */
const START_MS = 120_000;

/** Client credentials → an access token, as an integrator's code would get it. */
async function token(consumo: Consumo, secret = consumo.credentials.clientSecret): Promise<Response> {
  return fetch(consumo.tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: consumo.credentials.clientId, client_secret: secret }),
  });
}

const flexDevices = async (consumo: Consumo) => unwrap(await consumo.client.GET('/flex/v1beta1/devices', { params: { query: { limit: 1 } } })).total;

describe('startConsumo', () => {
  const started: Consumo[] = [];
  const start = async (...args: Parameters<typeof startConsumo>) => {
    const consumo = await startConsumo(...args);
    started.push(consumo);
    return consumo;
  };
  afterAll(async () => {
    await Promise.all(started.map((c) => c.stop()));
  });

  it('serves stand-in mode on 127.0.0.1 with the default credentials, and stop() closes the port for good', { timeout: START_MS }, async () => {
    const consumo = await start();
    expect(consumo.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(consumo.credentials).toEqual(DEFAULT_CREDENTIALS);
    expect(consumo.tokenUrl).toBe(`${consumo.baseUrl}/authorization/v2/oauth2/${DEFAULT_CREDENTIALS.workspaceId}/token`);
    expect((await fetch(`${consumo.baseUrl}/health/ready`)).status).toBe(200);
    const answer = await token(consumo);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ token_type: 'Bearer' });
    expect((await token(consumo, 'not-the-secret-at-all')).status).toBe(401);
    // No demo data unless asked for.
    expect(await flexDevices(consumo)).toBe(0);
    // The control plane is there (it is a 404 outside stand-in mode) and answers the bootstrap client.
    expect(await consumo.control.faults.list()).toEqual([]);

    await consumo.stop();
    await consumo.stop();
    await expect(fetch(`${consumo.baseUrl}/health/live`)).rejects.toThrow();
  });

  it('two at once get two ports and keep apart: a fault in one leaves the other alone', { timeout: 2 * START_MS }, async () => {
    const [a, b] = await Promise.all([start(), start()]);
    expect(new URL(a!.baseUrl).port).not.toBe(new URL(b!.baseUrl).port);
    await a!.control.faults.add({ match: { path: '/health/ready' }, action: { status: 503 } });
    expect((await fetch(`${a!.baseUrl}/health/ready`)).status).toBe(503);
    expect((await fetch(`${b!.baseUrl}/health/ready`)).status).toBe(200);
    expect(await b!.control.faults.list()).toEqual([]);
  });

  it('clock: starts frozen at the instant given', { timeout: START_MS }, async () => {
    const consumo = await start({ clock: '2026-01-31T23:00:00Z' });
    expect(await consumo.control.clock.get()).toEqual({ now: '2026-01-31T23:00:00.000Z', frozen: true });
  });

  it('clock: a time that is not RFC 3339 is refused with the reason, and nothing is left listening', async () => {
    await expect(startConsumo({ clock: 'yesterday' })).rejects.toThrow(/^startConsumo: CONSUMO_CLOCK must be an RFC 3339 date-time/);
  });

  it('credentials: fixed by the option, as CONSUMO_BOOTSTRAP_* fixes them', { timeout: START_MS }, async () => {
    const credentials = { workspaceId: 'ab'.repeat(16), clientId: '5f0c1d2e-3a4b-4c5d-8e6f-7a8b9c0d1e2f', clientSecret: 'another-secret-of-my-own' };
    const consumo = await start({ credentials });
    expect(consumo.credentials).toEqual(credentials);
    expect((await token(consumo)).status).toBe(200);
    const workspaces = unwrap(await consumo.client.GET('/admin/v1/workspaces'));
    expect(workspaces.items.map((w) => w.id)).toEqual([credentials.workspaceId]);
  });

  describe('snapshot', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'consumo-testing-snapshots-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('a snapshot taken by one harness into snapshotDir is the state another starts with', { timeout: 3 * START_MS }, async () => {
      const first = await start({ snapshotDir: dir });
      const created = unwrap(await first.client.POST('/admin/v1/workspaces', { body: { name: 'kept by the snapshot' } }));
      await first.control.snapshots.create('with-a-tenant');
      await first.stop();

      const second = await start({ snapshot: path.join(dir, 'with-a-tenant.jsonl.gz') });
      const workspaces = unwrap(await second.client.GET('/admin/v1/workspaces'));
      expect(workspaces.items.map((w) => [w.id, w.name])).toContainEqual([created.id, 'kept by the snapshot']);

      // The snapshot's clients are the credentials: other ones are told so, not left to fail later.
      await expect(
        startConsumo({ snapshot: path.join(dir, 'with-a-tenant.jsonl.gz'), credentials: { clientSecret: 'not-the-snapshot-secret' } }),
      ).rejects.toThrow(/has no API client .* with this secret/);
    });

    it('a snapshot file that does not exist stops the start with its name', async () => {
      await expect(startConsumo({ snapshot: path.join(dir, 'missing.jsonl.gz') })).rejects.toThrow(/^startConsumo: CONSUMO_SNAPSHOT: .*missing\.jsonl\.gz does not exist/);
    });
  });

  it('demo: the bootstrap workspace holds the demo data (the first test saw none without it)', { timeout: 5 * START_MS }, async () => {
    const demo = await start({ demo: true });
    expect(await flexDevices(demo)).toBeGreaterThan(0);
  });
});
