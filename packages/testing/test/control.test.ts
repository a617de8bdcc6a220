/** The harness's control helpers, each round-tripped through a running stand-in: clock, faults, request log, snapshots, reset. */
import { unwrap } from '@consumo/sdk';
import { type Consumo, startConsumo } from '@consumo/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

let consumo: Consumo;
beforeAll(async () => {
  consumo = await startConsumo({ clock: '2026-03-01T00:00:00Z' });
}, 240_000);
afterAll(() => consumo?.stop());
beforeEach(async () => {
  await consumo.control.faults.clear();
  await consumo.control.requests.clear();
});

const get = (path: string) => fetch(`${consumo.baseUrl}${path}`);

describe('control.clock', () => {
  it('sets, advances, reads and releases the clock', async () => {
    expect(await consumo.control.clock.set('2026-01-31T23:00:00Z')).toMatchObject({ now: '2026-01-31T23:00:00.000Z', frozen: true });
    expect(await consumo.control.clock.advance('P1DT2H')).toMatchObject({ now: '2026-02-02T01:00:00.000Z', frozen: true });
    expect(await consumo.control.clock.get()).toEqual({ now: '2026-02-02T01:00:00.000Z', frozen: true });
    const real = await consumo.control.clock.real();
    expect(real.frozen).toBe(false);
    expect(Math.abs(Date.parse(real.now) - Date.now())).toBeLessThan(60_000);
  });
});

describe('the harness client', () => {
  it("gets a fresh token when the stand-in's clock has expired the one it holds", async () => {
    await consumo.control.clock.real();
    unwrap(await consumo.client.GET('/admin/v1/workspaces'));
    await consumo.control.requests.clear();
    // Past the token's 15 minutes (CONSUMO_TOKEN_TTL's default) on the stand-in's clock; the test's own watch barely moved.
    await consumo.control.clock.advance('PT16M');
    expect(unwrap(await consumo.client.GET('/admin/v1/workspaces')).items.length).toBeGreaterThan(0);
    await consumo.control.requests.verify({ method: 'GET', path: '/admin/v1/workspaces', status: 401 }, 1);
    await consumo.control.requests.verify({ method: 'POST', path: '/as/token.oauth2', status: 200 }, 1);
  });

  it('answers a 401 that a fault asked for as it is, without a retry', async () => {
    await consumo.control.faults.add({ match: { method: 'GET', path: '/admin/v1/workspaces' }, action: { status: 401 }, times: 1 });
    const { response } = await consumo.client.GET('/admin/v1/workspaces');
    expect(response.status).toBe(401);
    await consumo.control.requests.verify({ method: 'GET', path: '/admin/v1/workspaces' }, 1);
  });
});

