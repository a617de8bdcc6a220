/** Exact decimals as JSON numbers, as the report's writer spells them. */
import { describe, expect, it } from 'vitest';
import { jsonDecimal } from '../../../src/modules/navigator/billing/raw-json.js';

describe('jsonDecimal', () => {
  it('spells Navigator numbers with at least one decimal place', () => {
    expect(jsonDecimal('12.3400')).toBe('12.34');
    expect(jsonDecimal('5')).toBe('5.0');
    expect(jsonDecimal('-0.000')).toBe('0.0');
    expect(jsonDecimal(null)).toBe('0.0');
  });

  it('keeps every digit, trims only trailing zeros of the fraction, and writes -0 as 0', () => {
    expect(jsonDecimal('123456789012345678.123456789012345678')).toBe('123456789012345678.123456789012345678');
    expect(jsonDecimal('-0.50')).toBe('-0.5');
    expect(jsonDecimal('100')).toBe('100.0');
    expect(jsonDecimal('100.000100')).toBe('100.0001');
    expect(jsonDecimal('0.10')).toBe('0.1');
    expect(jsonDecimal('-5')).toBe('-5.0');
    expect(jsonDecimal('-0')).toBe('0.0');
    expect(jsonDecimal('-12.000')).toBe('-12.0');
    expect(jsonDecimal('0.000000000000001')).toBe('0.000000000000001');
  });

  it('refuses text that is not a plain decimal', () => {
    expect(() => jsonDecimal('1e5')).toThrow(RangeError);
    expect(() => jsonDecimal('NaN')).toThrow(RangeError);
    expect(() => jsonDecimal('1.')).toThrow(RangeError);
    expect(() => jsonDecimal('')).toThrow(RangeError);
  });
});
