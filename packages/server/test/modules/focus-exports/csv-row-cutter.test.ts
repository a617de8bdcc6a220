/**
 * CsvRowCutter (ADR 0032, decision 8): the row ends of CSV bytes as csv-encoder.ts and COPY write
 * them — quoted fields holding commas, doubled quotes, LF and CR LF — found across any chunk
 * boundary, and a cut after exactly `max` rows.
 */
import { describe, expect, it } from 'vitest';
import { csvField } from '../../../src/modules/focus-exports/csv-encoder.js';
import { CsvRowCutter } from '../../../src/modules/focus-exports/csv-row-cutter.js';

const FIELDS = ['plain', '', 'a, b', 'say "hi"', 'two\nlines', 'crlf\r\nend', '"', '""', ',', '\n', 'ünïcödé ✓', '{"env": "prod"}', '\\.'];

/** Rows of fields chosen by a fixed sequence, as CSV lines; the byte offset after each row. */
function csvOf(rows: number, width: number): { bytes: Buffer; ends: number[] } {
  let text = '';
  const ends: number[] = [];
  let k = 7;
  for (let r = 0; r < rows; r++) {
    const fields: string[] = [];
    for (let c = 0; c < width; c++) {
      k = (k * 31 + 17) % 1009;
      fields.push(csvField(FIELDS[k % FIELDS.length]!));
    }
    text += `${fields.join(',')}\n`;
    ends.push(Buffer.byteLength(text));
  }
  return { bytes: Buffer.from(text), ends };
}

/** Feeds `bytes` in chunks of the given sizes (cycled), cutting after every `max` rows: each cut's offset and rows. */
function cuts(bytes: Buffer, sizes: number[], max: number): { offset: number; rows: number }[] {
  const cutter = new CsvRowCutter();
  const out: { offset: number; rows: number }[] = [];
  let base = 0;
  let pending = 0;
  for (let s = 0; base < bytes.length; s++) {
    const chunk = bytes.subarray(base, base + sizes[s % sizes.length]!);
    let from = 0;
    while (from < chunk.length) {
      const { end, rows } = cutter.cut(chunk, from, max - pending);
      pending += rows;
      if (pending === max) {
        out.push({ offset: base + end, rows: pending });
        pending = 0;
      }
      from = end;
    }
    base += chunk.length;
  }
  if (pending > 0) out.push({ offset: base, rows: pending });
  expect(cutter.atRowEnd).toBe(true);
  return out;
}

describe('CsvRowCutter', () => {
  const { bytes, ends } = csvOf(200, 5);

  it('the sample holds every kind of field (not an easy agreement)', () => {
    const text = bytes.toString();
    expect(text).toContain('"two\nlines"');
    expect(text).toContain('"crlf\r\nend"');
    expect(text).toContain('""""""');
    expect(text).toContain('"say ""hi"""');
  });

  it.each([[[1]], [[2, 3, 5]], [[7, 64, 1]], [[4096]], [[bytes.length]]])('cuts at row ends only, in chunks of %j', (sizes) => {
    for (const max of [1, 3, 50, 200, 1000]) {
      const got = cuts(bytes, sizes, max);
      const want: { offset: number; rows: number }[] = [];
      for (let i = max; i < ends.length + max; i += max) {
        const last = Math.min(i, ends.length);
        want.push({ offset: ends[last - 1]!, rows: last - (i - max) });
      }
      expect(got).toEqual(want);
    }
  });

  it('knows when the bytes stop inside a row: an open field, an open quote', () => {
    const open = new CsvRowCutter();
    open.cut(Buffer.from('a,b\nc,d'), 0, 10);
    expect(open.atRowEnd).toBe(false);
    const quoted = new CsvRowCutter();
    expect(quoted.cut(Buffer.from('a,"b\n'), 0, 10)).toEqual({ end: 5, rows: 0 });
    expect(quoted.atRowEnd).toBe(false);
    expect(quoted.cut(Buffer.from('c""d"\n'), 0, 10)).toEqual({ end: 6, rows: 1 });
    expect(quoted.atRowEnd).toBe(true);
    expect(new CsvRowCutter().atRowEnd).toBe(true);
  });
});
