/** Streams a response body to FILE through FILE.part (renamed once complete), gunzipping or gzipping on the way, counting rows and bytes. */
import { rmSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createGunzip, createGzip } from 'node:zlib';
import { UsageError } from '../connection.js';
import { CsvRecordCounter } from './csv-records.js';

export const PART_SUFFIX = '.part';

export interface DownloadTotals {
  /** Data rows (CSV records after the header); undefined when the body is not CSV. */
  rows: number | undefined;
  /** Bytes written to FILE. */
  bytes: number;
  /** Bytes received from the server (compressed when gzip went over the wire). */
  wireBytes: number;
}

export interface DownloadToFile {
  body: ReadableStream<Uint8Array>;
  file: string;
  /** The answer's Content-Encoding is gzip. */
  gzipped: boolean;
  /** The body is CSV, so its rows are counted. */
  csv: boolean;
  onProgress?: (totals: DownloadTotals) => void;
}

/** FILE ends in .gz: it is written gzip-compressed (the wire's gzip kept as is). */
export const keepsGzip = (file: string) => /\.gz$/i.test(file);

/** Passes chunks through unchanged, showing each to `see` first. */
function tap(see: (chunk: Buffer) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      see(chunk);
      done(null, chunk);
    },
  });
}

/** Passes the gzip bytes through unchanged and gunzips a copy for `see`; ends only once the copy has been read to its end. */
function gunzippedTap(see: (chunk: Buffer) => void): Transform {
  const copy = createGunzip();
  copy.on('data', see);
  const ended = new Promise<void>((resolve, reject) => copy.once('end', resolve).once('error', reject));
  return new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      // Waiting for the copy's drain keeps its buffer bounded.
      if (copy.write(chunk)) done(null, chunk);
      else copy.once('drain', () => done(null, chunk));
    },
    flush(done: TransformCallback) {
      copy.end();
      ended.then(() => done(), done);
    },
  });
}

/**
 * Writes the body to FILE + '.part' and renames it to FILE when the last byte is on disk; on any
 * failure (and on SIGINT/SIGTERM) the .part file is removed, so FILE is either complete or absent.
 * Never holds the body in memory: backpressure runs from the file back to the socket.
 */
export async function downloadToFile(d: DownloadToFile): Promise<DownloadTotals> {
  const part = d.file + PART_SUFFIX;
  const handle = await open(part, 'w').catch((err: Error) => {
    throw new UsageError(`cannot write ${part}: ${err.message}`);
  });
  const totals: DownloadTotals = { rows: d.csv ? 0 : undefined, bytes: 0, wireBytes: 0 };
  const counter = new CsvRecordCounter();
  const countCsv = (chunk: Buffer) => {
    counter.add(chunk);
    totals.rows = counter.rows;
  };
  const keep = keepsGzip(d.file);
  const stages: NodeJS.ReadWriteStream[] = [tap((c) => (totals.wireBytes += c.length))];
  if (d.gzipped && !keep) stages.push(createGunzip());
  if (d.csv) stages.push(d.gzipped && keep ? gunzippedTap(countCsv) : tap(countCsv));
  if (!d.gzipped && keep) stages.push(createGzip());
  stages.push(
    tap((c) => {
      totals.bytes += c.length;
      d.onProgress?.(totals);
    }),
  );

  const interrupted = (signal: NodeJS.Signals) => {
    rmSync(part, { force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    await pipeline([Readable.fromWeb(d.body as WebReadableStream<Uint8Array>), ...stages, handle.createWriteStream()]);
    await rename(part, d.file);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(part, { force: true });
    throw err;
  } finally {
    process.removeListener('SIGINT', interrupted).removeListener('SIGTERM', interrupted);
  }
  if (d.csv) totals.rows = counter.rows;
  return totals;
}
