/**
 * What PostgreSQL's `numeric` can read (ADR 0022): at most 131,072 digits before the decimal point
 * and 16,383 after it; longer text fails the whole statement ("value overflows numeric format").
 * A decimal a client sends for a `numeric` comparison is checked against this when it arrives, so
 * that a value stored with a 201 is never one every later read fails on.
 */
export const NUMERIC_MAX_INTEGER_DIGITS = 131_072;
export const NUMERIC_MAX_FRACTION_DIGITS = 16_383;

const PLAIN_DECIMAL = /^[+-]?(\d*)(?:\.(\d*))?$/;

/** Why PostgreSQL's `numeric` cannot read a plain decimal's text (`-12.50`), or undefined when it can. */
export function numericOverflow(text: string): string | undefined {
  const m = PLAIN_DECIMAL.exec(text);
  if (!m) return undefined;
  const integerDigits = (m[1] ?? '').replace(/^0+/, '').length;
  const fractionDigits = (m[2] ?? '').length;
  if (integerDigits > NUMERIC_MAX_INTEGER_DIGITS) return `has more than ${NUMERIC_MAX_INTEGER_DIGITS.toLocaleString('en-US')} digits before the decimal point`;
  if (fractionDigits > NUMERIC_MAX_FRACTION_DIGITS) return `has more than ${NUMERIC_MAX_FRACTION_DIGITS.toLocaleString('en-US')} digits after the decimal point`;
  return undefined;
}
