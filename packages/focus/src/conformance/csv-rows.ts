/** CSV as rows of cells, streamed record by record with csv-parse's stream API. */
// Reads CSV as rows of cells with csv-parse's stream API, one record at a time: the header first, an
// empty field as null, blank lines skipped. Records wait in a small queue (the parser pauses past
// QUEUE_LIMIT), so a file of any size never sits in memory — and every record parsed before a syntax
// error is still handed out before the error.
import type { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { Cell } from './cells.js';

/** The CSV is broken (e.g. an unclosed quote) at a data row (0: the header); the rows before it were read. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const QUEUE_LIMIT = 1024;

const toCell = (value: string): Cell => (value === '' ? null : value);

/** Rows of cells, the header first; the input is destroyed when iteration ends or stops early. */
export async function* csvRows(input: Readable): AsyncGenerator<Cell[]> {
  // Rows keep their own length (relax_column_count): a short or long row is the checker's to report.
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true });
  let queue: Cell[][] = [];
  let records = 0;
  let failure: unknown;
  let ended = false;
  let wake: (() => void) | undefined;
  parser.on('data', (record: string[]) => {
    records++;
    queue.push(record.map(toCell));
    if (queue.length >= QUEUE_LIMIT) parser.pause();
    wake?.();
  });
  parser.on('error', (err) => {
    failure = err;
    wake?.();
  });
  parser.on('end', () => {
    ended = true;
    wake?.();
  });
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  try {
    for (;;) {
      const batch = queue;
      queue = [];
      yield* batch;
      if (queue.length > 0) continue;
      if (failure !== undefined) {
        // `records` counts the header: the broken record is data row `records` (0 when it is the header).
        if (failure instanceof CsvError) throw new CsvSyntaxError(records, `not valid CSV from here on (${failure.message})`);
        throw failure;
      }
      if (ended) return;
      if (parser.isPaused()) parser.resume();
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  } finally {
    parser.destroy();
    input.destroy();
  }
}
