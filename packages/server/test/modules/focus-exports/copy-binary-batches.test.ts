/**
 * Binary COPY → Arrow record batches (copy-binary-batches.ts), fed PostgreSQL's own binary COPY
 * output (PGlite's `TO '/dev/blob'`, and PostgreSQL's `TO STDOUT` when it is configured): every
 * value as the row path's encoder (parquet-encoder.ts) writes the same cell, rows split at any
 * chunk boundary, batches of a fixed size, and the row path's refusals with its messages.
 */
import { PGlite } from '@electric-sql/pglite';
import type { RecordBatch } from 'apache-arrow';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CopyBinaryDecoder, copyBinaryBatches } from '../../../src/modules/focus-exports/copy-binary-batches.js';
import type { Profile, ProfileColumn } from '../../../src/modules/focus-exports/export-profiles.js';
import { ParquetValueError, batchEncoder, unscaledDecimal } from '../../../src/modules/focus-exports/parquet-encoder.js';

const column = (header: string, kind: ProfileColumn['kind']): ProfileColumn => ({ header, column: header.toLowerCase(), kind, emptyJson: false });
const PROFILE: Profile = {
  name: 'focus-1.2',
  dataset: 'CostAndUsage',
  columns: [column('Cost', 'decimal'), column('At', 'timestamp'), column('Note', 'string'), column('Quantity', 'decimal')],
};

const LONG = `${'long text, "quoted", ünïcödé '.repeat(200)}end`;
/** [Cost, At, Note, Quantity] as SQL literals, and what the row path reads for the same row. */
const ROWS: [string, string, string, string][] = [
  ["'0'", "'2026-04-02T03:04:05.678Z'", "'plain'", "'1'"],
  ["'-3.5'", "'1969-12-31T23:59:59.5Z'", "'a, \"quoted\"\nline\r\nend'", "'-0.000000000000001'"],
  ["'99999999999999999999999.999999999999999'", 'null', "''", "'10000'"],
  ["'-99999999999999999999999.999999999999999'", "'2000-01-01T00:00:00Z'", "'é 漢字 🎉'", "'0.000000000000001'"],
  ["'123456789012.12345679'", "'2255-06-05T23:47:33Z'", 'null', "'4.2666666666666670000'"],
  ['null', "'1900-01-01T00:00:00.999999Z'", `'${LONG}'`, "'0.35312696'"],
  ["'0.000000000000000000'", "'2026-12-31T23:59:59.999999Z'", "'x'", "'-123456789012345678901.5'"],
];

const selectOf = (rows: readonly (readonly string[])[]) =>
  (rows.length === 0 ? [['null', 'null', 'null', 'null', 'where false']] : rows)
    .map(([cost, at, note, quantity, where = ''], i) => `select ${i} as i, ${cost}::numeric as cost, ${at}::timestamptz as at, ${note}::text as note, ${quantity}::numeric as quantity ${where}`)
    .join(' union all ');
const copyOf = (rows: readonly (readonly string[])[], target: string) =>
  `COPY (select cost, at, note, quantity from (${selectOf(rows)}) r order by i) TO ${target} WITH (FORMAT binary)`;

/** The binary COPY bytes of a query, from an engine; the row objects of the same query. */
interface Source {
  copy(rows: readonly (readonly string[])[]): Promise<Uint8Array>;
  rows(rows: readonly (readonly string[])[]): Promise<Record<string, unknown>[]>;
}

function pgliteSource(): Source & { close(): Promise<void> } {
  let db: PGlite | undefined;
  const open = async () => (db ??= await PGlite.create());
  return {
    async copy(rows) {
      const result = await (await open()).query(copyOf(rows, "'/dev/blob'"));
      return new Uint8Array(await result.blob!.arrayBuffer());
    },
    async rows(rows) {
      // The row path's types: numeric and timestamptz as the server's engines read them (text, Date).
      const result = await (await open()).query<Record<string, unknown>>(`select cost::text, at, note, quantity::text from (${selectOf(rows)}) r order by i`);
      return result.rows;
    },
    close: async () => db?.close(),
  };
}

