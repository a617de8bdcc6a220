/** The event file reader: NDJSON and CSV streamed with their line numbers, broken lines reported, resume by line. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { type EventFormat, type FileItem, formatOf, readEventFile, textLines } from '../../src/ingest/event-file-reader.js';

const dir = mkdtempSync(path.join(tmpdir(), 'consumo-reader-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function fileWith(text: string, ext: string): string {
  const file = path.join(dir, `f${++files}${ext}`);
  writeFileSync(file, text);
  return file;
}

async function readAll(file: string, format: EventFormat, afterLine?: number): Promise<FileItem[]> {
  const items: FileItem[] = [];
  for await (const item of readEventFile(file, format, { afterLine }).items) items.push(item);
  return items;
}

const event = (id: string, extra: Record<string, unknown> = {}) => ({
  specversion: '1.0',
  id,
  source: 'urn:test',
  type: 'com.example.cpu.used',
  subject: 'vm-1',
  time: '2026-04-15T10:00:00Z',
  data: { quantity: 1 },
  ...extra,
});

/** Just the kind and lines of each item, and the id of each event. */
const shape = (items: FileItem[]) =>
  items.map((i) => (i.kind === 'event' ? { line: i.line, endLine: i.endLine, id: i.event.id } : { problem: i.line }));

describe('formatOf', () => {
  it('knows .ndjson, .jsonl and .csv, in any case, and nothing else', () => {
    expect(formatOf('a/b.ndjson')).toBe('ndjson');
    expect(formatOf('x.JSONL')).toBe('ndjson');
    expect(formatOf('x.csv')).toBe('csv');
    expect(formatOf('x.json')).toBeUndefined();
    expect(formatOf('x')).toBeUndefined();
  });
});

describe('textLines', () => {
  /** What readline (crlfDelay: Infinity, as the reader used before) makes of the same text. */
  async function readlineLines(text: string): Promise<string[]> {
    const lines: string[] = [];
    for await (const line of createInterface({ input: Readable.from([text]), crlfDelay: Infinity })) lines.push(line);
    return lines;
  }
  async function split(chunks: string[]): Promise<string[]> {
    const lines: string[] = [];
    for await (const some of textLines(Readable.from(chunks, { objectMode: true }))) lines.push(...some);
    return lines;
  }

  it('splits lines exactly as readline does, wherever the chunks are cut', async () => {
    const alphabet = ['a', 'bc', '\n', '\r', '\r\n', ' ', 'é', '{"x":1}'];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      // The high bits: an LCG's low bits repeat with a short period.
      return Math.floor(seed / 2 ** 16) % n;
    };
    for (let round = 0; round < 400; round++) {
      const text = Array.from({ length: random(30) }, () => alphabet[random(alphabet.length)]).join('');
      const chunks: string[] = [];
      for (let at = 0; at < text.length; ) {
        const size = 1 + random(6);
        chunks.push(text.slice(at, at + size));
        at += size;
      }
      expect(await split(chunks), JSON.stringify(chunks)).toEqual(await readlineLines(text));
    }
  });

  it('makes one break of a \\r\\n cut between two chunks, and ends a last line at a lone \\r', async () => {
    expect(await split(['a\r', '\nb\r', 'c\r'])).toEqual(['a', 'b', 'c']);
    expect(await split(['a\n\n', '', 'b'])).toEqual(['a', '', 'b']);
    expect(await split([])).toEqual([]);
  });
});

