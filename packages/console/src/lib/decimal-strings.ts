/**
 * Decimal strings as the API sends them ("0.35312696", "-12.5"), added, compared, divided and
 * scaled exactly with decimal.js (the server's decimal type too): money is never a float here.
 * Results keep the largest scale of their inputs, the way PostgreSQL's numeric sums do
 * ("1.10" + "2" = "3.10").
 */
import Decimal from 'decimal.js';

/** Exact for anything the API sends (numeric(38, 15) and the like): no operation here rounds. */
const Exact = Decimal.clone({ precision: 1_000, rounding: Decimal.ROUND_DOWN });

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;

/** True for a plain decimal string (optional sign, digits, optional fraction). */
export function isDecimal(text: string): boolean {
  return DECIMAL.test(text.trim());
}

/** Digits after the point as written ("83.30" → 2). */
export function scaleOf(text: string): number {
  return /\.(\d+)\s*$/.exec(text)?.[1]?.length ?? 0;
}

function exact(text: string): Decimal {
  if (!isDecimal(text)) throw new Error(`not a decimal: ${JSON.stringify(text)}`);
  return new Exact(text.trim());
}

/** a + b, exact, at the larger of the two scales. */
export function addDecimal(a: string, b: string): string {
  return exact(a).plus(exact(b)).toFixed(Math.max(scaleOf(a), scaleOf(b)));
}

/** The exact sum of the values that are not null; null when all are (an unpriced group stays unpriced). */
export function sumDecimals(values: Iterable<string | null | undefined>): string | null {
  let total: Decimal | undefined;
  let scale = 0;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    total = (total ?? new Exact(0)).plus(exact(value));
    scale = Math.max(scale, scaleOf(value));
  }
  return total === undefined ? null : total.toFixed(scale);
}

/** -1, 0 or 1 as a is below, equal to or above b. */
export function compareDecimal(a: string, b: string): number {
  return exact(a).cmp(exact(b));
}

/** `text` divided into `parts` at `scale` decimals: every part but the last rounded down, the last the rest, so they add up exactly. */
export function splitExactly(text: string, parts: number, scale: number): string[] {
  const total = exact(text);
  const share = total.dividedBy(parts).toDecimalPlaces(scale, Decimal.ROUND_DOWN);
  const last = total.minus(share.times(parts - 1));
  return Array.from({ length: parts }, (_, i) => (i === parts - 1 ? last : share).toFixed(scale));
}

/** percent % of a decimal, exact, at the amount's scale or more when needed ("1000.00", 80 → "800.00"; "83.33", 80 → "66.664"). */
export function percentOf(amount: string, percent: number): string {
  const product = exact(amount).times(percent).dividedBy(100);
  return product.toFixed(Math.max(scaleOf(amount), product.decimalPlaces()));
}
