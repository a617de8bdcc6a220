/**
 * A first start killed with SIGKILL while it seeds the demo (issue 15, point 3): the bootstrap
 * credentials are already in the credentials file, the interrupted state is half a demo with a
 * rating run RUNNING, and the next start seeds the whole demo again — every family there, no run
 * left RUNNING, nothing twice — as an uninterrupted first start would have.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { type E2eDatabase, e2eDatabase, e2eEngines } from '../support/e2e-databases.js';
import { inspect } from '../support/inspect-database.js';
import { BIN, type ServerProcess, startServerProcess } from '../support/server-process.js';

/** Starts `consumo serve` on an empty database and kills it with SIGKILL once `marker` is logged (before it listens). */
async function killWhileSeeding(database: E2eDatabase, marker: string): Promise<string> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd: database.dir,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', DATABASE_URL: database.url, CONSUMO_DEMO: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`never logged '${marker}':\n${out}`)), 120_000);
    const onData = (d: Buffer) => {
      out += d;
      if (out.includes(marker)) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => reject(new Error(`server exited before '${marker}':\n${out}`)));
  });
  expect(await exited).toBe('SIGKILL');
  return out;
}

describe.each(e2eEngines())('a first start killed while seeding the demo, on %s', (engine) => {
  let database: E2eDatabase | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('keeps the credentials, and the next start seeds the whole demo again', async () => {
    database = await e2eDatabase(engine);
    const killedOutput = await killWhileSeeding(database, 'demo subscription keys issued');
    expect(killedOutput).not.toContain('listening on');

    // The generated secret survived the kill: it was written before seeding began.
    const file = path.join(database.dir, '.consumo', 'credentials.json');
    const creds = JSON.parse(readFileSync(file, 'utf8')) as { workspace_id: string; client_id: string; client_secret: string };
    expect(creds.client_secret.length).toBeGreaterThanOrEqual(16);

    const counts = (db: Parameters<Parameters<typeof inspect>[2]>[0]) =>
      sql<{ devices: number; pending: number; running: number; exports: number; tenants: number }>`
        select (select count(*)::int from flex_devices where workspace_id = ${creds.workspace_id}) as devices,
               (select count(*)::int from demo_seedings) as pending,
               (select count(*)::int from rating_runs where status = 'RUNNING') as running,
               (select count(*)::int from focus_exports where workspace_id = ${creds.workspace_id}) as exports,
               (select count(*)::int from workspaces where parent_id = ${creds.workspace_id}) as tenants`
        .execute(db)
        .then((r) => r.rows[0]!);
    const interrupted = await inspect(engine, database, counts);
    // Killed half-way: Flex is seeded, the later families are not, and the demo is marked pending.
    expect(interrupted).toMatchObject({ pending: 1, exports: 0, tenants: 0 });
    expect(interrupted.devices).toBeGreaterThan(0);

    server = await startServerProcess({ DATABASE_URL: database.url, CONSUMO_DEMO: '1', LOG_LEVEL: 'info' }, database.dir);
    expect(server.output()).toContain('the demo seeding of this workspace was interrupted: seeding it again');
    expect(server.output()).not.toMatch(/^client_id: /m);

    // Over HTTP, with the credentials from the file: the demo a first start makes.
    const tokenRes = await fetch(`${server.url}/authorization/v2/oauth2/${creds.workspace_id}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: creds.client_id, client_secret: creds.client_secret }).toString(),
    });
    expect(tokenRes.status).toBe(200);
    const token = ((await tokenRes.json()) as { access_token: string }).access_token;
    const get = async <T>(url: string): Promise<T> => {
      const res = await fetch(`${server!.url}${url}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, url).toBe(200);
      return (await res.json()) as T;
    };
    expect((await get<{ total: number }>('/flex/v1beta1/devices?limit=0')).total).toBe(interrupted.devices);
    const runs = await get<{ items: { status: string }[] }>('/metering/v1/rating-runs?limit=100');
    expect(runs.items.length).toBeGreaterThan(0);
    expect(runs.items.every((r) => r.status === 'SUCCEEDED')).toBe(true);
    expect((await get<{ items: unknown[] }>('/consumption-analytics/v1beta1/focus-exports')).items).toHaveLength(6);

    await server.stop();
    server = undefined;
    const resumed = await inspect(engine, database, counts);
    expect(resumed).toMatchObject({ devices: interrupted.devices, pending: 0, running: 0, exports: 6, tenants: 3 });
  }, 400_000);
});
