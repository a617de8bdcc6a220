/**
 * JSON with exact decimal numbers: Navigator's amounts and quantities are JSON numbers (`0.0`,
 * `51987.0`), and Consumo's sums are exact decimal text from `numeric`, so they are written as they
 * are instead of through a binary float. Everything else is written as JSON.stringify would,
 * keys in the order the object was built.
 */

/** A decimal to write as a JSON number, exactly. */
export class DecimalNumber {
  readonly text: string;

  constructor(text: string | null) {
    this.text = jsonDecimal(text);
  }

  /** A placeholder `stringifyJson` turns back into the bare number: the text between two NULs. */
  toJSON(): string {
    return `\u0000${this.text}\u0000`;
  }
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** `12.3400` → `12.34`, `5` → `5.0`, null → `0.0`: Navigator's spelling, at least one decimal place. */
export function jsonDecimal(text: string | null): string {
  if (text === null) return '0.0';
  if (!DECIMAL.test(text)) throw new RangeError(`not a plain decimal: ${text}`);
  const [whole, fraction = ''] = text.split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return `${whole === '-0' && trimmed === '' ? '0' : whole}.${trimmed === '' ? '0' : trimmed}`;
}

export type JsonValue = string | number | boolean | null | DecimalNumber | JsonValue[] | { [key: string]: JsonValue };

/** JSON.stringify's placeholder for a DecimalNumber, quoted and escaped. */
const PLACEHOLDER = /"\\u0000(-?\d+\.\d+)\\u0000"/g;

/**
 * The native JSON.stringify (the report is thousands of lines: a hand-written walk was most of its
 * JavaScript time), then each DecimalNumber's placeholder replaced by its number. No other value
 * can look like one: text read from PostgreSQL cannot hold a NUL, and an escaped backslash before
 * `u0000` is preceded by another backslash, never by the opening quote.
 */
export function stringifyJson(value: JsonValue): string {
  return JSON.stringify(value).replace(PLACEHOLDER, '$1');
}
