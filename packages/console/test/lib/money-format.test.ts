import { describe, expect, it } from 'vitest';
import { formatCompactMoney, formatMoney, formatNumber } from '../../src/lib/money-format.js';

// Intl output uses narrow/no-break spaces in some locales: compare with them made plain.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('money and numbers for the locale and the billing currency', () => {
  it('formats in the row currency for the reader locale', () => {
    expect(formatMoney('1234.5', 'USD', 'en-US')).toBe('$1,234.50');
    expect(plain(formatMoney('1234.5', 'EUR', 'de-DE'))).toBe('1.234,50 €');
    expect(formatMoney('1234', 'JPY', 'en-US')).toBe('¥1,234');
    expect(formatMoney('-3.5', 'USD', 'en-US')).toBe('-$3.50');
  });

  it('formats decimal strings beyond a double without a float round trip', () => {
    expect(formatNumber('12345678901234567.25', 'en-US')).toBe('12,345,678,901,234,567.25');
  });

  it('shows unpriced as a dash and unknown codes after the number', () => {
    expect(formatMoney(null, 'USD', 'en-US')).toBe('—');
    expect(formatMoney('2.5', 'NOT-A-CODE', 'en-US')).toBe('2.5 NOT-A-CODE');
  });

  it('writes compact axis labels', () => {
    expect(formatCompactMoney(1200, 'USD', 'en-US')).toBe('$1.2K');
  });
});
