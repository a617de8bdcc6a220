/** A generated 200,000-row CSV streams through the checker in bounded memory, at a measured speed. */
// A generated 200,000-row FOCUS 1.2 CSV (about 120 MB: the conformant fixture's rows over and over)
// streams through the checker: the heap left after garbage collection stays under 100 MB above where
// it started, far below the file's size, and the throughput is printed.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConformanceChecker } from '../../src/conformance/conformance-checker.js';
import { csvRows, validateFile } from '../../src/index.js';
import { conformantRows } from '../support/focus-rows.js';

const ROWS = 200_000;
const tmp = mkdtempSync(path.join(tmpdir(), 'focus-stream-'));
const file = path.join(tmp, 'focus-200k.csv');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const csvLine = (cells: readonly (string | null)[]) => cells.map((c) => (c === null ? '' : /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',') + '\n';

beforeAll(async () => {
  const { header, rows } = conformantRows();
  const out = createWriteStream(file);
  out.write(csvLine(header));
  const lines = rows.map(csvLine);
  for (let i = 0; i < ROWS; i++) {
    if (!out.write(lines[i % lines.length]!)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}, 120_000);

/** A real collection between samples, so that what is measured is what is still held. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('a 200,000-row CSV', () => {
  it('streams with bounded memory', async () => {
    const gc = collector();
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    const checker = new ConformanceChecker();
    let n = 0;
    for await (const cells of csvRows(createReadStream(file))) {
      if (n++ === 0) checker.header(cells);
      else checker.row(cells);
      if (n % 20_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      }
    }
    const report = checker.finish();
    expect(report.summary.rows).toBe(ROWS);
    expect(report.conformant).toBe(true);
    const size = statSync(file).size;
    console.log(`focus-200k.csv: ${(size / 1e6).toFixed(0)} MB; heap held above the start, at most: ${(peak / 1e6).toFixed(1)} MB`);
    expect(size).toBeGreaterThan(100e6);
    expect(peak).toBeLessThan(100e6);
  }, 180_000);

  it('is checked at a measured speed', async () => {
    const started = performance.now();
    const report = await validateFile(file);
    const seconds = (performance.now() - started) / 1000;
    expect(report.conformant).toBe(true);
    console.log(`focus-200k.csv: ${ROWS} rows in ${seconds.toFixed(1)} s = ${Math.round(ROWS / seconds)} rows/s`);
  }, 180_000);
});
