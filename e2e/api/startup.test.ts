/**
 * Start-up a user can read: a taken port is one clear line before anything is written, a normal
 * start prints no warning, and every installed package runs on the Node versions the README names
 * (so `npm ci` prints no engine warning).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { type Server, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import semver from 'semver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, REPO, startServerProcess } from '../support/server-process.js';

const execFileAsync = promisify(execFile);

async function serveOnce(env: Record<string, string>, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(process.execPath, [BIN, 'serve'], {
      cwd,
      env: { ...process.env, HOST: '127.0.0.1', ...env },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('consumo serve on a taken port', () => {
  let blocker: Server;
  let port: number;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'consumo-port-'));
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen({ port: 0, host: '127.0.0.1' }, resolve));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => blocker.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it('exits 2 with one line naming the port, before opening the database or writing demo data', async () => {
    const res = await serveOnce({ PORT: String(port), DATABASE_URL: `file://${path.join(dir, 'db')}`, CONSUMO_DEMO: '1' }, dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toBe(
      `consumo: cannot listen on 127.0.0.1:${port}: the port is in use by another process; stop it, or set PORT to another port (PORT=0 picks a free one)\n`,
    );
    expect(res.stdout).toBe('');
    // Neither the database nor the credentials file exists: nothing was written.
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('a normal start', () => {
  it('prints no warning, deprecation or otherwise', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'consumo-start-'));
    const server = await startServerProcess({ DATABASE_URL: 'memory://', CONSUMO_DEMO: '0', LOG_LEVEL: 'info' }, dir);
    try {
      const health = await fetch(`${server.url}/health/ready`);
      expect(health.status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
      rmSync(dir, { recursive: true, force: true });
    }
    const output = server.output();
    expect(output).toContain('Consumo listening on');
    expect(output).not.toMatch(/warning|FSTDEP|DEP0\d+|deprecat/i);
  });
});

describe('installed packages', () => {
  const root = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { engines: { node: string } };
  const lock = JSON.parse(readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; engines?: { node?: string } | string[]; optional?: boolean; dev?: boolean }>;
  };
  // The oldest release of each Node line package.json (and the README) names, and Node 24.
  const range = new semver.Range(root.engines.node);
  const versions = [...range.set.map((set) => semver.minVersion(set.map((c) => c.value).join(' '))!.version), '24.0.0'];

  it.each(versions)('all run on Node %s, so npm ci prints no engine warning', (version) => {
    expect(semver.satisfies(version, root.engines.node)).toBe(true);
    const refusing = Object.entries(lock.packages)
      .filter(([name]) => name.includes('node_modules/'))
      .filter(([, p]) => p.engines && !Array.isArray(p.engines) && p.engines.node !== undefined)
      .filter(([, p]) => !semver.satisfies(version, (p.engines as { node: string }).node, { includePrerelease: true }))
      .map(([name, p]) => `${name}@${p.version} wants node ${(p.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });

});
