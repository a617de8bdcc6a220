import { ConsumoApiError } from '@consumo/sdk';
import { describe, expect, it } from 'vitest';
import { filterLines, userEventText } from '../../src/exports/export-fields.js';
import { downloadRunFile, downloadableFiles, hasManifest, periodText, runFileUrl } from '../../src/exports/run-files.js';
import type { ManifestPeriod } from '../../src/exports/run-files.js';

describe('a run’s manifest and files', () => {
  const written: ManifestPeriod = {
    billingPeriod: '2026-11',
    state: 'written',
    replacedBy: null,
    manifest: {
      runId: 'r1',
      exportId: 'e1',
      profile: 'focus-1.3',
      dataset: 'CostAndUsage',
      focusVersion: '1.3',
      format: 'csv',
      compression: 'gzip',
      billingPeriod: '2026-11',
      range: { from: '2026-11-01', to: '2026-11-30' },
      files: [
        { name: 'part-00001.csv.gz', rows: 10, bytes: 100, sha256: 'a'.repeat(64) },
        { name: 'part-00002.csv.gz', rows: 3, bytes: 40, sha256: 'b'.repeat(64) },
      ],
      rows: 13,
      bytes: 140,
      createdAt: '2026-12-01T00:00:00.000Z',
      metadata: { name: 'metadata.json', bytes: 900, sha256: 'c'.repeat(64) },
    },
  };

  it('offers the parts as the manifest lists them, then the metadata file (no rows)', () => {
    expect(downloadableFiles(written)).toEqual([
      { name: 'part-00001.csv.gz', rows: 10, bytes: 100, sha256: 'a'.repeat(64) },
      { name: 'part-00002.csv.gz', rows: 3, bytes: 40, sha256: 'b'.repeat(64) },
      { name: 'metadata.json', rows: undefined, bytes: 900, sha256: 'c'.repeat(64) },
    ]);
    const { metadata: _, ...older } = written.manifest!;
    expect(downloadableFiles({ ...written, manifest: older }).map((f) => f.name)).toEqual(['part-00001.csv.gz', 'part-00002.csv.gz']);
    expect(downloadableFiles({ billingPeriod: '2026-10', state: 'replaced', replacedBy: 'r2', manifest: null })).toEqual([]);
  });

  it('says what a period holds, or why its files are gone', () => {
    expect(periodText(written)).toBe('Billing period 2026-11: focus-1.3 profile (FOCUS 1.3, CostAndUsage), csv, gzip.');
    expect(periodText({ billingPeriod: '2026-10', state: 'replaced', replacedBy: 'r2', manifest: null })).toBe(
      'Billing period 2026-10: replaced by a later run (r2); this run’s files are gone.',
    );
    expect(periodText({ billingPeriod: '2026-09', state: 'missing', replacedBy: null, manifest: null })).toMatch(/^Billing period 2026-09: no manifest/);
  });

  it('asks for a manifest only once a period is written, and names each file’s address', () => {
    expect(hasManifest({ result: { periodsDone: 0 } } as never)).toBe(false);
    expect(hasManifest({ result: { periodsDone: 1 } } as never)).toBe(true);
    expect(runFileUrl('e 1', 'r1', '2026-11', 'part-00001.csv')).toBe('/consumption-analytics/v1beta1/focus-exports/e%201/runs/r1/files/2026-11/part-00001.csv');
  });

  it('downloads a file under the server’s name, counting bytes; an error answer throws with its body', async () => {
    const seen: number[] = [];
    const ok = (async () =>
      new Response('a,b\n1,2\n', { headers: { 'content-disposition': 'attachment; filename="2026-11_part-00001.csv"', 'content-length': '8' } })) as typeof fetch;
    const saved = await downloadRunFile('/x', 'fallback.csv', (p) => seen.push(p.received), { fetchImpl: ok });
    expect(saved).toMatchObject({ fileName: '2026-11_part-00001.csv', bytes: 8 });
    expect(await saved.blob.text()).toBe('a,b\n1,2\n');
    expect(seen.at(-1)).toBe(8);
    const body = { httpStatusCode: 404, errorCode: 'HPE_GL_CONSUMPTION_ANALYTICS_NOT_FOUND', message: 'Resource Not Found.', debugId: 'd-1', errorDetails: [] };
    const missing = (async () => new Response(JSON.stringify(body), { status: 404, headers: { 'content-type': 'application/json' } })) as typeof fetch;
    const failure = await downloadRunFile('/x', 'fallback.csv', () => undefined, { fetchImpl: missing }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConsumoApiError);
    expect((failure as ConsumoApiError).body).toEqual(body);
  });
});

describe('an export’s fields in words', () => {
  it('says who acted when, in UTC, and never for a null', () => {
    expect(userEventText({ id: 'c', name: 'Jane', time: '2026-12-06T14:03:12.345' })).toBe('2026-12-06 14:03 UTC by Jane');
    expect(userEventText(null)).toBe('Never');
  });

  it('writes each criterion on its own line', () => {
    expect(filterLines([])).toEqual(['Everything (no filter)']);
    expect(filterLines([{ name: 'ResourceId', operator: 'TOP', values: [5] }, { name: 'ServiceName', operator: 'IN', values: ['VM', 'Storage'] }])).toEqual([
      'ResourceId TOP 5',
      'ServiceName IN VM, Storage',
    ]);
  });
});
