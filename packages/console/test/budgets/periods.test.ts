import { describe, expect, it } from 'vitest';
import { compareDecimal, sumDecimals } from '../../src/lib/decimal-strings.js';
import { copyFirstToAll, divideYearly, periodDaysLabel, periodLabel, shortPeriodLabel, yearTotal } from '../../src/budgets/periods.js';

describe('divide a yearly amount by 12', () => {
  it('gives periods 1–11 the twelfth rounded down to the cent and period 12 the rest', () => {
    const values = divideYearly('1000.00')!;
    expect(values).toHaveLength(12);
    expect(values.slice(0, 11)).toEqual(Array(11).fill('83.33'));
    expect(values[11]).toBe('83.37');
    expect(sumDecimals(values)).toBe('1000.00');
  });

  it('writes every value with two decimals at least, and with the amount’s own finer scale', () => {
    expect(divideYearly('120000')).toEqual(Array(12).fill('10000.00'));
    const fine = divideYearly('100.0001')!;
    expect(fine.slice(0, 11)).toEqual(Array(11).fill('8.3333'));
    expect(fine[11]).toBe('8.3338');
    expect(sumDecimals(fine)).toBe('100.0001');
  });

  it('adds up exactly for amounts floats would get wrong', () => {
    for (const yearly of ['0.05', '0.11', '999999999999999999.99', '1', '7.7', '123456.789012']) {
      const values = divideYearly(yearly)!;
      expect(values).toHaveLength(12);
      expect(compareDecimal(sumDecimals(values)!, yearly)).toBe(0);
      // period 12 is never the smaller one
      expect(Number(values[11]) >= Number(values[0])).toBe(true);
    }
    expect(divideYearly('0.05')).toEqual([...Array(11).fill('0.00'), '0.05']);
  });

  it('accepts surrounding spaces and refuses what the API refuses', () => {
    expect(divideYearly(' 12 ')).toEqual(Array(12).fill('1.00'));
    for (const bad of ['', '-12', '1e3', '12.', '.5', '1.1234567', '1234567890123456789', 'abc', '1,000']) expect(divideYearly(bad)).toBeNull();
  });
});

describe('copy and total', () => {
  it('copies the first value, as written, to all 12', () => {
    expect(copyFirstToAll([' 42500.0 ', '1', ''])).toEqual(Array(12).fill('42500.0'));
  });

  it('sums the valid values exactly and ignores the rest', () => {
    expect(yearTotal(['0.10', '0.20', 'x', '', '-1'])).toBe('0.30');
    expect(yearTotal(['', 'x'])).toBeNull();
  });
});

describe('period labels', () => {
  it('names a period, shortly, and its days', () => {
    expect(periodLabel(2026, 3)).toBe('Period 3 of 2026');
    expect(shortPeriodLabel(12)).toBe('P12');
    expect(periodDaysLabel('2026-12-01', '2026-12-31')).toBe('2026-12-01 – 2026-12-31');
  });
});
