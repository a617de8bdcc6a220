/**
 * `consumo subscriptions add|list|get|operation`: GreenLake Subscription Management over HTTP.
 * `add` claims keys five per request (the API's limit) and, with --wait, follows the asynchronous
 * operations to their end: exit 0 when every key was claimed, 1 when a key or an operation failed.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Command } from 'commander';
import type { ConsumoClient, paths } from '@consumo/sdk';
import { call } from '../api-retry.js';
import { UsageError, connect } from '../connection.js';
import { isActive, pollDelayMs } from '../operation-polling.js';
import { lazyBar } from '../progress-bar.js';
import { printJson, printTable } from '../output.js';

type Operation = paths['/subscriptions/v1/async-operations/{id}']['get']['responses'][200]['content']['application/json'];
type Subscription = paths['/subscriptions/v1/subscriptions/{id}']['get']['responses'][200]['content']['application/json'];

/** Keys per POST /subscriptions/v1/subscriptions (the server refuses more). */
export const KEYS_PER_REQUEST = 5;
/** Operations of a few keys end in seconds: never wait longer than this between two polls. */
const MAX_POLL_MS = 2000;

const collect = (value: string, previous: string[] = []) => [...previous, value];

const wholeNumber = (name: string) => (value: string) => {
  if (!/^\d+$/.test(value)) throw new UsageError(`${name} must be a whole number, got '${value}'`);
  return Number(value);
};

