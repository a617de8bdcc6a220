import { describe, expect, it } from 'vitest';
import { filterLines, userEventText } from '../../src/exports/export-fields.js';
import { baseName, filesByPeriod } from '../../src/exports/run-files.js';

describe('a run’s files', () => {
  it('groups them by billing period, each with its manifest next to them', () => {
    const files = [
      { path: 'ws/ex/BILLING_PERIOD=2026-11/part-00002.csv', rows: 10, bytes: 100 },
      { path: 'ws/ex/BILLING_PERIOD=2026-10/part-00001.csv', rows: 5, bytes: 50 },
      { path: 'ws/ex/BILLING_PERIOD=2026-11/part-00001.csv', rows: 20, bytes: 200 },
    ];
    expect(filesByPeriod(files)).toEqual([
      { directory: 'ws/ex/BILLING_PERIOD=2026-10', period: '2026-10', manifest: 'ws/ex/BILLING_PERIOD=2026-10/manifest.json', files: [files[1]] },
      { directory: 'ws/ex/BILLING_PERIOD=2026-11', period: '2026-11', manifest: 'ws/ex/BILLING_PERIOD=2026-11/manifest.json', files: [files[2], files[0]] },
    ]);
    expect(filesByPeriod([])).toEqual([]);
    expect(baseName('ws/ex/BILLING_PERIOD=2026-11/part-00001.csv')).toBe('part-00001.csv');
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
