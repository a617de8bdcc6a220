/** Calendar days: real days only, the years each caller takes, the day of an instant. */
import { describe, expect, it } from 'vitest';
import { DAY_MS, calendarDayMs, dayText, daysInMonth, utcMidnightMs } from '../../src/formats/calendar-day.js';
import { exportDayMs } from '../../src/formats/export-options.js';

describe('calendarDayMs', () => {
  it.each([
    ['2026-04-15', Date.UTC(2026, 3, 15)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['2000-02-29', Date.UTC(2000, 1, 29)],
    ['2026-12-31', Date.UTC(2026, 11, 31)],
    ['9999-12-31', Date.UTC(9999, 11, 31)],
    ['0001-01-01', new Date('0001-01-01T00:00:00Z').getTime()],
    ['0099-12-31', new Date('0099-12-31T00:00:00Z').getTime()],
  ])('reads %s as its UTC midnight', (text, ms) => expect(calendarDayMs(text)).toBe(ms));

  it.each([
    // No such day.
    ...['2025-02-30', '2025-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32', '0000-01-01'],
    // Not YYYY-MM-DD.
    ...['2026-4-15', '26-04-15', '+02026-04-15', ' 2026-04-15', '2026-04-15 ', '2026-04-15T00:00:00Z', '2026/04/15', ''],
  ])('refuses %j', (text) => expect(calendarDayMs(text)).toBeUndefined());

  it('takes the years from minYear on', () => {
    expect(calendarDayMs('0000-01-01', 0)).toBe(new Date('0000-01-01T00:00:00Z').getTime());
    expect(calendarDayMs('0000-02-29', 0)).toBeDefined(); // year 0 is a leap year (1 BC)
    expect(calendarDayMs('0099-06-01', 100)).toBeUndefined();
    expect(calendarDayMs('0100-06-01', 100)).toBe(new Date('0100-06-01T00:00:00Z').getTime());
  });

  it('export range days are those of years 0100–9999', () => {
    expect(exportDayMs('0099-12-31')).toBeUndefined();
    expect(exportDayMs('0100-01-01')).toBe(new Date('0100-01-01T00:00:00Z').getTime());
    expect(exportDayMs('2025-02-30')).toBeUndefined();
    expect(exportDayMs('9999-12-31')).toBe(Date.UTC(9999, 11, 31));
  });
});

describe('utcMidnightMs and daysInMonth', () => {
  it('knows the Gregorian leap years', () => {
    expect([2024, 2023, 2000, 1900, 2100, 0].map((y) => daysInMonth(y, 2))).toEqual([29, 28, 29, 28, 28, 29]);
    expect([1, 4, 6, 9, 11, 12].map((m) => daysInMonth(2026, m))).toEqual([31, 30, 30, 30, 30, 31]);
    expect([0, 13].map((m) => daysInMonth(2026, m))).toEqual([0, 0]);
  });

  it('keeps the years 0–99 as they are, unlike Date.UTC', () => {
    expect(utcMidnightMs(50, 3, 1)).toBe(new Date('0050-03-01T00:00:00Z').getTime());
    expect(utcMidnightMs(2026, 2, 29)).toBeUndefined();
    expect(utcMidnightMs(2026, 13, 1)).toBeUndefined();
  });
});

describe('dayText', () => {
  it('is the UTC day of an instant, a Date or epoch milliseconds', () => {
    expect(dayText(new Date('2026-04-15T23:59:59.999Z'))).toBe('2026-04-15');
    expect(dayText(Date.UTC(2026, 3, 15) + DAY_MS)).toBe('2026-04-16');
    expect(dayText(new Date('2026-04-16T01:00:00+02:00'))).toBe('2026-04-15');
    expect(dayText(-1)).toBe('1969-12-31');
  });

  it('reads back what calendarDayMs reads', () => {
    for (const day of ['0001-01-01', '0099-12-31', '2024-02-29', '9999-12-31']) expect(dayText(calendarDayMs(day)!)).toBe(day);
  });

  it('makes DAY_MS a day', () => expect(DAY_MS).toBe(24 * 60 * 60 * 1000));
});
