/** The CloudEvents envelope check: timestamps, required attributes, numeric values. */
import { describe, expect, it } from 'vitest';
import { type EventIssue, canonicalUtcMs, checkEnvelope, nonFiniteNumberAt, numericValue, parseRfc3339 } from '../../../../src/modules/metering/ingest/cloud-events.js';
import { parseRfc3339 as generalRfc3339 } from '../../../../src/platform/formats/index.js';

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

describe('canonicalUtcMs (the fast path of parseRfc3339)', () => {
  const general = (text: string) => generalRfc3339(text, { maxFractionDigits: 9 })?.getTime();

  it("reads every toISOString text as the general parser does, and takes all of them", () => {
    // Every day of a leap and a common year and of 1000 and 9999, at clock times with and without milliseconds.
    const texts: string[] = [];
    for (const year of [1000, 1900, 2000, 2024, 2026, 9999]) {
      for (let day = 0; day < 366; day++) {
        const ms = Date.UTC(year, 0, 1) + day * 86_400_000 + ((day * 7919) % 86_400) * 1000 + (day % 3 === 0 ? 0 : (day * 37) % 1000);
        if (new Date(ms).getUTCFullYear() !== year) continue;
        const iso = new Date(ms).toISOString();
        texts.push(iso, iso.endsWith('.000Z') ? iso.replace('.000Z', 'Z') : iso);
      }
    }
    expect(texts.length).toBeGreaterThan(4000);
    for (const text of texts) {
      expect(canonicalUtcMs(text), text).toBe(general(text));
      expect(canonicalUtcMs(text), text).toBeDefined();
    }
  });

  it.each([
    '2026-02-29T00:00:00Z',
    '2024-02-30T00:00:00.000Z',
    '2026-04-31T10:00:00Z',
    '2026-00-10T10:00:00Z',
    '2026-13-10T10:00:00Z',
    '2026-04-00T10:00:00Z',
    '2026-04-15T24:00:00Z',
    '2026-04-15T10:60:00Z',
    '2026-04-15T10:00:60Z',
    '2026-04-15T10:00:00.12Z',
    '2026-04-15T10:00:00.1234Z',
    '2026-04-15t10:00:00z',
    '2026-04-15T10:00:00+00:00',
    '0999-04-15T10:00:00Z',
    '0001-01-01T00:00:00Z',
    '2026-04-15T1a:00:00Z',
    '2026-04-15T10:00:00.1a3Z',
    '+2026-04-15T10:00:00Z',
    '2026-4-15T10:00:00.000Z',
  ])('leaves %s to the general parser, which decides as before', (text) => {
    const fast = canonicalUtcMs(text);
    if (fast !== undefined) expect(fast).toBe(general(text));
    else expect(parseRfc3339(text)?.getTime()).toBe(general(text));
  });

  it('gives checkEnvelope the stored text of the time: toISOString of the instant', () => {
    for (const time of ['2026-05-31T10:00:00Z', '2026-05-31T10:00:00.250Z', '2026-05-31T12:00:00.5+02:00', '2026-05-31t10:00:00.123456z']) {
      const e = checkEnvelope({ ...valid, time }, 0, NOW, []);
      expect(e?.timeText, time).toBe(e?.time.toISOString());
    }
  });
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

  it('allows 5 minutes of clock skew into the future by default, no more', () => {
    const ahead = (ms: number) => ({ ...valid, time: new Date(NOW + ms).toISOString() });
    expect(checkEnvelope(ahead(300_000), 0, NOW, [])).toBeDefined();
    const issues: EventIssue[] = [];
    expect(checkEnvelope(ahead(300_001), 0, NOW, issues)).toBeUndefined();
    expect(issues).toEqual([expect.objectContaining({ field: 'time', description: expect.stringContaining('300 seconds after') })]);
  });

  it('allows events up to 35 days late by default, no older', () => {
    const back = (ms: number) => ({ ...valid, time: new Date(NOW - ms).toISOString() });
    expect(checkEnvelope(back(35 * 86_400_000), 0, NOW, [])).toBeDefined();
    const issues: EventIssue[] = [];
    expect(checkEnvelope(back(35 * 86_400_000 + 1), 0, NOW, issues)).toBeUndefined();
    expect(issues).toEqual([expect.objectContaining({ field: 'time', description: expect.stringContaining('35 days before') })]);
  });

  it('takes the window it is given', () => {
    const window = { maxAgeMs: 3_600_000, maxFutureMs: 0 };
    expect(checkEnvelope({ ...valid, time: '2026-05-31T23:00:00Z' }, 0, NOW, [], window)).toBeDefined();
    expect(checkEnvelope({ ...valid, time: '2026-05-31T22:59:59Z' }, 0, NOW, [], window)).toBeUndefined();
    expect(checkEnvelope({ ...valid, time: '2026-06-01T00:00:00.001Z' }, 0, NOW, [], window)).toBeUndefined();
  });

  it.each(['0001-01-01T00:00:00Z', '0050-03-01T00:00:00Z', '0099-12-31T12:00:00Z', '0001-01-01T00:30:00+01:00', '1901-01-01T00:00:00Z', '9999-12-31T23:59:59Z'])(
    'refuses %s: outside the window, whatever its year',
    (time) => {
      const issues: EventIssue[] = [];
      expect(checkEnvelope({ ...valid, time }, 0, NOW, issues)).toBeUndefined();
      expect(issues.map((i) => i.field)).toEqual(['time']);
    },
  );

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

describe('nonFiniteNumberAt', () => {
  it('finds a number beyond a double at any depth, by path', () => {
    expect(nonFiniteNumberAt({ quantity: 1, a: { b: [0, { 'c d': Number.POSITIVE_INFINITY }] } })).toBe('data.a.b[1]["c d"]');
    expect(nonFiniteNumberAt({ quantity: Number.NEGATIVE_INFINITY })).toBe('data.quantity');
    expect(nonFiniteNumberAt(JSON.parse('{"x":1e999999}') as Record<string, unknown>)).toBe('data.x');
  });

  it('passes finite numbers, strings and deep nesting without recursion', () => {
    let deep: Record<string, unknown> = { v: 1e308 };
    for (let i = 0; i < 100_000; i++) deep = { n: deep };
    expect(nonFiniteNumberAt(deep)).toBeUndefined();
    expect(nonFiniteNumberAt({ s: '1e999999', n: -1e308, z: 0 })).toBeUndefined();
  });
});
