/** The format checks of single values: numbers, dates, key-value JSON, SkuPriceDetails keys, Arrow values as cells. */
import { Decimal as ArrowDecimal, TimestampMillisecond, makeData, makeVector, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { cellReaderOf, scaledDecimal, timestampText } from '../../src/conformance/arrow-cells.js';
import { placeholderNull } from '../../src/conformance/cells.js';
import { dateTimeProblem, parseFocusDateTime } from '../../src/conformance/date-time-format.js';
import { parseKeyValue } from '../../src/conformance/key-value-format.js';
import { isFocusNumber, numericProblem } from '../../src/conformance/numeric-format.js';
import { skuPriceDetailsProblems } from '../../src/conformance/sku-price-details-keys.js';

describe('FOCUS numeric format', () => {
  it.each(['0', '-0', '12', '-3.5', '0.00000080000', '35.2E-7', '1E5', '2e-3', '.5', '5.'])('accepts %s', (text) => {
    expect(isFocusNumber(text)).toBe(true);
    expect(numericProblem(text)).toBeNull();
  });
  it.each([
    ['+1', "no '+' sign"],
    ['1E+5', 'exponent takes a sign only when negative'],
    ['1,000.50', 'no thousands separators'],
    ['1,5', "the decimal separator is '.'"],
    ['1/2', 'no fractions'],
    ['$5', 'no currency symbols'],
    ['5 USD', 'no currency symbols, units or words'],
    [' 5', 'no spaces around the value'],
    ['NaN', 'no currency symbols, units or words'],
    ['1.2.3', 'an integer, a decimal or E-notation'],
    ['--1', 'an integer, a decimal or E-notation'],
  ])('refuses %s (%s)', (text, why) => {
    expect(isFocusNumber(text)).toBe(false);
    expect(numericProblem(text)).toContain(why);
  });
});

describe('FOCUS date/time format', () => {
  it('accepts YYYY-MM-DDTHH:mm:ssZ and reads it as UTC', () => {
    expect(parseFocusDateTime('2024-02-29T23:59:59Z')).toBe(Date.UTC(2024, 1, 29, 23, 59, 59));
    expect(parseFocusDateTime('0099-01-01T00:00:00Z')).toBe(new Date('0099-01-01T00:00:00Z').getTime());
    expect(dateTimeProblem('2024-10-01T00:00:00Z')).toBeNull();
  });
  it.each([
    ['2024-10-01 00:00:00', "joined by 'T', not a space"],
    ['2024-10-01T00:00:00', "the trailing 'Z' (UTC) is missing"],
    ['2024-10-01T00:00:00.000Z', 'no fractional seconds'],
    ['2024-10-01T00:00:00+00:00', "UTC with 'Z', not an offset"],
    ['2024-10-01', 'a date alone has no time'],
    ['2023-02-29T00:00:00Z', 'no such date or time'],
    ['2024-10-01T24:00:00Z', 'no such date or time'],
    ['5/1/25', 'is not YYYY-MM-DDTHH:mm:ssZ'],
  ])('refuses %s (%s)', (text, why) => {
    expect(parseFocusDateTime(text)).toBeNull();
    expect(dateTimeProblem(text)).toContain(why);
  });
});

describe('FOCUS key-value format', () => {
  it('accepts a flat object of strings, numbers, booleans and nulls', () => {
    expect(parseKeyValue('{"env": "prod", "cost": 1.5, "archive": true, "owner": null, "a\\"b": "x:y"}')).toEqual({
      ok: true,
      value: { env: 'prod', cost: 1.5, archive: true, owner: null, 'a"b': 'x:y' },
    });
    expect(parseKeyValue('{}')).toEqual({ ok: true, value: {} });
  });
  it.each([
    ['{bad', 'not valid JSON'],
    ['[1, 2]', 'must be a JSON object, not an array'],
    ['"text"', 'must be a JSON object, not a string'],
    ['null', 'must be a JSON object, not null'],
    ['{"a": {"b": 1}}', "the value of 'a' is an object"],
    ['{"a": [1]}', "the value of 'a' is an array"],
    ['{"a": 1, "b": "a", "a": 2}', "the key 'a' appears twice"],
    ['{"k": "v\\"", "k": 1}', "the key 'k' appears twice"],
  ])('refuses %s', (text, why) => {
    const result = parseKeyValue(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.problem).toContain(why);
  });
});

describe('SkuPriceDetails keys (FOCUS 1.2)', () => {
  it('accepts the FOCUS-defined keys with their types and x_ keys', () => {
    expect(skuPriceDetailsProblems({ CoreCount: 4, InstanceType: 'm.large', x_Anything: 'yes', DiskType: null })).toEqual([]);
  });
  it('refuses other keys and wrongly typed values', () => {
    expect(skuPriceDetailsProblems({ Cores: 4, CoreCount: '4', StorageClass: 3 })).toEqual([
      "'Cores' is not a FOCUS-defined SkuPriceDetails key: custom keys start with 'x_'",
      "'CoreCount' takes a number, not \"4\"",
      "'StorageClass' takes a string, not 3",
    ]);
  });
});

describe('placeholder nulls', () => {
  it('reports the text NULL/null and (Parquet only) empty strings', () => {
    expect(placeholderNull('NULL')).toContain("the text 'NULL' stands for a null");
    expect(placeholderNull('null')).toContain("the text 'null' stands for a null");
    expect(placeholderNull('')).toContain('an empty string stands for no value');
    expect(placeholderNull('Nullable')).toBeNull();
  });
});

describe('Arrow values as cells', () => {
  it('scales decimals without binary floats', () => {
    expect(scaledDecimal('12345', 4)).toBe('1.2345');
    expect(scaledDecimal('-1', 4)).toBe('-0.0001');
    expect(scaledDecimal('7', 0)).toBe('7');
    expect(scaledDecimal('7', -2)).toBe('700');
    const words = new Uint32Array([12345, 0, 0, 0, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]);
    const decimals = makeVector(makeData({ type: new ArrowDecimal(4, 38, 128), length: 2, nullCount: 0, data: words }));
    const read = cellReaderOf(decimals);
    expect([read(0), read(1)]).toEqual(['1.2345', '-0.0001']);
  });
  it('writes timestamps as FOCUS date/times, keeping a fraction for the date check to refuse', () => {
    expect(timestampText(Date.UTC(2024, 0, 1))).toBe('2024-01-01T00:00:00Z');
    expect(timestampText(Date.UTC(2024, 0, 1) + 5)).toBe('2024-01-01T00:00:00.005Z');
    expect(timestampText(Date.UTC(2024, 0, 1) + 0.25)).toBe('2024-01-01T00:00:00.00025Z');
    const read = cellReaderOf(vectorFromArray([Date.UTC(2025, 5, 1), null], new TimestampMillisecond('UTC')));
    expect([read(0), read(1)]).toEqual(['2025-06-01T00:00:00Z', null]);
  });
  it('writes floats as plain decimals and keeps nulls', () => {
    const read = cellReaderOf(vectorFromArray([1e-7, null, 0.1, -0, 12.5]));
    expect([0, 1, 2, 3, 4].map(read)).toEqual(['0.0000001', null, '0.1', '0', '12.5']);
  });
});
