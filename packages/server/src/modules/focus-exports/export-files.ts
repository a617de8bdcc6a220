/**
 * Writing one billing period of an export run to files: the period's rows, streamed from the
 * database (period-parts.ts: row chunks encoded here, or on PostgreSQL the CSV COPY's bytes and the
 * binary COPY's record batches, ADR 0032), written as CSV (optionally gzipped) or Parquet into part
 * files of at most `partRows` rows, each write waiting for 'drain' and hashed on its way to the
 * file; then `manifest.json` (temp name, renamed) and the period's FOCUS metadata
 * (`metadata.json`), all in a temporary sibling directory that is swapped into place: the old
 * directory renamed aside, the new one renamed in, the old one deleted. A temp or aside directory a
 * crash left behind is removed by the next write of that period, so a period's files are always one
 * run's, never two.
 */
import { type Hash, createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { RecordBatch } from 'apache-arrow';
import type { FocusExportCompression, FocusExportDataset, FocusExportFormat, FocusExportProfile } from './focus-exports.enums.js';
import { headerLine, rowEncoder } from './csv-encoder.js';
import type { Profile } from './export-profiles.js';
import { batchEncoder } from './parquet-encoder.js';
import { parquetByteStream } from './parquet-writer.js';
import { type PartPieces, type PeriodSource, batchPieces, closeSource, csvCopyPieces, rowPieces } from './period-parts.js';

export interface PeriodFile {
  name: string;
  rows: number;
  bytes: number;
  sha256: string;
}

export interface PeriodManifest {
  runId: string;
  exportId: string;
  profile: FocusExportProfile;
  /** The FOCUS dataset of the files (the profile's). */
  dataset: FocusExportDataset;
  focusVersion: '1.0' | '1.2' | '1.3';
  format: FocusExportFormat;
  compression: FocusExportCompression;
  billingPeriod: string;
  range: { from: string; to: string };
  files: PeriodFile[];
  rows: number;
  bytes: number;
  createdAt: string;
  /** The period's FOCUS 1.3 metadata file, beside the parts (ADR 0025). */
  metadata?: Omit<PeriodFile, 'rows'>;
}

/** Bytes a sink's streams buffer before a write waits: room for a COPY chunk or two while the last is written. */
const SINK_BUFFER_BYTES = 1 << 20;

/**
 * A file written with backpressure (each write waits for 'drain' when the buffer is full), the
 * sha256 of its bytes (after gzip) taken on their way to the file, so the file is never read back.
 */
class FileSink {
  private readonly file: Writable;
  private readonly out: Writable;
  private readonly done: Promise<void>;
  private readonly hash: Hash = createHash('sha256');

  constructor(file: string, gzip: boolean) {
    this.file = createWriteStream(file, { flags: 'wx', highWaterMark: SINK_BUFFER_BYTES });
    const hash = this.hash;
    const tap = new Transform({
      highWaterMark: SINK_BUFFER_BYTES,
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    if (gzip) {
      const zip = createGzip();
      this.out = zip;
      this.done = pipeline(zip, tap, this.file);
    } else {
      this.out = tap;
      this.done = pipeline(tap, this.file);
    }
    // Errors surface through `done`; this keeps one from going unhandled before it is awaited.
    this.done.catch(() => undefined);
  }

  /** The sha256 of the file's bytes, once `end` has resolved. */
  sha256(): string {
    return this.hash.digest('hex');
  }

  async write(data: string | Uint8Array): Promise<void> {
    if (!this.out.write(data)) await Promise.race([once(this.out, 'drain'), this.done.then(() => undefined)]);
  }

  async end(): Promise<void> {
    this.out.end();
    await this.done;
  }

  destroy(): void {
    this.out.destroy();
    this.file.destroy();
  }
}

/** A written part: its rows and the sha256 of its bytes. */
interface WrittenPart {
  rows: number;
  sha256: string;
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface PeriodJob {
  /** Where the period's directory goes (`…/<workspace>/<export>`). */
  exportRoot: string;
  billingPeriod: string;
  /** The period's rows: row chunks, or on PostgreSQL the CSV COPY's bytes (CSV) or the binary COPY's batches (Parquet). */
  source: PeriodSource;
  profile: Profile;
  format: FocusExportFormat;
  compression: FocusExportCompression;
  partRows: number;
  now: number;
  manifest: Omit<PeriodManifest, 'files' | 'rows' | 'bytes' | 'billingPeriod' | 'format' | 'compression' | 'metadata' | 'dataset'>;
  /** The period's FOCUS metadata (focus-metadata.ts), written as `metadata.json` beside the parts. */
  metadata?: unknown;
  signal?: AbortSignal;
}

export const METADATA_FILE = 'metadata.json';
/** A period directory's manifest: its files, rows, bytes and checksums (read back by export-run-manifests.service.ts). */
export const MANIFEST_FILE = 'manifest.json';

export function periodDirName(billingPeriod: string): string {
  return `BILLING_PERIOD=${billingPeriod}`;
}

function extensionOf(format: FocusExportFormat, compression: FocusExportCompression): string {
  if (format === 'parquet') return 'parquet';
  return compression === 'gzip' ? 'csv.gz' : 'csv';
}

/** The CSV text of a period: its row chunks encoded here, or the COPY's bytes as they are. */
function csvPieces(job: PeriodJob): PartPieces<string | Uint8Array> {
  const source = job.source;
  if (source.kind === 'csv') return csvCopyPieces(source.chunks);
  if (source.kind !== 'rows') throw new Error(`a CSV part is not written from ${source.kind}`);
  const encode = rowEncoder(job.profile, job.now);
  return rowPieces(source.rows, (chunk) => {
    let text = '';
    for (const row of chunk) text += encode(row);
    return text;
  });
}

/** The record batches of a period: its row chunks encoded here, or the batches decoded from the binary COPY. */
function parquetPieces(job: PeriodJob): PartPieces<RecordBatch> {
  const source = job.source;
  if (source.kind === 'batches') return batchPieces(source.batches);
  if (source.kind !== 'rows') throw new Error(`a Parquet part is not written from ${source.kind}`);
  return rowPieces(source.rows, batchEncoder(job.profile, job.now));
}

async function writeCsvPart(file: string, pieces: PartPieces<string | Uint8Array>, job: PeriodJob): Promise<WrittenPart> {
  const sink = new FileSink(file, job.compression === 'gzip');
  let rows = 0;
  try {
    await sink.write(headerLine(job.profile));
    while (rows < job.partRows) {
      job.signal?.throwIfAborted();
      const piece = await pieces.take(job.partRows - rows);
      if (!piece) break;
      await sink.write(piece.value);
      rows += piece.rows;
    }
    await sink.end();
  } catch (err) {
    sink.destroy();
    throw err;
  }
  return { rows, sha256: sink.sha256() };
}

async function writeParquetPart(file: string, pieces: PartPieces<RecordBatch>, job: PeriodJob): Promise<WrittenPart> {
  let rows = 0;
  // Set by the batch source when reading or encoding fails; the bytes after it are not to be trusted.
  const state: { failure?: { err: unknown } } = {};
  const check = () => {
    if (state.failure) throw state.failure.err;
  };
  const next = async () => {
    try {
      job.signal?.throwIfAborted();
      if (rows >= job.partRows) return undefined;
      const piece = await pieces.take(job.partRows - rows);
      if (!piece) return undefined;
      rows += piece.rows;
      return piece.value;
    } catch (err) {
      state.failure = { err };
      throw err;
    }
  };
  const bytes = await parquetByteStream(next);
  const sink = new FileSink(file, false);
  try {
    for (;;) {
      const { done, value } = await bytes.read();
      check();
      if (done) break;
      await sink.write(value);
    }
    check();
    await sink.end();
  } catch (err) {
    sink.destroy();
    await bytes.cancel().catch(() => undefined);
    throw err;
  } finally {
    bytes.releaseLock();
  }
  return { rows, sha256: sink.sha256() };
}

/** Writes the period's parts and manifest and swaps them into place; the manifest it wrote. */
export async function writePeriod(job: PeriodJob): Promise<PeriodManifest> {
  const name = periodDirName(job.billingPeriod);
  const target = path.join(job.exportRoot, name);
  const temp = path.join(job.exportRoot, `.${name}.tmp`);
  const aside = path.join(job.exportRoot, `.${name}.old`);
  await mkdir(job.exportRoot, { recursive: true });
  // Leftovers of a run that crashed while writing or swapping this period.
  await rm(temp, { recursive: true, force: true });
  if (await exists(aside)) {
    if (await exists(target)) await rm(aside, { recursive: true, force: true });
    else await rename(aside, target);
  }
  await mkdir(temp);

  const files: PeriodFile[] = [];
  try {
    const ext = extensionOf(job.format, job.compression);
    const csv = job.format === 'csv' ? csvPieces(job) : undefined;
    const parquet = job.format === 'parquet' ? parquetPieces(job) : undefined;
    const pieces: PartPieces<unknown> = csv ?? parquet!;
    while (await pieces.hasMore()) {
      const fileName = `part-${String(files.length + 1).padStart(5, '0')}.${ext}`;
      const file = path.join(temp, fileName);
      const part = csv ? await writeCsvPart(file, csv, job) : await writeParquetPart(file, parquet!, job);
      files.push({ name: fileName, rows: part.rows, bytes: (await stat(file)).size, sha256: part.sha256 });
    }
  } catch (err) {
    // A failed or stopped write (an error, a shutdown) leaves nothing behind; only a crash can.
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw err;
  } finally {
    await closeSource(job.source);
  }

  const manifest: PeriodManifest = {
    runId: job.manifest.runId,
    exportId: job.manifest.exportId,
    profile: job.manifest.profile,
    dataset: job.profile.dataset,
    focusVersion: job.manifest.focusVersion,
    format: job.format,
    compression: job.format === 'parquet' ? 'none' : job.compression,
    billingPeriod: job.billingPeriod,
    range: job.manifest.range,
    files,
    rows: files.reduce((n, f) => n + f.rows, 0),
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    createdAt: job.manifest.createdAt,
  };
  if (job.metadata !== undefined) {
    const file = path.join(temp, METADATA_FILE);
    await writeFile(file, `${JSON.stringify(job.metadata, null, 2)}\n`);
    manifest.metadata = { name: METADATA_FILE, bytes: (await stat(file)).size, sha256: await sha256Of(file) };
  }
  const manifestTemp = path.join(temp, '.manifest.json.tmp');
  await writeFile(manifestTemp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(manifestTemp, path.join(temp, MANIFEST_FILE));

  if (await exists(target)) await rename(target, aside);
  await rename(temp, target);
  await rm(aside, { recursive: true, force: true });
  return manifest;
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * The export's own `metadata.json`, beside its period directories: `build` given the time sectors of
 * every period directory's metadata (in time order), written under a temporary name and renamed, so
 * a reader sees the old or the new file, never a part. Periods written by an older Consumo without
 * metadata are left out.
 */
export async function writeExportMetadata<S extends { TimeSectorStart: string }>(exportRoot: string, build: (sectors: S[]) => unknown): Promise<void> {
  const sectors: S[] = [];
  for (const entry of (await readdir(exportRoot)).filter((n) => n.startsWith('BILLING_PERIOD=')).sort()) {
    let text: string;
    try {
      text = await readFile(path.join(exportRoot, entry, METADATA_FILE), 'utf8');
    } catch {
      continue;
    }
    const metadata = JSON.parse(text) as { Recency?: { TimeSectors?: S[] }[] };
    sectors.push(...(metadata.Recency?.[0]?.TimeSectors ?? []));
  }
  sectors.sort((a, b) => (a.TimeSectorStart < b.TimeSectorStart ? -1 : a.TimeSectorStart > b.TimeSectorStart ? 1 : 0));
  const temp = path.join(exportRoot, `.${METADATA_FILE}.${randomUUID()}.tmp`);
  await writeFile(temp, `${JSON.stringify(build(sectors), null, 2)}\n`);
  await rename(temp, path.join(exportRoot, METADATA_FILE));
}
