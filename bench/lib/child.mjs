/** Start a server as a child process, wait until it prints its URL, stop it with SIGTERM. */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * @param {{ args: string[], env: Record<string, string>, ready: RegExp, label: string, cwd?: string, timeoutMs?: number }} o
 *   `ready` must capture the base URL in group 1.
 * @returns {Promise<{ url: string, pid: number, stop: () => Promise<number | null> }>}
 */
export async function startChild(o) {
  const child = spawn(process.execPath, o.args, {
    cwd: o.cwd,
    env: { ...process.env, ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const url = await new Promise((resolve, reject) => {
    const timer = globalThis.setTimeout(
      () => reject(new Error(`${o.label} did not start within ${(o.timeoutMs ?? 120_000) / 1000}s:\n${output}`)),
      o.timeoutMs ?? 120_000,
    );
    const onData = (chunk) => {
      output += chunk;
      const m = o.ready.exec(output);
      if (m) {
        globalThis.clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then((code) => {
      globalThis.clearTimeout(timer);
      reject(new Error(`${o.label} exited (${code}) before it was ready:\n${output}`));
    });
  });
  // Keep echoing what the child says after start (warnings, errors), prefixed.
  const echo = (chunk) => process.stderr.write(String(chunk).replace(/^(?=.)/gm, `[${o.label}] `));
  child.stdout.on('data', echo);
  child.stderr.on('data', echo);
  return {
    url,
    pid: child.pid,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      // An abortable timer: left running after the child exits, it would hold the benchmark open for 30 s.
      const waiting = new globalThis.AbortController();
      const code = await Promise.race([exited, sleep(30_000, 'timeout', { signal: waiting.signal }).catch(() => 'exited')]);
      waiting.abort();
      if (code === 'timeout') {
        child.kill('SIGKILL');
        return exited;
      }
      return code;
    },
  };
}
