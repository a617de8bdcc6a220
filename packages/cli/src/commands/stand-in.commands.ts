/** `consumo stand-in …`: the control plane of a server started with CONSUMO_STAND_IN=1 (reset, snapshots, clock, async progression, faults, request log). */
import type { Command } from 'commander';
import { type FaultRequest, standIn } from '@consumo/sdk';
import { UsageError, connect } from '../connection.js';
import { printJson, printTable } from '../output.js';

const control = () => standIn(connect());

function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got '${value}'`);
    return Number(value);
  };
}

function probability(value: string): number {
  const p = Number(value);
  if (!/^(0?\.\d+|1(\.0*)?)$/.test(value) || !(p > 0 && p <= 1)) throw new UsageError(`--probability must be a number above 0 and at most 1, got '${value}'`);
  return p;
}

function jsonBody(value: string): unknown {
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw new UsageError(`--body must be JSON, got '${value}'`);
  }
}

interface FaultOptions {
  method?: string;
  path: string;
  workspace?: string;
  status?: number;
  body?: unknown;
  latency?: number;
  drop?: boolean;
  probability?: number;
  times?: number;
  json?: boolean;
}

/** The request body of `faults add`, from its options. */
export function faultBody(opts: FaultOptions): FaultRequest {
  if (opts.status === undefined && opts.latency === undefined && !opts.drop) throw new UsageError('give --status, --latency or --drop');
  return {
    match: { path: opts.path, ...(opts.method && { method: opts.method }), ...(opts.workspace && { workspaceId: opts.workspace }) },
    action: {
      ...(opts.status !== undefined && { status: opts.status }),
      ...(opts.body !== undefined && { body: opts.body }),
      ...(opts.latency !== undefined && { latencyMs: opts.latency }),
      ...(opts.drop && { dropConnection: true }),
    },
    ...(opts.probability !== undefined && { probability: opts.probability }),
    ...(opts.times !== undefined && { times: opts.times }),
  };
}

interface ClockOptions {
  set?: string;
  advance?: string;
  real?: boolean;
  json?: boolean;
}

/** `clock 2026-02-01T01:00:00.000Z (frozen); started 1 schedule run, 2 alert evaluations`. */
export function clockLine(state: { now: string; frozen: boolean; started?: { scheduleRuns: number; alertEvaluations: number } }): string {
  const started = state.started ? `; started ${state.started.scheduleRuns} schedule run(s), ${state.started.alertEvaluations} alert evaluation(s)` : '';
  return `clock ${state.now} (${state.frozen ? 'frozen' : 'real time'})${started}`;
}

/** `async manual, delay 0 ms; 2 held` / `async auto, delay 500 ms; released 2 held operation(s)`. */
export function asyncLine(state: { mode: string; delayMs: number; held?: number; released?: number }): string {
  const tail = state.released !== undefined ? `; released ${state.released} held operation(s)` : state.held !== undefined ? `; ${state.held} held` : '';
  return `async ${state.mode}, delay ${state.delayMs} ms${tail}`;
}

/** `operation <id> (rating-run) RUNNING: /metering/v1/rating-runs/<id>`. */
export function movedLine(op: { id: string; kind: string; status: string; location: string }): string {
  return `operation ${op.id} (${op.kind}) ${op.status}: ${op.location}`;
}

export function registerStandInCommands(program: Command): void {
  const root = program.command('stand-in').description('control a server started with CONSUMO_STAND_IN=1: reset, snapshots, clock, async progression, faults, request log (role platform-admin)');

  root
    .command('reset')
    .description('everything back to empty (your credentials stay), or one workspace')
    .option('--workspace <id>', 'empty this workspace only')
    .option('--demo', 'seed the demo data again')
    .action(async (opts: { workspace?: string; demo?: boolean }) => {
      const result = await control().reset({ ...(opts.workspace && { workspaceId: opts.workspace }), ...(opts.demo && { demo: true }) });
      console.log(`reset ${result.workspaceId ? `workspace ${result.workspaceId}` : 'everything'}${result.demoWorkspaceId ? `; demo seeded into ${result.demoWorkspaceId}` : ''}`);
    });

  const snapshot = root.command('snapshot').description('snapshots of the state, as files under the server\'s CONSUMO_SNAPSHOT_DIR');
  snapshot
    .command('create <name>')
    .option('--workspace <id>', "this workspace's rows only")
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { workspace?: string; json?: boolean }) => {
      const created = await control().snapshots.create(name, opts.workspace);
      if (opts.json) printJson(created);
      else console.log(`snapshot ${created.name}: ${Object.values(created.tables).reduce((a, b) => a + b, 0)} rows, ${created.sizeBytes} bytes`);
    });
  snapshot
    .command('list')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const items = await control().snapshots.list();
      if (opts.json) printJson(items);
      else printTable(items, ['name', 'createdAt', 'workspaceId', 'sizeBytes']);
    });
  snapshot.command('restore <name>').action(async (name: string) => {
    await control().snapshots.restore(name);
    console.log(`restored snapshot ${name}`);
  });
  snapshot.command('delete <name>').action(async (name: string) => {
    await control().snapshots.delete(name);
    console.log(`deleted snapshot ${name}`);
  });

  root
    .command('clock')
    .description("read the clock every time-dependent rule reads, or set, advance or release it (due schedules and alert evaluations start)")
    .option('--set <time>', 'freeze it at this RFC 3339 time (earlier is allowed)')
    .option('--advance <duration>', 'move it forward by an ISO 8601 duration (P1D, PT1H, P1DT2H30M) and freeze it there')
    .option('--real', 'back to the real time')
    .option('--json', 'print JSON')
    .action(async (opts: ClockOptions) => {
      const given = [opts.set !== undefined, opts.advance !== undefined, opts.real === true].filter(Boolean).length;
      if (given > 1) throw new UsageError('give at most one of --set, --advance or --real');
      const clock = control().clock;
      const result = opts.set !== undefined ? await clock.set(opts.set) : opts.advance !== undefined ? await clock.advance(opts.advance) : opts.real ? await clock.real() : await clock.get();
      if (opts.json) printJson(result);
      else console.log(clockLine(result));
    });

  root
    .command('async')
    .description('read how new asynchronous operations progress, or set it: auto (after --delay ms of real time) or manual (held until moved)')
    .option('--mode <mode>', 'auto or manual')
    .option('--delay <ms>', 'in auto mode, real time each new operation waits before it is worked (default 0)', integer('--delay', 0, 3_600_000))
    .option('--json', 'print JSON')
    .action(async (opts: { mode?: string; delay?: number; json?: boolean }) => {
      if (opts.mode !== undefined && opts.mode !== 'auto' && opts.mode !== 'manual') throw new UsageError(`--mode must be auto or manual, got '${opts.mode}'`);
      if (opts.mode === undefined && opts.delay !== undefined) throw new UsageError('--delay needs --mode');
      const result = opts.mode ? await control().async.set({ mode: opts.mode, ...(opts.delay !== undefined && { delayMs: opts.delay }) }) : await control().async.get();
      if (opts.json) printJson(result);
      else console.log(asyncLine(result));
    });

  const operations = root.command('operations').description('move one subscription operation, rating run or export run');
  const moves = [
    ['advance', 'one step: INITIALIZED → RUNNING; RUNNING → run its job now, to its end'],
    ['complete', 'run it to its natural end now'],
    ['timeout', 'end it TIMEDOUT now'],
  ] as const;
  for (const [move, description] of moves) {
    operations
      .command(`${move} <id>`)
      .description(description)
      .option('--json', 'print JSON')
      .action(async (id: string, opts: { json?: boolean }) => {
        const result = await control().operations[move](id);
        if (opts.json) printJson(result);
        else console.log(movedLine(result));
      });
  }
  operations
    .command('fail <id>')
    .description("end it FAILED, its error from the error catalog (the family's FAILED body)")
    .option('--error-code <code>', 'an errorCode of the error catalog (default HPE_GL_ERROR_INTERNAL_SERVER_ERROR)')
    .option('--message <text>', "the error's message")
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { errorCode?: string; message?: string; json?: boolean }) => {
      const result = await control().operations.fail(id, { ...(opts.errorCode && { errorCode: opts.errorCode }), ...(opts.message && { message: opts.message }) });
      if (opts.json) printJson(result);
      else console.log(movedLine(result));
    });

  const faults = root.command('faults').description('inject faults into matching requests (never /_consumo/ ones)');
  faults
    .command('add')
    .requiredOption('--path <glob>', 'path glob: * within a segment, ** across segments')
    .option('--method <method>', 'HTTP method (default: any)')
    .option('--workspace <id>', "only this workspace's requests")
    .option('--status <code>', 'answer this status (in the family envelope unless --body)', integer('--status', 200, 599))
    .option('--body <json>', 'answer this JSON body', jsonBody)
    .option('--latency <ms>', 'wait this long first', integer('--latency', 0, 300_000))
    .option('--drop', 'send half the body, then close the connection')
    .option('--probability <p>', 'chance a matching request is hit (0 < p ≤ 1)', probability)
    .option('--times <n>', 'hit this many requests, then stop', integer('--times', 1, 1_000_000))
    .option('--json', 'print JSON')
    .action(async (opts: FaultOptions) => {
      const fault = await control().faults.add(faultBody(opts));
      if (opts.json) printJson(fault);
      else console.log(`fault: ${fault.id}`);
    });
  faults
    .command('list')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const items = await control().faults.list();
      if (opts.json) printJson(items);
      else printTable(items.map((f) => ({ id: f.id, method: f.match.method, path: f.match.path, status: f.action.status ?? '', hits: f.hits, remaining: f.remaining ?? '∞' })), ['id', 'method', 'path', 'status', 'hits', 'remaining']);
    });
  faults
    .command('delete [id]')
    .option('--all', 'delete every fault')
    .action(async (id: string | undefined, opts: { all?: boolean }) => {
      if (opts.all) await control().faults.clear();
      else if (id) await control().faults.delete(id);
      else throw new UsageError('give a fault id, or --all');
      console.log(opts.all ? 'deleted every fault' : `deleted fault ${id}`);
    });

  const requests = root.command('requests').description('the requests the server answered, newest first, credentials redacted');
  requests
    .command('list')
    .option('--method <method>', 'only this method')
    .option('--path <glob>', 'only paths matching this glob')
    .option('--status <code>', 'only this status', integer('--status', 100, 599))
    .option('--since <time>', 'only requests at or after this RFC 3339 time')
    .option('--limit <n>', 'at most this many (default 100)', integer('--limit', 1, 100_000))
    .option('--json', 'print JSON (with bodies)')
    .action(async (opts: { method?: string; path?: string; status?: number; since?: string; limit?: number; json?: boolean }) => {
      const page = await control().requests.list({
        ...(opts.method && { method: opts.method }),
        ...(opts.path && { path: opts.path }),
        ...(opts.status !== undefined && { status: opts.status }),
        ...(opts.since && { since: opts.since }),
        ...(opts.limit !== undefined && { limit: opts.limit }),
      });
      if (opts.json) printJson(page.items);
      else printTable(page.items.map((e) => ({ receivedAt: e.receivedAt, method: e.method, path: e.path, status: e.status, ms: e.durationMs, workspaceId: e.workspaceId ?? '' })), ['receivedAt', 'method', 'path', 'status', 'ms', 'workspaceId']);
    });
  requests.command('clear').action(async () => {
    await control().requests.clear();
    console.log('request log cleared');
  });
}
