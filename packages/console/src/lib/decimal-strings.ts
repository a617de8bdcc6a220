/**
 * Decimal strings as the API sends them ("0.35312696", "-12.5"), added and compared exactly as
 * BigInts at the larger scale of the two: money is never summed as floats.
 */

interface Scaled {
  units: bigint;
  scale: number;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

function parse(text: string): Scaled {
  const m = DECIMAL.exec(text.trim());
  if (!m) throw new Error(`not a decimal: ${JSON.stringify(text)}`);
  const fraction = m[3] ?? '';
  const units = BigInt(`${m[2]}${fraction}`);
  return { units: m[1] === '-' ? -units : units, scale: fraction.length };
}

function rescale(value: Scaled, scale: number): bigint {
  return value.units * 10n ** BigInt(scale - value.scale);
}

function format({ units, scale }: Scaled): string {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const text = scale === 0 ? whole : `${whole}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}

/** True for a plain decimal string (optional sign, digits, optional fraction). */
export function isDecimal(text: string): boolean {
  return DECIMAL.test(text.trim());
}

/** a + b, exact, at the larger of the two scales ("1.10" + "2" = "3.10"). */
export function addDecimal(a: string, b: string): string {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  return format({ units: rescale(x, scale) + rescale(y, scale), scale });
}

/** The exact sum of the values that are not null; null when all are (an unpriced group stays unpriced). */
export function sumDecimals(values: Iterable<string | null | undefined>): string | null {
  let total: string | null = null;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    total = total === null ? addDecimal('0', value) : addDecimal(total, value);
  }
  return total;
}

/** -1, 0 or 1 as a is below, equal to or above b. */
export function compareDecimal(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  const scale = Math.max(x.scale, y.scale);
  const d = rescale(x, scale) - rescale(y, scale);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
