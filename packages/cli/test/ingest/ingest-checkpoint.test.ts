/** The ingest checkpoint: written atomically, read back, refused when broken, matched to one version of the file. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type IngestCheckpoint,
  checkpointMatches,
  defaultCheckpointPath,
  readCheckpoint,
  removeCheckpoint,
  writeCheckpoint,
} from '../../src/ingest/ingest-checkpoint.js';

const dir = mkdtempSync(path.join(tmpdir(), 'consumo-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const checkpoint = (line: number): IngestCheckpoint => ({
  version: 1,
  file: 'events.ndjson',
  size: 123_456,
  mtimeMs: 1_776_000_000_123.25,
  line,
  events: line,
  accepted: line - 1,
  duplicates: 1,
  updatedAt: '2026-04-15T10:00:00.000Z',
});

describe('ingest checkpoint', () => {
  it('sits next to the file by default', () => {
    expect(defaultCheckpointPath('/data/usage.ndjson')).toBe('/data/usage.ndjson.consumo-checkpoint');
  });

  it('reads back what was written, replacing the previous checkpoint and leaving no temporary file', async () => {
    const file = path.join(dir, 'a.consumo-checkpoint');
    await writeCheckpoint(file, checkpoint(1000));
    await writeCheckpoint(file, checkpoint(2000));
    expect(await readCheckpoint(file)).toEqual({ status: 'found', checkpoint: checkpoint(2000) });
    expect(readdirSync(dir).filter((f) => f.startsWith('a.'))).toEqual(['a.consumo-checkpoint']);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(checkpoint(2000));
  });

  it('is none when there is no file, and invalid when the file is not a checkpoint', async () => {
    expect(await readCheckpoint(path.join(dir, 'missing'))).toEqual({ status: 'none' });
    const garbled = path.join(dir, 'garbled');
    writeFileSync(garbled, '{"version":1,"line":');
    expect(await readCheckpoint(garbled)).toEqual({ status: 'invalid', reason: 'not JSON' });
    const other = path.join(dir, 'other');
    for (const value of [{ ...checkpoint(5), version: 2 }, { ...checkpoint(5), line: -1 }, { ...checkpoint(5), accepted: '5' }, [1], null]) {
      writeFileSync(other, JSON.stringify(value));
      expect(await readCheckpoint(other)).toEqual({ status: 'invalid', reason: 'not an ingest checkpoint' });
    }
    expect(await readCheckpoint(dir)).toMatchObject({ status: 'invalid' });
  });

  it('matches only the version of the file it was written for: same size and same mtime', () => {
    const c = checkpoint(10);
    expect(checkpointMatches(c, { size: c.size, mtimeMs: c.mtimeMs })).toBe(true);
    expect(checkpointMatches(c, { size: c.size + 1, mtimeMs: c.mtimeMs })).toBe(false);
    expect(checkpointMatches(c, { size: c.size, mtimeMs: c.mtimeMs + 0.001 })).toBe(false);
  });

  it('is removed, and removing it twice is fine', async () => {
    const file = path.join(dir, 'b.consumo-checkpoint');
    await writeCheckpoint(file, checkpoint(1));
    await removeCheckpoint(file);
    await removeCheckpoint(file);
    expect(await readCheckpoint(file)).toEqual({ status: 'none' });
  });

  it('leaves the previous checkpoint whole when the new one cannot be written', async () => {
    const file = path.join(dir, 'c.consumo-checkpoint');
    await writeCheckpoint(file, checkpoint(7));
    const bad = { ...checkpoint(8), updatedAt: 1n } as unknown as IngestCheckpoint; // JSON.stringify throws on a BigInt
    await expect(writeCheckpoint(file, bad)).rejects.toThrow();
    expect(await readCheckpoint(file)).toEqual({ status: 'found', checkpoint: checkpoint(7) });
    expect(readdirSync(dir).filter((f) => f.startsWith('c.'))).toEqual(['c.consumo-checkpoint']);
  });
});
