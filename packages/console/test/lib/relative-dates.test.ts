import { RELATIVE_DATES } from '@consumo/focus/formats';
import { describe, expect, it } from 'vitest';
import { isRelativeDate, relativeDateLabel, relativeRange } from '../../src/lib/relative-dates.js';

// 2026-05-15T13:00Z: a Friday in the second quarter.
const now = Date.parse('2026-05-15T13:00:00Z');

describe('relative date presets as [from, to) days', () => {
  it.each([
    ['YESTERDAY', '2026-05-14', '2026-05-15'],
    ['LAST_7_DAYS', '2026-05-08', '2026-05-15'],
    ['LAST_30_DAYS', '2026-04-15', '2026-05-15'],
    ['LAST_120_DAYS', '2026-01-15', '2026-05-15'],
    ['LAST_QUARTER', '2026-02-01', '2026-05-01'],
    ['LAST_6_MONTHS', '2025-11-01', '2026-05-01'],
    ['LAST_YEAR', '2025-05-01', '2026-05-01'],
    ['LAST_13_MONTHS', '2025-04-01', '2026-05-01'],
    ['CURRENT_MONTH', '2026-05-01', '2026-05-16'],
    ['PREVIOUS_MONTH', '2026-04-01', '2026-05-01'],
    ['CURRENT_QUARTER', '2026-04-01', '2026-05-16'],
    ['PREVIOUS_QUARTER', '2026-01-01', '2026-04-01'],
    ['CURRENT_YEAR', '2026-01-01', '2026-05-16'],
    ['PREVIOUS_YEAR', '2025-01-01', '2026-01-01'],
  ] as const)('%s', (name, from, to) => {
    expect(relativeRange(name, now)).toEqual({ from, to });
  });

  it('crosses year ends and leap days', () => {
    const jan = Date.parse('2024-01-10T00:00:00Z');
    expect(relativeRange('PREVIOUS_MONTH', jan)).toEqual({ from: '2023-12-01', to: '2024-01-01' });
    expect(relativeRange('PREVIOUS_QUARTER', jan)).toEqual({ from: '2023-10-01', to: '2024-01-01' });
    expect(relativeRange('YESTERDAY', Date.parse('2024-03-01T00:30:00Z'))).toEqual({ from: '2024-02-29', to: '2024-03-01' });
  });

  it('computes every name the FOCUS export lists', () => {
    for (const name of RELATIVE_DATES) expect(relativeRange(name, now).from < relativeRange(name, now).to).toBe(true);
    expect(isRelativeDate('LAST_30_DAYS')).toBe(true);
    expect(isRelativeDate('last_30_days')).toBe(false);
    expect(relativeDateLabel('LAST_13_MONTHS')).toBe('Last 13 months');
  });
});
