/**
 * A new user's first run, as a real process: `consumo serve` on an empty database prints the
 * credentials once — the client secret only to a terminal, so here (stdout is a pipe) only to
 * credentials.json, mode 0600 — a token comes from the printed URL,
 * the demo workspace answers Flex calls as HPE documents them, SIGTERM exits 0, and a restart
 * keeps the data without bootstrapping again.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eDatabase, e2eDatabase, e2eEngines } from '../support/e2e-databases.js';
import { type ServerProcess, printed, runCli, startServerProcess, writtenCredentials } from '../support/server-process.js';

describe.each(e2eEngines())('first run of `consumo serve` on %s', (engine) => {
  let database: E2eDatabase;
  let server: ServerProcess;
  let creds: { workspace: string; clientId: string; secret: string; tokenUrl: string };
  let token: string;

  beforeAll(async () => {
    // An empty database: the server's own initdb and migrations, as on a user's first start.
    database = await e2eDatabase(engine, { fresh: true });
    server = await startServerProcess({ DATABASE_URL: database.url, CONSUMO_DEMO: '1' }, database.dir);
    const out = server.output();
    creds = {
      workspace: printed(out, 'workspace')!,
      clientId: printed(out, 'client_id')!,
      secret: writtenCredentials(out).client_secret,
      tokenUrl: printed(out, 'token_url')!,
    };
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('prints the workspace, client id and token URL, and not the secret: stdout is not a terminal', () => {
    expect(printed(server.output(), 'client_secret')).toBeUndefined();
    expect(server.output()).not.toContain(creds.secret);
    expect(server.output()).toContain('the client secret is printed only to a terminal');
    expect(creds.workspace).toMatch(/^[0-9a-f]{32}$/);
    expect(creds.clientId).toMatch(/^[0-9a-f-]{36}$/);
    expect(creds.secret.length).toBeGreaterThanOrEqual(16);
    expect(creds.tokenUrl).toBe(`${server.url}/authorization/v2/oauth2/${creds.workspace}/token`);
  });

  it('writes .consumo/credentials.json with mode 0600, whatever the database', () => {
    const file = path.join(database.dir, '.consumo', 'credentials.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ workspace_id: creds.workspace, client_id: creds.clientId, client_secret: creds.secret });
  });

  it('issues a token at the printed URL (form body, as curl sends it)', async () => {
    const res = await fetch(creds.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=client_credentials&client_id=${creds.clientId}&client_secret=${encodeURIComponent(creds.secret)}`,
    });
    expect(res.status).toBe(200);
    token = ((await res.json()) as { access_token: string }).access_token;
    expect(token.split('.')).toHaveLength(3);
  });

  it('serves the demo workspace: 40+ orders, 500+ devices, the Test Company billing account', async () => {
    const get = async (url: string) => {
      const res = await fetch(`${server.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, url).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBe('100');
      return res.json() as Promise<{ items: Record<string, unknown>[]; total: number; count: number }>;
    };
    const orders = await get('/flex/v1beta1/orders?limit=2');
    expect(orders.total).toBeGreaterThanOrEqual(40);
    expect(orders.count).toBe(2);
    expect(orders.items[0]).toMatchObject({ type: 'flex/orders', sowId: expect.stringMatching(/^OPE-\d{10}$/) });
    const test = await get(`/flex/v1beta1/orders?filter=${encodeURIComponent("billingAccountId eq 'HP-AMS-999-USA-99999'")}`);
    expect(test.total).toBeGreaterThan(0);
    expect(test.items.every((o) => o.billingAccountName === 'Test Company')).toBe(true);
    const devices = await get(`/flex/v1beta1/devices?filter=${encodeURIComponent("make eq 'HPE'")}&limit=1`);
    expect(devices.total).toBeGreaterThan(0);
    const all = await get('/flex/v1beta1/devices?limit=0');
    expect(all.total).toBeGreaterThanOrEqual(500);
    const one = devices.items[0]!;
    const single = await get(`/flex/v1beta1/devices/${String(one.resourceId)}`);
    expect(single).toEqual(one);
    const partners = await get('/flex/v1beta1/orders/transform?group-by=partnerName&limit=100');
    expect(partners.total).toBeGreaterThan(1);
  });

  it('serves the OpenAPI document, its rendering, health and metrics', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/flex/v1beta1/devices/{id}');
    expect((await fetch(`${server.url}/docs`)).status).toBeLessThan(400);
    expect(await (await fetch(`${server.url}/health/live`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${server.url}/health/ready`)).json()).toEqual({ status: 'ok' });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('consumo_http_requests_total{method="GET",route="/flex/v1beta1/devices"');
  });

  it('manages API clients through the CLI over HTTP', async () => {
    const env = { CONSUMO_URL: server.url, CONSUMO_CLIENT_ID: creds.clientId, CONSUMO_CLIENT_SECRET: creds.secret };
    const created = await runCli(['clients', 'create', '--workspace', creds.workspace, '--role', 'flex-viewer', '--role', 'flex-orders-viewer', '--json'], { cwd: database.dir, env });
    expect(created.code, created.stderr).toBe(0);
    const client = JSON.parse(created.stdout) as { clientId: string; clientSecret: string; roles: string[] };
    expect(client.roles).toEqual(['flex-viewer', 'flex-orders-viewer']);
    const listed = await runCli(['clients', 'list', '--workspace', creds.workspace, '--json'], { cwd: database.dir, env });
    expect(JSON.parse(listed.stdout).map((c: { clientId: string }) => c.clientId)).toContain(client.clientId);
    const deleted = await runCli(['clients', 'delete', client.clientId, '--workspace', creds.workspace], { cwd: database.dir, env });
    expect(deleted.code, deleted.stderr).toBe(0);
    const refused = await runCli(['clients', 'create', '--workspace', creds.workspace, '--role', 'root'], { cwd: database.dir, env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("Unknown role 'root'");
  });

  it('exits 0 on SIGTERM, and a restart keeps the data without printing credentials again', async () => {
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.output()).toContain('SIGTERM received');
    server = await startServerProcess({ DATABASE_URL: database.url, CONSUMO_DEMO: '1' }, database.dir);
    expect(server.output()).not.toContain('credentials written to');
    const res = await fetch(creds.tokenUrl.replace(/^http:\/\/[^/]+/, server.url), {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${creds.clientId}:${creds.secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(200);
    const { access_token } = (await res.json()) as { access_token: string };
    const devices = await fetch(`${server.url}/flex/v1beta1/devices?limit=0`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(((await devices.json()) as { total: number }).total).toBeGreaterThanOrEqual(500);
  }, 120_000);
});
