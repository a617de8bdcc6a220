/**
 * Every shell example of README.md and docs/ that calls the API runs, verbatim, against a live
 * `consumo serve` with the demo workspace: extracted in document order, `http://127.0.0.1:8080`
 * replaced by the server's URL, the variables the examples use ($TOKEN, $KEY, $EXPORT_ID, …) taken
 * from the server's state right before each block, and run with bash in a fresh directory. Each
 * must exit 0, and every HTTP response of its curl calls must be a 2xx. A block preceded by
 * `<!-- doc-examples: not run (REASON) -->` is skipped (server-side commands such as `serve` or
 * `seed`); such a block may not call curl.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eDatabase, e2eDatabase, e2eEngines } from '../support/e2e-databases.js';
import { REPO, type ServerProcess, printed, startServerProcess, writtenCredentials } from '../support/server-process.js';
import { type Bootstrap, fetchToken, fixedBootstrap } from '../support/subscription-e2e.js';
import { type DocBlock, extractDocBlocks, variablesUsed } from './doc-blocks.js';

/** The address every example is written against. */
const DOC_URL = 'http://127.0.0.1:8080';
const STATUS = /^doc-examples-status (\d{3})$/gm;
/** Variables a shell or the system defines; a block may read them without the test providing them. */
const SHELL_VARIABLES = new Set(['HOME', 'PATH', 'PWD', 'USER', 'TMPDIR', 'RANDOM']);
/** A bound on one block, so that a hung command fails the test instead of stalling it. */
const BLOCK_TIMEOUT_MS = 240_000;

const { blocks, problems } = extractDocBlocks(REPO);
const where = (b: DocBlock) => `${b.file}:${b.line}`;
const toRun = blocks.filter((b) => b.callsApi && b.notRun === undefined);
const skipped = blocks.filter((b) => b.notRun !== undefined);

/** Replaces curl and npx for the block: curl fails on an HTTP error and reports each status on stderr; `npx consumo` is this checkout's CLI. */
const PRELUDE = `set -eo pipefail
curl() { command curl --fail-with-body -w '%{stderr}doc-examples-status %{http_code}\\n' "$@"; }
npx() { if [ "$1" = consumo ]; then shift; ${JSON.stringify(process.execPath)} ${JSON.stringify(path.join(REPO, 'packages/cli/bin/consumo.js'))} "$@"; else command npx "$@"; fi; }
`;

interface BlockRun {
  code: number | string | null;
  stdout: string;
  stderr: string;
}

/** Runs the script in a process group of its own, so that a block which hangs is killed with everything it started. */
function runBash(script: string, cwd: string, env: Record<string, string>): Promise<BlockRun> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const killGroup = () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // the group is gone already
      }
    };
    const timer = setTimeout(() => {
      stderr += `\n[doc-examples] still running after ${BLOCK_TIMEOUT_MS / 1000} s: killed\n`;
      killGroup();
    }, BLOCK_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // Whatever the block left running in the background goes too.
      killGroup();
      resolve({ code: code ?? signal, stdout, stderr });
    });
  });
}

/** A few events of the demo catalog (the esxi CU meter, a demo VM) from the last day, as NDJSON. */
function usageNdjson(): string {
  const run = randomBytes(4).toString('hex');
  const now = Date.now();
  return Array.from({ length: 6 }, (_, i) =>
    JSON.stringify({
      specversion: '1.0',
      id: `doc-examples-${run}-${i + 1}`,
      source: 'urn:collector:doc-examples',
      type: 'com.hpe.greenlake.vm.esxi.cu',
      subject: `foo.org-vm-0000${(i % 3) + 1}`,
      time: new Date(now - (i + 1) * 3_600_000).toISOString(),
      data: { cu: '0.48' },
    }),
  ).join('\n') + '\n';
}

