/**
 * Stand-in mode's reset and snapshots (issue 17 points 1 and 2, ADR 0023): the control plane exists
 * only with CONSUMO_STAND_IN=1 and only for the operator; a snapshot taken, the state changed and
 * the snapshot restored gives byte-identical answers; snapshots survive a restart (another app on
 * another database restores one from the same directory) and CONSUMO_SNAPSHOT loads one at start;
 * a workspace's snapshot restores that workspace only; reset empties all or one workspace and
 * keeps the caller's credentials.
 */
import { mkdtempSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { ConfigError, testConfig } from '../../../src/config.js';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { openTestDatabase, testEngines } from '../../support/test-databases.js';
import { addKeys, freshKeys, settle } from '../../support/subscription-fixtures.js';

/** GETs across the families whose answers a restore must give back byte for byte. */
const READS = [
  '/flex/v1beta1/devices?limit=100',
  '/flex/v1beta1/orders',
  '/subscriptions/v1/subscriptions',
  '/metering/v1/billing-accounts',
  '/metering/v1/meters',
  '/metering/v1/prices',
  '/metering/v1/cost-records?limit=200',
  '/consumption-analytics/v1beta1/focus-exports',
  '/budgets/v1/budgets',
  '/admin/v1/workspaces',
  '/admin/v1/subscription-keys',
];

async function answers(call: (url: string) => Promise<{ statusCode: number; body: string }>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const url of READS) {
    const res = await call(url);
    out[url] = `${res.statusCode} ${res.body}`;
  }
  return out;
}

async function tokenFor(app: FastifyInstance, clientId: string, clientSecret: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/as/token.oauth2', payload: { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret } });
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { access_token: string }).access_token;
}

