/** What a download shows while it runs (a cli-progress bar of rows, bytes and rows/s on a terminal) and the line it ends with. */
import { lazyBar } from '../progress-bar.js';
import type { DownloadTotals } from './download-file.js';

export interface DownloadView {
  update(totals: DownloadTotals): void;
  stop(): void;
}

const perSecond = (n: number, ms: number) => Math.round(n / Math.max(ms / 1000, 0.001));

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** `N rows, B bytes in S s → FILE` (B: bytes written to FILE); without rows (Parquet) `B bytes in S s → FILE`. */
export function downloadSummary(totals: DownloadTotals, elapsedMs: number, file: string): string {
  const seconds = (elapsedMs / 1000).toFixed(1);
  if (totals.rows === undefined) return `${totals.bytes} bytes in ${seconds} s → ${file}`;
  return `${totals.rows} rows, ${totals.bytes} bytes in ${seconds} s → ${file}`;
}

/** On a terminal, a bar on stderr (no total is known in advance: it shows counts and rates); otherwise nothing until the summary. */
export function downloadView(options: { tty: boolean; startedAt: number }): DownloadView {
  if (!options.tty) return { update() {}, stop() {} };
  const payload = (t: DownloadTotals) => {
    const ms = Date.now() - options.startedAt;
    return {
      rows: t.rows ?? '—',
      size: formatBytes(t.bytes),
      wire: formatBytes(t.wireBytes),
      rate: t.rows === undefined ? '—' : perSecond(t.rows, ms),
    };
  };
  const bar = lazyBar<ReturnType<typeof payload>>('downloading | {rows} rows | {size} ({wire} received) | {rate} rows/s | {duration}s', {
    noTTYOutput: false,
  });
  return {
    // No total is known: the format shows counts and rates, never the bar itself.
    update: (t) => bar.update(t.rows ?? 0, 0, payload(t)),
    stop: () => bar.stop(),
  };
}