/** The files a block names: copied from the repository where they are there, usage NDJSON generated. */
function provideFixtures(text: string, dir: string): void {
  for (const m of text.matchAll(/(?:^|[\s'"=])((?:[\w.-]+\/)*[\w.-]+\.(?:csv|ndjson|jsonl|json))(?=$|[\s'";|&)])/gm)) {
    const name = m[1]!;
    const target = path.join(dir, name);
    if (existsSync(target)) continue;
    const source = path.join(REPO, name);
    if (existsSync(source)) {
      mkdirSync(path.dirname(target), { recursive: true });
      cpSync(source, target);
    } else if (/\.(ndjson|jsonl)$/.test(name)) {
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, usageNdjson());
    }
  }
}

/** The end of a long output, where a failure shows. */
const tail = (text: string, max = 8000) => (text.length > max ? `[… ${text.length - max} characters before]\n${text.slice(-max)}` : text);

function report(block: DocBlock, script: string, run: BlockRun, problem: string): string {
  return [
    `${where(block)}: ${problem}`,
    '--- block as run ---',
    script,
    `--- exit ${run.code} ---`,
    '--- stdout ---',
    tail(run.stdout),
    '--- stderr ---',
    tail(run.stderr),
  ].join('\n');
}

describe('the shell examples of README.md and docs/', () => {
  it('have well-formed markers, each directly before a block', () => {
    expect(problems).toEqual([]);
  });

  it('include API calls from README.md and from docs/', () => {
    expect(toRun.some((b) => b.file === 'README.md')).toBe(true);
    expect(toRun.some((b) => b.file.startsWith('docs/'))).toBe(true);
  });

  it('skip only blocks that call no curl (server-side commands), and say why', () => {
    for (const b of skipped) console.log(`[doc-examples] not run: ${where(b)} (${b.notRun})`);
    console.log(
      `[doc-examples] ${toRun.length} blocks run, ${skipped.length} not run, ${blocks.length - toRun.length - skipped.length} call no API`,
    );
    expect(skipped.filter((b) => /\bcurl\b/.test(b.text)).map(where)).toEqual([]);
  });
});

describe.each(e2eEngines())('README and docs examples, verbatim, on %s', (engine) => {
  let database: E2eDatabase;
  let server: ServerProcess;
  let boot: Bootstrap;
  let operationId: string | undefined;
  const work: string[] = [];

  const api = async <T>(pathAndQuery: string, init: RequestInit = {}): Promise<T> => {
    const token = await fetchToken(server.url, boot);
    const res = await fetch(`${server.url}${pathAndQuery}`, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
    });
    if (res.status >= 300) throw new Error(`${pathAndQuery}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const firstId = async (pathAndQuery: string, field = 'id'): Promise<string> => {
    const page = await api<{ items: Record<string, string>[] }>(pathAndQuery);
    const value = page.items[0]?.[field];
    if (!value) throw new Error(`${pathAndQuery}: no item to take ${field} from`);
    return value;
  };
  /** Keys a workspace can claim now (what `consumo keys list --free` lists). */
  const claimableKeys = async (n: number): Promise<string[]> => {
    const filter = 'claimable eq true';
    const page = await api<{ items: { key: string }[] }>(`/admin/v1/subscription-keys?${new URLSearchParams({ filter, sort: 'key', limit: String(n) })}`);
    if (page.items.length < n) throw new Error(`only ${page.items.length} claimable keys left, ${n} needed`);
    return page.items.map((k) => k.key);
  };

  /** The value of each variable the examples use, from the server's state now. */
  const variables: Record<string, () => Promise<string>> = {
    CONSUMO_URL: async () => server.url,
    TOKEN_URL: async () => printed(server.output(), 'token_url')!,
    CLIENT_ID: async () => printed(server.output(), 'client_id')!,
    CLIENT_SECRET: async () => writtenCredentials(server.output()).client_secret,
    WORKSPACE: async () => printed(server.output(), 'workspace')!,
    WS: async () => printed(server.output(), 'workspace')!,
    TOKEN: () => fetchToken(server.url, boot),
    KEY: async () => (await claimableKeys(3))[0]!,
    KEY1: async () => (await claimableKeys(3))[1]!,
    KEY2: async () => (await claimableKeys(3))[2]!,
    SUBSCRIPTION_ID: () => firstId('/subscriptions/v1/subscriptions?limit=1'),
    SETTINGS_ID: () => firstId('/subscriptions/v1/auto-subscription-settings'),
    RESOURCE_ID: () => firstId('/flex/v1beta1/devices?limit=1', 'resourceId'),
    EXPORT_ID: () => firstId('/consumption-analytics/v1beta1/focus-exports'),
    RUN_ID: () => firstId('/metering/v1/rating-runs?limit=1'),
    // There is no list of async operations: a dry run of a claimable key makes one, once.
    OPERATION_ID: async () => {
      operationId ??= (
        await api<{ transactionId: string }>('/subscriptions/v1/subscriptions?dry-run=true', {
          method: 'POST',
          body: JSON.stringify({ subscriptions: [{ key: (await claimableKeys(1))[0] }] }),
        })
      ).transactionId;
      return operationId;
    },
  };

  beforeAll(async () => {
    database = await e2eDatabase(engine);
    boot = fixedBootstrap();
    server = await startServerProcess(
      // The examples run back to back, far faster than anyone types them: the per-minute limits are not what this suite is about.
      // Stand-in mode: the README's /_consumo/ examples run too (ADR 0023).
      { DATABASE_URL: database.url, CONSUMO_RATE_LIMIT_MULTIPLIER: '10', CONSUMO_STAND_IN: '1', ...boot.env },
      database.dir,
    );
    for (const key of ['workspace', 'client_id', 'token_url']) {
      if (!printed(server.output(), key)) throw new Error(`the server did not print ${key}:\n${server.output()}`);
    }
    // Not a terminal: the secret is only in the credentials file the server names.
    if (writtenCredentials(server.output()).client_secret !== boot.clientSecret) throw new Error('credentials file lacks the secret');
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    for (const dir of work) rmSync(dir, { recursive: true, force: true });
  });

  it.each(toRun.map((b) => [where(b), b] as const))('%s', async (_, block) => {
    const text = block.text.replaceAll(DOC_URL, server.url);
    const script = `${PRELUDE}${text}\n`;
    const missing = variablesUsed(text).filter((v) => !(v in variables) && !SHELL_VARIABLES.has(v));
    expect(missing, `${where(block)} uses variables the test does not provide`).toEqual([]);

    const env: Record<string, string> = { CONSUMO_URL: server.url, CONSUMO_CLIENT_ID: boot.clientId, CONSUMO_CLIENT_SECRET: boot.clientSecret };
    for (const name of variablesUsed(text)) if (name in variables) env[name] = await variables[name]!();
    const dir = mkdtempSync(path.join(tmpdir(), 'consumo-doc-example-'));
    work.push(dir);
    // No credentials file: the CLI authenticates with the CONSUMO_CLIENT_* variables.
    env.CONSUMO_CREDENTIALS_FILE = path.join(dir, '.consumo', 'credentials.json');
    provideFixtures(text, dir);

    const run = await runBash(script, dir, env);
    const shown = `${Object.entries(env).map(([k, v]) => `${k}=${v}`).join('\n')}\n${script}`;
    expect(run.code, report(block, shown, run, `exited ${run.code}`)).toBe(0);
    const statuses = [...run.stderr.matchAll(STATUS)].map((m) => Number(m[1]));
    if (/\bcurl\b/.test(text)) expect(statuses.length, report(block, shown, run, 'no HTTP status from curl')).toBeGreaterThan(0);
    const bad = statuses.filter((s) => s < 200 || s > 299);
    expect(bad, report(block, shown, run, `HTTP statuses ${statuses.join(', ')}`)).toEqual([]);
  }, BLOCK_TIMEOUT_MS + 30_000);
});