function postgresSource(url: string): Source & { close(): Promise<void> } {
  const client = new pg.Client({ connectionString: url });
  const connected = client.connect();
  return {
    async copy(rows) {
      await connected;
      const parts: Buffer[] = [];
      for await (const chunk of client.query(copyTo(copyOf(rows, 'STDOUT')))) parts.push(chunk as Buffer);
      return new Uint8Array(Buffer.concat(parts));
    },
    async rows(rows) {
      await connected;
      return (await client.query(`select cost::text, at, note, quantity::text from (${selectOf(rows)}) r order by i`)).rows;
    },
    close: async () => client.end(),
  };
}

/** A batch's cells as comparable values: decimals as unscaled bigints, instants as micros, text as text. */
function cellsOf(batch: RecordBatch): unknown[][] {
  const out: unknown[][] = [];
  for (let r = 0; r < batch.numRows; r++) {
    out.push(
      batch.schema.fields.map((f, j) => {
        const child = batch.getChildAt(j)!;
        if (!child.isValid(r)) return null;
        const values = child.data[0]!.values as ArrayLike<unknown> & ArrayBufferView;
        const view = new DataView(values.buffer, values.byteOffset, values.byteLength);
        if (f.name === 'Cost' || f.name === 'Quantity') {
          return BigInt.asIntN(128, (view.getBigInt64(16 * r + 8, true) << 64n) | view.getBigUint64(16 * r, true));
        }
        if (f.name === 'At') return view.getBigInt64(8 * r, true);
        return child.get(r);
      }),
    );
  }
  return out;
}

function decodeAll(bytes: Uint8Array, chunkSize: number, batchRows: number): RecordBatch[] {
  const decoder = new CopyBinaryDecoder(PROFILE, batchRows);
  const batches: RecordBatch[] = [];
  for (let at = 0; at < bytes.length; at += chunkSize) batches.push(...decoder.push(bytes.subarray(at, at + chunkSize)));
  const last = decoder.end();
  if (last) batches.push(last);
  return batches;
}

const engines: [string, () => Source & { close(): Promise<void> }][] = [['PGlite', pgliteSource]];
if (process.env.CONSUMO_TEST_DATABASE_URL) engines.push(['PostgreSQL', () => postgresSource(process.env.CONSUMO_TEST_DATABASE_URL!)]);

