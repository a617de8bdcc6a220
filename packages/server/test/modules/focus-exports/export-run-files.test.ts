/**
 * The files an export run writes are the same on every engine and every read path (ADR 0032,
 * decision 8): on PostgreSQL the CSV COPY's bytes and the binary COPY's batches, on PGlite row
 * chunks encoded in JavaScript. Over edge-case records (quotes, commas, CR/LF, empty strings, big
 * and tiny decimals, JSON, an Unused commitment), split into parts of a few rows: each CSV part is
 * the header plus the contents' own lines (gzipped or not), the Parquet parts read back by DuckDB
 * hold the contents' rows and types and the database's BilledCost sum, and the manifests count and
 * hash what is on disk. With both engines in the matrix their files are compared with each other;
 * on PostgreSQL the COPY path is also compared with the row path, batches cut across parts.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { headerLine } from '../../../src/modules/focus-exports/csv-encoder.js';
import { type PeriodManifest, writePeriod } from '../../../src/modules/focus-exports/export-files.js';
import { PROFILES } from '../../../src/modules/focus-exports/export-profiles.js';
import { periodSource } from '../../../src/modules/focus-exports/period-sources.js';
import type { Engine } from '../../../src/storage/create-db.js';
import { costRecord, insertCostRecords, unusedCommitmentRecord } from '../../support/cost-record-fixtures.js';
import { useDuckDb } from '../../support/duckdb-reader.js';
import type { TestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { BASE, type Tenant, contents, createExport, useExportsApp } from '../../support/focus-export-fixtures.js';

const PART_ROWS = 4;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const DECIMALS = ['0', '-1.5', '12345678901234567890123.123456789012345', '0.000000000000001', '100', '-0.000001', '0.35312696'];
const TEXTS = ['big, "quoted"\nline', 'carriage\rreturn', 'crlf\r\nend', '', ' padded ', '\\.', 'naïve – ünïcode ✓', '"', ','];
const APRIL_ROWS = 22;
const MAY_ROWS = 3;
const RANGE = { startDate: '2026-04-01', endDate: '2026-05-31' };

const duck = useDuckDb('export-run-files');

/** The same records in every engine's workspace: edge-case texts and decimals, nulls, JSON, an Unused commitment. */
async function seed(t: TestApp, ws: string): Promise<void> {
  // Fixed, so every engine's records are the same; after the test clock's now.
  const future = day('2030-01-01');
  const records = [];
  for (let i = 0; i < APRIL_ROWS + MAY_ROWS; i++) {
    const may = i >= APRIL_ROWS;
    const text = TEXTS[i % TEXTS.length]!;
    records.push(
      costRecord(ws, {
        resource_id: `vm-${String(i).padStart(2, '0')}`,
        line_key: `line-${i}`,
        charge_period_start: may ? day(`2026-05-0${i - APRIL_ROWS + 1}`) : day(`2026-04-${String((i % 28) + 1).padStart(2, '0')}`),
        ...(may && { billing_period_start: day('2026-05-01'), billing_period_end: day('2026-06-01') }),
        billed_cost: DECIMALS[i % DECIMALS.length]!,
        consumed_quantity: i % 5 === 3 ? null : DECIMALS[(i + 1) % DECIMALS.length]!,
        charge_description: text,
        resource_name: i % 4 === 2 ? null : text,
        region_id: i % 6 === 4 ? '' : 'eu-west',
        tags: i % 3 === 0 ? null : i % 3 === 1 ? {} : { env: i % 2 ? 'prod' : "it's $1", note: text, nested: { n: i } },
        x_rated_at: new Date(Date.UTC(2026, 3, 2, 3, 4, 5, 678)),
        // A record whose billing period is still open: Estimated (GreenLake ChargeFrequency).
        ...(i === 5 && { billing_period_end: future }),
      }),
    );
  }
  records.push(unusedCommitmentRecord(ws));
  await insertCostRecords(t.db, records);
}

interface EngineApp {
  engine: Engine;
  t: TestApp;
  tenant: Tenant;
  dir: string;
}

/** A run's files of one billing period: the manifest and each part's bytes. */
interface PeriodFiles {
  manifest: PeriodManifest;
  parts: Buffer[];
}

