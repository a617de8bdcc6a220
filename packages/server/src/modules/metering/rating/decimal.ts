/** The one decimal type rating computes with, and the rounding rule it ends with (ADR 0012). */
import { Decimal as DecimalJs } from 'decimal.js';

/** 40 significant digits: far past any price × quantity, so only the final rounding rounds. */
export const Dec = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -50, toExpPos: 50 });
export type Dec = InstanceType<typeof Dec>;

/** Decimal places of every cost column: half away from zero, as PostgreSQL's round(numeric, 8). */
export const COST_SCALE = 8;
/** Decimal places of quantities (the seed writes 4.266666666666670). */
export const QUANTITY_SCALE = 15;

/** Plain decimal text without exponent or trailing zeros (`0.35312696`, `128`). */
export function plain(value: Dec): string {
  const text = value.toFixed();
  return text === '-0' ? '0' : text;
}

export function cost(value: Dec): string {
  return plain(value.toDecimalPlaces(COST_SCALE, Dec.ROUND_HALF_UP));
}

export function quantity(value: Dec): string {
  return plain(value.toDecimalPlaces(QUANTITY_SCALE, Dec.ROUND_HALF_UP));
}
