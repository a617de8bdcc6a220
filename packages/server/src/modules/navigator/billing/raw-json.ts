/**
 * Exact decimals as JSON numbers: Navigator's amounts and quantities are JSON numbers (`0.0`,
 * `51987.0`), and Consumo's sums are exact decimal text from `numeric`, so they are written as they
 * are instead of through a binary float (the report's writer: `usage-report-json.ts`).
 */

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** `12.3400` → `12.34`, `5` → `5.0`, null → `0.0`: Navigator's spelling, at least one decimal place. */
export function jsonDecimal(text: string | null): string {
  if (text === null) return '0.0';
  if (!DECIMAL.test(text)) throw new RangeError(`not a plain decimal: ${text}`);
  const dot = text.indexOf('.');
  const whole = dot < 0 ? text : text.slice(0, dot);
  let end = text.length;
  if (dot >= 0) while (end > dot + 1 && text.charCodeAt(end - 1) === 48) end--;
  // No fraction left: one zero after the point, and -0 is 0.
  if (dot < 0 || end === dot + 1) return `${whole === '-0' ? '0' : whole}.0`;
  return end === text.length ? text : text.slice(0, end);
}
