/** The CSV rules: which headers are accepted, how a row becomes an event, which cells become numbers. */
import { describe, expect, it } from 'vitest';
import { type CsvLayout, cellValue, csvEvent, csvLayout } from '../../src/ingest/csv-events.js';

const layoutOf = (header: string[]) => {
  const layout = csvLayout(header);
  if (typeof layout === 'string') throw new Error(layout);
  return layout;
};

describe('cellValue', () => {
  it('turns plain decimal numbers into numbers', () => {
    expect(['0', '42', '-1', '1.5', '-0.25', '2e3', '1E-2', '9007199254740991'].map(cellValue)).toEqual([0, 42, -1, 1.5, -0.25, 2000, 0.01, 9007199254740991]);
  });

  it('leaves everything else as text', () => {
    const texts = ['007', '+1', '1,000', '1.', '.5', '0x10', 'NaN', 'Infinity', '1e999', '9007199254740993', ' 1', 'true', 'abc', '1 000'];
    expect(texts.map(cellValue)).toEqual(texts);
  });
});

describe('csvLayout', () => {
  it('accepts the envelope with data and data.<name> columns, trimming names', () => {
    const layout = layoutOf([' id', 'source ', 'type', 'subject', 'time', 'data', 'data.a', 'data.b.c']);
    expect(layout).toEqual({
      width: 8,
      envelope: [['id', 0], ['source', 1], ['type', 2], ['subject', 3], ['time', 4]],
      data: 5,
      fields: [[6, ['a']], [7, ['b', 'c']]],
    } satisfies CsvLayout);
  });

  it('names what is wrong with a header', () => {
    const base = ['id', 'source', 'type', 'subject', 'time'];
    expect(csvLayout(['id', 'source', 'type'])).toBe('missing column(s) subject, time');
    expect(csvLayout([...base, 'id'])).toBe('column(s) named twice: id');
    expect(csvLayout([...base, 'colour'])).toMatch(/^unknown column\(s\) colour; columns: id, source, type, subject, time, specversion, datacontenttype, data, data.<name>$/);
    expect(csvLayout([...base, 'data.a..b'])).toMatch(/data\.a\.\.b: a data.<name> column needs a name between each dot/);
    expect(csvLayout([...base, 'data.a', 'data.a.b'])).toBe('column(s) data.a would be both a value and an object');
  });
});

describe('csvEvent', () => {
  const layout = layoutOf(['id', 'source', 'type', 'subject', 'time', 'datacontenttype', 'data', 'data.quantity', 'data.level.cores']);
  const row = (overrides: Partial<Record<'data' | 'quantity' | 'cores' | 'contentType', string>> = {}) => [
    'e-1',
    'urn:test',
    'com.example.cpu.used',
    'vm-1',
    '2026-04-15T10:00:00Z',
    overrides.contentType ?? '',
    overrides.data ?? '',
    overrides.quantity ?? '3',
    overrides.cores ?? '',
  ];

  it('builds the envelope (specversion 1.0 by default) and the data, the columns winning over the data JSON', () => {
    expect(csvEvent(layout, row({ data: '{"quantity":"ignored","level":{"cores":1,"threads":2},"x":true}', cores: '8' }))).toEqual({
      specversion: '1.0',
      id: 'e-1',
      source: 'urn:test',
      type: 'com.example.cpu.used',
      subject: 'vm-1',
      time: '2026-04-15T10:00:00Z',
      data: { quantity: 3, level: { cores: 8, threads: 2 }, x: true },
    });
  });

  it('keeps a datacontenttype that is given and the specversion of the file', () => {
    const withVersion = layoutOf(['specversion', 'id', 'source', 'type', 'subject', 'time', 'datacontenttype']);
    expect(csvEvent(withVersion, ['0.3', 'e', 's', 't', 'vm', '2026-04-15T10:00:00Z', 'application/json'])).toMatchObject({
      specversion: '0.3',
      datacontenttype: 'application/json',
      data: {},
    });
  });

  it('says why a row cannot be built', () => {
    expect(csvEvent(layout, row().slice(0, 4))).toBe('4 field(s), but the header names 9');
    expect(csvEvent(layout, row({ data: '{"a":' }))).toMatch(/^data: not JSON \(/);
    expect(csvEvent(layout, row({ data: '"text"' }))).toBe('data: must be a JSON object');
    expect(csvEvent(layout, row({ data: 'null' }))).toBe('data: must be a JSON object');
  });
});
