/** Ingest statistics as the chart and its text alternative show them: per day, events accepted, duplicates and rejected. */
import { formatNumber } from '../lib/money-format.js';
import type { IngestDay } from './types.js';

export const SERIES = [
  { key: 'accepted', label: 'Accepted', color: '#12b886' },
  { key: 'duplicates', label: 'Duplicates', color: '#868e96' },
  { key: 'rejectedEvents', label: 'Rejected', color: '#fa5252' },
] as const satisfies readonly { key: keyof IngestDay; label: string; color: string }[];

export interface IngestSeries {
  days: string[];
  series: { label: string; color: string; values: number[]; total: number }[];
}

export function ingestSeries(days: readonly IngestDay[]): IngestSeries {
  return {
    days: days.map((d) => d.day),
    series: SERIES.map((s) => {
      const values = days.map((d) => d[s.key]);
      return { label: s.label, color: s.color, values, total: values.reduce((a, b) => a + b, 0) };
    }),
  };
}

/** The chart in words (its aria description): the range and each series' total. */
export function describeSeries(data: IngestSeries, locale: string | undefined): string {
  const range = data.days.length ? `${data.days[0]} to ${data.days.at(-1)}` : 'no days';
  const totals = data.series.map((s) => `${s.label.toLowerCase()} ${formatNumber(s.total, locale, 0)}`).join(', ');
  return `Events received per day (UTC), ${range}, stacked: ${totals}.`;
}

/** Whether any day has a batch: an empty range gets words instead of an empty chart. */
export function hasBatches(days: readonly IngestDay[]): boolean {
  return days.some((d) => d.batches > 0);
}
