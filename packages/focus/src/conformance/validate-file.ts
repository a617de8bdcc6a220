/** Checks a FOCUS file: CSV, gzip-compressed CSV or Parquet, by extension unless told. */
// Checks a FOCUS file: CSV (`.csv`, or gzip-compressed `.csv.gz`, unpacked on the fly) or Parquet
// (`.parquet`), its format told by the extension unless given. Problems of access — a missing or
// unreadable file, an unknown format, a stream that breaks — are FocusFileErrors, not violations.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { Cell } from './cells.js';
import { type CheckOptions, ConformanceChecker } from './conformance-checker.js';
import { CsvSyntaxError, csvRows } from './csv-rows.js';
import { type ParquetReadOptions, parquetRows } from './parquet-rows.js';
import type { ConformanceReport } from './violation.js';

export type FocusFileFormat = 'csv' | 'parquet';

/** The file cannot be read as the format it is taken for: no conformance verdict. */
export class FocusFileError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FocusFileError';
  }
}

export interface ValidateFileOptions extends CheckOptions, ParquetReadOptions {
  /** Default: from the extension (.csv, .csv.gz, .parquet). */
  format?: FocusFileFormat;
}

/** The format a file name stands for, if any; `.gz` means gzip-compressed CSV. */
export function formatOfFile(file: string): { format: FocusFileFormat; gzip: boolean } | undefined {
  const name = file.toLowerCase();
  if (name.endsWith('.csv')) return { format: 'csv', gzip: false };
  if (name.endsWith('.csv.gz')) return { format: 'csv', gzip: true };
  if (name.endsWith('.parquet')) return { format: 'parquet', gzip: false };
  return undefined;
}

async function feed(checker: ConformanceChecker, rows: AsyncIterable<Cell[]>, what: string): Promise<ConformanceReport> {
  let first = true;
  try {
    for await (const cells of rows) {
      if (first) checker.header(cells);
      else checker.row(cells);
      first = false;
    }
  } catch (err) {
    if (!(err instanceof CsvSyntaxError)) throw new FocusFileError(`cannot read ${what}: ${(err as Error).message}`, { cause: err });
    checker.fileProblem(err.row, 'csv-syntax', err.message);
  }
  return checker.finish();
}

/** Checks CSV text from a stream (e.g. an export being written), the header first. */
export function validateCsv(input: Readable, options: CheckOptions = {}): Promise<ConformanceReport> {
  return feed(new ConformanceChecker(options), csvRows(input), 'the CSV');
}

/** Checks a Parquet file (a path) or its bytes. */
export function validateParquet(source: string | Blob | Uint8Array, options: CheckOptions & ParquetReadOptions = {}): Promise<ConformanceReport> {
  return feed(new ConformanceChecker(options), parquetRows(source, options), typeof source === 'string' ? source : 'the Parquet data');
}

export async function validateFile(file: string, options: ValidateFileOptions = {}): Promise<ConformanceReport> {
  const known = formatOfFile(file);
  const format = options.format ?? known?.format;
  if (format === undefined) throw new FocusFileError(`cannot tell the format of ${file} from its extension (.csv, .csv.gz, .parquet); give the format`);
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new FocusFileError(`${file} is not a file`);
  } catch (err) {
    if (err instanceof FocusFileError) throw err;
    throw new FocusFileError(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  if (format === 'parquet') return validateParquet(file, options);
  const source = createReadStream(file);
  if (!file.toLowerCase().endsWith('.gz')) return feed(new ConformanceChecker(options), csvRows(source), file);
  const gunzip = createGunzip();
  source.on('error', (err) => gunzip.destroy(err));
  return feed(new ConformanceChecker(options), csvRows(source.pipe(gunzip)), file);
}
