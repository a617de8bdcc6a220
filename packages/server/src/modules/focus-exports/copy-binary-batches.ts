/**
 * PostgreSQL's binary COPY output (`WITH (FORMAT binary)`, parquet-copy.repository.ts) as Arrow
 * record batches of a profile, decoded column by column straight into Arrow buffers (ADR 0032): no
 * row objects, no JavaScript string per cell. Text cells are copied as UTF-8 bytes with offsets,
 * numerics become Decimal128(38, 15) words from their base-10000 digits (no BigInt per cell), and
 * timestamptz values whole-second UTC microseconds. The values are parquet-encoder.ts's for the same
 * cells, and a value that would lose a digit is refused with the same error.
 *
 * Format (PostgreSQL documentation, "COPY", Binary Format): an 11-byte signature, int32 flags, int32
 * header-extension length and the extension; then per row an int16 field count and per field an
 * int32 length (-1: null) and the value in the type's binary send format; an int16 -1 ends it. All
 * integers are big-endian.
 */
import { type Data, type DataType, RecordBatch, Struct, makeData } from 'apache-arrow';
import { type ValueType, valueTypeOf } from './cell-values.js';
import type { Profile } from './export-profiles.js';
import { DECIMAL_PRECISION, DECIMAL_SCALE, ParquetValueError, arrowSchemaOf } from './parquet-encoder.js';

const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00];
const HEADER_BYTES = SIGNATURE.length + 8;
/** Bytes of a chunk joined to the cut row before it. */
const JOIN_BYTES = 16 * 1024;
const MAX_INTEGER_DIGITS = DECIMAL_PRECISION - DECIMAL_SCALE;
const TWO_32 = 2 ** 32;
/** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in Unix microseconds. */
const PG_EPOCH_MICROS = 946_684_800_000_000;

const PLAIN = 'is not a plain decimal';
const PLACES = `has more than ${DECIMAL_SCALE} decimal places (Decimal128(${DECIMAL_PRECISION}, ${DECIMAL_SCALE}))`;
const NUMERIC_NEGATIVE = 0x4000;
const NUMERIC_NAN = 0xc000;
const NUMERIC_PINF = 0xd000;
const NUMERIC_NINF = 0xf000;

const int32 = (b: Uint8Array, p: number): number => (b[p]! << 24) | (b[p + 1]! << 16) | (b[p + 2]! << 8) | b[p + 3]!;
const uint16 = (b: Uint8Array, p: number): number => (b[p]! << 8) | b[p + 1]!;
const int16 = (b: Uint8Array, p: number): number => (uint16(b, p) << 16) >> 16;

/** The text PostgreSQL writes for a binary numeric (`numeric_out`), for error messages. */
export function numericText(b: Uint8Array, p: number): string {
  const ndigits = uint16(b, p);
  const weight = int16(b, p + 2);
  const sign = uint16(b, p + 4);
  const dscale = uint16(b, p + 6);
  if (sign === NUMERIC_NAN) return 'NaN';
  if (sign === NUMERIC_PINF) return 'Infinity';
  if (sign === NUMERIC_NINF) return '-Infinity';
  const digit = (i: number) => (i >= 0 && i < ndigits ? uint16(b, p + 8 + 2 * i) : 0);
  let integer = '';
  for (let i = 0; i <= weight; i++) integer += i === 0 ? String(digit(0)) : String(digit(i)).padStart(4, '0');
  if (integer === '') integer = '0';
  let fraction = '';
  for (let i = weight + 1; fraction.length < dscale; i++) fraction += String(digit(i)).padStart(4, '0');
  const text = dscale > 0 ? `${integer}.${fraction.slice(0, dscale)}` : integer;
  return sign === NUMERIC_NEGATIVE ? `-${text}` : text;
}

