/** The words of a FOCUS export definition and its runs (focus_exports, focus_export_runs). */
import { EXPORT_PROFILES } from '@consumo/focus/formats';

/** The column sets, shared with the CLI through @consumo/focus/formats. */
export { EXPORT_PROFILES };
export type FocusExportProfile = (typeof EXPORT_PROFILES)[number];

/**
 * The FOCUS dataset an export delivers (ADR 0025): Cost and Usage (cost records; every profile), or
 * Contract Commitment (the workspace's commitments; FOCUS 1.3 only, so the `focus-1.3` profile only).
 */
export const EXPORT_DATASETS = ['CostAndUsage', 'ContractCommitment'] as const;
export type FocusExportDataset = (typeof EXPORT_DATASETS)[number];

export const EXPORT_FORMATS = ['csv', 'parquet'] as const;
export type FocusExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_COMPRESSIONS = ['none', 'gzip'] as const;
export type FocusExportCompression = (typeof EXPORT_COMPRESSIONS)[number];

export const EXPORT_SCHEDULES = ['DAILY_MONTH_TO_DATE', 'MONTHLY_LAST_MONTH'] as const;
export type FocusExportSchedule = (typeof EXPORT_SCHEDULES)[number];

export const EXPORT_RUN_TRIGGERS = ['request', 'schedule'] as const;
export type FocusExportRunTrigger = (typeof EXPORT_RUN_TRIGGERS)[number];

/** One file a FOCUS export run wrote: its path under CONSUMO_EXPORT_DIR, rows and bytes (focus_export_runs.files). */
export interface FocusExportRunFile {
  path: string;
  rows: number;
  bytes: number;
}
