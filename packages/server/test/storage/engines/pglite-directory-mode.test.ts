/** The embedded database directory is the owner's alone: created 0700, and narrowed to 0700 when it already existed wider. */
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '../../../src/storage/create-db.js';

describe('embedded database directory', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'consumo-dir-mode-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const modeOf = (dir: string) => statSync(dir).mode & 0o777;

  it('creates a new directory, and the parents it creates, with mode 0700', async () => {
    const dir = path.join(root, 'new', 'db');
    const opened = await createDb(`file://${dir}`);
    try {
      expect(modeOf(dir)).toBe(0o700);
      expect(modeOf(path.dirname(dir))).toBe(0o700);
    } finally {
      await opened.db.destroy();
    }
  });

  it('narrows an existing world-readable directory to 0700', async () => {
    const dir = path.join(root, 'existing');
    mkdirSync(dir, { mode: 0o755 });
    expect(modeOf(dir)).toBe(0o755);
    const opened = await createDb(`file://${dir}`);
    try {
      expect(modeOf(dir)).toBe(0o700);
    } finally {
      await opened.db.destroy();
    }
  });
});
