#!/usr/bin/env node
/**
 * guard: the performance guard `.ci/run` runs. Small versions of the benchmarks (seconds to a
 * minute each, PostgreSQL only), each reporting ratios against its reference measured in the same
 * run; a ratio past its collapse bound (guards.mjs) fails the run. Not a timed test: a slow
 * machine slows ours and the reference alike. See README.md.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from '../lib/args.mjs';
import { machine } from '../lib/machine.mjs';
import { guards } from './guards.mjs';
import { verdictLine, verdicts } from './verdicts.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const opts = parseArgs(
  process.argv.slice(2),
  {
    only: { type: 'string', default: '', help: 'comma-separated benchmarks to guard (default: all of guards.mjs)' },
    pgUrl: { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres', help: 'PostgreSQL admin URL (BENCH_PG_URL)' },
    out: { type: 'string', default: path.join(here, 'data', 'results.json'), help: 'where to write every verdict' },
  },
  'usage: npm run bench -- guard [options]',
);

const chosen = opts.only ? opts.only.split(',').map((s) => s.trim()) : guards.map((g) => g.benchmark);
const unknown = chosen.filter((n) => !guards.some((g) => g.benchmark === n));
if (unknown.length) {
  console.error(`no guard for: ${unknown.join(', ')}; guarded: ${guards.map((g) => g.benchmark).join(', ')}`);
  process.exit(2);
}

// The benchmark running now: Ctrl-C reaches it through the process group; SIGTERM is passed on,
// so it drops its scratch databases before it exits.
let running;
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => running?.kill('SIGTERM'));

const dataDir = path.join(here, 'data');
mkdirSync(dataDir, { recursive: true });
const started = Date.now();
const report = [];
for (const guard of guards.filter((g) => chosen.includes(g.benchmark))) {
  const out = path.join(dataDir, `${guard.benchmark}.json`);
  const t0 = Date.now();
  console.log(`\n--- ${guard.benchmark} ${guard.args.join(' ')}`);
  const code = await runBenchmark(guard.benchmark, [...guard.args, '--pg-url', opts.pgUrl, '--out', out]);
  const seconds = Number(((Date.now() - t0) / 1000).toFixed(1));
  let results;
  if (code === 0) {
    try {
      results = JSON.parse(readFileSync(out, 'utf8'));
    } catch (err) {
      console.error(`could not read ${out}: ${err.message}`);
    }
  }
  // A benchmark that fails (a non-2xx response, a wrong body, a crash) fails the guard: every
  // guarded target of it is reported missing.
  const found = verdicts(guard.targets, code === 0 ? results : undefined);
  report.push({ benchmark: guard.benchmark, exitCode: code, seconds, verdicts: found });
}

console.log('\nperformance guard:');
for (const r of report) {
  if (r.exitCode !== 0) console.log(`  FAILED    ${r.benchmark}: the benchmark exited ${r.exitCode} (its log is above)`);
  for (const v of r.verdicts) console.log(verdictLine(r.benchmark, v));
}
const bad = report.flatMap((r) => r.verdicts).filter((v) => v.status !== 'ok').length + report.filter((r) => r.exitCode !== 0).length;
const wallSeconds = Number(((Date.now() - started) / 1000).toFixed(1));
console.log(`${bad === 0 ? 'guard passed' : `guard FAILED: ${bad} problem(s)`} in ${wallSeconds} s`);
writeFileSync(
  opts.out,
  `${JSON.stringify(
    {
      benchmark: 'guard',
      date: new Date().toISOString(),
      wallSeconds,
      machine: machine(),
      runs: report.map((r) => ({ ...r, verdicts: r.verdicts.map((v) => ({ ...v })) })),
    },
    null,
    2,
  )}\n`,
);
process.exit(bad === 0 ? 0 : 1);

/** Runs bench/<name>/run.mjs on scratch databases of its own (BENCH_DB_SUFFIX); its exit code. */
function runBenchmark(name, args) {
  return new Promise((resolve) => {
    running = spawn(process.execPath, [path.join(here, '..', name, 'run.mjs'), ...args], {
      stdio: 'inherit',
      env: { ...process.env, BENCH_DB_SUFFIX: 'guard' },
    });
    running.on('exit', (code, signal) => {
      running = undefined;
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
