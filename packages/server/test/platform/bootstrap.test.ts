/**
 * The first start's admin user of the console (issue 16 point 1, ADR 0027): created beside the
 * bootstrap client with every role, fixed by CONSUMO_BOOTSTRAP_ADMIN_EMAIL / _PASSWORD or with a
 * generated password, once; a bad e-mail or a short password stops the start with a clear message.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, testConfig } from '../../src/config.js';
import { verifySecret } from '../../src/platform/auth/secrets.js';
import { bootstrap } from '../../src/platform/bootstrap.js';
import { roleNames } from '../../src/platform/rbac/permissions.js';
import { type TestDatabase, openTestDatabase, testEngines } from '../support/test-databases.js';

const env = (vars: Record<string, string>) => loadConfig({ DATABASE_URL: 'memory://', ...vars });

describe('the bootstrap admin user’s configuration', () => {
  it('defaults to admin@consumo.local and a generated password', () => {
    expect(env({}).bootstrap).toMatchObject({ adminEmail: 'admin@consumo.local', adminPassword: undefined });
    expect(env({ CONSUMO_BOOTSTRAP_ADMIN_EMAIL: 'ops@example.com', CONSUMO_BOOTSTRAP_ADMIN_PASSWORD: 'a long admin password' }).bootstrap).toMatchObject({
      adminEmail: 'ops@example.com',
      adminPassword: 'a long admin password',
    });
    expect(env({}).session).toEqual({ idleMinutes: 30, maxHours: 12 });
    expect(() => env({ CONSUMO_SESSION_IDLE_MINUTES: '0' })).toThrow(/CONSUMO_SESSION_IDLE_MINUTES must be between 1 and/);
    expect(env({}).trustProxy).toBe(false);
    expect(env({ CONSUMO_TRUST_PROXY: '1' }).trustProxy).toBe(true);
    expect(env({ CONSUMO_TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
    expect(() => env({ CONSUMO_TRUST_PROXY: 'yes please' })).toThrow(/CONSUMO_TRUST_PROXY must be 1, 0, or comma-separated/);
  });
});

describe.each(testEngines())('bootstrap’s admin user on %s', (engine) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('creates the admin user with every role in the system workspace, with the configured e-mail and password', async () => {
    database = await openTestDatabase(engine);
    const config = testConfig();
    config.bootstrap = { ...config.bootstrap, adminEmail: 'Ops@Example.com', adminPassword: 'a long admin password' };
    const creds = (await bootstrap(database.db, config))!;
    expect(creds).toMatchObject({ adminEmail: 'ops@example.com', adminPassword: 'a long admin password' });
    const users = await database.db.selectFrom('users').selectAll().execute();
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ workspace_id: creds.workspaceId, email: 'ops@example.com', roles: [...roleNames] });
    expect(await verifySecret('a long admin password', users[0]!.password_hash)).toBe(true);
    // A second start creates nothing.
    expect(await bootstrap(database.db, config)).toBeUndefined();
    expect(await database.db.selectFrom('users').select('id').execute()).toHaveLength(1);
  });

  it('generates a password when none is configured', async () => {
    database = await openTestDatabase(engine);
    const creds = (await bootstrap(database.db, testConfig()))!;
    expect(creds.adminEmail).toBe('admin@consumo.local');
    expect(creds.adminPassword.length).toBeGreaterThanOrEqual(12);
    const row = await database.db.selectFrom('users').selectAll().executeTakeFirstOrThrow();
    expect(await verifySecret(creds.adminPassword, row.password_hash)).toBe(true);
  });

  it('stops on a short password or a bad e-mail, naming the variable, and writes nothing', async () => {
    database = await openTestDatabase(engine);
    const short = testConfig();
    short.bootstrap = { ...short.bootstrap, adminPassword: 'short' };
    await expect(bootstrap(database.db, short)).rejects.toThrow('CONSUMO_BOOTSTRAP_ADMIN_PASSWORD: A password must be at least 12 characters long.');
    const bad = testConfig();
    bad.bootstrap = { ...bad.bootstrap, adminEmail: 'not-an-email' };
    await expect(bootstrap(database.db, bad)).rejects.toThrow(/CONSUMO_BOOTSTRAP_ADMIN_EMAIL must be an e-mail address/);
    expect(await database.db.selectFrom('workspaces').select('id').execute()).toEqual([]);
  });
});
