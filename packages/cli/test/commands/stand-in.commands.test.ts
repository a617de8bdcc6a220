/**
 * `consumo stand-in …` against a real server in stand-in mode (the app listening on a port, the
 * CLI's own SDK client over HTTP): faults added, hit, listed and deleted; the request log read by
 * filter and cleared; the clock set, advanced and released; async progression set to manual and operations moved; a snapshot created, listed, restored and deleted; reset; bad options refused
 * before anything is sent.
 */
import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type TestApp, useTestApp } from '../../../server/test/support/test-app.js';
import { testEngines } from '../../../server/test/support/test-databases.js';
import { asyncLine, faultBody, movedLine, registerStandInCommands } from '../../src/commands/stand-in.commands.js';
import { UsageError } from '../../src/connection.js';
import { commandRunner, pointCliAt } from '../support/run-command.js';

const { cli, ok } = commandRunner('stand-in', registerStandInCommands);

describe('faultBody', () => {
  it('builds the request from the options, and wants an action', () => {
    expect(faultBody({ path: '/as/token.oauth2', method: 'POST', status: 503, times: 2 })).toEqual({
      match: { path: '/as/token.oauth2', method: 'POST' }, action: { status: 503 }, times: 2,
    });
    expect(() => faultBody({ path: '/x' })).toThrow(UsageError);
  });
});

describe('asyncLine and movedLine', () => {
  it('say the mode, the delay and what is held or was released; and where a moved operation is polled', () => {
    expect(asyncLine({ mode: 'manual', delayMs: 0, held: 2 })).toBe('async manual, delay 0 ms; 2 held');
    expect(asyncLine({ mode: 'auto', delayMs: 500, released: 3 })).toBe('async auto, delay 500 ms; released 3 held operation(s)');
    expect(movedLine({ id: 'x', kind: 'rating-run', status: 'RUNNING', location: '/metering/v1/rating-runs/x' })).toBe('operation x (rating-run) RUNNING: /metering/v1/rating-runs/x');
  });
});

