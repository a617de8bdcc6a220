/**
 * The layout docs/architecture.md promises, checked on the files git tracks: tests live in a
 * package's test/ folder, whose folders mirror src/ path for path (support/, fixtures/ and golden/
 * hold what tests share); the server's module files name their role with one suffix vocabulary; and
 * no two server source files share a name (index.ts aside); and comments cite an ADR or a public URL,
 * never a document that is not in the repository (the digests the project was started from).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/server-process.js';

const tracked = execFileSync('git', ['ls-files', 'packages'], { cwd: REPO, encoding: 'utf8' }).split('\n').filter(Boolean);
const SHARED_TEST_FOLDERS = new Set(['support', 'fixtures', 'golden']);
const ROLE_SUFFIXES = new Set(['routes', 'service', 'repository', 'schemas', 'fields', 'errors', 'worker', 'enums']);

const folders = (files: string[]) => new Set(files.map((f) => path.posix.dirname(f)));

describe('repository layout', () => {
  it('has git files to check', () => {
    expect(tracked.filter((f) => f.startsWith('packages/server/src/')).length).toBeGreaterThan(100);
  });

  it('keeps tests out of src/', () => {
    expect(tracked.filter((f) => /^packages\/[^/]+\/src\/.*\.test\.ts$/.test(f))).toEqual([]);
  });

  it('mirrors src/ in test/, folder for folder', () => {
    const srcFolders = folders(tracked.filter((f) => /^packages\/[^/]+\/src\//.test(f)));
    const unmirrored = [...folders(tracked.filter((f) => /^packages\/[^/]+\/test\//.test(f)))].filter((dir) => {
      const [, pkg, , ...rest] = dir.split('/');
      if (rest.length === 0 || SHARED_TEST_FOLDERS.has(rest[0]!) || rest.some((part) => SHARED_TEST_FOLDERS.has(part))) return false;
      return ![...srcFolders].some((s) => s === `packages/${pkg}/src/${rest.join('/')}` || s.startsWith(`packages/${pkg}/src/${rest.join('/')}/`));
    });
    expect(unmirrored).toEqual([]);
  });

  it('names module files with one role-suffix vocabulary', () => {
    const offRole = tracked
      .filter((f) => f.startsWith('packages/server/src/modules/') && f.endsWith('.ts'))
      .filter((f) => {
        const parts = path.posix.basename(f).split('.');
        return parts.length > 2 && !ROLE_SUFFIXES.has(parts[parts.length - 2]!);
      });
    expect(offRole).toEqual([]);
  });

  it('gives no two server source files the same name', () => {
    const byName = new Map<string, string[]>();
    for (const f of tracked.filter((t) => t.startsWith('packages/server/src/') && t.endsWith('.ts'))) {
      const name = path.posix.basename(f);
      if (name === 'index.ts') continue;
      byName.set(name, [...(byName.get(name) ?? []), f]);
    }
    expect([...byName.values()].filter((paths) => paths.length > 1)).toEqual([]);
  });

  it('cites no document outside the repository in code', () => {
    const outside = /reference §|shared\/reference|DESIGN\.md|greenlake-apis\.md|legacy-billing-apis\.md|focus-columns\.md/;
    const code = [...tracked, ...execFileSync('git', ['ls-files', 'e2e', 'bench'], { cwd: REPO, encoding: 'utf8' }).split('\n')]
      // This file names the patterns it looks for.
      .filter((f) => /\.(ts|mjs|js)$/.test(f) && f !== 'e2e/docs/repository-layout.test.ts' && existsSync(path.join(REPO, f)));
    expect(code.length).toBeGreaterThan(300);
    expect(code.filter((f) => outside.test(readFileSync(path.join(REPO, f), 'utf8')))).toEqual([]);
  });
});
