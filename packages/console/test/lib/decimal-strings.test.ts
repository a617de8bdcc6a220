import { describe, expect, it } from 'vitest';
import { addDecimal, compareDecimal, isDecimal, sumDecimals } from '../../src/lib/decimal-strings.js';

describe('decimal strings', () => {
  it('adds exactly where floats do not', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(sumDecimals(Array.from({ length: 10 }, () => '0.1'))).toBe('1.0');
  });

  it('keeps the larger scale and the digits beyond a double', () => {
    expect(addDecimal('1.10', '2')).toBe('3.10');
    expect(addDecimal('12345678901234567.89012345', '0.00000001')).toBe('12345678901234567.89012346');
  });

  it('handles negatives (credits) and signs', () => {
    expect(addDecimal('-5.25', '2.5')).toBe('-2.75');
    expect(addDecimal('-0.5', '0.25')).toBe('-0.25');
    expect(addDecimal('+1', '-1')).toBe('0');
    expect(sumDecimals(['10.00', '-10.00'])).toBe('0.00');
  });

  it('skips nulls and stays null when nothing is priced', () => {
    expect(sumDecimals([null, '1.5', undefined, '2'])).toBe('3.5');
    expect(sumDecimals([null, null])).toBeNull();
    expect(sumDecimals([])).toBeNull();
  });

  it('compares across scales', () => {
    expect(compareDecimal('2.50', '2.5')).toBe(0);
    expect(compareDecimal('10', '9.999')).toBe(1);
    expect(compareDecimal('-1', '0.001')).toBe(-1);
  });

  it('refuses what is not a plain decimal', () => {
    expect(isDecimal('1e5')).toBe(false);
    expect(isDecimal('12.')).toBe(false);
    expect(() => addDecimal('abc', '1')).toThrow(/not a decimal/);
  });
});
