/** writePeriod on its own: a write that fails half-way leaves the period as it was and no temp directory behind. */
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writePeriod } from '../../../src/modules/focus-exports/export-files.js';
import { PROFILES } from '../../../src/modules/focus-exports/export-profiles.js';
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
    rows,
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
