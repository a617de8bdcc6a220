/**
 * `consumo ingest` and `consumo rate` against a real server process: 25,000 NDJSON events in
 * batches of 1,000 (and again, all duplicates), a CSV file, a broken line and a refused event
 * reported at their lines, a run killed with SIGKILL that resumes from its checkpoint with every
 * event stored once, and a rating run followed to SUCCEEDED.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IN_FLIGHT } from '../../packages/cli/src/ingest/ingest-file.js';
import { type E2eDatabase, e2eDatabase, e2eEngines } from '../support/e2e-databases.js';
import { countEventsBySource, putCatalog, utcDay, writeCsv, writeNdjson } from '../support/metering-e2e.js';
import { BIN, type ServerProcess, runCli, startServerProcess } from '../support/server-process.js';
import { type Bootstrap, cliEnv, fetchToken, fixedBootstrap } from '../support/subscription-e2e.js';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const SUMMARY = /^accepted (\d+), duplicates (\d+), events (\d+) in ([\d.]+) s \((\d+) events\/s\)$/m;

function summaryOf(stdout: string) {
  const m = SUMMARY.exec(stdout);
  if (!m) throw new Error(`no summary line in:\n${stdout}`);
  return { accepted: Number(m[1]), duplicates: Number(m[2]), events: Number(m[3]), seconds: Number(m[4]), rate: Number(m[5]) };
}

const readJson = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;

// The engines run side by side; within one, the steps run in order (the last counts what the others stored).
describe.concurrent.each(e2eEngines())('consumo ingest and rate on %s', (engine) => {
  let database: E2eDatabase;
  let server: ServerProcess;
  let boot: Bootstrap;
  const cli = (...args: string[]) => runCli(args, { cwd: database.dir, env: cliEnv(server.url, boot) });
  const file = (name: string) => path.join(database.dir, name);

  beforeAll(async () => {
    database = await e2eDatabase(engine);
    boot = fixedBootstrap();
    server = await startServerProcess(
      { DATABASE_URL: database.url, CONSUMO_DEMO: '0', CONSUMO_RATE_LIMIT_MULTIPLIER: '1000', ...boot.env },
      database.dir,
    );
    await putCatalog(server.url, await fetchToken(server.url, boot));
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it.sequential('25,000 NDJSON events in batches of 1,000: all accepted; sent again with --restart, all duplicates', async () => {
    const usage = file('usage.ndjson');
    writeNdjson(usage, 'urn:e2e:ndjson', 25_000);
    const first = await cli('ingest', usage, '--batch-size', '1000');
    expect(first.code, first.stderr).toBe(0);
    const sent = summaryOf(first.stdout);
    expect(sent).toMatchObject({ accepted: 25_000, duplicates: 0, events: 25_000 });
    // Not a terminal: a progress line every 10 batches (10,000 events).
    expect(first.stderr).toMatch(/^batch 10 \(up to line 10000\): 10000 events sent \(accepted 10000, duplicates 0\), \d+ events\/s, \d+% of the file read$/m);
    expect(first.stderr).toMatch(/^batch 20 \(up to line 20000\)/m);
    expect(existsSync(`${usage}.consumo-checkpoint`)).toBe(false);
    console.info(`[${engine}] consumo ingest: 25,000 events in ${sent.seconds} s (${sent.rate} events/s)`);

    const again = await cli('ingest', usage, '--restart');
    expect(again.code, again.stderr).toBe(0);
    expect(summaryOf(again.stdout)).toMatchObject({ accepted: 0, duplicates: 25_000, events: 25_000 });
  }, 120_000);

  it.sequential('a CSV file: data JSON and data.quantity columns', async () => {
    const usage = file('usage.csv');
    writeCsv(usage, 'urn:e2e:csv', 1500);
    const r = await cli('ingest', usage, '--batch-size', '700');
    expect(r.code, r.stderr).toBe(0);
    expect(summaryOf(r.stdout)).toMatchObject({ accepted: 1500, duplicates: 0, events: 1500 });
  });

  it.sequential('a line that is not JSON is reported at its line (17); its batch is not sent; exit 1, the checkpoint at the batch before', async () => {
    const bad = file('bad.ndjson');
    writeNdjson(bad, 'urn:e2e:bad', 40, (n, text) => (n === 17 ? text.slice(0, -5) : text));
    const r = await cli('ingest', bad, '--batch-size', '10');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:17: not valid JSON`, 'm'));
    expect(r.stderr).toContain('nothing from line 11 on was sent; lines 1-10 are acknowledged');
    expect(summaryOf(r.stdout)).toMatchObject({ accepted: 10, events: 10 });
    expect(readJson<{ line: number }>(`${bad}.consumo-checkpoint`).line).toBe(10);
  });

  it.sequential('an event the server refuses (400) is reported at its line with the field; nothing of its batch is stored; exit 1', async () => {
    const refused = file('refused.ndjson');
    writeNdjson(refused, 'urn:e2e:refused', 12, (n, text) => (n === 5 ? text.replace(/"subject":"[^"]+"/, '"subject":"vm-nope"') : text));
    const r = await cli('ingest', refused);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`${refused}:5: subject: No resource 'vm-nope' in this workspace.`);
    expect(r.stderr).toContain('the server refused lines 1-12: 1 of 12 events are invalid; nothing was stored.');
    expect(summaryOf(r.stdout)).toMatchObject({ accepted: 0, events: 0 });
  });

  it.sequential('a run killed with SIGKILL resumes from its checkpoint; accepted over both runs is every event, once', async () => {
    const usage = file('interrupted.ndjson');
    const total = 40_000;
    writeNdjson(usage, 'urn:e2e:interrupted', total);
    const checkpoint = `${usage}.consumo-checkpoint`;
    const child = spawn(process.execPath, [BIN, 'ingest', usage, '--batch-size', '250'], {
      cwd: database.dir,
      env: { ...process.env, ...cliEnv(server.url, boot) },
      stdio: 'ignore',
    });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const deadline = Date.now() + 60_000;
    while (!existsSync(checkpoint)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error('no checkpoint appeared while the first run was going');
      await sleep(5);
    }
    child.kill('SIGKILL');
    await exited;
    const before = readJson<{ line: number; events: number; accepted: number; duplicates: number }>(checkpoint);
    expect(before.line).toBeGreaterThan(0);
    expect(before.line).toBeLessThan(total);
    expect(before).toMatchObject({ events: before.line, accepted: before.line, duplicates: 0 });

    const resumed = await cli('ingest', usage, '--batch-size', '250');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`resuming at line ${before.line + 1}: lines 1-${before.line} were sent before`);
    const run = summaryOf(resumed.stdout);
    expect(run.events).toBe(total - before.line);
    // The (at most IN_FLIGHT) batches on their way at the kill may have been stored without the
    // checkpoint knowing: sent again, they count as duplicates. Every event was stored once.
    expect(run.duplicates).toBeLessThanOrEqual(IN_FLIGHT * 250);
    expect(before.accepted + run.accepted + run.duplicates).toBe(total);
    expect(resumed.stdout).toContain(
      `with the earlier run(s), since line 1: accepted ${before.accepted + run.accepted}, duplicates ${run.duplicates}, events ${total}`,
    );
    expect(existsSync(checkpoint)).toBe(false);
  }, 120_000);

  it.sequential('rate --from --to --wait follows the run to SUCCEEDED and exits 0', async () => {
    const r = await cli('rate', '--from', utcDay(-4), '--to', utcDay(1), '--wait');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^rating run: ${UUID}$`, 'm'));
    const done = new RegExp(`^rating run ${UUID}: SUCCEEDED — 5 of 5 days rated, (\\d+) cost records written$`, 'm').exec(r.stdout);
    expect(done, r.stdout).not.toBeNull();
    expect(Number(done![1])).toBeGreaterThan(0);
    expect(r.stderr).toMatch(/: SUCCEEDED 5\/5 days, \d+ records$/m);
  }, 60_000);

  it.sequential('rate checks its dates before calling: exit 2 with the reason', async () => {
    const [impossible, backwards, missing, shape] = await Promise.all([
      cli('rate', '--from', '2026-02-30', '--to', '2026-03-02'),
      cli('rate', '--from', '2026-03-02', '--to', '2026-03-02'),
      cli('rate', '--from', '2026-03-01'),
      cli('rate', '--from', '2026-3-1', '--to', '2026-03-02'),
    ]);
    expect([impossible.code, backwards.code, missing.code, shape.code]).toEqual([2, 2, 2, 2]);
    expect(impossible.stderr).toContain("--from must be a calendar date YYYY-MM-DD (UTC), got '2026-02-30'");
    expect(backwards.stderr).toContain('--to is exclusive and must be after --from');
    expect(missing.stderr).toContain('rate needs --from and --to');
    expect(shape.stderr).toContain("got '2026-3-1'");
  });

  it.sequential('usage errors of ingest exit 2', async () => {
    const [size, format, missing] = await Promise.all([
      cli('ingest', file('usage.ndjson'), '--batch-size', '10001'),
      cli('ingest', file('usage.txt')),
      cli('ingest', file('nope.ndjson')),
    ]);
    expect([size.code, format.code, missing.code]).toEqual([2, 2, 2]);
    expect(size.stderr).toContain('--batch-size must be a whole number in 1..10000');
    expect(format.stderr).toContain('give --format ndjson or --format csv');
    expect(missing.stderr).toContain('cannot read');
  });

  it.sequential('in SQL, with the server stopped: every event stored exactly once, nothing of a refused batch', async () => {
    await server.stop();
    expect(await countEventsBySource(database.url, boot.workspaceId)).toEqual({
      'urn:e2e:ndjson': 25_000,
      'urn:e2e:csv': 1500,
      'urn:e2e:bad': 10,
      'urn:e2e:interrupted': 40_000,
    });
  }, 60_000);
});