describe('NDJSON', () => {
  it('yields one event per line with its line number; blank lines, CRLF and a BOM are taken in stride', async () => {
    const text = `\uFEFF${JSON.stringify(event('a'))}\r\n\r\n   \n${JSON.stringify(event('b'))}\n${JSON.stringify(event('c'))}`;
    const items = await readAll(fileWith(text, '.ndjson'), 'ndjson');
    expect(shape(items)).toEqual([
      { line: 1, endLine: 1, id: 'a' },
      { line: 4, endLine: 4, id: 'b' },
      { line: 5, endLine: 5, id: 'c' },
    ]);
    expect(items[0]).toMatchObject({ kind: 'event', event: event('a') });
  });

  it('reports a line that is not JSON, or JSON that is not an object, and reads on', async () => {
    const text = [JSON.stringify(event('a')), '{"id": "b",', '[1,2]', '42', JSON.stringify(event('e'))].join('\n');
    const items = await readAll(fileWith(text, '.ndjson'), 'ndjson');
    expect(shape(items)).toEqual([{ line: 1, endLine: 1, id: 'a' }, { problem: 2 }, { problem: 3 }, { problem: 4 }, { line: 5, endLine: 5, id: 'e' }]);
    expect(items[1]).toMatchObject({ message: expect.stringMatching(/^not valid JSON/) });
    expect(items[2]).toMatchObject({ message: 'not a JSON object (one CloudEvent per line)' });
  });

  it('skips the lines a checkpoint covers without parsing them', async () => {
    const text = [JSON.stringify(event('a')), 'not json at all', JSON.stringify(event('c')), JSON.stringify(event('d'))].join('\n');
    expect(shape(await readAll(fileWith(text, '.ndjson'), 'ndjson', 2))).toEqual([
      { line: 3, endLine: 3, id: 'c' },
      { line: 4, endLine: 4, id: 'd' },
    ]);
  });

  it('streams a large file, counting the bytes it read', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify(event(`e${i}`)));
    const file = fileWith(`${lines.join('\n')}\n`, '.ndjson');
    const reader = readEventFile(file, 'ndjson');
    let n = 0;
    let last = 0;
    for await (const item of reader.items) {
      expect(item.kind).toBe('event');
      n++;
      last = item.line;
    }
    expect([n, last]).toEqual([20_000, 20_000]);
    expect(reader.bytesRead()).toBe(Buffer.byteLength(`${lines.join('\n')}\n`));
  });

  it('closes the file when the reader stops early', async () => {
    const file = fileWith(Array.from({ length: 5000 }, (_, i) => JSON.stringify(event(`e${i}`))).join('\n'), '.ndjson');
    const reader = readEventFile(file, 'ndjson');
    for await (const item of reader.items) if (item.line === 3) break;
    // Nothing to assert beyond not hanging and not throwing; the stream is destroyed in the generator's finally.
    expect(reader.bytesRead()).toBeGreaterThan(0);
  });
});

