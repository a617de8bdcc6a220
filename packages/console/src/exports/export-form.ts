/**
 * The export editor's values and what they send: the create body (POST) or a JSON merge patch of the
 * fields that changed (PATCH). The filter is edited as rows (filter-rows.ts), checked against the
 * chosen dataset before it leaves; the server checks it again and names each bad item.
 */
import { type FilterRow, type RowErrors, criteriaOf, hasRowErrors, rowErrors, rowsOf, sameCriteria } from './filter-rows.js';
import type { ExportConfig, ExportCreateBody, ExportPatchBody } from './types.js';

export const PROFILES = ['greenlake', 'focus-1.2', 'focus-1.3'] as const;
export const DATASETS = ['CostAndUsage', 'ContractCommitment'] as const;
export const FORMATS = ['csv', 'parquet'] as const;
export const COMPRESSIONS = ['none', 'gzip'] as const;
export const SCHEDULES = ['DAILY_MONTH_TO_DATE', 'MONTHLY_LAST_MONTH'] as const;
/** The Select's value for "no schedule" (the API's null). */
export const NO_SCHEDULE = 'NONE';

export interface ExportFormValues {
  name: string;
  /** The ReportFieldCriteria list, a row each. */
  filter: FilterRow[];
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
  return { name: '', filter: [], profile: 'greenlake', dataset: 'CostAndUsage', format: 'csv', compression: 'none', schedule: NO_SCHEDULE };
}

export function formOf(config: ExportConfig): ExportFormValues {
  return {
    name: config.name,
    filter: rowsOf(config.filter),
    profile: config.profile,
    dataset: config.dataset,
    format: config.format,
    compression: config.compression,
    schedule: config.schedule ?? NO_SCHEDULE,
  };
}

export interface FormErrors {
  name?: string;
  /** The server's words about the filter as a whole. */
  filter?: string;
  /** Each filter row's problems, in the rows' order (absent when every row is fine). */
  rows?: RowErrors[];
}

/** Errors by field, {} when the values can be sent. */
export function validateForm(values: ExportFormValues): FormErrors {
  const errors: FormErrors = {};
  const name = values.name.trim();
  if (name === '') errors.name = 'Give the export a name.';
  else if (name.length > 256) errors.name = 'At most 256 characters.';
  const rows = rowErrors(values.filter, values.dataset);
  if (hasRowErrors(rows)) errors.rows = rows;
  return errors;
}

const scheduleOf = (s: ExportFormValues['schedule']) => (s === NO_SCHEDULE ? null : s);

/** POST body of a new export (call after validateForm found nothing). */
export function createBody(values: ExportFormValues): ExportCreateBody {
  return {
    name: values.name.trim(),
    filter: criteriaOf(values.filter),
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
  if (!sameCriteria(next.filter ?? [], before.filter)) patch.filter = next.filter ?? [];
  if (next.profile !== before.profile) patch.profile = next.profile;
  if (next.dataset !== before.dataset) patch.dataset = next.dataset;
  if (next.format !== before.format) patch.format = next.format;
  if (next.compression !== before.compression) patch.compression = next.compression;
  if (next.schedule !== before.schedule) patch.schedule = next.schedule;
  return patch;
}
