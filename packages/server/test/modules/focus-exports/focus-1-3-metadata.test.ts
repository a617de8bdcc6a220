/**
 * FOCUS 1.3 metadata (ADR 0025): GET …/focus-exports/{id}/metadata (instance, schema with column
 * definitions, recency with one time sector per billing period, data generator), its completeness
 * flipping when a billing period closes, the same errors as the contents; the metadata every run
 * writes beside its files and names in its manifest; and a definition moved from focus-1.2 to
 * focus-1.3 by a PATCH, whose next run writes FOCUS 1.3.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FOCUS_1_3_COLUMNS, validateFile } from '@consumo/focus';
import { PROFILES } from '../../../src/modules/focus-exports/export-profiles.js';
import { schemaIdOf } from '../../../src/modules/focus-exports/focus-metadata.js';
import { costRecord, insertCostRecords } from '../../support/cost-record-fixtures.js';
import type { TestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { BASE, type Tenant, contents, createExport, lines, useExportsApp } from '../../support/focus-export-fixtures.js';

const DAY_MS = 86_400_000;
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const ISO_SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

interface Metadata {
  DataGenerator: { DataGenerator: string; DataGeneratorVersion: string };
  DatasetInstance: { DatasetInstanceId: string; DatasetInstanceName: string; FocusDatasetId: string }[];
  Schema: { SchemaId: string; DatasetInstanceId: string; FocusVersion: string; ColumnDefinition: { ColumnName: string; DataType: string; Deprecated?: boolean }[] }[];
  Recency: {
    DatasetInstanceId: string;
    DatasetInstanceComplete: boolean;
    DatasetInstanceLastUpdated: string;
    RecencyLastUpdated: string;
    TimeSectors: { TimeSectorStart: string; TimeSectorEnd: string; TimeSectorComplete: boolean; TimeSectorLastUpdated: string }[];
  }[];
}

function useExportDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe.each(testEngines())('FOCUS 1.3 metadata and the move to focus-1.3 (%s)', (engine) => {
  const dir = useExportDir('consumo-focus-13-meta-');
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  // The month of the clock at the start: its billing period is open until its last day has passed.
  let month: { first: string; last: string; start: Date; next: Date };

  useExportsApp(engine, async (app, ta, tb) => {
    [t, a, b] = [app, ta, tb];
    const now = new Date(t.now());
    const start = new Date(`${now.toISOString().slice(0, 7)}-01T00:00:00Z`);
    const next = new Date(start.getTime() + 32 * DAY_MS);
    next.setUTCDate(1);
    month = { first: start.toISOString().slice(0, 10), last: new Date(next.getTime() - DAY_MS).toISOString().slice(0, 10), start, next };
    const open = { billing_period_start: start, billing_period_end: next };
    await insertCostRecords(t.db, [
      costRecord(a.workspaceId, { resource_id: 'vm-1', charge_period_start: day('2026-04-10') }),
      costRecord(a.workspaceId, {
        resource_id: 'vm-2',
        charge_period_start: day('2026-04-12'),
        commitment_discount_id: 'commit-7',
        commitment_discount_category: 'Usage',
        commitment_discount_status: 'Used',
        commitment_discount_type: 'Committed Capacity',
        commitment_discount_quantity: '2.5',
        commitment_discount_unit: 'CUs',
        pricing_category: 'Committed',
      }),
      costRecord(a.workspaceId, { resource_id: 'vm-3', charge_period_start: start, ...open }),
    ]);
  }, { tenants: ['meta-a', 'meta-b'], config: { exportDir: dir, exportPartRows: 10 } });

  const metadata = (tenant: Tenant, id: string, query: string) => t.call({ method: 'GET', url: `${BASE}/${id}/metadata?${query}`, token: tenant.token });

  it('describes the export as FOCUS 1.3 metadata: generator, instance, schema with every column, recency per billing period', async () => {
    const { id } = await createExport(t, a, { name: 'meta 1.3', profile: 'focus-1.3' });
    const res = await metadata(a, id, 'startDate=2026-03-15&endDate=2026-04-30');
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json() as Metadata;
    expect(m.DataGenerator).toEqual({ DataGenerator: 'Consumo', DataGeneratorVersion: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(m.DatasetInstance).toEqual([{ DatasetInstanceId: id, DatasetInstanceName: 'meta 1.3', FocusDatasetId: 'CostAndUsage' }]);
    expect(m.Schema).toHaveLength(1);
    const schema = m.Schema[0]!;
    expect(schema).toMatchObject({ SchemaId: schemaIdOf(PROFILES['focus-1.3']), DatasetInstanceId: id, FocusVersion: '1.3' });
    expect(schema.ColumnDefinition.map((c) => c.ColumnName)).toEqual(PROFILES['focus-1.3'].columns.map((c) => c.header));
    for (const spec of FOCUS_1_3_COLUMNS) {
      const def = schema.ColumnDefinition.find((c) => c.ColumnName === spec.name)!;
      expect(def.DataType, spec.name).toBe(spec.type);
      expect(def.Deprecated ?? false, spec.name).toBe(spec.deprecated ?? false);
    }
    expect(schema.ColumnDefinition.find((c) => c.ColumnName === 'BilledCost')).toEqual({ ColumnName: 'BilledCost', DataType: 'Decimal', NumericPrecision: 38, NumberScale: 15 });
    // Two billing periods: March (no records) and April, both closed; each sector cut to the range.
    expect(m.Recency).toHaveLength(1);
    const recency = m.Recency[0]!;
    expect(recency.DatasetInstanceId).toBe(id);
    expect(recency.TimeSectors.map(({ TimeSectorStart, TimeSectorEnd, TimeSectorComplete }) => [TimeSectorStart, TimeSectorEnd, TimeSectorComplete])).toEqual([
      ['2026-03-15T00:00:00Z', '2026-04-01T00:00:00Z', true],
      ['2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z', true],
    ]);
    // April was last updated when its latest record was rated (the fixture's x_RatedAt).
    expect(recency.TimeSectors[1]!.TimeSectorLastUpdated).toBe('2026-04-02T03:04:05Z');
    expect(recency.DatasetInstanceComplete).toBe(true);
    expect(recency.RecencyLastUpdated).toMatch(ISO_SECOND);
    // A different profile is a different schema.
    const greenlake = (await metadata(a, id, 'startDate=2026-04-01&endDate=2026-04-30&profile=greenlake')).json() as Metadata;
    expect(greenlake.Schema[0]!.FocusVersion).toBe('1.0');
    expect(greenlake.Schema[0]!.SchemaId).not.toBe(schema.SchemaId);
    expect(greenlake.Schema[0]!.ColumnDefinition).toHaveLength(43);
  });

  it('gathers every period a run wrote in the export’s metadata.json: the open month incomplete, the closed ones complete', async () => {
    const { id } = await createExport(t, a, { name: 'many periods', profile: 'focus-1.3' });
    const res = await t.call({ method: 'POST', url: `${BASE}/${id}/runs`, token: a.token, payload: { startDate: '2026-04-01', endDate: month.last } });
    expect(res.statusCode, res.body).toBe(202);
    await t.jobs.drain();
    const root = path.join(dir, a.workspaceId, id);
    const rootMeta = JSON.parse(await readFile(path.join(root, 'metadata.json'), 'utf8')) as Metadata;
    const sectors = rootMeta.Recency[0]!.TimeSectors;
    expect(sectors[0]!.TimeSectorStart).toBe('2026-04-01T00:00:00Z');
    expect(sectors.at(-1)!.TimeSectorEnd).toBe(month.next.toISOString().replace('.000Z', 'Z'));
    const periods = (await readdir(root)).filter((n) => n.startsWith('BILLING_PERIOD='));
    expect(sectors).toHaveLength(periods.length);
    for (let i = 1; i < sectors.length; i++) expect(sectors[i]!.TimeSectorStart).toBe(sectors[i - 1]!.TimeSectorEnd);
    expect(sectors.at(-1)!.TimeSectorComplete).toBe(false);
    expect(sectors.slice(0, -1).every((s) => s.TimeSectorComplete)).toBe(true);
    expect(rootMeta.Recency[0]!.DatasetInstanceComplete).toBe(false);
  });


  it('keeps a period whose records belong to a billing period that has not closed incomplete, even after its month', async () => {
    const { id } = await createExport(t, b, { name: 'meta late close' });
    // A record of April in a billing period (an accounting calendar's) that ends a year after the clock.
    await insertCostRecords(t.db, [
      costRecord(b.workspaceId, { resource_id: 'late', charge_period_start: day('2026-04-03'), billing_period_end: new Date(t.now() + 365 * DAY_MS) }),
    ]);
    const m = (await metadata(b, id, 'startDate=2026-04-01&endDate=2026-04-30')).json() as Metadata;
    expect(m.Recency[0]!.TimeSectors[0]!.TimeSectorComplete).toBe(false);
  });

  it('answers as the contents do: 400 for a bad range, profile or format, 404 for another workspace’s export or a bad id', async () => {
    const { id } = await createExport(t, a, { name: 'meta errors' });
    const missing = await metadata(a, id, '');
    expect(missing.statusCode).toBe(400);
    const withoutDebugId = (body: string) => ({ ...(JSON.parse(body) as Record<string, unknown>), debugId: undefined });
    expect(withoutDebugId((await contents(t, a, id, '')).body)).toEqual(withoutDebugId(missing.body));
    expect((await metadata(a, id, 'startDate=2026-04-01&endDate=2026-04-30&profile=focus-9')).statusCode).toBe(400);
    expect((await metadata(a, id, 'startDate=2026-04-01&endDate=2026-04-30&format=xml')).statusCode).toBe(400);
    expect((await metadata(b, id, 'startDate=2026-04-01&endDate=2026-04-30')).statusCode).toBe(404);
    expect((await metadata(a, 'not-a-uuid', 'startDate=2026-04-01&endDate=2026-04-30')).statusCode).toBe(400);
    expect((await t.call({ method: 'GET', url: `${BASE}/${id}/metadata?startDate=2026-04-01&endDate=2026-04-30`, token: null })).statusCode).toBe(401);
    // Reading the metadata is not a run.
    expect((await t.call({ method: 'GET', url: `${BASE}/${id}`, token: a.token })).json()).toMatchObject({ lastRun: null });
  });

  it('moves a definition from focus-1.2 to focus-1.3 by a PATCH; its next run writes FOCUS 1.3 files with metadata beside them, named in the manifest', async () => {
    const { id } = await createExport(t, a, { name: 'upgrade', profile: 'focus-1.2' });
    const patched = await t.call({ method: 'PATCH', url: `${BASE}/${id}`, token: a.token, payload: { profile: 'focus-1.3' } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ id, profile: 'focus-1.3', format: 'csv' });
    expect((await t.call({ method: 'GET', url: `${BASE}/${id}`, token: a.token })).json()).toMatchObject({ profile: 'focus-1.3' });

    const res = await t.call({ method: 'POST', url: `${BASE}/${id}/runs`, token: a.token, payload: { startDate: '2026-04-01', endDate: '2026-04-30' } });
    expect(res.statusCode, res.body).toBe(202);
    await t.jobs.drain();
    const runId = (res.json() as { transactionId: string }).transactionId;
    expect((await t.call({ method: 'GET', url: `${BASE}/${id}/runs/${runId}`, token: a.token })).json()).toMatchObject({ status: 'SUCCEEDED' });

    const root = path.join(dir, a.workspaceId, id);
    const period = path.join(root, 'BILLING_PERIOD=2026-04');
    expect((await readdir(root)).sort()).toEqual(['BILLING_PERIOD=2026-04', 'metadata.json']);
    expect((await readdir(period)).sort()).toEqual(['manifest.json', 'metadata.json', 'part-00001.csv']);
    const manifest = JSON.parse(await readFile(path.join(period, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ profile: 'focus-1.3', focusVersion: '1.3', rows: 2 });
    const metaBytes = await readFile(path.join(period, 'metadata.json'));
    expect(manifest.metadata).toEqual({ name: 'metadata.json', bytes: metaBytes.length, sha256: createHash('sha256').update(metaBytes).digest('hex') });

    const written = await readFile(path.join(period, 'part-00001.csv'), 'utf8');
    expect(lines(written)[0]!.split(',').slice(0, 65)).toEqual(FOCUS_1_3_COLUMNS.map((c) => c.name));
    expect(written).toBe((await contents(t, a, id, 'startDate=2026-04-01&endDate=2026-04-30')).body);
    expect(written).toContain('"{""Elements"": [{""ContractId"": ""commit-7"", ""ContractCommitmentId"": ""commit-7""');
    // The checker knows 1.0 and 1.2: the FOCUS 1.2 columns of the file pass its 1.2 rules once the
    // 1.3-only columns are left out (validateFile reports them as unknown columns, nothing else).
    const report = await validateFile(path.join(period, 'part-00001.csv'), { version: '1.2', maxViolations: 1000 });
    const only13 = new Set(FOCUS_1_3_COLUMNS.filter((c) => c.introduced === '1.3').map((c) => c.name));
    expect(report.violations.filter((v) => !(v.rule === 'unknown-column' && only13.has(v.column)))).toEqual([]);
    expect(report.violations.length).toBe(only13.size);

    const periodMeta = JSON.parse(metaBytes.toString('utf8')) as Metadata;
    expect(periodMeta.Schema[0]!.FocusVersion).toBe('1.3');
    expect(periodMeta.Recency[0]!.TimeSectors).toEqual([
      { TimeSectorStart: '2026-04-01T00:00:00Z', TimeSectorEnd: '2026-05-01T00:00:00Z', TimeSectorComplete: true, TimeSectorLastUpdated: manifest.createdAt.replace(/\.\d{3}Z$/, 'Z') },
    ]);
    const rootMeta = JSON.parse(await readFile(path.join(root, 'metadata.json'), 'utf8')) as Metadata;
    expect(rootMeta.Recency[0]!.TimeSectors).toEqual(periodMeta.Recency[0]!.TimeSectors);
    expect(rootMeta.Recency[0]!.DatasetInstanceComplete).toBe(true);
  });


  it('marks a billing period still open incomplete, and complete once it has closed', async () => {
    const { id } = await createExport(t, a, { name: 'meta open' });
    const query = `startDate=${month.first}&endDate=${month.last}`;
    const res = await metadata(a, id, query);
    expect(res.statusCode, res.body).toBe(200);
    const before = res.json() as Metadata;
    expect(before.Recency[0]!.TimeSectors).toEqual([
      expect.objectContaining({ TimeSectorStart: `${month.first}T00:00:00Z`, TimeSectorEnd: month.next.toISOString().replace('.000Z', 'Z'), TimeSectorComplete: false }),
    ]);
    expect(before.Recency[0]!.DatasetInstanceComplete).toBe(false);
    // The clock moves past the end of the month: the billing period has closed (the last test: tokens expire).
    t.advance(month.next.getTime() - t.now() + 1000);
    const token = await t.token(a.clientId, (a as Tenant & { clientSecret: string }).clientSecret);
    const after = (await t.call({ method: 'GET', url: `${BASE}/${id}/metadata?${query}`, token })).json() as Metadata;
    expect(after.Recency[0]!.TimeSectors[0]!.TimeSectorComplete).toBe(true);
    expect(after.Recency[0]!.DatasetInstanceComplete).toBe(true);
  });
});
