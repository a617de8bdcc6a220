/**
 * The focus-1.3 profile (ADR 0025) on the demo's rated usage (bands, contracted prices, commitments):
 * every FOCUS 1.3 Cost and Usage column in the spec's order then the x_ columns, each value of its
 * 1.3 type, allowed values and null rule; ContractApplied on the rows that count against a
 * commitment; the carried-over columns equal to focus-1.2's and accepted by the FOCUS 1.2 checker;
 * CSV, gzip and Parquet the same rows, which DuckDB reads back with the same rows and types.
 */
import { gunzipSync } from 'node:zlib';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type Cell, FOCUS_1_2_COLUMNS, FOCUS_1_3_COLUMNS, type Focus13Column, checkRows } from '@consumo/focus';
import { PROFILES } from '../../../src/modules/focus-exports/export-profiles.js';
import { testEngines } from '../../support/test-databases.js';
import { useDuckDb } from '../../support/duckdb-reader.js';
import { BASE, contents, createExport, exportCells, useDemoExports } from '../../support/focus-export-fixtures.js';

const X_COLUMNS = ['x_MeterId', 'x_RatingStatus', 'x_PriceEffectiveFrom', 'x_RatedAt', 'x_RatingRunId'];
const ISO_SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;

const duck = useDuckDb('focus-13');
const tempFile = (bytes: Buffer, ext: string) => duck.file(bytes, ext);

/** The DuckDB type a FOCUS 1.3 data type is written as (Parquet: Decimal128(38, 15), UTC microseconds, UTF-8). */
const duckTypeOf = (type: Focus13Column['type']) =>
  type === 'Decimal' ? 'DECIMAL(38,15)' : type === 'Date/Time' ? 'TIMESTAMP WITH TIME ZONE' : 'VARCHAR';

function checkValue(c: Focus13Column, value: Cell, row: number): void {
  const at = `${c.name}, row ${row}`;
  if (value === null) {
    expect(c.nulls, `${at} is null`).not.toBe('never');
    return;
  }
  if (c.type === 'Decimal') expect(value, at).toMatch(DECIMAL);
  if (c.type === 'Date/Time') expect(value, at).toMatch(ISO_SECOND);
  if (c.type === 'JSON') expect(typeof JSON.parse(value), at).toBe('object');
  if (c.allowedValues) expect(c.allowedValues, at).toContain(value);
}

