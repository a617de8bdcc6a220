/** docs/focus.md lists every column of every export profile as the profile definitions make it: the generator's check finds nothing to change (regenerate with npm run docs). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FOCUS_1_3_COLUMNS } from '@consumo/focus';
import { PROFILES } from '../../src/modules/focus-exports/export-profiles.js';
import { EXPORT_PROFILES } from '../../src/modules/focus-exports/focus-exports.enums.js';
import { FOCUS_DOC, focusDocIsCurrent, writeFocusDoc } from '../../src/scripts/write-focus-doc.js';

describe('docs/focus.md', () => {
  it('carries the export profiles as they are', () => {
    expect(focusDocIsCurrent()).toBe(true);
  });

  it('lists every column of every profile, in file order, with where its value comes from', () => {
    const doc = readFileSync(FOCUS_DOC, 'utf8');
    for (const name of EXPORT_PROFILES) {
      const section = doc.slice(doc.indexOf(`### \`${name}\``));
      const rows = section.split('\n').filter((l) => /^\| \d+ \| `/.test(l));
      const listed = rows.slice(0, PROFILES[name].columns.length).map((l) => /^\| \d+ \| `([^`]+)`/.exec(l)![1]);
      expect(listed).toEqual(PROFILES[name].columns.map((c) => c.header));
      for (const row of rows.slice(0, listed.length)) expect(row.split(' | ')[3]!.trim().length).toBeGreaterThan(0);
    }
    expect(FOCUS_1_3_COLUMNS.every((c) => doc.includes(`| \`${c.name}\``))).toBe(true);
  });

  it('is found stale when a profile changes, and rewritten by the script', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'consumo-focus-doc-'));
    try {
      const copy = path.join(dir, 'focus.md');
      writeFileSync(copy, readFileSync(FOCUS_DOC, 'utf8').replace('| `HostProviderName` |', '| `HostName` |'));
      expect(focusDocIsCurrent(copy)).toBe(false);
      writeFocusDoc(copy);
      expect(readFileSync(copy, 'utf8')).toBe(readFileSync(FOCUS_DOC, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
