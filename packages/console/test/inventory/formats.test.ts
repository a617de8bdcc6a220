import { describe, expect, it } from 'vitest';
import { isUuid, orDash, quantityText, utcDay, utcMinute } from '../../src/inventory/formats.js';

describe('inventory values in words', () => {
  it('shows instants in UTC to the minute, and days as days', () => {
    expect(utcMinute('2026-12-06T14:03:12.345Z')).toBe('2026-12-06 14:03 UTC');
    expect(utcDay('2027-01-31T00:00:00.000Z')).toBe('2027-01-31');
    expect(utcMinute(undefined)).toBe('—');
    expect(utcDay(null)).toBe('—');
    expect(utcDay('not a time')).toBe('not a time');
  });

  it('shows what is missing as a dash and booleans as words', () => {
    expect(orDash(undefined)).toBe('—');
    expect(orDash('')).toBe('—');
    expect(orDash(0)).toBe('0');
    expect(orDash(true)).toBe('Yes');
    expect(orDash(false)).toBe('No');
  });

  it('knows an id that can name a resource', () => {
    expect(isUuid('0f8fad5b-d9cb-469f-a165-70867728950e')).toBe(true);
    expect(isUuid('0F8FAD5B-D9CB-469F-A165-70867728950E')).toBe(true);
    expect(isUuid('0f8fad5b')).toBe(false);
    expect(isUuid(undefined)).toBe(false);
  });

  it('writes quantities (decimal strings from the API) for the reader’s locale', () => {
    expect(quantityText('1200', 'en-US')).toBe('1,200');
    expect(quantityText('1200', 'de-DE')).toBe('1.200');
    expect(quantityText(7, 'en-US')).toBe('7');
    expect(quantityText(undefined, 'en-US')).toBe('—');
  });
});