/** Reads a period's manifest and parts, checking that the manifest counts and hashes what is on disk. */
async function readPeriod(dir: string): Promise<PeriodFiles> {
  const manifest = JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as PeriodManifest;
  const parts: Buffer[] = [];
  for (const file of manifest.files) {
    const bytes = await readFile(path.join(dir, file.name));
    expect(file.bytes).toBe(bytes.length);
    expect(file.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    parts.push(bytes);
  }
  expect(manifest.rows).toBe(manifest.files.reduce((n, f) => n + f.rows, 0));
  expect(manifest.bytes).toBe(manifest.files.reduce((n, f) => n + f.bytes, 0));
  return { manifest, parts };
}

/** Part sizes of `rows` rows cut every PART_ROWS. */
const partSizes = (rows: number, partRows = PART_ROWS) => Array.from({ length: Math.ceil(rows / partRows) }, (_, i) => Math.min(partRows, rows - i * partRows));

/** A Parquet file's columns with their DuckDB types, and its rows as text (decimals and instants as DuckDB writes them). */
async function parquetTable(bytes: Uint8Array): Promise<{ types: string[][]; rows: (string | null)[][] }> {
  const file = duck.file(bytes, 'parquet');
  const described = await duck.conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${file})`);
  const read = await duck.conn.runAndReadAll(`SELECT * FROM read_parquet(${file})`);
  return {
    types: described.getRowObjects().map((o) => [String(o.column_name), String(o.column_type)]),
    rows: read.getRows().map((r) => r.map((v) => (v === null ? null : String(v)))),
  };
}

/** The rows of several Parquet parts in order, after checking that each has the expected types. */
async function partsTable(parts: Buffer[], types: string[][]): Promise<(string | null)[][]> {
  const rows: (string | null)[][] = [];
  for (const part of parts) {
    const table = await parquetTable(part);
    expect(table.types).toEqual(types);
    rows.push(...table.rows);
  }
  return rows;
}

/** Σ BilledCost of Parquet parts, by DuckDB, canonical (no trailing fraction zeros). */
async function billedCostSum(parts: Buffer[]): Promise<string> {
  const files = parts.map((p) => duck.file(p, 'parquet'));
  const r = await duck.conn.runAndReadAll(`SELECT sum(BilledCost)::VARCHAR AS s FROM read_parquet([${files.join(', ')}])`);
  return canonical(String(r.getRowObjects()[0]!.s));
}

const canonical = (text: string) => (text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text);

describe('export run files on every engine and read path', () => {
  const apps: EngineApp[] = [];
  for (const engine of testEngines()) {
    const dir = mkdtempSync(path.join(tmpdir(), `consumo-export-run-files-${engine}-`));
    afterAll(() => rm(dir, { recursive: true, force: true }));
    useExportsApp(
      engine,
      async (t, tenant) => {
        await seed(t, tenant.workspaceId);
        apps.push({ engine, t, tenant, dir });
      },
      { tenants: [`run-files-${engine}`], config: { exportDir: dir, exportPartRows: PART_ROWS } },
    );
  }

  /** Runs a new definition over RANGE to its end: the definition's id and each period's files. */
  async function runOf(app: EngineApp, definition: Record<string, unknown>): Promise<{ id: string; periods: Record<string, PeriodFiles> }> {
    const { t, tenant } = app;
    const { id } = await createExport(t, tenant, definition);
    const res = await t.call({ method: 'POST', url: `${BASE}/${id}/runs`, token: tenant.token, payload: RANGE });
    expect(res.statusCode, res.body).toBe(202);
    await t.jobs.drain();
    const run = (await t.call({ method: 'GET', url: `${BASE}/${id}/runs/${res.json().transactionId}`, token: tenant.token })).json();
    expect(run).toMatchObject({ status: 'SUCCEEDED', result: { rowsWritten: APRIL_ROWS + MAY_ROWS + 1, periods: 2 } });
    const periods: Record<string, PeriodFiles> = {};
    for (const month of ['2026-04', '2026-05']) periods[month] = await readPeriod(path.join(app.dir, tenant.workspaceId, id, `BILLING_PERIOD=${month}`));
    return { id, periods };
  }

  const ROWS_OF: Record<string, number> = { '2026-04': APRIL_ROWS + 1, '2026-05': MAY_ROWS };

  it.each([['none'], ['gzip']])('CSV (compression %s): parts of whole rows, each the header plus the contents’ lines, the same bytes on every engine', async (compression) => {
    const written: Record<string, Buffer[]> = {};
    for (const app of apps) {
      const { id, periods } = await runOf(app, { name: `csv ${compression}`, compression });
      const all: Buffer[] = [];
      for (const [month, { manifest, parts }] of Object.entries(periods)) {
        expect(manifest.files.map((f) => f.rows)).toEqual(partSizes(ROWS_OF[month]!));
        expect(manifest.files.map((f) => f.name)).toEqual(parts.map((_, i) => `part-0000${i + 1}.${compression === 'gzip' ? 'csv.gz' : 'csv'}`));
        expect(manifest.compression).toBe(compression);
        const header = Buffer.from(headerLine(PROFILES.greenlake));
        for (const part of parts) {
          const text = compression === 'gzip' ? gunzipSync(part) : part;
          expect(text.subarray(0, header.length).equals(header)).toBe(true);
          all.push(text.subarray(header.length));
        }
      }
      const body = Buffer.concat(all);
      const expected = await contents(app.t, app.tenant, id, `startDate=${RANGE.startDate}&endDate=${RANGE.endDate}`);
      expect(expected.statusCode).toBe(200);
      const served = compression === 'gzip' ? gunzipSync(expected.rawPayload) : expected.rawPayload;
      expect(body.toString('utf8')).toBe(served.subarray(Buffer.byteLength(headerLine(PROFILES.greenlake))).toString('utf8'));
      // Not an easy agreement: the edge cases are in the files.
      expect(body.toString('utf8')).toContain('"big, ""quoted""\nline"');
      expect(body.toString('utf8')).toContain('"crlf\r\nend"');
      expect(body.toString('utf8')).toContain(',Estimated,');
      written[app.engine] = all;
    }
    const [first, ...others] = Object.values(written);
    for (const other of others) expect(Buffer.concat(other).equals(Buffer.concat(first!))).toBe(true);
  });

  it('Parquet: parts that DuckDB reads back with the contents’ rows and types and the database’s BilledCost sum, the same on every engine', async () => {
    const tables: Record<string, (string | null)[][]> = {};
    for (const app of apps) {
      const { id, periods } = await runOf(app, { name: 'parquet', format: 'parquet' });
      const served = await contents(app.t, app.tenant, id, `startDate=${RANGE.startDate}&endDate=${RANGE.endDate}`, { accept: 'application/vnd.apache.parquet' });
      expect(served.statusCode).toBe(200);
      const reference = await parquetTable(served.rawPayload);
      expect(reference.types.length).toBe(PROFILES.greenlake.columns.length);
      const rows: (string | null)[][] = [];
      const parts: Buffer[] = [];
      for (const [month, period] of Object.entries(periods)) {
        expect(period.manifest.files.map((f) => f.rows)).toEqual(partSizes(ROWS_OF[month]!));
        expect(period.manifest.compression).toBe('none');
        rows.push(...(await partsTable(period.parts, reference.types)));
        parts.push(...period.parts);
      }
      expect(rows).toEqual(reference.rows);
      const stored = await sql<{ s: string }>`select sum(billed_cost)::text as s from cost_records where workspace_id = ${app.tenant.workspaceId}`.execute(app.t.db);
      expect(await billedCostSum(parts)).toBe(canonical(stored.rows[0]!.s));
      tables[app.engine] = rows;
    }
    const [first, ...others] = Object.values(tables);
    for (const other of others) expect(other).toEqual(first);
  });

  it.skipIf(!testEngines().includes('postgres'))('on PostgreSQL, the COPY path writes what the row path writes (batches of 3 rows cut into parts of 4)', async () => {
    const copying = apps.filter((a) => a.t.streams.streamCopy);
    expect(copying.map((a) => a.engine)).toEqual(['postgres']);
    for (const app of copying) {
      const { t, tenant, dir } = app;
      const profile = PROFILES.greenlake;
      const range = { workspaceId: tenant.workspaceId, from: day('2026-04-01'), to: day('2026-05-01'), where: [] };
      const now = t.now();
      const rowsOnly = { streamRows: t.streams.streamRows, streamCsv: t.streams.streamCsv };
      for (const format of ['csv', 'parquet'] as const) {
        const written: PeriodFiles[] = [];
        for (const [name, streams] of [['copy', t.streams], ['rows', rowsOnly]] as const) {
          const source = periodSource({ db: t.db, streams, profile, format, range, now, batchRows: 3 });
          expect(source.kind).toBe(name === 'rows' ? 'rows' : format === 'csv' ? 'csv' : 'batches');
          const root = path.join(dir, 'paths', `${format}-${name}`);
          await writePeriod({
            exportRoot: root,
            billingPeriod: '2026-04',
            source,
            profile,
            format,
            compression: 'none',
            partRows: PART_ROWS,
            now,
            manifest: { runId: 'r', exportId: 'e', profile: 'greenlake', focusVersion: '1.0', range: { from: '2026-04-01', to: '2026-04-30' }, createdAt: new Date(now).toISOString() },
          });
          written.push(await readPeriod(path.join(root, 'BILLING_PERIOD=2026-04')));
        }
        const [copy, rows] = written as [PeriodFiles, PeriodFiles];
        expect(copy.manifest.files.map((f) => f.rows)).toEqual(partSizes(APRIL_ROWS + 1));
        expect(copy.manifest.files.map((f) => [f.name, f.rows])).toEqual(rows.manifest.files.map((f) => [f.name, f.rows]));
        if (format === 'csv') {
          expect(copy.manifest.files.map((f) => f.sha256)).toEqual(rows.manifest.files.map((f) => f.sha256));
        } else {
          const types = (await parquetTable(rows.parts[0]!)).types;
          expect(await partsTable(copy.parts, types)).toEqual(await partsTable(rows.parts, types));
        }
      }
    }
  });
});
