/**
 * A run's files as its detail shows them, from GET …/runs/{runId}/manifest: each billing period the
 * run wrote with its manifest (files, rows, bytes, sha256, as written), or why its files are gone
 * (a later run replaced the period, or the directory was removed); and each file fetched from
 * GET …/runs/{runId}/files/{billingPeriod}/{name}, counted as it arrives and saved under the
 * server's name. Any non-2xx throws ConsumoApiError with the server's body (message and debugId).
 */
import { ConsumoApiError } from '@consumo/sdk';
import { fileNameOf, readCounting, type DownloadProgress } from './download-contents.js';
import type { ExportRun, RunManifest } from './types.js';

export type ManifestPeriod = RunManifest['periods'][number];
export type ManifestFile = NonNullable<ManifestPeriod['manifest']>['files'][number];

const RUNS = (exportId: string, runId: string) =>
  `/consumption-analytics/v1beta1/focus-exports/${encodeURIComponent(exportId)}/runs/${encodeURIComponent(runId)}`;

/** Where one file of the run is served. */
export function runFileUrl(exportId: string, runId: string, billingPeriod: string, name: string): string {
  return `${RUNS(exportId, runId)}/files/${encodeURIComponent(billingPeriod)}/${encodeURIComponent(name)}`;
}

/** Whether the run has a manifest to ask for: it has written at least one billing period. */
export function hasManifest(run: Pick<ExportRun, 'result'>): boolean {
  return run.result.periodsDone > 0;
}

/** The files a period offers for download: its parts, then its FOCUS metadata file (which has no rows). */
export function downloadableFiles(period: ManifestPeriod): { name: string; rows: number | undefined; bytes: number; sha256: string }[] {
  const manifest = period.manifest;
  if (!manifest) return [];
  return [...manifest.files.map((f: ManifestFile) => ({ ...f })), ...(manifest.metadata ? [{ ...manifest.metadata, rows: undefined }] : [])];
}

/** One line about a period: what it holds, or why the run's files are no longer there. */
export function periodText(period: ManifestPeriod): string {
  if (period.state === 'replaced') return `Billing period ${period.billingPeriod}: replaced by a later run (${period.replacedBy}); this run’s files are gone.`;
  if (period.state === 'missing') return `Billing period ${period.billingPeriod}: no manifest on the server any more (the directory was removed).`;
  const m = period.manifest!;
  const compression = m.compression === 'none' ? '' : `, ${m.compression}`;
  return `Billing period ${period.billingPeriod}: ${m.profile} profile (FOCUS ${m.focusVersion}${m.dataset ? `, ${m.dataset}` : ''}), ${m.format}${compression}.`;
}

/** Fetches one file of the run; throws ConsumoApiError on an error answer. */
export async function downloadRunFile(
  url: string,
  fallbackName: string,
  onProgress: (p: DownloadProgress) => void,
  { fetchImpl = globalThis.fetch, signal }: { fetchImpl?: typeof fetch; signal?: AbortSignal } = {},
): Promise<{ fileName: string; blob: Blob; bytes: number }> {
  const response = await fetchImpl(url, { credentials: 'same-origin', ...(signal && { signal }) });
  if (!response.ok) throw new ConsumoApiError(response.status, await response.json().catch(() => undefined));
  const fileName = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  const { blob, bytes } = await readCounting(response, onProgress);
  return { fileName, blob, bytes };
}
