/**
 * `consumo users create|list|delete|reset-password` against a real server (the app listening on a
 * port, the CLI's own SDK client over HTTP): a generated password printed once and signing in, a
 * chosen one not printed, the list, reset and delete ending sessions, the workspace taken from the
 * credentials when --workspace is left out, and the server's errors reaching the user.
 */
import { ConsumoApiError } from '@consumo/sdk';
import { afterAll, describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../../server/test/support/test-app.js';
import { testEngines } from '../../../server/test/support/test-databases.js';
import { registerUsersCommands, workspaceOf } from '../../src/commands/users.commands.js';
import { UsageError } from '../../src/connection.js';
import { commandRunner, pointCliAt } from '../support/run-command.js';

const { cli, ok } = commandRunner('users', registerUsersCommands);

describe('workspaceOf', () => {
  it('takes --workspace, else CONSUMO_WORKSPACE_ID, else refuses with a usage error', () => {
    expect(workspaceOf('a'.repeat(32), {})).toBe('a'.repeat(32));
    expect(workspaceOf(undefined, { CONSUMO_WORKSPACE_ID: 'b'.repeat(32), CONSUMO_CREDENTIALS_FILE: '/nonexistent' })).toBe('b'.repeat(32));
    expect(() => workspaceOf(undefined, { CONSUMO_CREDENTIALS_FILE: '/nonexistent/credentials.json' })).toThrow(UsageError);
  });
});

describe.each(testEngines())('consumo users against a server on %s', (engine) => {
  let t: TestApp;
  const saved = { ...process.env };

  useTestApp(
    engine,
    async (app) => {
      t = app;
      await pointCliAt(app, { CONSUMO_WORKSPACE_ID: app.admin.workspaceId });
    },
    { timeout: 120_000 },
  );
  afterAll(() => {
    process.env = saved;
  });

  const signIn = (email: string, password: string) => t.app.inject({ method: 'POST', url: '/auth/v1/sessions', payload: { email, password } });

  it('creates a user with a generated password, printed once, that signs in', async () => {
    const out = await ok('create', 'Ana@Example.com', '--role', 'cost-viewer', '--role', 'budget-viewer', '--name', 'Ana');
    expect(out).toMatch(/^user_id: [0-9a-f-]{36}\nemail: ana@example.com\nroles: cost-viewer, budget-viewer\npassword: \S{32} \(shown once\)$/);
    const password = /password: (\S+)/.exec(out)![1]!;
    expect((await signIn('ana@example.com', password)).statusCode).toBe(201);
  });

  it('creates a user with a chosen password (not printed), lists, resets and deletes', async () => {
    const created = JSON.parse(await ok('create', 'bo@example.com', '--password', 'twelve chars!', '--workspace', t.admin.workspaceId, '--json'));
    expect(created).toMatchObject({ email: 'bo@example.com', roles: [], workspaceId: t.admin.workspaceId });
    expect(created.password).toBeUndefined();
    const cookie = String((await signIn('bo@example.com', 'twelve chars!')).headers['set-cookie']).split(';')[0]!;

    const list = await ok('list');
    expect(list).toContain('bo@example.com');
    expect(list).toContain('admin@consumo.local');
    expect(JSON.parse(await ok('list', '--json')).map((u: { email: string }) => u.email)).toContain('bo@example.com');

    const reset = await ok('reset-password', created.id);
    const password = /password: (\S+) \(shown once\)/.exec(reset)![1]!;
    expect(reset).toContain('their sessions have ended');
    expect((await t.app.inject({ method: 'GET', url: '/auth/v1/sessions/current', headers: { cookie } })).statusCode).toBe(401);
    expect((await signIn('bo@example.com', password)).statusCode).toBe(201);
    expect(await ok('reset-password', created.id, '--password', 'another long one')).not.toMatch(/password:/);
    expect((await signIn('bo@example.com', 'another long one')).statusCode).toBe(201);

    expect(await ok('delete', created.id)).toBe(`deleted user ${created.id}; their sessions have ended`);
    expect((await signIn('bo@example.com', 'another long one')).statusCode).toBe(401);
  });

  it('passes the server’s refusals on: a short password, a taken e-mail', async () => {
    const short = await cli('create', 'short@example.com', '--password', 'too short');
    expect(short.error).toBeInstanceOf(ConsumoApiError);
    expect((short.error as Error).message).toMatch(/at least 12 characters/);
    const taken = await cli('create', 'ADMIN@consumo.local');
    expect(taken.error).toBeInstanceOf(ConsumoApiError);
    expect((taken.error as Error).message).toMatch(/already exists/);
  });
});
