/** A generated 100,000-row FOCUS 1.2 CSV streams through the model validator in bounded memory; the throughput is printed. */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRows } from '../../src/index.js';
import { ModelValidator } from '../../src/requirements-model/model-validation.js';
import { conformantRows } from '../support/focus-rows.js';

const ROWS = 100_000;
const tmp = mkdtempSync(path.join(tmpdir(), 'focus-model-stream-'));
const file = path.join(tmp, 'focus-100k.csv');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const csvLine = (cells: readonly (string | null)[]) => cells.map((c) => (c === null ? '' : /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',') + '\n';

beforeAll(async () => {
  const { header, rows } = conformantRows();
  const out = createWriteStream(file);
  out.write(csvLine(header));
  const lines = rows.map(csvLine);
  for (let i = 0; i < ROWS; i++) if (!out.write(lines[i % lines.length]!)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}, 120_000);

describe('a 100,000-row CSV through the requirements model', () => {
  it('streams with bounded memory and passes every rule', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    const validator = new ModelValidator({ version: '1.2' });
    let n = 0;
    const started = performance.now();
    for await (const cells of csvRows(createReadStream(file))) {
      if (n++ === 0) validator.header(cells);
      else validator.row(cells);
      if (n % 20_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      }
    }
    const report = validator.finish();
    const seconds = (performance.now() - started) / 1000;
    expect(report.rows).toBe(ROWS);
    expect(report.rules.filter((r) => r.status === 'fail')).toEqual([]);
    const size = statSync(file).size;
    console.log(`focus-100k.csv: ${(size / 1e6).toFixed(0)} MB, ${report.rules.length} rules; ${Math.round(ROWS / seconds)} rows/s; heap held above the start, at most ${(peak / 1e6).toFixed(1)} MB`);
    expect(size).toBeGreaterThan(50e6);
    expect(peak).toBeLessThan(50e6);
  }, 300_000);
});