describe('CSV', () => {
  const header = 'specversion,id,source,type,subject,time,data,data.quantity,data.level.cores,data.note';

  it('builds events from the envelope columns, the data JSON and the data.<name> columns', async () => {
    const text = [
      header,
      '1.0,a,urn:test,com.example.cpu.used,vm-1,2026-04-15T10:00:00Z,"{""region"":""ams"",""quantity"":9}",2.5,4,007',
      '1.0,b,urn:test,com.example.cpu.used,vm-2,2026-04-15T11:00:00Z,,,,',
    ].join('\n');
    const items = await readAll(fileWith(text, '.csv'), 'csv');
    expect(items).toEqual([
      {
        kind: 'event',
        line: 2,
        endLine: 2,
        size: expect.any(Number),
        event: { ...event('a'), data: { region: 'ams', quantity: 2.5, level: { cores: 4 }, note: '007' } },
      },
      { kind: 'event', line: 3, endLine: 3, size: expect.any(Number), event: { ...event('b', { subject: 'vm-2', time: '2026-04-15T11:00:00Z' }), data: {} } },
    ]);
  });

  it('counts lines across quoted line breaks and blank lines, so each row has the line it starts on', async () => {
    const text = [
      'id,source,type,subject,time,data.note',
      'a,urn:test,t,vm-1,2026-04-15T10:00:00Z,"two',
      'lines"',
      '',
      'b,urn:test,t,vm-1,2026-04-15T10:00:00Z,x',
      'c,urn:test,t,vm-1,2026-04-15T10:00:00Z,"x',
      'y',
      'z"',
      ',,,,,',
      'd,urn:test,t,vm-1,2026-04-15T10:00:00Z,last',
    ].join('\n');
    const items = await readAll(fileWith(text, '.csv'), 'csv');
    expect(shape(items)).toEqual([
      { line: 2, endLine: 3, id: 'a' },
      { line: 5, endLine: 5, id: 'b' },
      { line: 6, endLine: 8, id: 'c' },
      { line: 10, endLine: 10, id: 'd' },
    ]);
    expect(items[0]).toMatchObject({ event: { specversion: '1.0', data: { note: 'two\nlines' } } });
  });

  it('reads a CRLF file with the same line numbers', async () => {
    const text = ['id,source,type,subject,time', 'a,urn:test,t,vm-1,2026-04-15T10:00:00Z', '', 'b,urn:test,t,vm-1,2026-04-15T10:00:00Z', ''].join('\r\n');
    expect(shape(await readAll(fileWith(text, '.csv'), 'csv'))).toEqual([
      { line: 2, endLine: 2, id: 'a' },
      { line: 4, endLine: 4, id: 'b' },
    ]);
  });

  it('reports rows that cannot be built at their line and reads on', async () => {
    const text = [
      'id,source,type,subject,time,data',
      'a,urn:test,t,vm-1,2026-04-15T10:00:00Z,{}',
      'b,urn:test,t,vm-1,2026-04-15T10:00:00Z,{not json}',
      'c,urn:test,t,vm-1,2026-04-15T10:00:00Z,[1]',
      'd,urn:test,t,vm-1',
      'e,urn:test,t,vm-1,2026-04-15T10:00:00Z,{}',
    ].join('\n');
    const items = await readAll(fileWith(text, '.csv'), 'csv');
    expect(shape(items)).toEqual([{ line: 2, endLine: 2, id: 'a' }, { problem: 3 }, { problem: 4 }, { problem: 5 }, { line: 6, endLine: 6, id: 'e' }]);
    expect(items.map((i) => (i.kind === 'problem' ? i.message : '')).filter(Boolean)).toEqual([
      expect.stringMatching(/^data: not JSON/),
      'data: must be a JSON object',
      '4 field(s), but the header names 6',
    ]);
  });

  it('reports a bad header at line 1 and reads no further', async () => {
    const items = await readAll(fileWith('id,source,type,time,colour\na,b,c,d,e\n', '.csv'), 'csv');
    expect(items).toEqual([{ kind: 'problem', line: 1, message: expect.stringContaining('unknown column(s) colour') }]);
    expect(await readAll(fileWith('', '.csv'), 'csv')).toEqual([{ kind: 'problem', line: 1, message: 'no header row (the file is empty)' }]);
  });

  it('ends with the parser error, at its line, when the CSV structure breaks (an unclosed quote)', async () => {
    const text = ['id,source,type,subject,time', 'a,urn:test,t,vm-1,2026-04-15T10:00:00Z', 'b,urn:test,t,"vm-1,2026-04-15T10:00:00Z'].join('\n');
    const items = await readAll(fileWith(text, '.csv'), 'csv');
    expect(items.at(-1)).toMatchObject({ kind: 'problem', message: expect.stringMatching(/quote/i) });
    expect(items.at(-1)!.line).toBeGreaterThanOrEqual(3);
  });

  it('skips the rows a checkpoint covers, keeping the header', async () => {
    const text = ['id,source,type,subject,time', ...['a', 'b', 'c', 'd'].map((id) => `${id},urn:test,t,vm-1,2026-04-15T10:00:00Z`)].join('\n');
    expect(shape(await readAll(fileWith(text, '.csv'), 'csv', 3))).toEqual([
      { line: 4, endLine: 4, id: 'c' },
      { line: 5, endLine: 5, id: 'd' },
    ]);
  });
});
