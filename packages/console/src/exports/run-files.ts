/**
 * A run's files as the history shows them: grouped by billing period directory
 * (`<workspace>/<export>/BILLING_PERIOD=YYYY-MM/part-00001.csv`, relative to CONSUMO_EXPORT_DIR),
 * each with the `manifest.json` the run writes next to them on the server (the API does not serve it).
 */
import type { ExportRunFile } from './types.js';

export interface PeriodFiles {
  /** The directory, relative to CONSUMO_EXPORT_DIR. */
  directory: string;
  /** "2026-11", when the directory names a billing period. */
  period?: string;
  manifest: string;
  files: ExportRunFile[];
}

function directoryOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut < 0 ? '' : path.slice(0, cut);
}

export function filesByPeriod(files: readonly ExportRunFile[]): PeriodFiles[] {
  const groups = new Map<string, ExportRunFile[]>();
  for (const file of files) {
    const dir = directoryOf(file.path);
    groups.set(dir, [...(groups.get(dir) ?? []), file]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([directory, list]) => {
      const period = /BILLING_PERIOD=(\d{4}-\d{2})$/.exec(directory)?.[1];
      return {
        directory,
        ...(period && { period }),
        manifest: directory ? `${directory}/manifest.json` : 'manifest.json',
        files: [...list].sort((a, b) => a.path.localeCompare(b.path)),
      };
    });
}

/** The file's name without its directories. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
