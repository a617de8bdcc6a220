/**
 * What an export run writes a billing period from, handed out a part's worth at a time (ADR 0032,
 * decision 8): row chunks encoded in JavaScript (engines without streaming COPY: PGlite), or on
 * PostgreSQL the bytes of the CSV's COPY, cut at the end of a row, and the record batches decoded
 * from the binary COPY, sliced where a part ends. Every piece says how many rows it holds, so parts
 * and manifests count the same rows on every path.
 */
import type { RecordBatch } from 'apache-arrow';
import type { Row } from '../../storage/engines/database-engine.js';
import { CsvRowCutter } from './csv-row-cutter.js';

/** The rows of a billing period, as the engine reads them. */
export type PeriodSource =
  /** Row chunks in key order (every engine). */
  | { kind: 'rows'; rows: AsyncGenerator<Row[], void, undefined> }
  /** CSV lines after the header, LF-terminated (PostgreSQL's `COPY … WITH (FORMAT csv)`). */
  | { kind: 'csv'; chunks: AsyncGenerator<string | Uint8Array, void, undefined> }
  /** Arrow record batches of the profile (a binary COPY decoded, copy-binary-batches.ts). */
  | { kind: 'batches'; batches: AsyncGenerator<RecordBatch, void, undefined> };

export interface Piece<T> {
  value: T;
  rows: number;
}

/** A period's rows handed out in pieces of at most a part's remaining room. */
export interface PartPieces<T> {
  /** True while a row remains. */
  hasMore(): Promise<boolean>;
  /** The next piece of at most `max` rows, or undefined at the end. A piece may hold no whole row (a row cut across COPY chunks). */
  take(max: number): Promise<Piece<T> | undefined>;
}

/** Ends the source's read (the cursor, the COPY and its connection), at its end or before it. */
export async function closeSource(source: PeriodSource): Promise<void> {
  if (source.kind === 'rows') await source.rows.return(undefined);
  else if (source.kind === 'csv') await source.chunks.return(undefined);
  else await source.batches.return(undefined);
}

/** Pulls chunks from the row stream and hands them out cut to a part's remaining room. */
export class ChunkReader {
  private pending: Row[] | undefined;
  constructor(private readonly rows: AsyncGenerator<Row[], void, undefined>) {}

  async hasMore(): Promise<boolean> {
    while (!this.pending || this.pending.length === 0) {
      const next = await this.rows.next();
      if (next.done) return false;
      this.pending = next.value;
    }
    return true;
  }

  /** Up to `max` rows, or undefined at the end. */
  async take(max: number): Promise<Row[] | undefined> {
    if (!(await this.hasMore())) return undefined;
    const chunk = this.pending!;
    if (chunk.length <= max) {
      this.pending = undefined;
      return chunk;
    }
    this.pending = chunk.slice(max);
    return chunk.slice(0, max);
  }
}

/** Row chunks, each cut to the room left and encoded (a CSV text, a record batch). */
export function rowPieces<T>(rows: AsyncGenerator<Row[], void, undefined>, encode: (chunk: Row[]) => T): PartPieces<T> {
  const reader = new ChunkReader(rows);
  return {
    hasMore: () => reader.hasMore(),
    async take(max) {
      const chunk = await reader.take(max);
      return chunk && { value: encode(chunk), rows: chunk.length };
    },
  };
}

/**
 * The CSV bytes of a COPY, passed on as they come and cut only where a part's last row ends; the
 * rows are counted by their line ends outside quotes. A stream that stops inside a row is refused.
 */
export function csvCopyPieces(chunks: AsyncGenerator<string | Uint8Array, void, undefined>): PartPieces<Uint8Array> {
  const cutter = new CsvRowCutter();
  let pending: Uint8Array | undefined;
  const hasMore = async (): Promise<boolean> => {
    while (!pending || pending.length === 0) {
      const next = await chunks.next();
      if (next.done) {
        if (!cutter.atRowEnd) throw new Error('CSV COPY: the stream ended inside a row');
        return false;
      }
      pending = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
    return true;
  };
  return {
    hasMore,
    async take(max) {
      if (!(await hasMore())) return undefined;
      const chunk = pending!;
      const { end, rows } = cutter.cut(chunk, 0, max);
      if (end === chunk.length) {
        pending = undefined;
        return { value: chunk, rows };
      }
      pending = chunk.subarray(end);
      return { value: chunk.subarray(0, end), rows };
    },
  };
}

/**
 * Record batches, a batch sliced where a part ends. The rest of a sliced batch is handed out before
 * the next batch is asked for: copyBinaryBatches reuses a batch's buffers once the next is asked for.
 */
export function batchPieces(batches: AsyncGenerator<RecordBatch, void, undefined>): PartPieces<RecordBatch> {
  let pending: RecordBatch | undefined;
  const hasMore = async (): Promise<boolean> => {
    while (!pending || pending.numRows === 0) {
      const next = await batches.next();
      if (next.done) return false;
      pending = next.value;
    }
    return true;
  };
  return {
    hasMore,
    async take(max) {
      if (!(await hasMore())) return undefined;
      const batch = pending!;
      if (batch.numRows <= max) {
        pending = undefined;
        return { value: batch, rows: batch.numRows };
      }
      pending = batch.slice(max);
      return { value: batch.slice(0, max), rows: max };
    },
  };
}