/** `k=v` pairs, split on the first `=`; the value may be empty, the key may not. */
export function parseTags(pairs: readonly string[]): Record<string, string> | undefined {
  if (pairs.length === 0) return undefined;
  const tags: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--tag expects key=value, got '${pair}'`);
    tags[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return tags;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}


const getOperation = (client: ConsumoClient, id: string) =>
  call(() => client.GET('/subscriptions/v1/async-operations/{id}', { params: { path: { id } } }));

interface ProgressView {
  show(ids: readonly string[], latest: ReadonlyMap<string, Operation>): void;
  stop(): void;
}

/** A bar on a terminal; otherwise one line per change of an operation's status or percent. */
function progressView(): ProgressView {
  if (process.stderr.isTTY) {
    const bar = lazyBar<{ status: string }>('subscriptions [{bar}] {percentage}% | {status}');
    return {
      show(ids, latest) {
        const ops = ids.map((id) => latest.get(id));
        const percent = Math.round(ops.reduce((sum, op) => sum + (op ? (isActive(op) ? op.progressPercent : 100) : 0), 0) / ids.length);
        const status = ids.length === 1 ? (ops[0]?.status ?? '') : `${ops.filter((op) => op && !isActive(op)).length}/${ids.length} operations done`;
        bar.update(percent, 100, { status });
      },
      stop: () => bar.stop(),
    };
  }
  const shown = new Map<string, string>();
  return {
    show(ids, latest) {
      for (const id of ids) {
        const op = latest.get(id);
        if (!op) continue;
        const line = `${op.status} ${op.progressPercent}%`;
        if (shown.get(id) !== line) console.error(`operation ${id}: ${line}`);
        shown.set(id, line);
      }
    },
    stop() {},
  };
}

/** Polls each operation in turn (the server runs them in order) until all are terminal. */
async function follow(client: ConsumoClient, ids: readonly string[], view: ProgressView): Promise<Operation[]> {
  const latest = new Map<string, Operation>();
  try {
    for (const id of ids) {
      for (;;) {
        const op = await getOperation(client, id);
        latest.set(id, op);
        view.show(ids, latest);
        if (!isActive(op)) break;
        await sleep(pollDelayMs(op, MAX_POLL_MS));
      }
    }
  } finally {
    view.stop();
  }
  return ids.map((id) => latest.get(id)!);
}

/** True when every operation SUCCEEDED and no item failed. */
export const allSucceeded = (ops: readonly Pick<Operation, 'status' | 'result'>[]) =>
  ops.every((op) => op.status === 'SUCCEEDED' && op.result.failedSubscriptions.length === 0);

function printOutcome(ops: readonly Operation[]): void {
  const rows: Record<string, unknown>[] = [];
  for (const op of ops) {
    const error = op.error as { message?: string } | undefined;
    const progress = isActive(op) ? ` ${op.progressPercent}%` : '';
    console.log(`operation ${op.id}: ${op.status}${progress}${op.result.dryRun ? ' (dry run: nothing changed)' : ''}${error?.message ? ` — ${error.message}` : ''}`);
    for (const s of op.result.succeededSubscriptions) {
      rows.push({ key: s.key, result: 'succeeded', subscriptionId: s.id ?? (op.result.dryRun ? '(dry run)' : '') });
    }
    for (const f of op.result.failedSubscriptions) {
      rows.push({ key: f.key, result: 'failed', subscriptionId: f.id, reason: f.reason, message: f.message });
    }
  }
  if (rows.length) printTable(rows, ['key', 'result', 'subscriptionId', 'reason', 'message']);
  const succeeded = ops.reduce((n, op) => n + op.result.succeededSubscriptions.length, 0);
  const failed = ops.reduce((n, op) => n + op.result.failedSubscriptions.length, 0);
  console.log(`${succeeded} succeeded, ${failed} failed`);
}

/** Prints the operations (table or JSON) and sets the exit code: 1 unless all succeeded. */
function report(ops: readonly Operation[], json: boolean | undefined): void {
  if (json) printJson(ops.length === 1 ? ops[0] : ops);
  else printOutcome(ops);
  if (!allSucceeded(ops)) process.exitCode = 1;
}

const formatTags = (tags: Record<string, string> | undefined) =>
  Object.entries(tags ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(';');

const LIST_COLUMNS = ['key', 'subscriptionType', 'subscriptionStatus', 'tier', 'quantity', 'availableQuantity', 'endTime', 'tags', 'id'];

interface ListOpts {
  filter?: string;
  filterTags?: string;
  sort?: string;
  select?: string;
  limit?: number;
  offset?: number;
  json?: boolean;
}

export function registerSubscriptionsCommands(program: Command): void {
  const subscriptions = program.command('subscriptions').description('GreenLake Subscription Management: claim keys, list subscriptions, follow operations');

  subscriptions
    .command('add <keys...>')
    .description(`claim subscription keys (${KEYS_PER_REQUEST} per request); prints the operation id(s)`)
    .option('--tag <key=value>', 'a tag for every added subscription; repeat for several', collect, [])
    .option('--dry-run', 'validate only: report what would happen, change nothing')
    .option('--wait', 'follow the operation(s) to the end; exit 1 if a key or an operation failed')
    .option('--json', 'print JSON (the 202 answers, or with --wait the finished operations)')
    .action(async (keys: string[], opts: { tag: string[]; dryRun?: boolean; wait?: boolean; json?: boolean }) => {
      const tags = parseTags(opts.tag);
      const seen = new Set<string>();
      for (const key of keys) {
        if (seen.has(key)) throw new UsageError(`key '${key}' is given twice`);
        seen.add(key);
      }
      const client = connect();
      const ids: string[] = [];
      const accepted: unknown[] = [];
      for (const batch of chunk(keys, KEYS_PER_REQUEST)) {
        const body = { subscriptions: batch.map((key) => ({ key, ...(tags && { tags }) })) };
        const res = await call(() =>
          client.POST('/subscriptions/v1/subscriptions', { body, ...(opts.dryRun && { params: { query: { 'dry-run': true } } }) }),
        );
        ids.push(res.transactionId);
        accepted.push(res);
        // Printed as soon as known: if a later request fails, these operations still run.
        if (!opts.json) console.log(`operation: ${res.transactionId}`);
      }
      if (!opts.wait) {
        if (opts.json) printJson(accepted);
        return;
      }
      report(await follow(client, ids, progressView()), opts.json);
    });

  subscriptions
    .command('list')
    .description('list the subscriptions of the workspace')
    .option('--filter <expr>', "e.g. \"key eq 'ABC123'\" or \"subscriptionType in 'CENTRAL_AP', 'CENTRAL_SWITCH'\"")
    .option('--filter-tags <expr>', "e.g. \"'location' eq 'lab'\"")
    .option('--sort <list>', "e.g. 'key, endTime desc'")
    .option('--select <fields>', "e.g. 'id,key' (the table then shows those fields)")
    .option('--limit <n>', 'items per page (1..200, default 50)', wholeNumber('--limit'))
    .option('--offset <n>', 'items to skip', wholeNumber('--offset'))
    .option('--json', 'print the whole page as JSON')
    .action(async (o: ListOpts) => {
      const query = {
        ...(o.filter !== undefined && { filter: o.filter }),
        ...(o.filterTags !== undefined && { 'filter-tags': o.filterTags }),
        ...(o.sort !== undefined && { sort: o.sort }),
        ...(o.select !== undefined && { select: o.select }),
        ...(o.limit !== undefined && { limit: o.limit }),
        ...(o.offset !== undefined && { offset: o.offset }),
      };
      const page = await call(() => connect().GET('/subscriptions/v1/subscriptions', { params: { query } }));
      if (o.json) return printJson(page);
      const columns = o.select
        ? o.select
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean)
        : LIST_COLUMNS;
      printTable(
        page.items.map((s) => ({ ...s, tags: s.tags && formatTags(s.tags) })),
        columns,
      );
      console.log(`${page.count} of ${page.total}`);
    });

  subscriptions
    .command('get <id>')
    .description('show one subscription')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const s: Subscription = await call(() => connect().GET('/subscriptions/v1/subscriptions/{id}', { params: { path: { id } } }));
      if (opts.json) return printJson(s);
      const width = Math.max(...Object.keys(s).map((k) => k.length));
      for (const [field, value] of Object.entries(s)) {
        const shown = field === 'tags' ? formatTags(value as Record<string, string>) : String(value);
        console.log(`${`${field}:`.padEnd(width + 1)} ${shown}`.trimEnd());
      }
    });

  subscriptions
    .command('operation <id>')
    .description('show an asynchronous operation; with --wait, follow it to the end (exit 1 if it or a key failed)')
    .option('--wait', 'poll until the operation is terminal')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { wait?: boolean; json?: boolean }) => {
      const client = connect();
      if (opts.wait) return report(await follow(client, [id], progressView()), opts.json);
      const op = await getOperation(client, id);
      if (opts.json) printJson(op);
      else printOutcome([op]);
    });
}
