import { describe, expect, it } from 'vitest';
import { csvField, tableToCsv } from '../../src/costs/csv.js';
import type { CurrencyTable } from '../../src/costs/series.js';

describe('CSV of the table shown', () => {
  it('quotes what must be quoted and defuses formulas', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvField('-12.50')).toBe('-12.50');
    expect(csvField(null)).toBe('');
  });

  it('writes periods, series, totals with decimal strings as given', () => {
    const table: CurrencyTable = {
      currency: 'USD',
      periods: ['2026-04-01', '2026-04-02'],
      series: [
        { name: 'Compute, EU', values: ['0.35312696', null], total: '0.35312696', other: false },
        { name: 'Other (2)', values: ['1.10', '2.20'], total: '3.30', other: true },
      ],
      periodTotals: ['1.45312696', '2.20'],
      total: '3.65312696',
    };
    expect(tableToCsv(table, 'ServiceName')).toBe(
      'BillingCurrency,Period,"ServiceName: Compute, EU",ServiceName: Other (2),Total\r\n' +
        'USD,2026-04-01,0.35312696,1.10,1.45312696\r\n' +
        'USD,2026-04-02,,2.20,2.20\r\n' +
        'USD,Total,0.35312696,3.30,3.65312696\r\n',
    );
  });
});
