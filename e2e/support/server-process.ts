/** Starts `consumo serve` as a real child process, the way a user does, and reads what it prints. */
import { type ChildProcess, spawn, execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../packages/cli/dist/bin.js', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output: () => string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startServerProcess(env: Record<string, string>, cwd: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    cwd,
    // One process unless a test asks for workers: on PostgreSQL with REDIS_URL the default is one per core.
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', CONSUMO_WORKERS: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    // A first start with CONSUMO_DEMO fills five demo families (Navigator's three tenants the latest) before it listens.
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 120_000);
    const onData = () => {
      const match = /listening on (http:\/\/[^\s]+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  return {
    child,
    url,
    output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

export function printed(output: string, key: string): string | undefined {
  return new RegExp(`^${key}: (\\S+)$`, 'm').exec(output)?.[1];
}

export interface WrittenCredentials {
  workspace_id: string;
  client_id: string;
  client_secret: string;
  token_url: string;
  url: string;
}

/**
 * The first start's credentials from the file the server says it wrote: a server whose stdout is
 * not a terminal (as here) prints the client secret nowhere else.
 */
export function writtenCredentials(output: string): WrittenCredentials {
  const file = /^credentials written to (\S+) \(mode 0600\)/m.exec(output)?.[1];
  if (!file) throw new Error(`the server did not say where it wrote its credentials:\n${output}`);
  return JSON.parse(readFileSync(file, 'utf8')) as WrittenCredentials;
}

const execFileAsync = promisify(execFile);

/** Runs `consumo …` as `npx consumo` would, returning stdout, stderr and the exit code. */
export async function runCli(args: string[], options: { cwd: string; env?: Record<string, string> }) {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
    });
    return { stdout, stderr, code: 0 };
  } catch (err) {
    const e = err as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}