describe.each(testEngines())('consumo stand-in against a server on %s', (engine) => {
  let t: TestApp;
  const saved = { ...process.env };
  const dir = mkdtempSync(path.join(tmpdir(), 'consumo-cli-snapshots-'));

  useTestApp(
    engine,
    async (app) => {
      t = app;
      await pointCliAt(app);
    },
    { config: { standIn: true, snapshotDir: dir }, timeout: 120_000 },
  );
  afterAll(async () => {
    process.env = saved;
    await rm(dir, { recursive: true, force: true });
  });

  it('adds a fault that hits twice, lists it with its hits, and deletes it', async () => {
    const added = await ok('faults', 'add', '--method', 'GET', '--path', '/flex/*/orders', '--status', '503', '--times', '2');
    const id = /^fault: ([0-9a-f-]{36})$/m.exec(added)![1]!;
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await t.call({ method: 'GET', url: '/flex/v1beta1/orders' })).statusCode);
    expect(statuses).toEqual([503, 503, 200]);
    const listed = JSON.parse(await ok('faults', 'list', '--json')) as { id: string; hits: number; remaining: number }[];
    expect(listed).toEqual([expect.objectContaining({ id, hits: 2, remaining: 0 })]);
    expect(await ok('faults', 'delete', id)).toBe(`deleted fault ${id}`);
    expect(JSON.parse(await ok('faults', 'list', '--json'))).toEqual([]);
  });

  it('reads the request log by filter, and clears it', async () => {
    await ok('requests', 'clear');
    await t.call({ method: 'GET', url: '/flex/v1beta1/devices?limit=2' });
    await t.call({ method: 'GET', url: '/flex/v1beta1/orders' });
    const entries = JSON.parse(await ok('requests', 'list', '--path', '/flex/*/devices', '--json')) as { path: string; query: string }[];
    expect(entries.map((e) => `${e.path}?${e.query}`)).toEqual(['/flex/v1beta1/devices?limit=2']);
    const table = await ok('requests', 'list', '--method', 'GET', '--status', '200');
    expect(table).toContain('/flex/v1beta1/orders');
    await ok('requests', 'clear');
    // The CLI's own token request since is logged too; the Flex calls are gone.
    expect(JSON.parse(await ok('requests', 'list', '--path', '/flex/**', '--json'))).toEqual([]);
  });

  it('creates, lists, restores and deletes a snapshot, and resets', async () => {
    expect((await t.call({ method: 'PUT', url: '/metering/v1/billing-accounts/CLI-SNAP', payload: { name: 'kept' } })).statusCode).toBe(201);
    expect(await ok('snapshot', 'create', 'cli-1')).toMatch(/^snapshot cli-1: \d+ rows, \d+ bytes$/);
    expect(await ok('snapshot', 'list')).toContain('cli-1');
    expect(await ok('reset')).toBe('reset everything');
    expect((await t.call({ method: 'GET', url: '/metering/v1/billing-accounts/CLI-SNAP' })).statusCode).toBe(404);
    expect(await ok('snapshot', 'restore', 'cli-1')).toBe('restored snapshot cli-1');
    expect((await t.call({ method: 'GET', url: '/metering/v1/billing-accounts/CLI-SNAP' })).statusCode).toBe(200);
    expect(await ok('snapshot', 'delete', 'cli-1')).toBe('deleted snapshot cli-1');
    const missing = await cli('snapshot', 'restore', 'cli-1');
    expect(String(missing.error)).toMatch(/HTTP 404/);
  }, 60_000);

  it('reads, sets, advances and releases the clock; a bad duration is the server\'s 400', async () => {
    expect(await ok('clock')).toMatch(/^clock \d{4}-\d\d-\d\dT[\d:.]+Z \(real time\)$/);
    expect(await ok('clock', '--set', '2026-01-31T23:00:00Z')).toBe('clock 2026-01-31T23:00:00.000Z (frozen); started 0 schedule run(s), 0 alert evaluation(s)');
    expect(JSON.parse(await ok('clock', '--advance', 'P1DT2H', '--json'))).toMatchObject({ now: '2026-02-02T01:00:00.000Z', frozen: true });
    expect(String((await cli('clock', '--advance', 'P1M')).error)).toMatch(/HTTP 400/);
    expect(await ok('clock', '--real')).toMatch(/\(real time\); started/);
    expect((await cli('clock', '--real', '--advance', 'P1D')).error).toBeInstanceOf(UsageError);
  });

  it('holds operations in manual mode and moves them: advance, complete, fail with a catalog code, timeout; a move of an ended one is the server\'s 409', async () => {
    expect(await ok('async', '--mode', 'manual')).toBe('async manual, delay 0 ms; released 0 held operation(s)');
    const start = async () => {
      const res = await t.call({ method: 'POST', url: '/metering/v1/rating-runs', payload: { from: '2026-04-01', to: '2026-04-02' } });
      expect(res.statusCode, res.body).toBe(202);
      return (res.json() as { transactionId: string }).transactionId;
    };
    const status = async (id: string) => ((await t.call({ method: 'GET', url: `/metering/v1/rating-runs/${id}` })).json() as { status: string; error?: { errorCode: string } });
    const [a, b, c] = [await start(), await start(), await start()];
    await t.jobs.drain();
    expect((await status(a)).status).toBe('INITIALIZED');
    expect(await ok('async')).toBe('async manual, delay 0 ms; 3 held');
    expect(await ok('operations', 'advance', a)).toBe(`operation ${a} (rating-run) RUNNING: /metering/v1/rating-runs/${a}`);
    expect(JSON.parse(await ok('operations', 'complete', a, '--json'))).toMatchObject({ id: a, status: 'SUCCEEDED' });
    expect((await status(a)).status).toBe('SUCCEEDED');
    expect(await ok('operations', 'fail', b, '--error-code', 'HPE_GL_ERROR_SERVICE_UNAVAILABLE')).toMatch(/ FAILED: /);
    expect(await status(b)).toMatchObject({ status: 'FAILED', error: { errorCode: 'HPE_GL_ERROR_SERVICE_UNAVAILABLE' } });
    expect(await ok('operations', 'timeout', c)).toMatch(/ TIMEDOUT: /);
    expect(String((await cli('operations', 'complete', c)).error)).toMatch(/HTTP 409/);
    expect(await ok('async', '--mode', 'auto', '--delay', '0')).toBe('async auto, delay 0 ms; released 0 held operation(s)');
    expect((await cli('async', '--mode', 'later')).error).toBeInstanceOf(UsageError);
    expect((await cli('async', '--delay', '5')).error).toBeInstanceOf(UsageError);
  });

  it('refuses bad options before anything is sent', async () => {
    for (const args of [
      ['faults', 'add', '--path', '/x'],
      ['faults', 'add', '--path', '/x', '--status', 'abc'],
      ['faults', 'add', '--path', '/x', '--status', '500', '--probability', '2'],
      ['faults', 'add', '--path', '/x', '--status', '500', '--body', '{not json'],
      ['faults', 'delete'],
    ]) {
      const run = await cli(...args);
      expect(run.error, args.join(' ')).toBeDefined();
    }
    expect(JSON.parse(await ok('faults', 'list', '--json'))).toEqual([]);
  });
});
