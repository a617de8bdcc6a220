/** The report's JSON writer: exact decimals as bare JSON numbers, everything else as JSON.stringify writes it. */
import { describe, expect, it } from 'vitest';
import { DecimalNumber, jsonDecimal, stringifyJson } from '../../../src/modules/navigator/billing/raw-json.js';

describe('stringifyJson', () => {
  it('writes a DecimalNumber as the exact number, never through a float', () => {
    const text = stringifyJson({ a: new DecimalNumber('123456789012345678.123456789012345678'), b: [new DecimalNumber('-0.50'), new DecimalNumber(null)] });
    expect(text).toBe('{"a":123456789012345678.123456789012345678,"b":[-0.5,0.0]}');
  });

  it('keeps the keys in the order the object was built, and strings and other values as JSON.stringify does', () => {
    const value = { z: 'x"y\\z', a: 1, m: null, t: true, list: ['é', 2.5] };
    expect(stringifyJson(value)).toBe(JSON.stringify(value));
  });

  it('leaves a string that spells a placeholder as text', () => {
    const value = { name: '\\u00001.0\\u0000', other: '"\\u00002.0\\u0000"' };
    const text = stringifyJson(value);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('parses back to the same numbers and nesting', () => {
    const value = { orgs: [{ amount: new DecimalNumber('10.10'), skus: [{ qty: new DecimalNumber('3') }] }] };
    expect(JSON.parse(stringifyJson(value))).toEqual({ orgs: [{ amount: 10.1, skus: [{ qty: 3 }] }] });
  });
});

describe('jsonDecimal', () => {
  it('spells Navigator numbers with at least one decimal place', () => {
    expect(jsonDecimal('12.3400')).toBe('12.34');
    expect(jsonDecimal('5')).toBe('5.0');
    expect(jsonDecimal('-0.000')).toBe('0.0');
    expect(jsonDecimal(null)).toBe('0.0');
  });

  it('refuses text that is not a plain decimal', () => {
    expect(() => jsonDecimal('1e5')).toThrow(RangeError);
    expect(() => jsonDecimal('NaN')).toThrow(RangeError);
  });
});