const TEXT = 0;
const DECIMAL = 1;
const TIMESTAMP = 2;
const KIND_OF: Record<ValueType, number> = { text: TEXT, decimal: DECIMAL, timestamp: TIMESTAMP };
const NO_BYTES = new Uint8Array(0);
const NO_OFFSETS = new Int32Array(0);
const NO_WORDS = new Uint32Array(0);
const NO_INSTANTS = new Int32Array(0);

/**
 * The buffers of one batch, per column (columns of another type hold an empty array, so each
 * array holds one type). A batch's buffers are reused for a later batch once it has been let go.
 */
interface Buffers {
  bits: Uint8Array[];
  nulls: Int32Array;
  bytes: Uint8Array[];
  ends: Int32Array;
  offsets: Int32Array[];
  decimals: Uint32Array[];
  instants: Int32Array[];
}

/**
 * Decodes a binary COPY stream of a profile's typed cells. `push` takes the bytes as they come (a
 * row may span chunks) and returns every batch of `batchRows` rows completed; `end` returns the
 * last, shorter batch once the stream's trailer was read, and fails on a cut stream. `release`
 * hands a batch's buffers back for reuse: after it, that batch must not be read.
 */
export class CopyBinaryDecoder {
  private readonly schema;
  private readonly struct;
  private readonly kinds: Uint8Array;
  private readonly names: string[];
  private readonly width: number;
  private buffers: Buffers;
  private readonly spare: Buffers[] = [];
  private readonly owners = new WeakMap<RecordBatch, Buffers>();
  private rows = 0;
  private headerRead = false;
  private ended = false;
  private rest: Uint8Array | undefined;

  constructor(
    profile: Profile,
    private readonly batchRows: number,
  ) {
    this.schema = arrowSchemaOf(profile);
    this.struct = new Struct(this.schema.fields);
    this.kinds = Uint8Array.from(profile.columns.map((c) => KIND_OF[valueTypeOf(c.kind)]));
    this.names = profile.columns.map((c) => c.header);
    this.width = this.kinds.length;
    this.buffers = this.fresh();
  }

  private fresh(): Buffers {
    const n = this.batchRows;
    const kinds = [...this.kinds];
    return {
      bits: kinds.map(() => new Uint8Array((n + 7) >> 3)),
      nulls: new Int32Array(this.width),
      bytes: kinds.map((k) => (k === TEXT ? new Uint8Array(n * 16) : NO_BYTES)),
      ends: new Int32Array(this.width),
      offsets: kinds.map((k) => (k === TEXT ? new Int32Array(n + 1) : NO_OFFSETS)),
      decimals: kinds.map((k) => (k === DECIMAL ? new Uint32Array(n * 4) : NO_WORDS)),
      instants: kinds.map((k) => (k === TIMESTAMP ? new Int32Array(n * 2) : NO_INSTANTS)),
    };
  }

  /** Buffers of a batch no one reads any more, for a later batch. */
  release(batch: RecordBatch): void {
    const buffers = this.owners.get(batch);
    if (!buffers) return;
    this.owners.delete(batch);
    this.spare.push(buffers);
  }

  /** The batches completed by these bytes. */
  push(chunk: Uint8Array): RecordBatch[] {
    const out: RecordBatch[] = [];
    let b = chunk;
    let p = 0;
    const rest = this.rest;
    if (rest) {
      // The row cut at the end of the last chunk: finish it on its bytes and the head of this one,
      // then go on in this chunk itself (no copy of the whole chunk).
      this.rest = undefined;
      const head = Math.min(chunk.length, JOIN_BYTES);
      const joined = new Uint8Array(rest.length + head);
      joined.set(rest);
      joined.set(chunk.subarray(0, head), rest.length);
      const q = this.decode(joined, 0, rest.length, out);
      if (q >= rest.length) p = q - rest.length;
      else if (head === chunk.length) {
        this.rest = joined.slice(q);
        return out;
      } else {
        // A row longer than the head: join it all.
        b = new Uint8Array(joined.length - q + chunk.length - head);
        b.set(joined.subarray(q));
        b.set(chunk.subarray(head), joined.length - q);
      }
    }
    const q = this.decode(b, p, b.length, out);
    if (q < b.length) this.rest = b.slice(q);
    return out;
  }

