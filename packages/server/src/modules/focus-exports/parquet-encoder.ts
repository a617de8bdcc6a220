/**
 * A profile's rows as Arrow record batches (apache-arrow), one batch per chunk of rows, with the
 * same cell values as the CSV (cell-values.ts). Types: decimals Decimal128(38, 15), times
 * Timestamp(MICROSECOND, 'UTC') in whole seconds, everything else (JSON included) Utf8; every
 * field nullable. A decimal that does not fit exactly is an error, never a rounding.
 */
import {
  type DataType,
  Decimal,
  Field,
  RecordBatch,
  Schema,
  Struct,
  TimeUnit,
  Timestamp,
  Utf8,
  makeData,
} from 'apache-arrow';
import { type CellReader, cellReader, valueTypeOf } from './cell-values.js';
import type { Profile } from './export-profiles.js';

/** Precision and scale of every decimal column: costs have 8 places, quantities 15, and 23 integer digits remain. */
export const DECIMAL_PRECISION = 38;
export const DECIMAL_SCALE = 15;
const MAX_INTEGER_DIGITS = DECIMAL_PRECISION - DECIMAL_SCALE;
const FRACTION_ZEROS = '0'.repeat(DECIMAL_SCALE);

/** Thrown when a stored value cannot be written without losing digits. */
export class ParquetValueError extends Error {
  override name = 'ParquetValueError';
}

const DECIMAL_TEXT = /^(-?)(\d+)(?:\.(\d+))?$/;

/** `-3.5` → its unscaled Decimal128 value at DECIMAL_SCALE (`-3500000000000000000n`), or an error when digits would be lost. */
export function unscaledDecimal(text: string, column: string): bigint {
  const m = DECIMAL_TEXT.exec(text);
  if (!m) throw new ParquetValueError(`${column}: ${JSON.stringify(text)} is not a plain decimal`);
  const integer = m[2]!.replace(/^0+(?=\d)/, '');
  let fraction = m[3] ?? '';
  if (fraction.length > DECIMAL_SCALE) {
    if (!/^0*$/.test(fraction.slice(DECIMAL_SCALE))) {
      throw new ParquetValueError(`${column}: ${text} has more than ${DECIMAL_SCALE} decimal places (Decimal128(${DECIMAL_PRECISION}, ${DECIMAL_SCALE}))`);
    }
    fraction = fraction.slice(0, DECIMAL_SCALE);
  }
  if (integer.length > MAX_INTEGER_DIGITS && integer !== '0') {
    throw new ParquetValueError(`${column}: ${text} has more than ${MAX_INTEGER_DIGITS} integer digits (Decimal128(${DECIMAL_PRECISION}, ${DECIMAL_SCALE}))`);
  }
  const unscaled = BigInt(integer + fraction + FRACTION_ZEROS.slice(fraction.length));
  return m[1] ? -unscaled : unscaled;
}

export function arrowTypeOf(type: ReturnType<typeof valueTypeOf>): DataType {
  switch (type) {
    case 'decimal':
      return new Decimal(DECIMAL_SCALE, DECIMAL_PRECISION, 128);
    case 'timestamp':
      return new Timestamp(TimeUnit.MICROSECOND, 'UTC');
    default:
      return new Utf8();
  }
}

/** The Arrow schema of a profile: its headers in order, every field nullable. */
export function arrowSchemaOf(profile: Profile): Schema {
  return new Schema(profile.columns.map((c) => new Field(c.header, arrowTypeOf(valueTypeOf(c.kind)), true)));
}

type Row = Record<string, unknown>;

/** A validity bitmap (LSB first) and its null count, or none when nothing is null. */
class Validity {
  readonly bits: Uint8Array;
  nulls = 0;
  constructor(length: number) {
    this.bits = new Uint8Array((length + 7) >> 3);
  }
  set(i: number): void {
    this.bits[i >> 3]! |= 1 << (i & 7);
  }
  get bitmap(): Uint8Array | undefined {
    return this.nulls === 0 ? undefined : this.bits;
  }
}

const utf8 = new TextEncoder();

function decimalData(type: DataType, read: (row: Row) => string | null, rows: readonly Row[], column: string) {
  const n = rows.length;
  const words = new BigInt64Array(n * 2);
  const validity = new Validity(n);
  for (let i = 0; i < n; i++) {
    const text = read(rows[i]!);
    if (text === null) {
      validity.nulls++;
      continue;
    }
    validity.set(i);
    const v = unscaledDecimal(text, column);
    // Little-endian two's complement: low 64 bits, then the high 64 (sign-extended).
    words[2 * i] = BigInt.asIntN(64, v);
    words[2 * i + 1] = BigInt.asIntN(64, v >> 64n);
  }
  return makeData({
    type: type as Decimal,
    length: n,
    nullCount: validity.nulls,
    nullBitmap: validity.bitmap,
    data: new Uint32Array(words.buffer),
  });
}

const TWO_32 = 2 ** 32;

function timestampData(type: DataType, read: (row: Row) => number | null, rows: readonly Row[]) {
  const n = rows.length;
  // Int64 microseconds as little-endian 32-bit halves: whole-second ms × 1000 stays an exact double (below 2^53 until year 2255).
  const words = new Int32Array(n * 2);
  const validity = new Validity(n);
  for (let i = 0; i < n; i++) {
    const ms = read(rows[i]!);
    if (ms === null) {
      validity.nulls++;
      continue;
    }
    validity.set(i);
    const micros = ms * 1000;
    const high = Math.floor(micros / TWO_32);
    words[2 * i] = micros - high * TWO_32;
    words[2 * i + 1] = high;
  }
  return makeData({ type: type as Timestamp, length: n, nullCount: validity.nulls, nullBitmap: validity.bitmap, data: words });
}

function utf8Data(type: DataType, read: (row: Row) => string | null, rows: readonly Row[]) {
  const n = rows.length;
  const offsets = new Int32Array(n + 1);
  const validity = new Validity(n);
  let bytes = new Uint8Array(Math.max(1024, n * 16));
  let end = 0;
  for (let i = 0; i < n; i++) {
    const text = read(rows[i]!);
    if (text === null) validity.nulls++;
    else {
      validity.set(i);
      // A UTF-16 unit takes at most 3 UTF-8 bytes.
      const worst = end + text.length * 3;
      if (worst > bytes.length) {
        const grown = new Uint8Array(Math.max(worst, bytes.length * 2));
        grown.set(bytes.subarray(0, end));
        bytes = grown;
      }
      end += utf8.encodeInto(text, bytes.subarray(end)).written;
    }
    offsets[i + 1] = end;
  }
  return makeData({ type: type as Utf8, length: n, nullCount: validity.nulls, nullBitmap: validity.bitmap, valueOffsets: offsets, data: bytes.subarray(0, end) });
}

export type BatchEncoder = (rows: readonly Row[]) => RecordBatch;

/** A rows → record batch function for a profile; `now` as for the CSV. */
export function batchEncoder(profile: Profile, now: number): BatchEncoder {
  const schema = arrowSchemaOf(profile);
  const readers: CellReader[] = profile.columns.map((c) => cellReader(c, now));
  return (rows) => {
    const children = readers.map((reader, i) => {
      const field = schema.fields[i]!;
      switch (reader.type) {
        case 'decimal':
          return decimalData(field.type, reader.read, rows, field.name);
        case 'timestamp':
          return timestampData(field.type, reader.read, rows);
        default:
          return utf8Data(field.type, reader.read, rows);
      }
    });
    const struct = makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children });
    return new RecordBatch(schema, struct);
  };
}
