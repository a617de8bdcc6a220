/**
 * The Python integrator's path (docs/examples/python): `python3 -m pytest docs/examples/python -q`
 * starts `npx consumo serve` in stand-in mode from its fixture and must pass. It needs the built CLI
 * (`npm run build`, which `npm ci` runs) and Python 3 with pytest. Without Python or pytest it
 * fails under CI=true, saying what to install, and skips elsewhere with the reason. It runs once,
 * on the embedded database the example itself uses: the PostgreSQL matrix skips it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2eEngines } from '../support/e2e-databases.js';
import { BIN, REPO } from '../support/server-process.js';

const EXAMPLE = 'docs/examples/python';
const INSTALL = 'install Python 3 and pytest (Debian: apt-get install python3-pytest; elsewhere: pip install pytest)';

/** What this machine lacks for the example, or undefined when it has it all. */
function missing(): string | undefined {
  const probe = spawnSync('python3', ['-c', 'import pytest'], { encoding: 'utf8' });
  if (probe.error) return `python3 is not on PATH: ${INSTALL}`;
  if (probe.status !== 0) return `python3 cannot import pytest: ${INSTALL}`;
  return undefined;
}

function skipReason(): string | undefined {
  if (!e2eEngines().includes('pglite'))
    return `the Python example runs once, on the embedded database, and CONSUMO_TEST_ENGINES=${process.env.CONSUMO_TEST_ENGINES ?? ''} leaves PGlite out`;
  const lacking = missing();
  // CI must run it: a machine without pytest is a CI set-up to fix, not a test to skip.
  if (lacking && process.env.CI !== 'true') return lacking;
  return undefined;
}

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // No __pycache__ left in the repository (the example's pytest.ini turns pytest's cache off), and
    // none of the machine's pytest plugins: the example needs none, and some write files (pytest-benchmark's .benchmarks/).
    const env = { ...process.env, PYTHONDONTWRITEBYTECODE: '1', PYTEST_DISABLE_PLUGIN_AUTOLOAD: '1' };
    const child = spawn(command, args, { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', (err) => resolve({ code: null, output: `${output}${String(err)}` }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

const skip = skipReason();
if (skip) console.warn(`[skip] ${EXAMPLE}: ${skip}`);

describe.skipIf(skip)(skip ? `the pytest example (skipped: ${skip})` : 'the pytest example', () => {
  it(`python3 -m pytest ${EXAMPLE} -q passes against npx consumo serve`, { timeout: 400_000 }, async () => {
    const lacking = missing();
    expect(lacking, `CI=true and the pytest example cannot run: ${lacking}`).toBeUndefined();
    expect(existsSync(BIN), `${path.relative(REPO, BIN)} is missing: run npm run build`).toBe(true);

    const { code, output } = await run('python3', ['-m', 'pytest', EXAMPLE, '-q']);

    expect(code, output).toBe(0);
    expect(output).toMatch(/^\d+ passed in /m);
    expect(output).not.toMatch(/\d+ (failed|error|errors|skipped)\b/);
  });
});
