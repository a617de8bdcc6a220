/** RFC 3339 date-times: what is read, what is refused, and the rules a caller may tighten or widen. */
import { isRfc3339Timestamp } from '@consumo/filter';
import { describe, expect, it } from 'vitest';
import { parseRfc3339 } from '../../../src/platform/formats/rfc3339.js';

const EVENTS = { maxFractionDigits: 9, minYear: 0 };

describe('parseRfc3339', () => {
  it.each([
    // T and Z in either case; offsets up to ±23:59; fractions cut to milliseconds.
    ['2026-04-15t10:00:00.5z', '2026-04-15T10:00:00.500Z'],
    ['2026-04-15T12:00:00+02:00', '2026-04-15T10:00:00.000Z'],
    ['2026-04-15T00:00:00+23:59', '2026-04-14T00:01:00.000Z'],
    ['2026-04-15T10:00:00.123456789-01:30', '2026-04-15T11:30:00.123Z'],
    // Leap days, and the years 0001–9999 (0001–0099 as themselves).
    ...[['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'], ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z']],
    ...[['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'], ['0099-06-01T00:00:00Z', '0099-06-01T00:00:00.000Z'], ['9999-12-31T23:59:59Z', '9999-12-31T23:59:59.000Z']],
  ])('reads %s', (text, iso) => expect(parseRfc3339(text)?.toISOString()).toBe(iso));

  it.each([
    // No such day: 30 February, 29 February outside leap years, month 13 or 0, 31 April, day 0.
    ...['2025-02-30', '2026-02-29', '1900-02-29', '2026-13-01', '2026-00-01', '2026-04-31', '2026-04-00'].map((day) => `${day}T00:00:00Z`),
    // No such clock time or offset; no leap second.
    ...['T24:00:00Z', 'T10:60:00Z', 'T23:59:60Z', 'T10:00:00+25:00', 'T10:00:00+02:60'].map((time) => `2026-12-31${time}`),
    // Not the format: no offset, a space, an empty fraction, an offset without colon, a date alone, year 0000 or of six digits.
    ...['2026-04-15T10:00:00', '2026-04-15 10:00:00Z', '2026-04-15T10:00:00.Z', '2026-04-15T10:00:00+0200', '2026-04-15'],
    ...['0000-01-01T00:00:00Z', '+002026-04-15T10:00:00Z', 'yesterday'],
  ])('refuses %s', (text) => expect(parseRfc3339(text)).toBeUndefined());

  it('takes what the filter language takes, by default', () => {
    const texts = ['2026-04-15T10:00:00.1234567890123Z', '0000-01-01T00:00:00Z', '0001-01-01T00:00:00Z', '2026-02-29T00:00:00Z', '2026-04-15T10:00:00+23:59'];
    for (const text of texts) expect(parseRfc3339(text) !== undefined).toBe(isRfc3339Timestamp(text));
  });

  it('caps the fraction digits and opens year 0000 when asked (usage events)', () => {
    expect(parseRfc3339('2026-04-15T10:00:00.123456789Z', EVENTS)).toBeDefined();
    expect(parseRfc3339('2026-04-15T10:00:00.1234567890Z', EVENTS)).toBeUndefined();
    expect(parseRfc3339('2026-04-15T10:00:00.1234567890Z')).toBeDefined();
    expect(parseRfc3339('0000-01-01T00:00:00Z', EVENTS)?.getTime()).toBe(Date.parse('0000-01-01T00:00:00Z'));
    expect(parseRfc3339('0000-02-30T00:00:00Z', EVENTS)).toBeUndefined();
  });
});