describe.each(testEngines())('the focus-1.3 export profile (%s)', (engine) => {
  const demo = useDemoExports(engine);
  const cache = new Map<string, Cell[][]>();
  const raw = new Map<string, Buffer>();
  async function exported(profile: string, format: 'csv' | 'parquet' = 'csv'): Promise<Cell[][]> {
    const key = `${profile}.${format}`;
    if (!cache.has(key)) {
      const bytes = (await demo.exported({ name: `all ${key}`, profile, format })).rawPayload;
      raw.set(key, bytes);
      cache.set(key, await exportCells(bytes, format));
    }
    return cache.get(key)!;
  }

  it('writes every FOCUS 1.3 Cost and Usage column in the spec’s order, the deprecated ones included, then the x_ columns', async () => {
    const [header] = await exported('focus-1.3');
    expect(FOCUS_1_3_COLUMNS).toHaveLength(65);
    expect(header).toEqual([...FOCUS_1_3_COLUMNS.map((c) => c.name), ...X_COLUMNS]);
    expect(header).toContain('ProviderName');
    expect(header).toContain('PublisherName');
    expect(PROFILES['focus-1.3'].columns.map((c) => c.header)).toEqual(header);
  });

  it('gives each cell its 1.3 type, allowed values and null rule; the provider columns agree; no allocation is made up', async () => {
    const [header, ...rows] = await exported('focus-1.3');
    expect(rows.length).toBeGreaterThan(0);
    const col = (name: string) => header!.indexOf(name);
    rows.forEach((row, r) => {
      FOCUS_1_3_COLUMNS.forEach((c, i) => checkValue(c, row[i]!, r));
      expect(row[col('ServiceProviderName')]).toBe(row[col('ProviderName')]);
      expect(row[col('HostProviderName')]).toBe(row[col('ProviderName')]);
      for (const name of ['AllocatedMethodDetails', 'AllocatedMethodId', 'AllocatedResourceId', 'AllocatedResourceName', 'AllocatedTags']) {
        expect(row[col(name)], name).toBeNull();
      }
    });
  });

  it('references the commitment a row counts against in ContractApplied, as 1.3 shapes it, and only then', async () => {
    const [header, ...rows] = await exported('focus-1.3');
    const col = (name: string) => header!.indexOf(name);
    let applied = 0;
    const perCommitmentDay = new Map<string, Decimal>();
    for (const row of rows) {
      const commitment = row[col('CommitmentDiscountId')];
      const cell = row[col('ContractApplied')];
      if (commitment === null) {
        expect(cell).toBeNull();
        continue;
      }
      applied++;
      const value = JSON.parse(cell!) as { Elements: Record<string, unknown>[] };
      expect(Object.keys(value)).toEqual(['Elements']);
      expect(value.Elements).toHaveLength(1);
      const element = value.Elements[0]!;
      expect(element).toEqual({
        ContractId: commitment,
        ContractCommitmentId: commitment,
        ContractCommitmentAppliedCost: null,
        ContractCommitmentAppliedQuantity: expect.any(Number),
        ContractCommitmentAppliedUnit: row[col('CommitmentDiscountUnit')],
      });
      // The applied quantity is the row's commitment quantity, every digit (jsonb keeps numeric exact).
      const quantity = /"ContractCommitmentAppliedQuantity": ([-0-9.e]+)/.exec(cell!)![1]!;
      expect(new Decimal(quantity).equals(new Decimal(row[col('CommitmentDiscountQuantity')]!))).toBe(true);
      const key = `${commitment}|${row[col('ChargePeriodStart')]}`;
      perCommitmentDay.set(key, (perCommitmentDay.get(key) ?? new Decimal(0)).plus(quantity));
    }
    expect(applied).toBeGreaterThan(0);
    expect(rows.some((r) => r[col('CommitmentDiscountStatus')] === 'Unused' && r[col('ContractApplied')] !== null)).toBe(true);
    for (const total of perCommitmentDay.values()) expect(total.isPositive()).toBe(true);
  });

  it('keeps every carried-over column equal to focus-1.2’s, row by row, and the FOCUS 1.2 checker finds nothing in them', async () => {
    const [h13, ...r13] = await exported('focus-1.3');
    const [h12, ...r12] = await exported('focus-1.2');
    expect(r13.length).toBe(r12.length);
    const shared = h12!.map((name) => h13!.indexOf(name));
    expect(shared.every((i) => i >= 0)).toBe(true);
    const projected = r13.map((row) => shared.map((i) => row[i]!));
    expect(projected).toEqual(r12);
    // The checker knows 1.0 and 1.2: the 1.3 columns that 1.2 has are checked by its 1.2 rules.
    const report = await checkRows([h12!, ...projected], { version: '1.2' });
    expect(report.violations).toEqual([]);
    expect(FOCUS_1_2_COLUMNS.every((c) => h13!.includes(c.name))).toBe(true);
  });

  it('as Parquet and as gzip holds the CSV’s rows; DuckDB reads CSV and Parquet back with the same rows and the 1.3 types', async () => {
    const csv = await exported('focus-1.3', 'csv');
    const parquet = await exported('focus-1.3', 'parquet');
    // Parquet decimals carry 15 places (DECIMAL(38,15)): compared as numbers, every other cell as text.
    const canonical = (rows: Cell[][]) => rows.map((row) => row.map((v) => (v !== null && DECIMAL.test(v) ? new Decimal(v).toString() : v)));
    expect(canonical(parquet)).toEqual(canonical(csv));

    const { id } = await createExport(demo.t, demo.tenant, { name: 'gz 1.3', profile: 'focus-1.3', compression: 'gzip' });
    const zipped = await contents(demo.t, demo.tenant, id, demo.range);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).equals(raw.get('focus-1.3.csv')!)).toBe(true);

    const pq = tempFile(raw.get('focus-1.3.parquet')!, 'parquet');
    const described = await duck.conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${pq})`);
    const types = Object.fromEntries(described.getRowObjects().map((o) => [String(o.column_name), String(o.column_type)]));
    for (const c of FOCUS_1_3_COLUMNS) expect(types[c.name], c.name).toBe(duckTypeOf(c.type));

    const columns = PROFILES['focus-1.3'].columns.map((c) => {
      const spec = FOCUS_1_3_COLUMNS.find((f) => f.name === c.header);
      const type = spec ? duckTypeOf(spec.type) : c.kind === 'timestamp' ? 'TIMESTAMP WITH TIME ZONE' : 'VARCHAR';
      return `'${c.header}': '${type}'`;
    });
    const csvFile = tempFile(raw.get('focus-1.3.csv')!, 'csv');
    const readCsv = `SELECT * FROM read_csv(${csvFile}, header = true, columns = {${columns.join(', ')}})`;
    const readParquet = `SELECT * FROM read_parquet(${pq})`;
    const count = async (q: string) => Number((await duck.conn.runAndReadAll(`SELECT count(*) FROM (${q})`)).getRows()[0]![0]);
    expect(await count(readCsv)).toBe(csv.length - 1);
    expect(await count(`${readCsv} EXCEPT ALL ${readParquet}`)).toBe(0);
    expect(await count(`${readParquet} EXCEPT ALL ${readCsv}`)).toBe(0);
  });

  it('is offered by name in the contents query; an unknown profile is a 400 naming the three', async () => {
    const { id } = await createExport(demo.t, demo.tenant, { name: 'by query' });
    const res = await contents(demo.t, demo.tenant, id, `${demo.range}&profile=focus-1.3`);
    expect(res.statusCode).toBe(200);
    expect(res.body.split('\n', 1)[0]).toBe([...FOCUS_1_3_COLUMNS.map((c) => c.name), ...X_COLUMNS].join(','));
    const bad = await contents(demo.t, demo.tenant, id, `${demo.range}&profile=focus-1.4`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('greenlake, focus-1.2, focus-1.3');
    expect((await demo.t.call({ method: 'GET', url: `${BASE}/${id}`, token: demo.tenant.token })).json()).toMatchObject({ profile: 'greenlake' });
  });
});
