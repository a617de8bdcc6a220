/** An export definition's fields in words, for its detail page. */
import { SCHEDULE_LABELS } from './export-form.js';
import type { ExportConfig } from './types.js';

type UserEvent = ExportConfig['created'];

/** "2026-12-06 14:03 UTC by Jane" (GreenLake writes the time without a zone; it is UTC); null → "Never". */
export function userEventText(event: UserEvent | null): string {
  if (!event) return 'Never';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(event.time);
  return `${m ? `${m[1]} ${m[2]} UTC` : event.time} by ${event.name}`;
}

/** The filter as one line per criterion, e.g. "ServiceName EQ VM"; [] → "Everything (no filter)". */
export function filterLines(filter: ExportConfig['filter']): string[] {
  if (filter.length === 0) return ['Everything (no filter)'];
  return filter.map((c) => `${c.name} ${c.operator} ${c.values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}`.trim());
}

export function exportFields(config: ExportConfig): { label: string; value: string }[] {
  return [
    { label: 'Name', value: config.name },
    { label: 'Filter', value: filterLines(config.filter).join('; ') },
    { label: 'Profile', value: config.profile },
    { label: 'Dataset', value: config.dataset },
    { label: 'Format', value: config.format },
    { label: 'Compression', value: config.compression },
    { label: 'Schedule', value: SCHEDULE_LABELS[config.schedule ?? 'NONE'] },
    { label: 'Created', value: userEventText(config.created) },
    { label: 'Last updated', value: userEventText(config.lastUpdated) },
    { label: 'Last run', value: userEventText(config.lastRun) },
    { label: 'Export id', value: config.id },
  ];
}
