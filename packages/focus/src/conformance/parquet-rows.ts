/** Parquet as rows of cells, read record batch by record batch with parquet-wasm. */
// Reads Parquet as rows of cells with parquet-wasm, one record batch at a time (the file is read
// through a Blob, slice by slice): the header first (the schema's column names), then each row, nulls
// as null. parquet-wasm and apache-arrow are loaded on first use only.
import { openAsBlob } from 'node:fs';
import type { RecordBatch } from 'parquet-wasm';
import type { Cell } from './cells.js';

export interface ParquetReadOptions {
  /** Rows per record batch (default 8192): what is held at once, besides parquet-wasm's row-group buffers. */
  batchSize?: number;
}

/** Rows of cells, the header first, from a Parquet file path or its bytes. */
export async function* parquetRows(source: string | Blob | Uint8Array, options: ParquetReadOptions = {}): AsyncGenerator<Cell[]> {
  const [{ ParquetFile }, { tableFromIPC }, { cellReaderOf }] = await Promise.all([import('parquet-wasm'), import('apache-arrow'), import('./arrow-cells.js')]);
  const blob = typeof source === 'string' ? await openAsBlob(source) : source instanceof Uint8Array ? new Blob([source]) : source;
  const file = await ParquetFile.fromFile(blob);
  try {
    const schema = tableFromIPC(file.schema().intoIPCStream()).schema;
    yield schema.fields.map((f) => f.name);
    const batches = (await file.stream({ batchSize: options.batchSize ?? 8192 })) as unknown as AsyncIterable<RecordBatch>;
    for await (const batch of batches) {
      const table = tableFromIPC(batch.intoIPCStream());
      const readers = schema.fields.map((_f, i) => cellReaderOf(table.getChildAt(i)!));
      for (let row = 0; row < table.numRows; row++) yield readers.map((read) => read(row));
    }
  } finally {
    file.free();
  }
}
