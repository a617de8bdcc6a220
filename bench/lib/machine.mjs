/** The machine a benchmark ran on: figures from different machines are not comparable, ratios roughly are. */
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Installed version of a package, read from its package.json next to its resolved entry point. */
export function packageVersion(name) {
  try {
    return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
  } catch {
    // Packages whose exports map hides package.json: walk up from the entry point.
    let dir = require.resolve(name);
    for (let i = 0; i < 6; i++) {
      dir = dir.slice(0, dir.lastIndexOf('/'));
      try {
        const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
        if (pkg.name === name) return pkg.version;
      } catch {
        /* keep walking */
      }
    }
    return undefined;
  }
}

export function machine(extra = {}) {
  const cpus = os.cpus();
  return {
    os: `${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model?.trim(),
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    ...extra,
  };
}

/**
 * The code measured: HEAD and whether the built packages' sources differ from it (read-only git
 * commands; undefined outside a git checkout). The figures belong to this code, not to HEAD alone.
 */
export function codeVersion(cwd) {
  const git = (...args) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  try {
    const changed = git('status', '--porcelain', '--', 'packages').split('\n').filter(Boolean);
    return { commit: git('rev-parse', 'HEAD'), uncommittedChangesInPackages: changed.length };
  } catch {
    return undefined;
  }
}
