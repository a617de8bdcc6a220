/** What `consumo ingest` shows while it runs: a bar on a terminal, otherwise a line every few batches (on stderr). */
import { lazyBar } from '../progress-bar.js';

export interface IngestProgress {
  /** Bytes of the file read so far, and its size. */
  bytes: number;
  size: number;
  /** Sent and acknowledged by this run. */
  events: number;
  accepted: number;
  duplicates: number;
  batches: number;
  /** Lines 1..line are acknowledged. */
  line: number;
  elapsedMs: number;
}

export interface IngestProgressView {
  update(progress: IngestProgress): void;
  stop(): void;
}

/** Events per second, as a whole number. */
export const eventRate = (events: number, elapsedMs: number) => (elapsedMs > 0 ? Math.round((events * 1000) / elapsedMs) : 0);

const percentOf = (p: IngestProgress) => (p.size > 0 ? Math.min(100, Math.floor((p.bytes * 100) / p.size)) : 100);

/** Batches between two progress lines: about one line per 10,000 events. */
export const linesEvery = (batchSize: number) => Math.max(1, Math.round(10_000 / batchSize));

export function ingestProgressView(options: { tty: boolean; batchSize: number; stream?: NodeJS.WriteStream }): IngestProgressView {
  const stream = options.stream ?? process.stderr;
  if (options.tty) {
    const bar = lazyBar<{ events: number; rate: number }>(
      'ingest [{bar}] {percentage}% | {events} events | {rate} events/s | ETA {eta_formatted}',
      { stream, etaBuffer: 20 },
    );
    return {
      update: (p) => bar.update(Math.min(p.bytes, p.size), Math.max(1, p.size), { events: p.events, rate: eventRate(p.events, p.elapsedMs) }),
      stop: () => bar.stop(),
    };
  }
  const every = linesEvery(options.batchSize);
  return {
    update(p) {
      if (p.batches % every !== 0) return;
      stream.write(
        `batch ${p.batches} (up to line ${p.line}): ${p.events} events sent (accepted ${p.accepted}, duplicates ${p.duplicates}), ` +
          `${eventRate(p.events, p.elapsedMs)} events/s, ${percentOf(p)}% of the file read\n`,
      );
    },
    stop() {},
  };
}
