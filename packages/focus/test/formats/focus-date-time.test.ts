/** The FOCUS date/time: written cut to the second, read only in its one exact form. */
import { describe, expect, it } from 'vitest';
import { focusDateTime, parseFocusDateTime, wholeSeconds } from '../../src/formats/focus-date-time.js';

describe('focusDateTime', () => {
  it('writes UTC without a fraction, from a Date or epoch milliseconds', () => {
    expect(focusDateTime(new Date('2026-04-01T00:00:00Z'))).toBe('2026-04-01T00:00:00Z');
    expect(focusDateTime(Date.UTC(2026, 3, 1, 12, 30, 5))).toBe('2026-04-01T12:30:05Z');
    expect(focusDateTime(new Date('2026-04-01T02:00:00+02:00'))).toBe('2026-04-01T00:00:00Z');
  });

  it('cuts milliseconds off, never rounding up into the next second', () => {
    expect(focusDateTime(new Date('2026-04-01T23:59:59.999Z'))).toBe('2026-04-01T23:59:59Z');
    expect(focusDateTime(-500)).toBe('1969-12-31T23:59:59Z');
  });

  it('agrees with wholeSeconds, which cuts toward the past', () => {
    expect(wholeSeconds(1_999)).toBe(1_000);
    expect(wholeSeconds(-500)).toBe(-1_000);
    expect(wholeSeconds(3_000)).toBe(3_000);
    for (const ms of [-1_500, -1, 0, 999, 1_000, Date.UTC(2026, 3, 1, 0, 0, 0, 999)]) expect(focusDateTime(wholeSeconds(ms))).toBe(focusDateTime(ms));
  });
});

describe('parseFocusDateTime', () => {
  it.each([
    ['2024-02-29T23:59:59Z', Date.UTC(2024, 1, 29, 23, 59, 59)],
    ['2026-04-01T00:00:00Z', Date.UTC(2026, 3, 1)],
    ['0099-01-01T00:00:00Z', new Date('0099-01-01T00:00:00Z').getTime()],
    ['0000-01-01T00:00:00Z', new Date('0000-01-01T00:00:00Z').getTime()],
    ['9999-12-31T23:59:59Z', Date.UTC(9999, 11, 31, 23, 59, 59)],
  ])('reads %s', (text, ms) => expect(parseFocusDateTime(text)).toBe(ms));

  it.each([
    // No such date or time (no leap second either).
    ...['2023-02-29T00:00:00Z', '2025-02-30T00:00:00Z', '2024-10-01T24:00:00Z', '2024-10-01T00:60:00Z', '2024-12-31T23:59:60Z', '2024-13-01T00:00:00Z'],
    // Not the one form: a fraction, an offset, lower case, no zone, a date alone.
    ...['2024-10-01T00:00:00.000Z', '2024-10-01T00:00:00+00:00', '2024-10-01t00:00:00z', '2024-10-01T00:00:00', '2024-10-01'],
  ])('refuses %s', (text) => expect(parseFocusDateTime(text)).toBeNull());

  it('reads back what focusDateTime writes', () => {
    for (const ms of [0, Date.UTC(2024, 1, 29, 12), Date.UTC(9999, 11, 31, 23, 59, 59)]) expect(parseFocusDateTime(focusDateTime(ms))).toBe(ms);
  });
});
