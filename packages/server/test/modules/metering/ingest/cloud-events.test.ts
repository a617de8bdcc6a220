/** The CloudEvents envelope check: timestamps, required attributes, numeric values. */
import { describe, expect, it } from 'vitest';
import { type EventIssue, checkEnvelope, numericValue, parseRfc3339 } from '../../../../src/modules/metering/ingest/cloud-events.js';

const NOW = Date.parse('2026-06-01T00:00:00Z');
const valid = { specversion: '1.0', id: 'e1', source: 'urn:s', type: 't', subject: 'r', time: '2026-05-31T10:00:00Z', data: { quantity: 1 } };

describe('parseRfc3339', () => {
  it.each([
    ['2026-04-15T10:00:00Z', '2026-04-15T10:00:00.000Z'],
    ['2026-04-15t10:00:00z', '2026-04-15T10:00:00.000Z'],
    ['2026-04-15T12:00:00+02:00', '2026-04-15T10:00:00.000Z'],
    ['2026-04-15T10:00:00.123456789-01:30', '2026-04-15T11:30:00.123Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
  ])('reads %s', (text, iso) => expect(parseRfc3339(text)?.toISOString()).toBe(iso));

  it.each([
    '2026-02-30T00:00:00Z',
    '2026-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-04-31T00:00:00Z',
    '2026-04-15T24:00:00Z',
    '2026-04-15T10:60:00Z',
    '2026-04-15T10:00:60Z',
    '2026-04-15T10:00:00',
    '2026-04-15 10:00:00Z',
    '2026-04-15',
    '2026-04-15T10:00:00+25:00',
    'yesterday',
  ])('refuses %s', (text) => expect(parseRfc3339(text)).toBeUndefined());
});

describe('checkEnvelope', () => {
  it('passes a valid event through', () => {
    const issues: EventIssue[] = [];
    expect(checkEnvelope(valid, 0, NOW, issues)).toMatchObject({ id: 'e1', subject: 'r', time: new Date('2026-05-31T10:00:00Z') });
    expect(issues).toEqual([]);
  });

  it('reports every problem of one event, not only the first', () => {
    const issues: EventIssue[] = [];
    expect(checkEnvelope({ specversion: '0.3', id: '', source: 5, time: '2026-06-03T00:00:00Z', data: 'x' }, 7, NOW, issues)).toBeUndefined();
    expect(issues.map((i) => [i.index, i.field])).toEqual([
      [7, 'specversion'],
      [7, 'id'],
      [7, 'source'],
      [7, 'type'],
      [7, 'subject'],
      [7, 'time'],
      [7, 'data'],
    ]);
  });

  it('allows a day of clock skew into the future, no more', () => {
    const ahead = (ms: number) => ({ ...valid, time: new Date(NOW + ms).toISOString() });
    expect(checkEnvelope(ahead(86_400_000), 0, NOW, [])).toBeDefined();
    expect(checkEnvelope(ahead(86_400_001), 0, NOW, [])).toBeUndefined();
  });

  it('takes only JSON data', () => {
    const issues: EventIssue[] = [];
    checkEnvelope({ ...valid, datacontenttype: 'text/csv' }, 0, NOW, issues);
    expect(issues.map((i) => i.field)).toEqual(['datacontenttype']);
  });
});

describe('numericValue', () => {
  it.each([
    [1, '1'],
    [2.5, '2.5'],
    [-3, '-3'],
    ['0.35312696', '0.35312696'],
    ['1e-7', '1e-7'],
  ])('takes %s', (value, text) => expect(numericValue(value)).toBe(text));

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 'lots', '', '1,5', '0x10', null, true, {}, [1]])('refuses %s', (value) =>
    expect(numericValue(value)).toBeUndefined(),
  );
});
