import { describe, expect, it } from 'vitest';
import { describeSeries, hasBatches, ingestSeries } from '../../src/metering/ingest-series.js';

const day = (d: string, accepted: number, duplicates: number, rejectedEvents: number, rejectedBatches = rejectedEvents ? 1 : 0) => ({
  day: d,
  batches: (accepted + duplicates > 0 ? 1 : 0) + rejectedBatches,
  events: accepted + duplicates + rejectedEvents,
  accepted,
  duplicates,
  rejectedBatches,
  rejectedEvents,
});

describe('ingest chart data', () => {
  const days = [day('2026-12-05', 1200, 0, 0), day('2026-12-06', 0, 0, 0), day('2026-12-07', 3, 2, 25)];

  it('makes one stacked series per outcome, a value per day, with totals', () => {
    const data = ingestSeries(days);
    expect(data.days).toEqual(['2026-12-05', '2026-12-06', '2026-12-07']);
    expect(data.series.map((s) => [s.label, s.values, s.total])).toEqual([
      ['Accepted', [1200, 0, 3], 1203],
      ['Duplicates', [0, 0, 2], 2],
      ['Rejected', [0, 0, 25], 25],
    ]);
  });

  it('describes the chart in words, numbers for the locale', () => {
    expect(describeSeries(ingestSeries(days), 'en-US')).toBe('Events received per day (UTC), 2026-12-05 to 2026-12-07, stacked: accepted 1,203, duplicates 2, rejected 25.');
    expect(describeSeries(ingestSeries(days), 'de-DE')).toContain('accepted 1.203');
    expect(describeSeries(ingestSeries([]), 'en-US')).toContain('no days');
  });

  it('knows a range without any batch', () => {
    expect(hasBatches(days)).toBe(true);
    expect(hasBatches([day('2026-12-06', 0, 0, 0)])).toBe(false);
  });
});