  /** Decodes what starts before `stop` in `b` from `p`: where it stopped (a cut row or header starts there). */
  private decode(b: Uint8Array, p: number, stop: number, out: RecordBatch[]): number {
    const len = b.length;
    if (this.ended) {
      if (p < len) throw new Error('binary COPY: bytes after the end of the stream');
      return p;
    }
    if (!this.headerRead) {
      if (len - p < HEADER_BYTES) return p;
      for (let i = 0; i < SIGNATURE.length; i++) if (b[p + i] !== SIGNATURE[i]) throw new Error('binary COPY: not a binary COPY stream');
      const extension = int32(b, p + SIGNATURE.length + 4);
      if (len - p < HEADER_BYTES + extension) return p;
      p += HEADER_BYTES + extension;
      this.headerRead = true;
    }
    const width = this.width;
    while (p < stop) {
      if (p + 2 > len) break;
      const count = int16(b, p);
      if (count === -1) {
        this.ended = true;
        p += 2;
        if (p !== len) throw new Error('binary COPY: bytes after the end of the stream');
        break;
      }
      if (count !== width) throw new Error(`binary COPY: a row of ${count} fields, expected ${width}`);
      const end = this.row(b, p + 2, len);
      if (end < 0) break;
      p = end;
      if (this.rows === this.batchRows) out.push(this.batch());
    }
    return p;
  }

  /** The last batch (undefined when it has no rows); fails when the stream's trailer never came. */
  end(): RecordBatch | undefined {
    if (!this.ended) throw new Error('binary COPY: the stream ended before its trailer');
    return this.rows > 0 ? this.batch() : undefined;
  }

  /**
   * Decodes the row whose fields start at `start`: where the next row starts, or -1 when the row
   * is not all here yet (then what it wrote is undone, and it is decoded again with more bytes).
   */
  private row(b: Uint8Array, start: number, len: number): number {
    const i = this.rows;
    const bit = 1 << (i & 7);
    const byte = i >> 3;
    const { bits, nulls, ends, offsets, decimals, instants } = this.buffers;
    const kinds = this.kinds;
    let p = start;
    for (let j = 0; j < this.width; j++) {
      if (p + 4 > len) return this.undo(j);
      const l = int32(b, p);
      if (l > 0 && p + 4 + l > len) return this.undo(j);
      p += 4;
      const kind = kinds[j]!;
      if (l < 0) {
        nulls[j]!++;
        if (kind === TEXT) offsets[j]![i + 1] = ends[j]!;
        continue;
      }
      bits[j]![byte]! |= bit;
      if (kind === TEXT) {
        let end = ends[j]!;
        let bytes = this.buffers.bytes[j]!;
        if (end + l > bytes.length) bytes = this.grow(j, end + l);
        if (l <= 32) for (let k = 0; k < l; k++) bytes[end + k] = b[p + k]!;
        else bytes.set(b.subarray(p, p + l), end);
        end += l;
        ends[j] = end;
        offsets[j]![i + 1] = end;
      } else if (kind === DECIMAL) {
        decimalWords(b, p, decimals[j]!, i * 4, this.names[j]!);
      } else {
        timestampWords(b, p, l, instants[j]!, i * 2, this.names[j]!);
      }
      p += l;
    }
    this.rows = i + 1;
    return p;
  }

  private grow(j: number, room: number): Uint8Array {
    const old = this.buffers.bytes[j]!;
    const grown = new Uint8Array(Math.max(room, old.length * 2));
    grown.set(old.subarray(0, this.buffers.ends[j]));
    this.buffers.bytes[j] = grown;
    return grown;
  }

