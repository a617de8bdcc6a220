/** The CSV of what the explorer shows (RFC 4180: CRLF, quotes doubled), money as the API's decimal strings. */
import type { CurrencyTable } from './series.js';

/** One field, quoted when it holds a comma, quote, CR or LF; a leading =, +, - or @ of text is defused for spreadsheets. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvLine(fields: readonly (string | null)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

/**
 * The table under the chart, as shown: one row per period (BillingCurrency, Period, one column per
 * series in the chart's order, Total) and a last row of totals. Empty cells are unpriced.
 */
export function tableToCsv(table: CurrencyTable, dimension: string): string {
  let text = csvLine(['BillingCurrency', 'Period', ...table.series.map((s) => `${dimension}: ${s.name}`), 'Total']);
  table.periods.forEach((period, n) => {
    text += csvLine([table.currency, period, ...table.series.map((s) => s.values[n] ?? null), table.periodTotals[n] ?? null]);
  });
  return text + csvLine([table.currency, 'Total', ...table.series.map((s) => s.total), table.total]);
}