describe.each(testEngines())('stand-in snapshots and reset on %s', (engine) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'consumo-snapshots-'));
  let t: TestApp;
  let before: Record<string, string>;
  const get = (url: string) => t.call({ method: 'GET', url });

  beforeAll(async () => {
    t = await startTestApp(engine, { config: { standIn: true, snapshotDir: dir, rateLimitMultiplier: 1000 } });
  }, 120_000);
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is not there without CONSUMO_STAND_IN: every /_consumo/ path is the ordinary 404', async () => {
    const plain = await startTestApp(engine);
    try {
      for (const [method, url] of [['POST', '/_consumo/reset'], ['GET', '/_consumo/snapshots'], ['GET', '/_consumo/faults'], ['GET', '/_consumo/requests']] as const) {
        const res = await plain.call({ method, url, payload: method === 'POST' ? {} : undefined });
        const ordinary = await plain.call({ method, url: '/no-such-path', payload: method === 'POST' ? {} : undefined });
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({ httpStatusCode: 404, errorCode: (ordinary.json() as { errorCode: string }).errorCode });
      }
    } finally {
      await plain.close();
    }
  }, 120_000);

  it('answers the operator only: another workspace\'s admin gets a 403, no token a 401', async () => {
    const other = await t.tenant(['workspace-admin', 'metering-admin'], 'not-operator');
    const forbidden = await t.call({ method: 'GET', url: '/_consumo/snapshots', token: other.token });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ httpStatusCode: 403, errorCode: 'HPE_GL_ERROR_FORBIDDEN' });
    const anonymous = await t.call({ method: 'POST', url: '/_consumo/reset', token: null, payload: {} });
    expect(anonymous.statusCode).toBe(401);
  });

  it('resets everything and seeds the demo again, keeping the caller\'s credentials', async () => {
    const started = performance.now();
    const res = await t.call({ method: 'POST', url: '/_consumo/reset', payload: { demo: true } });
    console.info(`[measure] ${engine}: reset with demo seeding took ${Math.round(performance.now() - started)} ms`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ workspaceId: null, demoWorkspaceId: t.admin.workspaceId });
    // The tenant made by the previous test is gone; the system workspace stays, alone.
    const workspaces = (await get('/admin/v1/workspaces')).json() as { items: { id: string; parentId: string | null }[] };
    expect(workspaces.items.filter((w) => w.parentId === null).map((w) => w.id)).toEqual([t.admin.workspaceId]);
    const devices = (await get('/flex/v1beta1/devices?limit=1')).json() as { total: number };
    expect(devices.total).toBeGreaterThan(0);
    before = await answers(get);
    for (const [url, answer] of Object.entries(before)) expect(answer.slice(0, 3), url).toBe('200');
  }, 120_000);

  it('snapshot → change → restore gives byte-identical answers', async () => {
    const created = await t.call({ method: 'POST', url: '/_consumo/snapshots', payload: { name: 'demo-1' } });
    expect(created.statusCode, created.body).toBe(201);
    const snapshot = created.json() as { name: string; workspaceId: string | null; tables: Record<string, number>; schema: string };
    expect(snapshot).toMatchObject({ name: 'demo-1', workspaceId: null });
    expect(snapshot.tables.flex_devices).toBeGreaterThan(0);
    expect(snapshot.tables.cost_records).toBeGreaterThan(0);
    expect(snapshot.tables).not.toHaveProperty('signing_keys');

    // Change: empty the system workspace's data, and add a workspace and a billing account.
    expect((await t.call({ method: 'POST', url: '/_consumo/reset', payload: { workspaceId: t.admin.workspaceId } })).statusCode).toBe(200);
    await t.tenant(['metering-admin'], 'after-snapshot');
    expect((await t.call({ method: 'PUT', url: '/metering/v1/billing-accounts/BA-NEW', payload: { name: 'new' } })).statusCode).toBe(201);
    const changed = await answers(get);
    expect(changed).not.toEqual(before);

    const restored = await t.call({ method: 'POST', url: '/_consumo/snapshots/demo-1/restore' });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(await answers(get)).toEqual(before);
  }, 120_000);

  it('lists snapshots, refuses a second of the same name and a bad name, and deletes', async () => {
    const list = await get('/_consumo/snapshots');
    expect(list.statusCode).toBe(200);
    expect((list.json() as { items: { name: string }[] }).items.map((s) => s.name)).toEqual(['demo-1']);
    const again = await t.call({ method: 'POST', url: '/_consumo/snapshots', payload: { name: 'demo-1' } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ errorCode: 'HPE_GL_ERROR_CONFLICT' });
    const bad = await t.call({ method: 'POST', url: '/_consumo/snapshots', payload: { name: '../etc' } });
    expect(bad.statusCode).toBe(400);
    const missing = await t.call({ method: 'POST', url: '/_consumo/snapshots/nope/restore' });
    expect(missing.statusCode).toBe(404);
    const scratch = await t.call({ method: 'POST', url: '/_consumo/snapshots', payload: { name: 'scratch' } });
    expect(scratch.statusCode).toBe(201);
    expect((await t.call({ method: 'DELETE', url: '/_consumo/snapshots/scratch' })).statusCode).toBe(204);
    expect((await t.call({ method: 'DELETE', url: '/_consumo/snapshots/scratch' })).statusCode).toBe(404);
  }, 60_000);

  it('survives a restart: another server on another database restores it with the same answers, and loads it at start', async () => {
    const fresh = await openTestDatabase(engine);
    const loaded = await buildApp(testConfig({ standIn: true, snapshotDir: dir, snapshot: path.join(dir, 'demo-1.jsonl.gz'), rateLimitMultiplier: 1000 }), {
      db: fresh,
      keepDbOpen: true,
    });
    try {
      const token = await tokenFor(loaded.app, t.admin.clientId, t.admin.clientSecret);
      const read = (url: string) => loaded.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      expect(await answers(read)).toEqual(before);
      const list = await read('/_consumo/snapshots');
      expect((list.json() as { items: { name: string }[] }).items.map((s) => s.name)).toContain('demo-1');
      // And by the route, after a change.
      const reset = await loaded.app.inject({ method: 'POST', url: '/_consumo/reset', headers: { authorization: `Bearer ${token}` }, payload: {} });
      expect(reset.statusCode).toBe(200);
      const restore = await loaded.app.inject({ method: 'POST', url: '/_consumo/snapshots/demo-1/restore', headers: { authorization: `Bearer ${token}` } });
      expect(restore.statusCode, restore.body).toBe(200);
      expect(await answers(read)).toEqual(before);
    } finally {
      await loaded.app.close();
      await fresh.drop();
    }
  }, 120_000);

  it('refuses a missing or cut-short CONSUMO_SNAPSHOT with one line, and a cut-short file by the route with a 409', async () => {
    const cut = path.join(dir, 'cut.jsonl.gz');
    const header = { format: 'consumo-snapshot', version: 1, name: 'cut', createdAt: new Date().toISOString(), workspaceId: null, schema: (await latestSchema()) };
    await writeFile(cut, gzipSync(`${JSON.stringify(header)}\n${JSON.stringify(['table', 'workspaces', ['id', 'name']])}\n`));
    const restore = await t.call({ method: 'POST', url: '/_consumo/snapshots/cut/restore' });
    expect(restore.statusCode).toBe(409);
    expect((restore.json() as { message: string }).message).toMatch(/cut short/);
    // Nothing was restored: the state is still the demo's.
    expect(await answers(get)).toEqual(before);
    const database = await openTestDatabase(engine);
    try {
      await expect(buildApp(testConfig({ standIn: true, snapshot: cut }), { db: database, keepDbOpen: true })).rejects.toThrow(ConfigError);
      await expect(buildApp(testConfig({ standIn: true, snapshot: path.join(dir, 'absent.jsonl.gz') }), { db: database, keepDbOpen: true })).rejects.toThrow(/does not exist/);
    } finally {
      await database.drop();
      await rm(cut);
    }
  }, 120_000);

  async function latestSchema(): Promise<string> {
    const list = (await get('/_consumo/snapshots')).json() as { items: { schema: string }[] };
    return list.items[0]!.schema;
  }

  it("a workspace's snapshot restores that workspace only", async () => {
    const tenant = await t.tenant(['metering-admin'], 'ws-snap');
    const as = (method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: object) => t.call({ method, url, payload, token: tenant.token });
    expect((await as('PUT', '/metering/v1/billing-accounts/BA-1', { name: 'one' })).statusCode).toBe(201);
    const tenantBefore = (await as('GET', '/metering/v1/billing-accounts')).body;
    const snap = await t.call({ method: 'POST', url: '/_consumo/snapshots', payload: { name: 'tenant', workspaceId: tenant.workspaceId } });
    expect(snap.statusCode, snap.body).toBe(201);
    const tables = (snap.json() as { tables: Record<string, number> }).tables;
    expect(tables.workspaces).toBe(1);
    expect(tables.billing_accounts).toBe(1);
    expect(tables).not.toHaveProperty('subscription_keys');

    expect((await as('PUT', '/metering/v1/billing-accounts/BA-2', { name: 'two' })).statusCode).toBe(201);
    expect((await as('DELETE', '/metering/v1/billing-accounts/BA-1')).statusCode).toBe(204);
    // A change elsewhere, which the workspace's restore must leave alone.
    expect((await t.call({ method: 'PUT', url: '/metering/v1/billing-accounts/BA-SYSTEM', payload: { name: 'system' } })).statusCode).toBe(201);
    const systemAfter = (await get('/metering/v1/billing-accounts')).body;

    expect((await t.call({ method: 'POST', url: '/_consumo/snapshots/tenant/restore' })).statusCode).toBe(200);
    expect((await as('GET', '/metering/v1/billing-accounts')).body).toBe(tenantBefore);
    expect((await get('/metering/v1/billing-accounts')).body).toBe(systemAfter);
  }, 60_000);

  it('resets one workspace: its data goes, its credentials and other workspaces stay', async () => {
    const tenant = await t.tenant(['metering-admin'], 'ws-reset');
    expect((await t.call({ method: 'PUT', url: '/metering/v1/billing-accounts/BA-X', payload: { name: 'x' }, token: tenant.token })).statusCode).toBe(201);
    const systemBefore = (await get('/metering/v1/billing-accounts')).body;
    const res = await t.call({ method: 'POST', url: '/_consumo/reset', payload: { workspaceId: tenant.workspaceId } });
    expect(res.statusCode).toBe(200);
    const after = await t.call({ method: 'GET', url: '/metering/v1/billing-accounts', token: tenant.token });
    expect(after.statusCode).toBe(200);
    expect((after.json() as { total: number }).total).toBe(0);
    expect((await get('/metering/v1/billing-accounts')).body).toBe(systemBefore);
    const unknown = await t.call({ method: 'POST', url: '/_consumo/reset', payload: { workspaceId: 'f'.repeat(32) } });
    expect(unknown.statusCode).toBe(404);
    const bad = await t.call({ method: 'POST', url: '/_consumo/reset', payload: { workspaceId: 'nope' } });
    expect(bad.statusCode).toBe(400);
  }, 60_000);

  it('resets one workspace: the keys it held are free again, and another workspace can claim them', async () => {
    const holder = await t.tenant(['subscriptions-editor'], 'ws-holder');
    const other = await t.tenant(['subscriptions-editor'], 'ws-other');
    const [key] = await freshKeys(t, 1);
    const claimed = await addKeys(t, [key!], { token: holder.token });
    expect((await settle(t, claimed.id, holder.token)).status).toBe('SUCCEEDED');
    expect((await t.call({ method: 'POST', url: '/_consumo/reset', payload: { workspaceId: holder.workspaceId } })).statusCode).toBe(200);
    const again = await addKeys(t, [key!], { token: other.token });
    const settled = await settle(t, again.id, other.token);
    expect(settled.status).toBe('SUCCEEDED');
    expect(settled.result).toMatchObject({ succeededSubscriptions: [expect.objectContaining({ key })] });
  }, 60_000);

  it('resets everything without the demo (its time measured, never asserted)', async () => {
    const started = performance.now();
    const res = await t.call({ method: 'POST', url: '/_consumo/reset', payload: {} });
    console.info(`[measure] ${engine}: reset of everything (demo data present) took ${Math.round(performance.now() - started)} ms`);
    expect(res.statusCode).toBe(200);
    expect((await get('/flex/v1beta1/devices?limit=1')).json()).toMatchObject({ total: 0 });
    expect((await get('/admin/v1/workspaces')).json()).toMatchObject({ total: 1 });
  }, 60_000);
});