describe.each(engines)('binary COPY to Arrow batches, from %s', (_name, open) => {
  let source: Source & { close(): Promise<void> };
  let bytes: Uint8Array;
  let expected: unknown[][];

  beforeAll(async () => {
    source = open();
    bytes = await source.copy(ROWS);
    // What the row path (parquet-encoder.ts over row objects) writes for the same rows.
    const encoded = batchEncoder(PROFILE, Date.UTC(2026, 11, 1))(await source.rows(ROWS));
    expected = cellsOf(encoded);
  });
  afterAll(async () => source.close());

  it('decodes every cell as the row path encodes it: exact and boundary decimals, truncated instants, bytes of any text, nulls', () => {
    const [batch, ...more] = decodeAll(bytes, bytes.length, 100);
    expect(more).toEqual([]);
    expect(batch!.schema.fields.map((f) => [f.name, String(f.type)])).toEqual([
      ['Cost', 'Decimal[38e+15]'],
      ['At', 'Timestamp<MICROSECOND, UTC>'],
      ['Note', 'Utf8'],
      ['Quantity', 'Decimal[38e+15]'],
    ]);
    const cells = cellsOf(batch!);
    expect(cells).toEqual(expected);
    // And the values themselves, not only agreement with the row path.
    expect(cells.map((r) => r[0])).toEqual([0n, -3_500_000_000_000_000n, 10n ** 38n - 1n, -(10n ** 38n - 1n), 123456789012123456790000000n, null, 0n]);
    expect(cells.map((r) => r[3])).toEqual([
      10n ** 15n, -1n, 10_000n * 10n ** 15n, 1n, 4266666666666667n, 353126960000000n, unscaledDecimal('-123456789012345678901.5', 'Quantity'),
    ]);
    expect(cells.map((r) => r[1])).toEqual([
      BigInt(Date.UTC(2026, 3, 2, 3, 4, 5)) * 1000n,
      -1_000_000n,
      null,
      BigInt(Date.UTC(2000, 0, 1)) * 1000n,
      BigInt(Date.UTC(2255, 5, 5, 23, 47, 33)) * 1000n,
      BigInt(Date.UTC(1900, 0, 1)) * 1000n,
      BigInt(Date.UTC(2026, 11, 31, 23, 59, 59)) * 1000n,
    ]);
    expect(cells.map((r) => r[2])).toEqual(['plain', 'a, "quoted"\nline\r\nend', '', 'é 漢字 🎉', null, LONG, 'x']);
  });

  it.each([1, 3, 7, 64, 4096])('gives the same batches whatever the chunks (%i bytes): a row split anywhere waits for its rest', (chunk) => {
    const batches = decodeAll(bytes, chunk, 3);
    expect(batches.map((b) => b.numRows)).toEqual([3, 3, 1]);
    expect(batches.flatMap(cellsOf)).toEqual(expected);
  });

  it('an empty result is no batch; a stream cut before its trailer fails', async () => {
    const empty = await source.copy([]);
    expect(decodeAll(empty, 5, 10)).toEqual([]);
    expect(() => decodeAll(bytes.subarray(0, bytes.length - 2), 4096, 10)).toThrow(/ended before its trailer/);
    expect(() => decodeAll(bytes.subarray(0, bytes.length - 40), 4096, 10)).toThrow(/ended before its trailer/);
  });

  it.each([
    ["'0.1234567890123456'", 'Cost: 0.1234567890123456 has more than 15 decimal places (Decimal128(38, 15))'],
    ["'-0.00000000000000001'", 'Cost: -0.00000000000000001 has more than 15 decimal places (Decimal128(38, 15))'],
    ["'1.0000000000000000001'", 'Cost: 1.0000000000000000001 has more than 15 decimal places (Decimal128(38, 15))'],
    ["'100000000000000000000000'", 'Cost: 100000000000000000000000 has more than 23 integer digits (Decimal128(38, 15))'],
    ["'-100000000000000000000000.5'", 'Cost: -100000000000000000000000.5 has more than 23 integer digits (Decimal128(38, 15))'],
    ["'NaN'", 'Cost: "NaN" is not a plain decimal'],
  ])('refuses %s as the row path does, with its message', async (cost, message) => {
    const rows: [string, string, string, string][] = [[cost, 'null', 'null', 'null']];
    const [row] = await source.rows(rows);
    // The row path refuses the same text with the same words.
    expect(() => unscaledDecimal(row!.cost as string, 'Cost')).toThrow(message);
    const copied = await source.copy(rows);
    let thrown: unknown;
    try {
      decodeAll(copied, copied.length, 10);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ParquetValueError);
    expect((thrown as Error).message).toBe(message);
  });

  it('reads an async chunk stream, reusing the buffers of batches let go, and stops it when the reader stops', async () => {
    let closed = false;
    async function* chunks() {
      try {
        for (let at = 0; at < bytes.length; at += 10) yield bytes.subarray(at, at + 10);
      } finally {
        closed = true;
      }
    }
    // A batch is read before the next is asked for (its buffers then serve a later batch).
    const cells: unknown[][] = [];
    const sizes: number[] = [];
    for await (const b of copyBinaryBatches(chunks(), PROFILE, 2)) {
      sizes.push(b.numRows);
      cells.push(...cellsOf(b));
    }
    expect(sizes).toEqual([2, 2, 2, 1]);
    expect(cells).toEqual(expected);
    expect(closed).toBe(true);

    closed = false;
    const stream = copyBinaryBatches(chunks(), PROFILE, 2);
    expect(((await stream.next()).value as RecordBatch).numRows).toBe(2);
    await stream.return(undefined);
    expect(closed).toBe(true);
  });
});
