/**
 * GET …/focus-exports/{id}/contents read with fetch and counted as it streams: the bytes received
 * and, when the server sends Content-Length for the bytes as they arrive (no Content-Encoding), a
 * percentage; the file is named as the server's Content-Disposition names it. A 204 (nothing in the
 * range) is its own outcome; any other non-2xx throws ConsumoApiError with the server's error body,
 * so the page shows its message and debugId. The file is saved by a temporary link to a Blob.
 */
import { ConsumoApiError } from '@consumo/sdk';
import { rangeParams, type RangeChoice } from './download-range.js';

export interface DownloadProgress {
  received: number;
  /** The size to expect, when the response says it. */
  total?: number;
}

export type DownloadOutcome = { kind: 'file'; fileName: string; blob: Blob; bytes: number } | { kind: 'empty' };

const CONTENTS = (id: string) => `/consumption-analytics/v1beta1/focus-exports/${encodeURIComponent(id)}/contents`;

export function contentsUrl(id: string, range: RangeChoice): string {
  return `${CONTENTS(id)}?${new URLSearchParams(rangeParams(range)).toString()}`;
}

/** The file name of `attachment; filename="x.csv"` (or RFC 5987 `filename*=UTF-8''x.csv`), else `fallback`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(disposition);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  // Only a name, never a path.
  return name ? (name.split(/[\\/]/).pop() ?? fallback) || fallback : fallback;
}

/** The length to expect of the bytes a stream reader sees: Content-Length, unless the body is encoded (the browser decodes it, so the counts differ). */
export function expectedLength(headers: Headers): number | undefined {
  if (headers.get('content-encoding')) return undefined;
  const length = Number(headers.get('content-length'));
  return Number.isSafeInteger(length) && length > 0 ? length : undefined;
}

const UNITS = ['bytes', 'KB', 'MB', 'GB'] as const;

/** 1536 → "1.5 KB" (1024 steps), 12 → "12 bytes". */
export function bytesText(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** The percentage done (0–100, whole), when the total is known. */
export function percentDone(progress: DownloadProgress): number | undefined {
  if (progress.total === undefined) return undefined;
  return Math.min(100, Math.floor((progress.received / progress.total) * 100));
}

/** "1.5 KB received" or "1.5 KB of 3.0 KB received (50 %)". */
export function progressText(progress: DownloadProgress): string {
  const percent = percentDone(progress);
  return percent === undefined
    ? `${bytesText(progress.received)} received`
    : `${bytesText(progress.received)} of ${bytesText(progress.total!)} received (${percent} %)`;
}

/** The whole body, reporting the running count after each chunk. */
export async function readCounting(response: Response, onProgress: (p: DownloadProgress) => void): Promise<{ blob: Blob; bytes: number }> {
  const total = expectedLength(response.headers);
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  onProgress({ received, ...(total !== undefined && { total }) });
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value as Uint8Array<ArrayBuffer>);
      received += value.byteLength;
      onProgress({ received, ...(total !== undefined && { total }) });
    }
  }
  return { blob: new Blob(chunks, { type }), bytes: received };
}

/** Fetches the contents of the range; throws ConsumoApiError on an error answer. */
export async function downloadContents(
  id: string,
  range: RangeChoice,
  onProgress: (p: DownloadProgress) => void,
  { fetchImpl = globalThis.fetch, signal }: { fetchImpl?: typeof fetch; signal?: AbortSignal } = {},
): Promise<DownloadOutcome> {
  const response = await fetchImpl(contentsUrl(id, range), { credentials: 'same-origin', ...(signal && { signal }) });
  if (response.status === 204) return { kind: 'empty' };
  if (!response.ok) throw new ConsumoApiError(response.status, await response.json().catch(() => undefined));
  const fileName = fileNameOf(response.headers.get('content-disposition'), `focus-export-${id}.csv`);
  const { blob, bytes } = await readCounting(response, onProgress);
  return { kind: 'file', fileName, blob, bytes };
}

/** Saves a Blob under a name (a temporary link to an object URL). */
export function saveBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
