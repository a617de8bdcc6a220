/** FOCUS exports as Parquet: the CSV's rows and values read back with DuckDB (types, exact decimals, times, nulls), Accept selection, 204, conformance, and a 100,000-row stream with bounded memory. */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { DuckDBDecimalValue, DuckDBTimestampTZValue, type DuckDBValue } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { csvRows, validateParquet } from '@consumo/focus';
import { STATISTICS_COLUMNS } from '../../../src/modules/focus-exports/parquet-writer.js';
import { PROFILES } from '../../../src/modules/focus-exports/export-profiles.js';
import { ParquetValueError, unscaledDecimal } from '../../../src/modules/focus-exports/parquet-encoder.js';
import { costRecord, insertCostRecords } from '../../support/cost-record-fixtures.js';
import type { TestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { useDuckDb } from '../../support/duckdb-reader.js';
import {
  BASE,
  ROWS,
  type Tenant,
  contents,
  createExport,
  expectStopOnDisconnect,
  readBulk,
  useBulkExport,
  useDemoExports,
  useExportsApp,
} from '../../support/focus-export-fixtures.js';

const PARQUET = 'application/vnd.apache.parquet';
const APRIL = 'startDate=2026-04-01&endDate=2026-04-30';
const DECIMALS = ['0.35312696', '0.39236328125', '4.266666666666667', '11.7708984375', '-3.5', '123456789012.12345679'];
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

const duck = useDuckDb('parquet');
/** Writes the bytes to a temp file; its path, quoted for SQL. */
const parquetFile = (bytes: Uint8Array) => duck.file(bytes, 'parquet');

async function describeTypes(file: string): Promise<Record<string, string>> {
  const r = await duck.conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${file})`);
  return Object.fromEntries(r.getRowObjects().map((o) => [String(o.column_name), String(o.column_type)]));
}

async function readAll(file: string): Promise<{ columns: string[]; rows: DuckDBValue[][] }> {
  const r = await duck.conn.runAndReadAll(`SELECT * FROM read_parquet(${file})`);
  return { columns: r.columnNames(), rows: r.getRows() };
}

/** Decimal text without trailing fraction zeros (`0.392363281250000` → `0.39236328125`). */
const canonical = (text: string) => {
  if (!text.includes('.')) return text === '-0' ? '0' : text;
  const t = text.replace(/0+$/, '').replace(/\.$/, '');
  return t === '-0' ? '0' : t;
};

function decimalText(v: DuckDBDecimalValue): string {
  const negative = v.value < 0n;
  const digits = (negative ? -v.value : v.value).toString().padStart(v.scale + 1, '0');
  const text = v.scale === 0 ? digits : `${digits.slice(0, -v.scale)}.${digits.slice(-v.scale)}`;
  return canonical(negative ? `-${text}` : text);
}

/** A DuckDB value as the CSV writes it (decimals canonical, times `…T00:00:00Z`, null empty). */
function asCsvText(v: DuckDBValue): string {
  if (v === null) return '';
  if (v instanceof DuckDBDecimalValue) return decimalText(v);
  if (v instanceof DuckDBTimestampTZValue) {
    expect(v.micros % 1_000_000n).toBe(0n);
    return `${new Date(Number(v.micros / 1000n)).toISOString().slice(0, 19)}Z`;
  }
  return String(v);
}

async function csvCells(body: string): Promise<string[][]> {
  const out: string[][] = [];
  for await (const cells of csvRows(Readable.from([body]))) out.push(cells.map((c) => c ?? ''));
  return out;
}

describe('Decimal128(38, 15) values', () => {
  it('keeps every digit of costs and quantities, and refuses what would lose one', () => {
    expect(DECIMALS.map((d) => unscaledDecimal(d, 'X').toString())).toEqual([
      '353126960000000',
      '392363281250000',
      '4266666666666667',
      '11770898437500000',
      '-3500000000000000',
      '123456789012123456790000000',
    ]);
    expect(unscaledDecimal('4.2666666666666670000', 'X')).toBe(4266666666666667n);
    expect(unscaledDecimal('0', 'X')).toBe(0n);
    expect(unscaledDecimal('99999999999999999999999.999999999999999', 'X')).toBe(10n ** 38n - 1n);
    expect(() => unscaledDecimal('0.1234567890123456', 'X')).toThrow(ParquetValueError);
    expect(() => unscaledDecimal('100000000000000000000000', 'X')).toThrow(/integer digits/);
    expect(() => unscaledDecimal('NaN', 'X')).toThrow(/not a plain decimal/);
  });
});

describe.each(testEngines())('FOCUS export contents as Parquet on %s', (engine) => {
  let t: TestApp;
  let a: Tenant;
  let csvAll: string;
  let parquetAll: string;
  const unused = {
    resource_id: 'commit-1',
    charge_period_start: day('2026-04-20'),
    charge_category: 'Usage',
    commitment_discount_status: 'Unused',
    commitment_discount_unit: 'vCPU-Hours',
    commitment_discount_id: 'C-1',
    commitment_discount_category: 'Usage',
    commitment_discount_type: 'Commitment',
    commitment_discount_name: 'Commit',
    commitment_discount_quantity: '5',
    consumed_quantity: null,
    consumed_unit: null,
  };

  useExportsApp(engine, async (app, tenant) => {
    [t, a] = [app, tenant];
    const ws = a.workspaceId;
    await insertCostRecords(t.db, [
      ...DECIMALS.map((d, i) =>
        costRecord(ws, {
          resource_id: `vm-${i}`,
          charge_period_start: day(`2026-04-0${i + 1}`),
          billed_cost: d,
          consumed_quantity: DECIMALS[(i + 1) % DECIMALS.length]!,
          pricing_quantity: DECIMALS[(i + 2) % DECIMALS.length]!,
          list_unit_price: DECIMALS[(i + 3) % DECIMALS.length]!,
          tags: i === 0 ? null : i === 1 ? {} : { env: 'prod', note: 'a, "quoted" é' },
          charge_description: i === 2 ? 'big, "quoted"\nline' : i === 3 ? '' : `vm ${i}`,
          region_id: i === 4 ? null : 'eu-west',
          contracted_unit_price: i === 5 ? null : '0.9',
        }),
      ),
      costRecord(ws, unused),
    ]);
    csvAll = (await createExport(t, a, { name: 'All usage, CSV' })).id;
    parquetAll = (await createExport(t, a, { name: 'All usage (Parquet)', format: 'parquet', compression: 'gzip' })).id;
  }, { tenants: ['parquet'] });

  it.each(['greenlake', 'focus-1.2'] as const)('%s: the same columns and rows as the CSV of the same request, typed', async (profile) => {
    const csv = await contents(t, a, csvAll, `${APRIL}&profile=${profile}`);
    const res = await contents(t, a, parquetAll, `${APRIL}&profile=${profile}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe(PARQUET);
    expect(res.headers['content-disposition']).toBe('attachment; filename="all-usage-parquet_2026-04-01_2026-04-30.parquet"');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-store');
    const bytes = res.rawPayload;
    expect(bytes.subarray(0, 4).toString()).toBe('PAR1');
    const file = parquetFile(bytes);

    const types = await describeTypes(file);
    expect(Object.keys(types)).toEqual(PROFILES[profile].columns.map((c) => c.header));
    for (const c of PROFILES[profile].columns) {
      const expected =
        c.kind === 'decimal' || c.kind === 'unused-consumed-quantity' ? 'DECIMAL(38,15)' : c.kind === 'timestamp' ? 'TIMESTAMP WITH TIME ZONE' : 'VARCHAR';
      expect([c.header, types[c.header]]).toEqual([c.header, expected]);
    }

    const [header, ...csvLines] = await csvCells(csv.body);
    const { columns, rows } = await readAll(file);
    expect(columns).toEqual(header);
    expect(rows.length).toBe(csvLines.length);
    const kinds = PROFILES[profile].columns.map((c) => c.kind);
    const fromParquet = rows.map((r) => r.map(asCsvText));
    const fromCsv = csvLines.map((line) => line.map((cell, i) => (kinds[i] === 'decimal' || kinds[i] === 'unused-consumed-quantity' ? canonical(cell) : cell)));
    expect(fromParquet).toEqual(fromCsv);
  });

  it('decimals exactly, times as UTC microseconds in whole seconds, nulls as nulls', async () => {
    const res = await contents(t, a, parquetAll, `${APRIL}&profile=focus-1.2`);
    const file = parquetFile(res.rawPayload);
    const r = await duck.conn.runAndReadAll(
      `SELECT ResourceId, BilledCost, ConsumedQuantity, ChargePeriodStart, x_RatedAt, Tags, RegionId, ContractedUnitPrice, ChargeDescription
       FROM read_parquet(${file}) ORDER BY ChargePeriodStart`,
    );
    const rows = r.getRowObjects();
    expect(rows.map((o) => o.ResourceId)).toEqual(['vm-0', 'vm-1', 'vm-2', 'vm-3', 'vm-4', 'vm-5', 'commit-1']);
    const billed = rows.slice(0, 6).map((o) => o.BilledCost as DuckDBDecimalValue);
    expect(billed.map((v) => [v.width, v.scale])).toEqual(DECIMALS.map(() => [38, 15]));
    expect(billed.map((v) => v.value)).toEqual(DECIMALS.map((d) => unscaledDecimal(d, 'BilledCost')));
    expect(billed.map(decimalText)).toEqual(DECIMALS);
    // DuckDB's own decimal comparison agrees, value by value.
    for (const d of DECIMALS) {
      const hit = await duck.conn.runAndReadAll(`SELECT count(*)::INT AS n FROM read_parquet(${file}) WHERE ResourceId LIKE 'vm-%' AND BilledCost = '${d}'::DECIMAL(38,15)`);
      expect([d, hit.getRowObjects()[0]!.n]).toEqual([d, 1]);
    }
    expect((rows[0]!.ChargePeriodStart as DuckDBTimestampTZValue).micros).toBe(BigInt(Date.UTC(2026, 3, 1)) * 1000n);
    // Rated at 03:04:05.678: whole seconds, truncated, as the CSV writes it.
    expect((rows[0]!.x_RatedAt as DuckDBTimestampTZValue).micros).toBe(BigInt(Date.UTC(2026, 3, 2, 3, 4, 5)) * 1000n);
    expect(rows.map((o) => o.Tags)).toEqual([null, '{}', ...Array(4).fill('{"env": "prod", "note": "a, \\"quoted\\" é"}'), '{"env": "prod", "team": "core"}']);
    expect(rows[4]!.RegionId).toBeNull();
    expect(rows[5]!.ContractedUnitPrice).toBeNull();
    expect(rows[6]!.ConsumedQuantity).toBeNull();
    expect(rows[2]!.ChargeDescription).toBe('big, "quoted"\nline');
    expect(rows[3]!.ChargeDescription).toBe('');
  });

  it('GreenLake profile: Tags {} when empty, Unused rows consumed 0 in the commitment unit, ChargeFrequency as the CSV computes it', async () => {
    const res = await contents(t, a, parquetAll, APRIL);
    const file = parquetFile(res.rawPayload);
    const r = await duck.conn.runAndReadAll(`SELECT ResourceId, Tags, ConsumedQuantity, ConsumedUnit, ChargeFrequency FROM read_parquet(${file}) ORDER BY ChargePeriodStart`);
    const rows = r.getRowObjects();
    expect(rows.slice(0, 2).map((o) => o.Tags)).toEqual(['{}', '{}']);
    const last = rows[6]!;
    expect(last.ResourceId).toBe('commit-1');
    expect((last.ConsumedQuantity as DuckDBDecimalValue).value).toBe(0n);
    expect(last.ConsumedUnit).toBe('vCPU-Hours');
    // The test clock is after April 2026: every period has closed.
    const frequencies = new Set(rows.map((o) => o.ChargeFrequency));
    const csvFrequencies = new Set((await csvCells((await contents(t, a, csvAll, APRIL)).body)).slice(1).map((cells) => cells[31]));
    expect(frequencies).toEqual(csvFrequencies);
  });

  it.each([
    [PARQUET, true],
    [`${PARQUET}, text/csv;q=0.5`, true],
    [`text/csv;q=0.5, ${PARQUET}`, true],
    [`text/csv, ${PARQUET};q=0.9`, false],
    [`${PARQUET};q=0`, false],
    ['text/csv', false],
    ['*/*', false],
    [undefined, false],
  ])('a csv definition with Accept %s answers Parquet: %s', async (accept, parquet) => {
    const res = await contents(t, a, csvAll, APRIL, accept === undefined ? {} : { accept, 'accept-encoding': 'gzip' });
    expect(res.statusCode).toBe(200);
    if (parquet) {
      expect(res.headers['content-type']).toBe(PARQUET);
      expect(res.headers['content-disposition']).toBe('attachment; filename="all-usage-csv_2026-04-01_2026-04-30.parquet"');
      // Parquet compresses inside: Accept-Encoding and the definition's gzip do not apply.
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.rawPayload.subarray(0, 4).toString()).toBe('PAR1');
    } else {
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    }
  });

  it('a Parquet definition answers Parquet whatever Accept says, and 204 exactly as CSV when nothing matches', async () => {
    const res = await contents(t, a, parquetAll, APRIL, { accept: 'text/csv' });
    expect(res.headers['content-type']).toBe(PARQUET);
    const empty = await contents(t, a, parquetAll, 'startDate=2025-01-01&endDate=2025-01-31');
    const emptyCsv = await contents(t, a, csvAll, 'startDate=2025-01-01&endDate=2025-01-31', { accept: PARQUET });
    for (const r of [empty, emptyCsv]) {
      expect(r.statusCode).toBe(204);
      expect(r.body).toBe('');
      expect(r.headers['content-type']).toBeUndefined();
    }
    const definition = (await t.call({ method: 'GET', url: `${BASE}/${parquetAll}`, token: a.token })).json();
    expect(definition.lastRun).not.toBeNull();
  });

  it('format=parquet|csv per request wins over the definition and Accept, and names the file to match', async () => {
    const asParquet = await contents(t, a, csvAll, `${APRIL}&format=parquet`, { accept: 'text/csv' });
    expect(asParquet.statusCode).toBe(200);
    expect(asParquet.headers['content-type']).toBe(PARQUET);
    expect(asParquet.headers['content-disposition']).toBe('attachment; filename="all-usage-csv_2026-04-01_2026-04-30.parquet"');
    expect(asParquet.rawPayload.subarray(0, 4).toString()).toBe('PAR1');
    const fromDefinition = await contents(t, a, parquetAll, APRIL);
    expect(asParquet.rawPayload.length).toBe(fromDefinition.rawPayload.length);

    const asCsv = await contents(t, a, parquetAll, `${APRIL}&format=CSV`, { accept: PARQUET });
    expect(asCsv.statusCode).toBe(200);
    expect(asCsv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(asCsv.headers['content-disposition']).toBe('attachment; filename="all-usage-parquet_2026-04-01_2026-04-30.csv"');
    // The definition's gzip applies to its CSV.
    expect(asCsv.headers['content-encoding']).toBe('gzip');
    const plain = await contents(t, a, csvAll, APRIL);
    expect(gunzipSync(asCsv.rawPayload).toString()).toBe(plain.body);
  });

  it.each(['xlsx', '', 'parquet,csv'])('format=%j is a 400 naming format, before anything is read or recorded', async (format) => {
    const before = (await t.call({ method: 'GET', url: `${BASE}/${csvAll}`, token: a.token })).json();
    const res = await contents(t, a, csvAll, `${APRIL}&format=${encodeURIComponent(format)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errorDetails[0].issues).toEqual([{ source: 'query.parameter', subject: 'format', description: 'Must be one of: csv, parquet.' }]);
    const after = (await t.call({ method: 'GET', url: `${BASE}/${csvAll}`, token: a.token })).json();
    expect(after.lastRun).toEqual(before.lastRun);
  });

  it('format given twice is a 400 saying to give it once', async () => {
    const res = await contents(t, a, csvAll, `${APRIL}&format=csv&format=parquet`);
    expect(res.statusCode).toBe(400);
    expect(res.json().errorDetails[0].issues).toEqual([
      { source: 'query.parameter', subject: 'format', description: 'Takes one value but was given 2 times; give one format=… only.' },
    ]);
  });
});

describe.each(testEngines())('Parquet at the edges of Decimal128(38, 15) on %s', (engine) => {
  let t: TestApp;
  let a: Tenant;
  let id: string;
  const MAX = '99999999999999999999999.999999999999999';
  const TEXT = 'ünïcödé 漢字, "quoted"\r\nline';

  useExportsApp(engine, async (app, tenant) => {
    [t, a] = [app, tenant];
    const ws = a.workspaceId;
    await insertCostRecords(t.db, [
      costRecord(ws, { resource_id: 'max', charge_period_start: day('2026-05-01'), billed_cost: MAX, effective_cost: `-${MAX}`, charge_description: TEXT }),
      costRecord(ws, { resource_id: 'tiny', charge_period_start: day('2026-05-02'), billed_cost: '-0.000000000000001', effective_cost: '0.000000000000001', charge_description: null }),
      // Sixteen places: exact in the CSV, more than Parquet's Decimal128(38, 15) holds.
      costRecord(ws, { resource_id: 'too-fine', charge_period_start: day('2026-06-01'), billed_cost: '0.1234567890123456' }),
    ]);
    id = (await createExport(t, a, { name: 'Edges (Parquet)', format: 'parquet' })).id;
  }, { tenants: ['edges'] });

  it('the largest and smallest values either side of zero, exact; text bytes as stored; nulls', async () => {
    const res = await contents(t, a, id, 'startDate=2026-05-01&endDate=2026-05-31&profile=focus-1.2');
    expect(res.statusCode, res.body).toBe(200);
    const r = await duck.conn.runAndReadAll(
      `SELECT ResourceId, BilledCost::VARCHAR AS billed, EffectiveCost::VARCHAR AS effective, ChargeDescription FROM read_parquet(${parquetFile(res.rawPayload)}) ORDER BY ChargePeriodStart`,
    );
    expect(r.getRowObjects()).toEqual([
      { ResourceId: 'max', billed: MAX, effective: `-${MAX}`, ChargeDescription: TEXT },
      { ResourceId: 'tiny', billed: '-0.000000000000001', effective: '0.000000000000001', ChargeDescription: null },
    ]);
  });

  it('a value with more than 15 places is refused before any byte: 400 naming format and the value; the CSV writes it', async () => {
    const before = (await t.call({ method: 'GET', url: `${BASE}/${id}`, token: a.token })).json();
    const res = await contents(t, a, id, 'startDate=2026-06-01&endDate=2026-06-30');
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.json().errorDetails[0].issues).toEqual([
      {
        source: 'query.parameter',
        subject: 'format',
        description:
          'Parquet cannot hold a value of this export exactly (BilledCost: 0.1234567890123456 has more than 15 decimal places (Decimal128(38, 15))); ask for format=csv.',
      },
    ]);
    const after = (await t.call({ method: 'GET', url: `${BASE}/${id}`, token: a.token })).json();
    expect(after.lastRun).toEqual(before.lastRun);
    const csv = await contents(t, a, id, 'startDate=2026-06-01&endDate=2026-06-30&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain(',0.1234567890123456,');
  });
});

describe.each(testEngines())('Parquet export conformance on %s', (engine) => {
  const demo = useDemoExports(engine);

  it('the focus-1.2 profile as Parquet conforms to FOCUS 1.2 on rated demo usage', async () => {
    const res = await demo.exported({ name: 'all focus-1.2 parquet', profile: 'focus-1.2', format: 'parquet' });
    const bytes = new Uint8Array(res.rawPayload);
    const report = await validateParquet(bytes, { version: '1.2' });
    expect(report.violations).toEqual([]);
    expect(report.conformant).toBe(true);
    const count = await duck.conn.runAndReadAll(`SELECT count(*)::INT AS n, count(*) FILTER (WHERE CommitmentDiscountStatus = 'Unused')::INT AS unused FROM read_parquet(${parquetFile(bytes)})`);
    const { n, unused } = count.getRowObjects()[0]!;
    expect(n).toBeGreaterThan(0);
    expect(unused).toBeGreaterThan(0);
  });
});

describe.each(testEngines())('Parquet export streaming on %s', (engine) => {
  const bulk = useBulkExport(engine, { name: 'bulk', format: 'parquet' });

  it(`streams ${ROWS} rows with bounded memory, the first byte before the export ends`, async () => {
    const { wasmMemory } = await import('parquet-wasm');
    const path = duck.path('bulk.parquet');
    const out = createWriteStream(path);
    const wasmBefore = wasmMemory().buffer.byteLength;
    let nextSample = 64 * 1024;
    const { firstByte, total, bytes, growthMb } = await readBulk(
      bulk,
      (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe(PARQUET);
      },
      (chunk, bytes) => {
        out.write(chunk);
        // Mid-stream, about once per row group.
        if (bytes < nextSample) return false;
        nextSample += 64 * 1024;
        return true;
      },
    );
    await new Promise((resolve) => out.end(resolve));
    const wasmMb = (wasmMemory().buffer.byteLength - wasmBefore) / 1e6;
    console.log(
      `[${engine}] ${ROWS} GreenLake rows, ${(bytes / 1e6).toFixed(1)} MB Parquet: first byte ${firstByte.toFixed(0)} ms, total ${total.toFixed(0)} ms, ` +
        `${Math.round(ROWS / (total / 1000))} rows/s end to end, retained heap growth ${growthMb.toFixed(1)} MB, wasm memory growth ${wasmMb.toFixed(1)} MB`,
    );
    const check = await duck.conn.runAndReadAll(
      `SELECT count(*)::INT AS n, count(DISTINCT ResourceId)::INT AS resources, min(BilledCost)::VARCHAR AS cost FROM read_parquet('${path}')`,
    );
    expect(check.getRowObjects()[0]).toEqual({ n: ROWS, resources: ROWS, cost: '0.353126960000000' });
    const groups = await duck.conn.runAndReadAll(`SELECT count(DISTINCT row_group_id)::INT AS n FROM parquet_metadata('${path}')`);
    expect(groups.getRowObjects()[0]!.n).toBeGreaterThan(1);
    // Row-group statistics on the period columns only (a reader's filters; bounded writer memory).
    const stats = await duck.conn.runAndReadAll(
      `SELECT path_in_schema AS col FROM parquet_metadata('${path}') WHERE row_group_id = 0 AND stats_min_value IS NOT NULL ORDER BY col`,
    );
    expect(stats.getRowObjects().map((r) => r.col)).toEqual([...STATISTICS_COLUMNS].sort());
    expect(firstByte).toBeLessThan(total / 2);
    // Holding the result would retain several hundred MB (6 M cells as objects).
    expect(growthMb).toBeLessThan(40);
  }, 180_000);

  it.skipIf(engine === 'pglite')('stops the query when the client disconnects mid-stream (PostgreSQL)', async () => {
    await expectStopOnDisconnect(bulk);
    // The connection went back to the pool, and the writer is free: another export runs whole.
    const again = await contents(bulk.t, bulk.tenant, bulk.id, 'startDate=2026-04-01&endDate=2026-04-01');
    expect(again.statusCode).toBe(200);
    const check = await duck.conn.runAndReadAll(`SELECT count(*)::INT AS n FROM read_parquet(${parquetFile(again.rawPayload)})`);
    expect(check.getRowObjects()[0]!.n).toBe(ROWS);
  }, 60_000);
});
