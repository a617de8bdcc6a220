/** Calendar fields to instants for every year: years 0–99 are themselves, not the 1900s `Date.UTC` makes of them. */
import { describe, expect, it } from 'vitest';
import { utcDate, utcMs } from '../../../src/platform/formats/index.js';

describe('utcMs', () => {
  it.each([
    [[1, 0, 1], '0001-01-01T00:00:00.000Z'],
    [[50, 2, 1], '0050-03-01T00:00:00.000Z'],
    [[99, 11, 31, 12], '0099-12-31T12:00:00.000Z'],
    [[1, 12, 1], '0002-01-01T00:00:00.000Z'],
    [[2026, -1, 15], '2025-12-15T00:00:00.000Z'],
    [[2026, 1, 29], '2026-03-01T00:00:00.000Z'],
    [[2026, 11, 6, 9], '2026-12-06T09:00:00.000Z'],
  ] as const)('%j is %s', (fields, iso) => {
    const [y, m, d, h] = fields as readonly number[];
    expect(new Date(utcMs(y!, m!, d, h)).toISOString()).toBe(iso);
    expect(utcDate(y!, m!, d, h).toISOString()).toBe(iso);
  });

  it('agrees with Date.UTC from year 100 on', () => {
    for (const year of [100, 1900, 1970, 2026, 9999]) expect(utcMs(year, 5, 15, 7)).toBe(Date.UTC(year, 5, 15, 7));
  });
});