  /** Undoes the cells of columns before `upto` written for the current row; -1. */
  private undo(upto: number): -1 {
    const i = this.rows;
    const bit = 1 << (i & 7);
    const { bits, nulls, ends, offsets } = this.buffers;
    for (let j = 0; j < upto; j++) {
      if (bits[j]![i >> 3]! & bit) bits[j]![i >> 3]! &= ~bit;
      else nulls[j]!--;
      if (this.kinds[j] === TEXT) ends[j] = offsets[j]![i]!;
    }
    return -1;
  }

  private batch(): RecordBatch {
    const n = this.rows;
    const buffers = this.buffers;
    const children = this.schema.fields.map((field, j): Data => {
      const type = field.type as DataType;
      const nullCount = buffers.nulls[j]!;
      const nullBitmap = nullCount === 0 ? undefined : buffers.bits[j]!.subarray(0, (n + 7) >> 3);
      switch (this.kinds[j]) {
        case TEXT:
          return makeData({ type, length: n, nullCount, nullBitmap, valueOffsets: buffers.offsets[j]!.subarray(0, n + 1), data: buffers.bytes[j]!.subarray(0, buffers.ends[j]) } as never);
        case DECIMAL:
          return makeData({ type, length: n, nullCount, nullBitmap, data: buffers.decimals[j]!.subarray(0, n * 4) } as never);
        default:
          return makeData({ type, length: n, nullCount, nullBitmap, data: buffers.instants[j]!.subarray(0, n * 2) } as never);
      }
    });
    const batch = new RecordBatch(this.schema, makeData({ type: this.struct, length: n, nullCount: 0, children }));
    this.owners.set(batch, buffers);
    this.buffers = this.spare.pop() ?? this.fresh();
    // A reused set starts empty: no valid bits, no nulls, no bytes (offsets[0] stays 0; the rest are written row by row).
    for (const bits of this.buffers.bits) bits.fill(0);
    this.buffers.nulls.fill(0);
    this.buffers.ends.fill(0);
    this.rows = 0;
    return batch;
  }
}

/**
 * A binary numeric (int16 ndigits, weight, sign, dscale, then ndigits base-10000 digits, the first
 * worth 10000^weight) as its Decimal128 value unscaled by 10^DECIMAL_SCALE, written little-endian as
 * four 32-bit words. Limbs in doubles stay exact: a limb below 2^32 times 10,000 plus a carry is below 2^53.
 */
