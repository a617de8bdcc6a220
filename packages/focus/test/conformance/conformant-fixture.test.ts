/** The hand-made conformant FOCUS 1.2 fixture passes as CSV, as .csv.gz and as its Parquet twin. */
// The hand-made conformant FOCUS 1.2 fixture (fixtures/focus-conformant-1.2.csv: Usage with and
// without a commitment, an Unused commitment row, the commitment's Purchase, Tax, Credit, spot, a
// correction, tokens, a capacity reservation) passes as CSV, as gzip-compressed CSV, and as its
// Parquet twin written here with parquet-wasm; Parquet nulls and placeholders are judged like CSV's.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { FocusFileError, parquetRows, validateFile, validateParquet } from '../../src/index.js';
import { CONFORMANT_CSV, ROW, conformantRows, parquetOf, rowWith } from '../support/focus-rows.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'focus-fixture-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const data = conformantRows();

describe('the conformant FOCUS 1.2 fixture', () => {
  it('passes as CSV', async () => {
    const report = await validateFile(CONFORMANT_CSV);
    expect(report).toMatchObject({ version: '1.2', conformant: true, violations: [] });
    expect(report.summary.rows).toBe(13);
  });

  it('passes as .csv.gz', async () => {
    const gz = path.join(tmp, 'conformant.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(CONFORMANT_CSV)));
    expect((await validateFile(gz)).conformant).toBe(true);
  });

  it('passes as its Parquet twin (typed decimals and timestamps), read in several batches', async () => {
    const file = path.join(tmp, 'conformant.parquet');
    writeFileSync(file, parquetOf(data, 4));
    const report = await validateFile(file, { batchSize: 3 });
    expect(report.violations).toEqual([]);
    expect(report.summary.rows).toBe(13);
    const rows: unknown[] = [];
    for await (const row of parquetRows(file, { batchSize: 5 })) rows.push(row);
    expect(rows[0]).toEqual(data.header);
    // Typed cells come back as text: a float64 decimal, a timestamp, a null.
    const first = rows[1] as (string | null)[];
    expect(first[data.header.indexOf('ListUnitPrice')]).toBe('0.2');
    expect(first[data.header.indexOf('ChargePeriodStart')]).toBe('2025-06-10T10:00:00Z');
    expect(first[data.header.indexOf('ChargeClass')]).toBeNull();
    // '25E-4' written as a float64 reads as plain 0.0025.
    expect((rows[ROW.tokens + 1] as (string | null)[])[data.header.indexOf('ListUnitPrice')]).toBe('0.0025');
  });

  it('takes Parquet bytes as well as a path, and judges Parquet values like CSV ones', async () => {
    const broken = {
      header: data.header,
      rows: [
        rowWith(data, ROW.usage, { Tags: 'NULL' }),
        rowWith(data, ROW.usage, { ResourceName: '' }),
        rowWith(data, ROW.usage, { BilledCost: null }),
        rowWith(data, ROW.usage, { ChargePeriodStart: '2025-06-10T10:00:00.5Z' }),
      ],
    };
    const report = await validateParquet(parquetOf(broken));
    expect(report.violations.map((v) => [v.row, v.column, v.rule])).toEqual([
      [1, 'Tags', 'literal-null'],
      [2, 'ResourceName', 'literal-null'],
      [3, 'BilledCost', 'nullability'],
      [4, 'ChargePeriodStart', 'date-format'],
    ]);
    expect(report.violations[1]!.message).toBe('an empty string stands for no value: use a real null');
    expect(report.violations[3]!.message).toContain("'2025-06-10T10:00:00.5Z' is not YYYY-MM-DDTHH:mm:ssZ: no fractional seconds");
  });

  it('gives unreadable files as FocusFileErrors, not violations', async () => {
    const notParquet = path.join(tmp, 'bad.parquet');
    writeFileSync(notParquet, 'this is no parquet file');
    await expect(validateFile(notParquet)).rejects.toBeInstanceOf(FocusFileError);
    await expect(validateFile(path.join(tmp, 'missing.csv'))).rejects.toThrow(/cannot read .*missing\.csv/);
    await expect(validateFile(tmp + '/x.json')).rejects.toThrow('cannot tell the format');
    await expect(validateFile(tmp, { format: 'csv' })).rejects.toThrow('is not a file');
    const badGzip = path.join(tmp, 'bad.csv.gz');
    writeFileSync(badGzip, 'not gzip');
    await expect(validateFile(badGzip)).rejects.toBeInstanceOf(FocusFileError);
  });
});
