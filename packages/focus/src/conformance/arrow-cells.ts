/** Arrow values (as parquet-wasm hands Parquet over) as cells: the text a CSV would hold, nulls as null. */
// Arrow values (as parquet-wasm hands Parquet over) in the cell model: nulls stay null, typed values
// become the text a CSV would hold — decimals and floats as plain decimals, timestamps as
// `YYYY-MM-DDTHH:mm:ssZ` (with a fraction when there is one, which the date check then refuses),
// structs and maps as JSON.
import { DataType, type Decimal as ArrowDecimal, type Vector } from 'apache-arrow';
import { Decimal } from 'decimal.js';
import { dayText } from '../formats/calendar-day.js';
import { focusDateTime, wholeSeconds } from '../formats/focus-date-time.js';
import type { Cell } from './cells.js';

export type CellReader = (index: number) => Cell;

const utf8 = new TextDecoder();

/** A float as plain decimal text (`1e-7` → `0.0000001`); NaN and ±Infinity as themselves, for the number check to refuse. */
function plainFloat(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  return new Decimal(value).toFixed();
}

/** An unscaled integer and a scale as decimal text (`12345`, 4 → `1.2345`). */
export function scaledDecimal(unscaled: string, scale: number): string {
  if (scale <= 0) return scale === 0 ? unscaled : unscaled + '0'.repeat(-scale);
  const negative = unscaled.startsWith('-');
  const digits = (negative ? unscaled.slice(1) : unscaled).padStart(scale + 1, '0');
  const text = `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return negative ? `-${text}` : text;
}

/** Epoch milliseconds (fractional for micro- and nanosecond units) as FOCUS date/time text. */
export function timestampText(ms: number): string {
  const whole = wholeSeconds(ms);
  const text = focusDateTime(whole);
  const fraction = ms - whole;
  if (fraction === 0) return text;
  return `${text.slice(0, -1)}.${(fraction / 1000).toFixed(9).slice(2).replace(/0+$/, '')}Z`;
}

const json = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v instanceof Uint8Array ? utf8.decode(v) : v));

function converterOf(type: DataType): (value: unknown) => string {
  if (DataType.isDictionary(type)) return converterOf(type.dictionary);
  if (DataType.isUtf8(type) || DataType.isLargeUtf8(type) || DataType.isUtf8View(type)) return (v) => v as string;
  if (DataType.isBinary(type) || DataType.isLargeBinary(type) || DataType.isFixedSizeBinary(type)) return (v) => utf8.decode(v as Uint8Array);
  if (DataType.isInt(type)) return (v) => String(v);
  if (DataType.isFloat(type)) return (v) => plainFloat(v as number);
  if (DataType.isDecimal(type)) {
    const scale = (type as ArrowDecimal).scale;
    return (v) => scaledDecimal(String(v), scale);
  }
  if (DataType.isBool(type)) return (v) => (v ? 'true' : 'false');
  if (DataType.isTimestamp(type)) return (v) => timestampText(Number(v as number | bigint));
  // A date has no time of day: given as the date alone, which the date/time check refuses.
  if (DataType.isDate(type)) return (v) => dayText(Number(v as number | bigint));
  if (DataType.isStruct(type) || DataType.isMap(type) || DataType.isList(type) || DataType.isFixedSizeList(type)) {
    return (v) => json((v as { toJSON?: () => unknown }).toJSON?.() ?? v);
  }
  return (v) => String(v);
}

/** Reads one column of a record batch as cells. */
export function cellReaderOf(vector: Vector<DataType>): CellReader {
  const convert = converterOf(vector.type);
  return (index) => {
    const value: unknown = vector.get(index);
    return value === null || value === undefined ? null : convert(value);
  };
}