function decimalWords(b: Uint8Array, p: number, words: Uint32Array, at: number, column: string): void {
  const ndigits = uint16(b, p);
  const weight = int16(b, p + 2);
  const sign = uint16(b, p + 4);
  if (sign !== 0 && sign !== NUMERIC_NEGATIVE) throw decimalError(b, p, column, PLAIN);
  const d = p + 8;
  // Integer digits: 4 per group after the first, and the first group's own.
  if (ndigits > 0 && weight >= 0) {
    const first = uint16(b, d);
    const integerDigits = 4 * weight + (first >= 1000 ? 4 : first >= 100 ? 3 : first >= 10 ? 2 : 1);
    if (integerDigits > MAX_INTEGER_DIGITS) throw decimalError(b, p, column, `has more than ${MAX_INTEGER_DIGITS} integer digits (Decimal128(${DECIMAL_PRECISION}, ${DECIMAL_SCALE}))`);
  }
  // Digit group i is worth 10^(4(weight − i) + 15) unscaled: groups down to 10^3 are whole; group
  // weight + 4 (10^-1) keeps its first three digits; later ones must be zero. Limbs of the 128-bit value (least significant first) in local doubles, each below 2^32: a limb
  // times 10,000 plus a carry stays below 2^53, so every step is exact.
  let l0 = 0;
  let l1 = 0;
  let l2 = 0;
  let l3 = 0;
  const partial = weight + 4;
  for (let i = 0; i <= partial; i++) {
    let m = 10_000;
    let add = i < ndigits ? uint16(b, d + 2 * i) : 0;
    if (i === partial) {
      if (add % 10 !== 0) throw decimalError(b, p, column, PLACES);
      m = 1000;
      add /= 10;
    }
    let t = l0 * m + add;
    let carry = Math.floor(t / TWO_32);
    l0 = t - carry * TWO_32;
    t = l1 * m + carry;
    carry = Math.floor(t / TWO_32);
    l1 = t - carry * TWO_32;
    t = l2 * m + carry;
    carry = Math.floor(t / TWO_32);
    l2 = t - carry * TWO_32;
    t = l3 * m + carry;
    l3 = t - Math.floor(t / TWO_32) * TWO_32;
  }
  for (let i = Math.max(0, partial + 1); i < ndigits; i++) {
    if (uint16(b, d + 2 * i) !== 0) throw decimalError(b, p, column, PLACES);
  }
  if (sign === NUMERIC_NEGATIVE && (l0 !== 0 || l1 !== 0 || l2 !== 0 || l3 !== 0)) {
    // Two's complement: invert, add one (the value is not zero, so the carry stops by l3).
    l0 = TWO_32 - l0;
    let carry = 0;
    if (l0 === TWO_32) {
      l0 = 0;
      carry = 1;
    }
    l1 = TWO_32 - 1 - l1 + carry;
    carry = 0;
    if (l1 === TWO_32) {
      l1 = 0;
      carry = 1;
    }
    l2 = TWO_32 - 1 - l2 + carry;
    carry = 0;
    if (l2 === TWO_32) {
      l2 = 0;
      carry = 1;
    }
    l3 = TWO_32 - 1 - l3 + carry;
  }
  words[at] = l0;
  words[at + 1] = l1;
  words[at + 2] = l2;
  words[at + 3] = l3;
}

function decimalError(b: Uint8Array, p: number, column: string, problem: string): ParquetValueError {
  const text = numericText(b, p);
  // As unscaledDecimal (parquet-encoder.ts) says it of the same text.
  return new ParquetValueError(`${column}: ${problem === PLAIN ? JSON.stringify(text) : text} ${problem}`);
}

/** A binary timestamptz (int64 microseconds since 2000-01-01 UTC) as Int64 Unix microseconds in whole seconds (truncated, as the CSV's to_char). */
function timestampWords(b: Uint8Array, p: number, length: number, words: Int32Array, at: number, column: string): void {
  if (length !== 8) throw new Error(`binary COPY: ${column} is not a timestamptz`);
  const high = int32(b, p);
  const low = int32(b, p + 4) >>> 0;
  if ((high === 0x7fffffff && low === 0xffffffff) || (high === -0x80000000 && low === 0)) {
    throw new ParquetValueError(`${column}: an infinite timestamp is not an instant`);
  }
  const seconds = Math.floor((high * TWO_32 + low + PG_EPOCH_MICROS) / 1_000_000);
  const micros = seconds * 1_000_000;
  const h = Math.floor(micros / TWO_32);
  words[at] = micros - h * TWO_32;
  words[at + 1] = h;
}

/**
 * Record batches of `batchRows` rows (the last one shorter) from a binary COPY byte stream. A batch
 * is read only until the next one is asked for: its buffers then go to a later batch.
 */
export async function* copyBinaryBatches(
  chunks: AsyncIterable<string | Uint8Array>,
  profile: Profile,
  batchRows: number,
): AsyncGenerator<RecordBatch, void, undefined> {
  const decoder = new CopyBinaryDecoder(profile, batchRows);
  for await (const chunk of chunks) {
    if (typeof chunk === 'string') throw new Error('binary COPY: the engine wrote text');
    for (const batch of decoder.push(chunk)) {
      yield batch;
      decoder.release(batch);
    }
  }
  const last = decoder.end();
  if (last) yield last;
}
