/**
 * What an export run reads a billing period from (ADR 0032, decision 8), chosen by the engine's
 * capability, never its name. With streaming COPY (PostgreSQL) a run writes what the contents
 * serve: a CSV part is the bytes of the CSV's `COPY … WITH (FORMAT csv)`, a Parquet part the record
 * batches decoded from the binary COPY of the same rows. Without it (PGlite) the rows come in
 * chunks through the cursor or by key, and export-files.ts encodes them (csv-encoder.ts,
 * parquet-encoder.ts). Every path writes the same CSV bytes and the same Parquet values.
 */
import type { Db } from '../../storage/database.js';
import type { RowStreams } from '../../storage/engines/database-engine.js';
import { copyBinaryBatches } from './copy-binary-batches.js';
import { CHUNK_ROWS } from './export-contents.service.js';
import { type DatasetRange, datasetCsvSource, datasetRowStream } from './dataset-sources.js';
import { type Profile, columnsRead } from './export-profiles.js';
import type { FocusExportFormat } from './focus-exports.enums.js';
import { datasetBinaryCopyStatement } from './parquet-copy.repository.js';
import { ROW_GROUP_ROWS } from './parquet-writer.js';
import type { PeriodSource } from './period-parts.js';

export interface PeriodRead {
  db: Db;
  streams: RowStreams;
  profile: Profile;
  format: FocusExportFormat;
  /** The workspace, the period's range and the definition's filter. */
  range: DatasetRange;
  /** The clock of the run (the GreenLake ChargeFrequency). */
  now: number;
  /** Rows per record batch decoded from the binary COPY (one row group by default; tests use fewer). */
  batchRows?: number;
}

/** The period's rows as the engine reads them best for the format. Nothing is read until the first pull. */
export function periodSource(read: PeriodRead): PeriodSource {
  const { db, streams, profile, range, now } = read;
  if (streams.streamCopy) {
    if (read.format === 'csv') {
      return { kind: 'csv', chunks: streams.streamCopy(datasetCsvSource(db, profile, { ...range, chunkSize: CHUNK_ROWS }, now).copyStatement) };
    }
    const copy = streams.streamCopy((quote) => datasetBinaryCopyStatement(db, profile, range, now, quote));
    return { kind: 'batches', batches: copyBinaryBatches(copy, profile, read.batchRows ?? ROW_GROUP_ROWS) };
  }
  const spec = datasetRowStream(db, profile, { ...range, columns: columnsRead(profile), chunkSize: CHUNK_ROWS });
  return { kind: 'rows', rows: streams.streamRows(spec) };
}
