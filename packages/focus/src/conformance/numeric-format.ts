/** FOCUS Numeric Format: integers, decimals and E-notation, with no `+`, separators, symbols or units. */
// FOCUS Numeric Format: an integer, a decimal or E-notation (`35.2E-7`), a `-` only for negative values
// and negative exponents; no `+`, thousands separators, currency symbols, units or fractions.

/** One optional `-`, digits with at most one decimal point, then an optional exponent with an optional `-`. */
const FOCUS_NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE]-?\d+)?$/;

/** Why a non-null cell is not a FOCUS number, or null when it is one. */
export function numericProblem(text: string): string | null {
  if (FOCUS_NUMBER.test(text)) return null;
  const shown = `'${text}' is not a FOCUS number`;
  if (text.trim() !== text) return `${shown}: no spaces around the value`;
  if (/^\+/.test(text)) return `${shown}: no '+' sign on positive values`;
  if (/[eE]\+/.test(text)) return `${shown}: the exponent takes a sign only when negative (1E5, not 1E+5)`;
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return `${shown}: no thousands separators`;
  if (/^-?\d+,\d+$/.test(text)) return `${shown}: the decimal separator is '.'`;
  if (/\d\/\d/.test(text)) return `${shown}: no fractions`;
  if (/[\p{Sc}]|[a-zA-Z]{2,}/u.test(text)) return `${shown}: no currency symbols, units or words`;
  return `${shown} (an integer, a decimal or E-notation such as 35.2E-7)`;
}

export function isFocusNumber(text: string): boolean {
  return FOCUS_NUMBER.test(text);
}
