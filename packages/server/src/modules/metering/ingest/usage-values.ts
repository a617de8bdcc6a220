/**
 * What a meter's value may be (ADR 0012, "Event values"): a number or numeric string, not negative,
 * below 10^18, kept to 15 decimal places. The bounds are what storage and every export can hold
 * after rating sums a day: FOCUS exports write quantities as Parquet DECIMAL(38, 15) — 23 integer
 * digits — so an event leaves five digits of headroom for a day's sum; and nothing reaches
 * PostgreSQL's `numeric` that it would refuse (`1e131072`, `1e-16384` were 500s).
 */
import { Dec } from '../rating/decimal.js';
import { numericValue } from './cloud-events.js';

/** An event's value is below 10^MAX_VALUE_INTEGER_DIGITS. */
export const MAX_VALUE_INTEGER_DIGITS = 18;
/** Decimal places an event's value is kept to (rounded half up); the scale rating keeps quantities at. */
export const VALUE_SCALE = 15;

const LIMIT = new Dec(10).pow(MAX_VALUE_INTEGER_DIGITS);
const SMALLEST = new Dec(10).pow(-VALUE_SCALE);

export type UsageValue = { value: string } | { problem: string };

/**
 * Plain decimal text that is already what would be stored: no sign, no leading zero, at most
 * MAX_VALUE_INTEGER_DIGITS integer digits, at most VALUE_SCALE decimals of which the last is not 0
 * (`0`, `12`, `0.5`, `3.25`). Decimal would give back the same text; checking the shape is cheaper.
 */
const ALREADY_STORED = new RegExp(`^(?:0|[1-9]\\d{0,${MAX_VALUE_INTEGER_DIGITS - 1}})(?:\\.\\d{0,${VALUE_SCALE - 1}}[1-9])?$`);

/** The value as the decimal text stored, or why it is refused. */
export function usageValue(raw: unknown): UsageValue {
  // Fast paths for the usual values; whatever they do not take goes the general way below, same answer.
  if (typeof raw === 'string' && raw.length <= 34 && ALREADY_STORED.test(raw)) return { value: raw };
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0) return { value: String(raw) };
  return decimalUsageValue(raw);
}

/** usageValue without its fast paths, through Decimal: any value (exported for the test that compares the two). */
export function decimalUsageValue(raw: unknown): UsageValue {
  const text = numericValue(raw);
  if (text === undefined) return { problem: 'must be a finite number or a numeric string' };
  const value = new Dec(text);
  if (value.isNegative() && !value.isZero()) {
    return { problem: 'must not be negative: usage is never below zero (a correction is not a usage event; ADR 0012)' };
  }
  if (value.gte(LIMIT)) return { problem: `must be less than 1e${MAX_VALUE_INTEGER_DIGITS}` };
  if (!value.isZero() && value.lt(SMALLEST)) return { problem: `must be 0 or at least 1e-${VALUE_SCALE}` };
  const kept = value.toDecimalPlaces(VALUE_SCALE, Dec.ROUND_HALF_UP).toFixed();
  return { value: kept === '-0' ? '0' : kept };
}
