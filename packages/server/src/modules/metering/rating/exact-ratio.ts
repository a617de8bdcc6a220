/**
 * Exact quantities for pricing: a ratio of two exact decimals, so that dividing by a pricing
 * divisor (or by 3,600 seconds an hour) never rounds, and every stored value is the exact value
 * rounded once — the same value `plain-lines.repository.ts` computes in SQL with `div`, digit for
 * digit (ADR 0012, Arithmetic).
 */
import { Decimal as DecimalJs } from 'decimal.js';
import { COST_SCALE, QUANTITY_SCALE } from './decimal.js';

/**
 * Sums and products of catalog and event decimals (at most 23 + 15 digits each) never reach this
 * precision, so they are exact; division happens only in `round`, as a truncated integer quotient.
 */
const Exact = DecimalJs.clone({ precision: 1000, rounding: DecimalJs.ROUND_DOWN, toExpNeg: -1000, toExpPos: 1000 });
type Exact = InstanceType<typeof Exact>;

const ONE = new Exact(1);
const TWO = new Exact(2);

/** `num / den`, den > 0. */
export class Ratio {
  private constructor(
    readonly num: Exact,
    readonly den: Exact,
  ) {}

  /** A decimal (exact decimal text), optionally divided by `per` (> 0). */
  static of(value: string, per?: string): Ratio {
    return new Ratio(new Exact(value), per === undefined ? ONE : new Exact(per));
  }

  /** This ÷ `divisor` (a positive decimal). */
  per(divisor: string): Ratio {
    return new Ratio(this.num, this.den.times(divisor));
  }

  /** This × `factor` (a decimal). */
  times(factor: string): Ratio {
    return new Ratio(this.num.times(factor), this.den);
  }

  plus(other: Ratio): Ratio {
    if (this.den.eq(other.den)) return new Ratio(this.num.plus(other.num), this.den);
    return new Ratio(this.num.times(other.den).plus(other.num.times(this.den)), this.den.times(other.den));
  }

  minus(other: Ratio): Ratio {
    return this.plus(new Ratio(other.num.neg(), other.den));
  }

  /** −1, 0 or 1 as this is below, equal to or above `other`. */
  cmp(other: Ratio): number {
    return this.num.times(other.den).cmp(other.num.times(this.den));
  }

  sign(): number {
    return this.num.isZero() ? 0 : this.num.isNeg() ? -1 : 1;
  }

  /**
   * Rounded to `scale` places, half away from zero, as plain decimal text without exponent or
   * trailing zeros: sign × ⌊(2·|num|·10^scale + den) / (2·den)⌋ / 10^scale.
   */
  round(scale: number): string {
    const shifted = this.num.abs().times(`1e${scale}`);
    const units = shifted.times(TWO).plus(this.den).dividedToIntegerBy(this.den.times(TWO));
    if (units.isZero()) return '0';
    const value = units.times(`1e-${scale}`);
    return (this.num.isNeg() ? value.neg() : value).toFixed();
  }

  /** PricingQuantity, ConsumedQuantity, CommitmentDiscountQuantity: 15 places. */
  quantity(): string {
    return this.round(QUANTITY_SCALE);
  }

  /** A cost: 8 places. */
  cost(): string {
    return this.round(COST_SCALE);
  }
}
