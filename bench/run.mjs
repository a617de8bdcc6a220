#!/usr/bin/env node
/**
 * `npm run bench -- <name> [options]`: runs bench/<name>/run.mjs, which writes bench/<name>/results.json.
 * With no name, lists the benchmarks.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(path.join(here, e.name, 'run.mjs')))
  .map((e) => e.name)
  .sort();

const [name, ...rest] = process.argv.slice(2);
if (!name || name === '--help' || name === '-h') {
  console.log(`usage: npm run bench -- <name> [options]   (options: npm run bench -- <name> --help)\n\nbenchmarks:\n${available.map((n) => `  ${n}`).join('\n')}`);
  process.exit(name ? 0 : 2);
}
if (!available.includes(name)) {
  console.error(`no benchmark '${name}'; available: ${available.join(', ')}`);
  process.exit(2);
}

const child = spawn(process.execPath, [path.join(here, name, 'run.mjs'), ...rest], { stdio: 'inherit' });
// Ctrl-C reaches the child through the terminal's process group; wait for it to clean up.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
