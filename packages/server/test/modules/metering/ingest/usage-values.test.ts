/** A meter's value: a number or numeric string, never negative, below 1e18, kept to 15 decimal places (ADR 0012). */
import { describe, expect, it } from 'vitest';
import { Dec } from '../../../../src/modules/metering/rating/decimal.js';
import { DECIMAL_PRECISION, DECIMAL_SCALE, unscaledDecimal } from '../../../../src/modules/focus-exports/parquet-encoder.js';
import { MAX_VALUE_INTEGER_DIGITS, VALUE_SCALE, decimalUsageValue, usageValue } from '../../../../src/modules/metering/ingest/usage-values.js';

describe('usageValue', () => {
  it.each([
    [0, '0'],
    ['-0', '0'],
    [2.5, '2.5'],
    ['1e2', '100'],
    ['1e-7', '0.0000001'],
    ['0.000000000000001', '0.000000000000001'],
    // Binary-float noise beyond 15 places is rounded away, as rating rounds quantities.
    [0.1 + 0.2, '0.3'],
    ['999999999999999999.999999999999999', '999999999999999999.999999999999999'],
    [1e17, '100000000000000000'],
  ])('takes %s as %s', (raw, text) => expect(usageValue(raw)).toEqual({ value: text }));

  it.each([
    [-1, 'must not be negative'],
    ['-1e308', 'must not be negative'],
    [-1e308, 'must not be negative'],
    ['-0.000001', 'must not be negative'],
    [1e308, 'must be less than 1e18'],
    ['1e308', 'must be less than 1e18'],
    ['1e18', 'must be less than 1e18'],
    ['1e999999', 'must be less than 1e18'],
    ['1e131072', 'must be less than 1e18'],
    ['1e-16384', 'must be 0 or at least 1e-15'],
    ['1e-16', 'must be 0 or at least 1e-15'],
    [Number.POSITIVE_INFINITY, 'must be a finite number'],
    ['lots', 'must be a finite number'],
  ])('refuses %s', (raw, problem) => expect(usageValue(raw)).toEqual({ problem: expect.stringContaining(problem) }));

  it('keeps a day of 100,000 of the largest values inside the Parquet DECIMAL(38, 15) of FOCUS exports', () => {
    const largest = usageValue('999999999999999999.999999999999999');
    expect(largest).toHaveProperty('value');
    const daySum = new Dec((largest as { value: string }).value).times(100_000).toFixed();
    expect(() => unscaledDecimal(daySum, 'ConsumedQuantity')).not.toThrow();
    expect(() => unscaledDecimal(new Dec('1e308').toFixed(), 'ConsumedQuantity')).toThrow(/integer digits/);
    expect(MAX_VALUE_INTEGER_DIGITS + 5).toBeLessThanOrEqual(DECIMAL_PRECISION - DECIMAL_SCALE);
    expect(VALUE_SCALE).toBe(DECIMAL_SCALE);
  });
});

describe('usageValue fast paths', () => {
  it('answer exactly as the Decimal path does, for values they take and values they leave to it', () => {
    const values: unknown[] = [
      '0', '00', '0.0', '0.10', '1', '01', '12', '-1', '-0', '+1', '1.', '.5', '1e2', ' 1', '1 ', '0x10',
      '999999999999999999', '1000000000000000000', '999999999999999999.999999999999999', '999999999999999999.9999999999999999',
      '0.000000000000001', '0.0000000000000001', '0.0000000000000015', '123456789.123456789012345', '3.250',
      0, -0, 1, 7, -3, 2.5, 0.1 + 0.2, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2, 1e17, 1e18, 1e-16, Number.NaN, null, true, {},
    ];
    // And a spread of plain decimals of every length the fast path considers.
    for (let digits = 1; digits <= 20; digits++) {
      for (let places = 0; places <= 17; places += 1) {
        const integer = '9'.repeat(digits);
        values.push(places === 0 ? integer : `${integer}.${'0'.repeat(places - 1)}7`, places === 0 ? `1${'0'.repeat(digits - 1)}` : `1.${'5'.repeat(places)}`);
      }
    }
    for (const value of values) expect(usageValue(value), String(value)).toEqual(decimalUsageValue(value));
  });
});
