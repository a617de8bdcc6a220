/**
 * writePeriod on its own: a write that fails half-way leaves the period as it was and no temp
 * directory behind, whatever it reads (row chunks, CSV COPY bytes, record batches); COPY bytes are
 * cut into parts at row ends, with each part's rows, bytes and sha256 in the manifest.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { headerLine, rowEncoder } from '../../../src/modules/focus-exports/csv-encoder.js';
import { writePeriod } from '../../../src/modules/focus-exports/export-files.js';
import { PROFILES } from '../../../src/modules/focus-exports/export-profiles.js';
import { batchEncoder } from '../../../src/modules/focus-exports/parquet-encoder.js';
import type { PeriodSource } from '../../../src/modules/focus-exports/period-parts.js';
import { costRecord } from '../../support/cost-record-fixtures.js';

describe('writePeriod', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'consumo-export-files-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const row = (i: number) => ({ ...costRecord('ws', { resource_id: `vm-${i}` }), tags: '{"env": "prod"}' }) as Record<string, unknown>;
  const job = (rows: AsyncGenerator<Record<string, unknown>[], void, undefined>) => ({
    exportRoot: root,
    billingPeriod: '2026-04',
    source: { kind: 'rows' as const, rows },
    profile: PROFILES.greenlake,
    format: 'csv' as const,
    compression: 'none' as const,
    partRows: 2,
    now: Date.parse('2026-12-01T00:00:00Z'),
    manifest: { runId: 'run-2', exportId: 'e', profile: 'greenlake' as const, focusVersion: '1.0' as const, range: { from: '2026-04-01', to: '2026-04-30' }, createdAt: '2026-12-01T00:00:00Z' },
  });

  it('a read that fails after two parts: the error reaches the caller, the old period stays, no temp directory', async () => {
    const period = path.join(root, 'BILLING_PERIOD=2026-04');
    await mkdir(period);
    await writeFile(path.join(period, 'manifest.json'), '{"runId":"run-1"}\n');
    let closed = false;
    async function* failing() {
      try {
        yield [row(1), row(2)];
        yield [row(3), row(4)];
        throw new Error('connection lost');
      } finally {
        closed = true;
      }
    }
    await expect(writePeriod(job(failing()))).rejects.toThrow('connection lost');
    expect(closed).toBe(true);
    expect((await readdir(root)).sort()).toEqual(['BILLING_PERIOD=2026-04']);
    expect(await readFile(path.join(period, 'manifest.json'), 'utf8')).toBe('{"runId":"run-1"}\n');
  });

  it('the same rows without the failure replace the period whole', async () => {
    async function* rows() {
      yield [row(1), row(2)];
      yield [row(3)];
    }
    const manifest = await writePeriod(job(rows()));
    expect(manifest.files.map((f) => [f.name, f.rows])).toEqual([
      ['part-00001.csv', 2],
      ['part-00002.csv', 1],
    ]);
    expect((await readdir(root)).sort()).toEqual(['BILLING_PERIOD=2026-04']);
    expect((await readdir(path.join(root, 'BILLING_PERIOD=2026-04'))).sort()).toEqual(['manifest.json', 'part-00001.csv', 'part-00002.csv']);
  });
});

describe('writePeriod from COPY', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'consumo-export-files-copy-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const NOW = Date.parse('2026-12-01T00:00:00Z');
  const profile = PROFILES.greenlake;
  const row = (i: number) => ({ ...costRecord('ws', { resource_id: `vm-${i}`, charge_description: i % 2 ? `two\nlines, "${i}"` : `vm ${i}` }), tags: '{"env": "prod"}' }) as Record<string, unknown>;
  const line = (i: number) => rowEncoder(profile, NOW)(row(i));
  const job = (source: PeriodSource, format: 'csv' | 'parquet' = 'csv', partRows = 2) => ({
    exportRoot: root,
    billingPeriod: '2026-04',
    source,
    profile,
    format,
    compression: 'none' as const,
    partRows,
    now: NOW,
    manifest: { runId: 'run-2', exportId: 'e', profile: 'greenlake' as const, focusVersion: '1.0' as const, range: { from: '2026-04-01', to: '2026-04-30' }, createdAt: '2026-12-01T00:00:00Z' },
  });
  const period = () => path.join(root, 'BILLING_PERIOD=2026-04');

  it('COPY bytes in chunks that cut rows anywhere: parts of whole rows, each with the header, the manifest right', async () => {
    const text = [1, 2, 3, 4, 5].map(line).join('');
    const bytes = Buffer.from(text);
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += 7) yield bytes.subarray(i, i + 7);
    }
    const manifest = await writePeriod(job({ kind: 'csv', chunks: chunks() }));
    expect(manifest.files.map((f) => [f.name, f.rows])).toEqual([
      ['part-00001.csv', 2],
      ['part-00002.csv', 2],
      ['part-00003.csv', 1],
    ]);
    expect(manifest.rows).toBe(5);
    const parts = [
      [1, 2],
      [3, 4],
      [5],
    ];
    for (const [i, file] of manifest.files.entries()) {
      const content = await readFile(path.join(period(), file.name));
      expect(content.toString('utf8')).toBe(headerLine(profile) + parts[i]!.map(line).join(''));
      expect(file.bytes).toBe(content.length);
      expect(file.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    }
    expect(manifest.bytes).toBe(manifest.files.reduce((n, f) => n + f.bytes, 0));
  });

  it('a COPY that fails after a part: the error reaches the caller, the COPY is closed, nothing is left', async () => {
    let closed = false;
    async function* failing() {
      try {
        yield Buffer.from(line(1) + line(2) + line(3));
        throw new Error('connection lost');
      } finally {
        closed = true;
      }
    }
    await expect(writePeriod(job({ kind: 'csv', chunks: failing() }))).rejects.toThrow('connection lost');
    expect(closed).toBe(true);
    expect(await readdir(root)).toEqual([]);
  });

  it('a COPY that ends inside a row is refused, not counted as a row', async () => {
    async function* cut() {
      yield Buffer.from(line(1) + line(2).slice(0, 20));
    }
    await expect(writePeriod(job({ kind: 'csv', chunks: cut() }))).rejects.toThrow(/ended inside a row/);
    expect(await readdir(root)).toEqual([]);
  });

  it('record batches that fail after a part: the error reaches the caller, the batches are closed, nothing is left', async () => {
    const encode = batchEncoder(profile, NOW);
    let closed = false;
    async function* failing() {
      try {
        yield encode([row(1), row(2), row(3)]);
        throw new Error('connection lost');
      } finally {
        closed = true;
      }
    }
    await expect(writePeriod(job({ kind: 'batches', batches: failing() }, 'parquet'))).rejects.toThrow('connection lost');
    expect(closed).toBe(true);
    expect(await readdir(root)).toEqual([]);
  });

  it('a source that is not the format’s is refused, and closed', async () => {
    let closed = false;
    async function* batches() {
      try {
        yield batchEncoder(profile, NOW)([row(1)]);
      } finally {
        closed = true;
      }
    }
    const source = batches();
    await source.next();
    await expect(writePeriod(job({ kind: 'batches', batches: source }, 'csv'))).rejects.toThrow(/not written from batches/);
    expect(closed).toBe(true);
  });
});
