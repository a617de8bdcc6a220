/**
 * The export editor's values and what they send: the create body (POST) or a JSON merge patch of the
 * fields that changed (PATCH), and the filter (ReportFieldCriteria list) typed as JSON and checked
 * for its shape before it leaves; the server checks names and operators and names each bad field.
 */
import type { ExportConfig, ExportCreateBody, ExportPatchBody, FieldCriteria } from './types.js';

export const PROFILES = ['greenlake', 'focus-1.2', 'focus-1.3'] as const;
export const DATASETS = ['CostAndUsage', 'ContractCommitment'] as const;
export const FORMATS = ['csv', 'parquet'] as const;
export const COMPRESSIONS = ['none', 'gzip'] as const;
export const SCHEDULES = ['DAILY_MONTH_TO_DATE', 'MONTHLY_LAST_MONTH'] as const;
/** The Select's value for "no schedule" (the API's null). */
export const NO_SCHEDULE = 'NONE';

export interface ExportFormValues {
  name: string;
  /** The ReportFieldCriteria list as JSON text. */
  filter: string;
  profile: (typeof PROFILES)[number];
  dataset: (typeof DATASETS)[number];
  format: (typeof FORMATS)[number];
  compression: (typeof COMPRESSIONS)[number];
  schedule: (typeof SCHEDULES)[number] | typeof NO_SCHEDULE;
}

export const PROFILE_LABELS: Record<ExportFormValues['profile'], string> = {
  greenlake: 'GreenLake (43 columns)',
  'focus-1.2': 'FOCUS 1.2',
  'focus-1.3': 'FOCUS 1.3',
};

export const SCHEDULE_LABELS: Record<ExportFormValues['schedule'], string> = {
  NONE: 'No schedule',
  DAILY_MONTH_TO_DATE: 'Daily, month to date',
  MONTHLY_LAST_MONTH: 'Monthly, last month',
};

export function emptyForm(): ExportFormValues {
  return { name: '', filter: '[]', profile: 'greenlake', dataset: 'CostAndUsage', format: 'csv', compression: 'none', schedule: NO_SCHEDULE };
}

export function formOf(config: ExportConfig): ExportFormValues {
  return {
    name: config.name,
    filter: JSON.stringify(config.filter, null, 2),
    profile: config.profile,
    dataset: config.dataset,
    format: config.format,
    compression: config.compression,
    schedule: config.schedule ?? NO_SCHEDULE,
  };
}

export type FilterParse = { ok: true; filter: FieldCriteria[] } | { ok: false; error: string };

/** The filter text as a ReportFieldCriteria list, or why it is not one (blank text is the empty list). */
export function parseFilter(text: string): FilterParse {
  if (text.trim() === '') return { ok: true, filter: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `Not JSON: ${(err as Error).message}` };
  }
  if (!Array.isArray(value)) return { ok: false, error: 'The filter is a JSON list of criteria: [{"name": …, "operator": …, "values": […]}].' };
  for (const [n, item] of value.entries()) {
    const c = item as Partial<FieldCriteria> | null;
    const keys = c && typeof c === 'object' ? Object.keys(c) : [];
    if (!c || typeof c !== 'object' || typeof c.name !== 'string' || typeof c.operator !== 'string' || !Array.isArray(c.values)) {
      return { ok: false, error: `Criterion ${n + 1} needs a name (text), an operator (text) and values (a list).` };
    }
    const extra = keys.filter((k) => !['name', 'operator', 'values'].includes(k));
    if (extra.length > 0) return { ok: false, error: `Criterion ${n + 1} has unknown fields: ${extra.join(', ')}.` };
  }
  return { ok: true, filter: value as FieldCriteria[] };
}

/** Errors by field, {} when the values can be sent. */
export function validateForm(values: ExportFormValues): Partial<Record<'name' | 'filter', string>> {
  const errors: Partial<Record<'name' | 'filter', string>> = {};
  const name = values.name.trim();
  if (name === '') errors.name = 'Give the export a name.';
  else if (name.length > 256) errors.name = 'At most 256 characters.';
  const filter = parseFilter(values.filter);
  if (!filter.ok) errors.filter = filter.error;
  return errors;
}

const scheduleOf = (s: ExportFormValues['schedule']) => (s === NO_SCHEDULE ? null : s);

/** POST body of a new export (call after validateForm found nothing). */
export function createBody(values: ExportFormValues): ExportCreateBody {
  const filter = parseFilter(values.filter);
  return {
    name: values.name.trim(),
    filter: filter.ok ? filter.filter : [],
    profile: values.profile,
    dataset: values.dataset,
    format: values.format,
    compression: values.compression,
    schedule: scheduleOf(values.schedule),
  };
}

/** The merge patch from `before` to `values`: only what changed; {} when nothing did. */
export function patchBody(before: ExportConfig, values: ExportFormValues): ExportPatchBody {
  const next = createBody(values);
  const patch: ExportPatchBody = {};
  if (next.name !== before.name) patch.name = next.name;
  if (JSON.stringify(next.filter) !== JSON.stringify(before.filter)) patch.filter = next.filter ?? [];
  if (next.profile !== before.profile) patch.profile = next.profile;
  if (next.dataset !== before.dataset) patch.dataset = next.dataset;
  if (next.format !== before.format) patch.format = next.format;
  if (next.compression !== before.compression) patch.compression = next.compression;
  if (next.schedule !== before.schedule) patch.schedule = next.schedule;
  return patch;
}