describe('control.faults', () => {
  it('adds, lists, counts and deletes faults', async () => {
    const fault = await consumo.control.faults.add({ match: { method: 'GET', path: '/health/*' }, action: { status: 503 }, times: 2 });
    expect(fault).toMatchObject({ hits: 0, remaining: 2 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await get('/health/live')).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(await consumo.control.faults.list()).toEqual([expect.objectContaining({ id: fault.id, hits: 2, remaining: 0 })]);
    await consumo.control.faults.delete(fault.id);
    expect(await consumo.control.faults.list()).toEqual([]);
  });
});

describe('control.requests', () => {
  it('lists newest first, finds oldest first, and clears', async () => {
    await get('/health/live');
    await get('/health/ready');
    expect((await consumo.control.requests.list()).items.map((r) => r.path)).toEqual(['/health/ready', '/health/live']);
    expect((await consumo.control.requests.find({ path: '/health/*' })).map((r) => r.path)).toEqual(['/health/live', '/health/ready']);
    await consumo.control.requests.clear();
    expect(await consumo.control.requests.find()).toEqual([]);
  });

  it('verify answers the matching requests when there are exactly that many, body and status included', async () => {
    const body = { name: 'verified' };
    const created = unwrap(await consumo.client.POST('/admin/v1/workspaces', { body }));
    const [sent] = await consumo.control.requests.verify({ method: 'POST', path: '/admin/v1/workspaces', status: 201, body });
    expect(JSON.parse(sent!.responseBody.text!)).toMatchObject({ id: created.id, name: 'verified' });
    await consumo.control.requests.verify({ method: 'POST', path: '/admin/**', body: { name: 'another' } }, 0);
  });

  it('verify throws what it looked for and what the log holds when the count differs', async () => {
    await get('/health/live');
    await expect(consumo.control.requests.verify({ method: 'POST', path: '/flex/**' })).rejects.toThrow(
      "expected 1 request matching POST /flex/**, found 0; the log's last 1 (oldest first):\n  GET /health/live → 200",
    );
  });

  it('records the token request with the client secret redacted', async () => {
    await consumo.client.tokens.fetchToken();
    const [sent] = await consumo.control.requests.verify({ method: 'POST', path: '/as/token.oauth2', status: 200 });
    expect(sent!.requestBody.text).toContain('[redacted]');
    expect(sent!.requestBody.text).not.toContain(consumo.credentials.clientSecret);
  });
});

describe('control.async and control.operations', () => {
  it('switches new operations to manual and back, and names an unknown operation a 404', async () => {
    expect(await consumo.control.async.set({ mode: 'manual' })).toMatchObject({ mode: 'manual', delayMs: 0 });
    expect(await consumo.control.async.get()).toMatchObject({ mode: 'manual', held: 0 });
    await expect(consumo.control.operations.complete('00000000-0000-4000-8000-00000000abcd')).rejects.toMatchObject({ status: 404 });
    expect(await consumo.control.async.set({ mode: 'auto' })).toMatchObject({ mode: 'auto', released: 0 });
  });

  it('holds an export run in manual mode until control.operations completes it', async () => {
    await consumo.control.async.set({ mode: 'manual' });
    try {
      const focusExport = unwrap(await consumo.client.POST('/consumption-analytics/v1beta1/focus-exports', { body: { name: 'held run' } }));
      const exportPath = { id: focusExport.id };
      const accepted = await consumo.client.POST('/consumption-analytics/v1beta1/focus-exports/{id}/runs', {
        params: { path: exportPath },
        body: { relativeDate: 'PREVIOUS_MONTH' },
      });
      expect(accepted.response.status).toBe(202);
      const runId = accepted.response.headers.get('location')!.split('/').pop()!;
      const run = async () => unwrap(await consumo.client.GET('/consumption-analytics/v1beta1/focus-exports/{id}/runs/{runId}', { params: { path: { ...exportPath, runId } } }));
      expect((await run()).status).toBe('INITIALIZED');

      expect(await consumo.control.operations.complete(runId)).toMatchObject({ id: runId, kind: 'export-run', status: 'SUCCEEDED' });
      expect((await run()).status).toBe('SUCCEEDED');
    } finally {
      await consumo.control.async.set({ mode: 'auto' });
    }
  });
});

describe('control.snapshots and control.reset', () => {
  it('a snapshot restores what a reset removed; list and delete manage them', async () => {
    const names = async () => unwrap(await consumo.client.GET('/admin/v1/workspaces')).items.map((w) => w.name);
    unwrap(await consumo.client.POST('/admin/v1/workspaces', { body: { name: 'before the reset' } }));
    await consumo.control.snapshots.create('round-trip');
    expect((await consumo.control.snapshots.list()).map((s) => s.name)).toContain('round-trip');

    await consumo.control.reset();
    expect(await names()).not.toContain('before the reset');

    await consumo.control.snapshots.restore('round-trip');
    expect(await names()).toContain('before the reset');

    await consumo.control.snapshots.delete('round-trip');
    expect((await consumo.control.snapshots.list()).map((s) => s.name)).not.toContain('round-trip');
  });
});
