/**
 * The FOCUS 1.3 Contract Commitment dataset (ADR 0025, issue 19 point 2): a definition's `dataset`
 * (create, PATCH, the 400s that keep it with profile focus-1.3 and its filter on its own columns);
 * one row per commitment of the workspace in force during the range, exact, as CSV, gzip and
 * Parquet (DuckDB reads both back with the same rows and types); the filter over its columns; its
 * metadata; a run's files and manifests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { FOCUS_1_3_CONTRACT_COMMITMENT_COLUMNS } from '@consumo/focus';
import { CONTRACT_COMMITMENT_PROFILE } from '../../../src/modules/focus-exports/contract-commitment-profile.js';
import { schemaIdOf } from '../../../src/modules/focus-exports/focus-metadata.js';
import { ACCOUNT, seedCatalog } from '../../support/metering-fixtures.js';
import type { TestApp } from '../../support/test-app.js';
import { useDuckDb } from '../../support/duckdb-reader.js';
import { testEngines } from '../../support/test-databases.js';
import { BASE, type Tenant, contents, createExport, exportCells, lines, useExportsApp } from '../../support/focus-export-fixtures.js';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const APRIL = 'startDate=2026-04-01&endDate=2026-04-30';
const HEADER = [...FOCUS_1_3_CONTRACT_COMMITMENT_COLUMNS.map((c) => c.name), 'x_BillingAccountId', 'x_SkuId'];

/** The April rows of the seeded commitments, in id order (the open-ended ones end where the range does). */
const APRIL_ROWS = [
  'USD,Usage,,Committed capacity of SKU SKU-cpu for billing account BA-TEST-1: 100 committed and 80 minimum CUs per day,CC-1-open,2026-05-01T00:00:00Z,2026-03-15T00:00:00Z,100,Committed Capacity,CUs/Day,CC-1-open,2026-05-01T00:00:00Z,2026-03-15T00:00:00Z,BA-TEST-1,SKU-cpu',
  'USD,Usage,,Committed capacity of SKU SKU-calls for billing account BA-TEST-1: 0 committed and 2.5 minimum Requests per day,CC-2-calls,2026-05-01T00:00:00Z,2026-04-01T00:00:00Z,2.5,Committed Capacity,Requests/Day,CC-2-calls,2026-05-01T00:00:00Z,2026-04-01T00:00:00Z,BA-TEST-1,SKU-calls',
  'EUR,Usage,,Committed capacity of SKU SKU-peak for billing account BA-EUR: 12.5 committed and 0 minimum GB per day,CC-3-eur,2026-05-01T00:00:00Z,2026-04-20T00:00:00Z,12.5,Committed Capacity,GB/Day,CC-3-eur,2026-05-01T00:00:00Z,2026-04-20T00:00:00Z,BA-EUR,SKU-peak',
  'USD,Usage,,Committed capacity of SKU SKU-none for billing account BA-TEST-1: 5 committed and 0 minimum per day,CC-4-unpriced,2026-06-01T00:00:00Z,2026-04-10T00:00:00Z,,Committed Capacity,,CC-4-unpriced,2026-06-01T00:00:00Z,2026-04-10T00:00:00Z,BA-TEST-1,SKU-none',
];

const duck = useDuckDb('contract-commitments');
const tempFile = (bytes: Buffer, ext: string) => duck.file(bytes, ext);

const duckTypeOf = (kind: string) => (kind === 'decimal' ? 'DECIMAL(38,15)' : kind === 'timestamp' ? 'TIMESTAMP WITH TIME ZONE' : 'VARCHAR');

/** The commitments of the suite: four in force in April (one of another account and currency, one of a SKU without a price), one long ended. */
async function seedCommitments(t: TestApp, workspaceId: string): Promise<void> {
  await seedCatalog(t, { workspaceId, prices: { cpu: '0.5', calls: '0.01', peak: '2' } });
  await t.db.insertInto('billing_accounts').values({ workspace_id: workspaceId, id: 'BA-EUR', name: 'Euro Company', currency: 'EUR' }).execute();
  const at = new Date(t.now());
  const commitment = (id: string, account: string, sku: string, committed: string, minimum: string, from: string, to: string | null) => ({
    workspace_id: workspaceId,
    id,
    billing_account_id: account,
    sku_id: sku,
    committed_quantity: committed,
    minimum_quantity: minimum,
    effective_from: day(from),
    effective_to: to === null ? null : day(to),
    created_at: at,
    updated_at: at,
  });
  await t.db
    .insertInto('commitments')
    .values([
      commitment('CC-0-ended', ACCOUNT, 'SKU-cpu', '50', '0', '2026-01-01', '2026-02-01'),
      commitment('CC-1-open', ACCOUNT, 'SKU-cpu', '100', '80', '2026-03-15', null),
      commitment('CC-2-calls', ACCOUNT, 'SKU-calls', '0', '2.5', '2026-04-01', '2026-05-01'),
      commitment('CC-3-eur', 'BA-EUR', 'SKU-peak', '12.5', '0', '2026-04-20', null),
      commitment('CC-4-unpriced', ACCOUNT, 'SKU-none', '5', '0', '2026-04-10', '2026-06-01'),
    ])
    .execute();
}

describe.each(testEngines())('the ContractCommitment dataset (%s)', (engine) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'consumo-cc-runs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let t: TestApp;
  let a: Tenant;
  let b: Tenant;
  useExportsApp(
    engine,
    async (app, alpha, beta) => {
      [t, a, b] = [app, alpha, beta];
      await seedCommitments(t, a.workspaceId);
      // Another workspace's commitment, the same id: never in a's files.
      await seedCommitments(t, b.workspaceId);
      await t.db.updateTable('commitments').set({ committed_quantity: '999' }).where('workspace_id', '=', b.workspaceId).execute();
    },
    { tenants: ['cc-alpha', 'cc-beta'], config: { exportDir: dir, exportPartRows: 3 } },
  );

  const get = (id: string) => t.call({ method: 'GET', url: `${BASE}/${id}`, token: a.token });
  const create = (payload: Record<string, unknown>) => t.call({ method: 'POST', url: BASE, token: a.token, payload });
  const patch = (id: string, payload: Record<string, unknown>) => t.call({ method: 'PATCH', url: `${BASE}/${id}`, token: a.token, payload });
  const subjects = (res: { json(): unknown }) =>
    (res.json() as { errorDetails: { issues: { subject: string; description?: string }[] }[] }).errorDetails.flatMap((d) => d.issues.map((i) => i.subject));
  const firstIssue = (res: { json(): unknown }) => (res.json() as { errorDetails: { issues: { description: string }[] }[] }).errorDetails[0]!.issues[0]!.description;

  it('is a definition field: created with dataset ContractCommitment (profile focus-1.3 by default), CostAndUsage otherwise', async () => {
    const res = await create({ name: 'commitments', dataset: 'ContractCommitment' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ dataset: 'ContractCommitment', profile: 'focus-1.3', format: 'csv' });
    expect((await get(res.json().id)).json()).toMatchObject({ dataset: 'ContractCommitment', profile: 'focus-1.3' });
    expect((await createExport(t, a, { name: 'costs' })).dataset).toBe('CostAndUsage');
    expect((await createExport(t, a, { name: 'explicit', dataset: 'ContractCommitment', profile: 'focus-1.3' })).dataset).toBe('ContractCommitment');
  });

  it.each([
    [{ dataset: 'ContractCommitment', profile: 'focus-1.2' }, 'dataset'],
    [{ dataset: 'ContractCommitment', profile: 'greenlake' }, 'dataset'],
    [{ dataset: 'Invoice' }, 'dataset'],
    [{ dataset: 'ContractCommitment', filter: [{ name: 'BilledCost', operator: 'GT', values: [1] }] }, 'filter[0].name'],
    [{ dataset: 'ContractCommitment', filter: [{ name: 'Tags.team', operator: 'EQ', values: ['core'] }] }, 'filter[0].name'],
    [{ dataset: 'ContractCommitment', filter: [{ name: 'ContractCommitmentId', operator: 'TOP', values: [2] }] }, 'filter[0].operator'],
    [{ dataset: 'ContractCommitment', filter: [{ name: 'ContractCommitmentQuantity', operator: 'GT', values: ['many'] }] }, 'filter[0].values[0]'],
    [{ filter: [{ name: 'ContractCommitmentId', operator: 'EQ', values: ['CC-1-open'] }] }, 'filter[0].name'],
  ])('refuses %j with a 400 naming %s', async (body, subject) => {
    const res = await create({ name: 'bad', ...body });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json()).toMatchObject({ httpStatusCode: 400, errorCode: 'HPE_GL_ERROR_BAD_REQUEST' });
    expect(subjects(res)).toContain(subject);
  });

  it('says why: the dataset is FOCUS 1.3’s, and which columns a filter may name', async () => {
    expect(firstIssue(await create({ name: 'x', dataset: 'ContractCommitment', profile: 'focus-1.2' }))).toBe(
      "The ContractCommitment dataset is FOCUS 1.3's: it needs profile focus-1.3 (the export's profile is focus-1.2).",
    );
    const filter = await create({ name: 'x', dataset: 'ContractCommitment', filter: [{ name: 'BilledCost', operator: 'GT', values: [1] }] });
    expect(firstIssue(filter)).toBe(`Must be a column of the ContractCommitment dataset: ${HEADER.join(', ')}.`);
  });

  it('moves from CostAndUsage to ContractCommitment by a PATCH, and keeps profile, dataset and filter consistent', async () => {
    const { id } = await createExport(t, a, { name: 'moving', profile: 'focus-1.3', filter: [{ name: 'ServiceName', operator: 'EQ', values: ['VM'] }] });
    // The kept filter names a Cost and Usage column: the move must replace it.
    const kept = await patch(id, { dataset: 'ContractCommitment' });
    expect(kept.statusCode).toBe(400);
    expect(subjects(kept)).toEqual(['filter[0].name']);
    const moved = await patch(id, { dataset: 'ContractCommitment', filter: [{ name: 'x_BillingAccountId', operator: 'EQ', values: ['BA-EUR'] }] });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ dataset: 'ContractCommitment', profile: 'focus-1.3', filter: [{ name: 'x_BillingAccountId' }] });
    const csv = await contents(t, a, id, APRIL);
    expect(lines(csv.body)).toEqual([HEADER.join(','), APRIL_ROWS[2]]);

    // A profile without the dataset, or a filter over another dataset's columns: 400s that change nothing.
    const older = await patch(id, { profile: 'focus-1.2' });
    expect(older.statusCode).toBe(400);
    expect(subjects(older)).toEqual(['profile']);
    expect(subjects(await patch(id, { filter: [{ name: 'BilledCost', operator: 'GT', values: [1] }] }))).toEqual(['filter[0].name']);
    expect(subjects(await patch(id, { dataset: null }))).toEqual(['filter[0].name']);
    expect((await get(id)).json()).toMatchObject({ dataset: 'ContractCommitment', profile: 'focus-1.3' });

    // Back, in one patch: dataset reset to CostAndUsage with a filter of its columns, then any profile.
    const back = await patch(id, { dataset: null, filter: null, profile: 'focus-1.2' });
    expect(back.statusCode, back.body).toBe(200);
    expect(back.json()).toMatchObject({ dataset: 'CostAndUsage', profile: 'focus-1.2', filter: [] });
    // On a greenlake definition, the dataset alone is refused, naming it.
    const greenlake = await createExport(t, a, { name: 'greenlake' });
    expect(subjects(await patch(greenlake.id, { dataset: 'ContractCommitment' }))).toEqual(['dataset']);
    // A null profile on a ContractCommitment export is that dataset's default, focus-1.3.
    const cc = await createExport(t, a, { name: 'cc', dataset: 'ContractCommitment' });
    expect((await patch(cc.id, { profile: null })).json()).toMatchObject({ profile: 'focus-1.3', dataset: 'ContractCommitment' });
  });

  it('the database refuses an inconsistent pair whatever writes it (migration 0021)', async () => {
    const { id } = await createExport(t, a, { name: 'guarded', dataset: 'ContractCommitment' });
    await expect(
      sql`update focus_exports set profile = 'focus-1.2' where workspace_id = ${a.workspaceId} and id = ${id}`.execute(t.db),
    ).rejects.toThrow(/focus_exports_dataset_profile/);
    await expect(sql`update focus_exports set dataset = 'Invoice' where workspace_id = ${a.workspaceId} and id = ${id}`.execute(t.db)).rejects.toThrow(
      /focus_exports_dataset/,
    );
  });

  it('contents: one exact row per commitment of the workspace in force during the range, as CSV and as gzip', async () => {
    const { id } = await createExport(t, a, { name: 'April commitments', dataset: 'ContractCommitment' });
    const res = await contents(t, a, id, APRIL);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('april-commitments_2026-04-01_2026-04-30.csv');
    expect(lines(res.body)).toEqual([HEADER.join(','), ...APRIL_ROWS]);

    const zipped = await contents(t, a, id, APRIL, { 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(res.body);
    const gz = await createExport(t, a, { name: 'gz', dataset: 'ContractCommitment', compression: 'gzip' });
    expect(gunzipSync((await contents(t, a, gz.id, APRIL)).rawPayload).toString('utf8')).toBe(res.body);

    // The bounded commitment ends when it ends; the ended one and the other workspace's never appear.
    expect(lines((await contents(t, a, id, 'startDate=2026-05-01&endDate=2026-05-31')).body).map((l) => l.split(',')[4])).toEqual([
      'ContractCommitmentId', 'CC-1-open', 'CC-3-eur', 'CC-4-unpriced',
    ]);
    expect((await contents(t, a, id, 'startDate=2025-01-01&endDate=2025-12-31')).statusCode).toBe(204);
    // Another profile than focus-1.3 for this dataset: a 400 naming the parameter.
    const other = await contents(t, a, id, `${APRIL}&profile=focus-1.2`);
    expect(other.statusCode).toBe(400);
    expect(subjects(other)).toEqual(['profile']);
  });

  it('contents as Parquet hold the CSV’s rows; DuckDB reads both back with the same rows and the dataset’s types', async () => {
    const { id } = await createExport(t, a, { name: 'pq', dataset: 'ContractCommitment', format: 'parquet' });
    const parquet = await contents(t, a, id, APRIL);
    expect(parquet.statusCode).toBe(200);
    expect(parquet.headers['content-type']).toBe('application/vnd.apache.parquet');
    const csv = await contents(t, a, id, `${APRIL}&format=csv`);

    const pq = tempFile(parquet.rawPayload, 'parquet');
    const described = await duck.conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${pq})`);
    const types = described.getRowObjects().map((o) => [String(o.column_name), String(o.column_type)]);
    expect(types).toEqual(CONTRACT_COMMITMENT_PROFILE.columns.map((c) => [c.header, duckTypeOf(c.kind)]));
    expect(Object.fromEntries(types).ContractCommitmentQuantity).toBe('DECIMAL(38,15)');
    expect(Object.fromEntries(types).ContractCommitmentCost).toBe('DECIMAL(38,15)');
    expect(Object.fromEntries(types).ContractCommitmentPeriodStart).toBe('TIMESTAMP WITH TIME ZONE');

    const columns = CONTRACT_COMMITMENT_PROFILE.columns.map((c) => `'${c.header}': '${duckTypeOf(c.kind)}'`).join(', ');
    const readCsv = `SELECT * FROM read_csv(${tempFile(csv.rawPayload, 'csv')}, header = true, columns = {${columns}})`;
    const readParquet = `SELECT * FROM read_parquet(${pq})`;
    const count = async (q: string) => Number((await duck.conn.runAndReadAll(`SELECT count(*) FROM (${q})`)).getRows()[0]![0]);
    expect(await count(readParquet)).toBe(APRIL_ROWS.length);
    expect(await count(`${readCsv} EXCEPT ALL ${readParquet}`)).toBe(0);
    expect(await count(`${readParquet} EXCEPT ALL ${readCsv}`)).toBe(0);
    const quantities = await duck.conn.runAndReadAll(`SELECT ContractCommitmentId, ContractCommitmentQuantity::VARCHAR, ContractCommitmentCost FROM (${readParquet}) ORDER BY 1`);
    expect(quantities.getRows().map((r) => r.map((v) => (v === null ? null : String(v))))).toEqual([
      ['CC-1-open', '100.000000000000000', null],
      ['CC-2-calls', '2.500000000000000', null],
      ['CC-3-eur', '12.500000000000000', null],
      ['CC-4-unpriced', null, null],
    ]);
    // The same cells as the CSV, read as `consumo focus validate` reads either file.
    const cells = await exportCells(parquet.rawPayload, 'parquet');
    expect(cells[0]).toEqual(HEADER);
    expect(cells.slice(1).map((r) => r[4])).toEqual(['CC-1-open', 'CC-2-calls', 'CC-3-eur', 'CC-4-unpriced']);
  });

  it('applies a filter over the dataset’s own columns (strings, decimals, date/times)', async () => {
    const rowsOf = async (filter: unknown[]) => {
      const { id } = await createExport(t, a, { name: 'filtered', dataset: 'ContractCommitment', filter });
      const res = await contents(t, a, id, APRIL);
      return res.statusCode === 204 ? [] : lines(res.body).slice(1).map((l) => l.split(',')[4]);
    };
    expect(await rowsOf([{ name: 'BillingCurrency', operator: 'EQ', values: ['EUR'] }])).toEqual(['CC-3-eur']);
    expect(await rowsOf([{ name: 'ContractCommitmentQuantity', operator: 'GTE', values: ['12.5'] }])).toEqual(['CC-1-open', 'CC-3-eur']);
    expect(await rowsOf([{ name: 'ContractCommitmentUnit', operator: 'EMPTY', values: [] }])).toEqual(['CC-4-unpriced']);
    // The open-ended commitments end where the range does: filtered on that very value.
    expect(await rowsOf([{ name: 'ContractCommitmentPeriodEnd', operator: 'EQ', values: ['2026-05-01T00:00:00Z'] }])).toEqual(['CC-1-open', 'CC-2-calls', 'CC-3-eur']);
    expect(await rowsOf([{ name: 'x_SkuId', operator: 'STARTS_WITH', values: ['SKU-c'] }])).toEqual(['CC-1-open', 'CC-2-calls']);
    expect(await rowsOf([{ name: 'ContractCommitmentId', operator: 'IN', values: ['nope'] }])).toEqual([]);
  });

  it('metadata: a ContractCommitment dataset instance, its schema, and a recency with no time sectors', async () => {
    const { id } = await createExport(t, a, { name: 'cc meta', dataset: 'ContractCommitment' });
    const updated = new Date('2026-04-25T10:11:12Z');
    await t.db.updateTable('commitments').set({ updated_at: updated }).where('workspace_id', '=', a.workspaceId).where('id', '=', 'CC-3-eur').execute();
    const res = await t.call({ method: 'GET', url: `${BASE}/${id}/metadata?${APRIL}`, token: a.token });
    expect(res.statusCode, res.body).toBe(200);
    const meta = res.json();
    expect(meta.DatasetInstance).toEqual([{ DatasetInstanceId: id, DatasetInstanceName: 'cc meta', FocusDatasetId: 'ContractCommitment' }]);
    expect(meta.Schema).toHaveLength(1);
    expect(meta.Schema[0]).toMatchObject({ SchemaId: schemaIdOf(CONTRACT_COMMITMENT_PROFILE), FocusDatasetId: 'ContractCommitment', FocusVersion: '1.3', CreationDate: '2026-12-07T00:00:00Z' });
    expect(meta.Schema[0].SchemaId).toMatch(/^focus-1\.3-ContractCommitment-[0-9a-f]{16}$/);
    const definitions = meta.Schema[0].ColumnDefinition as { ColumnName: string; DataType: string; NumericPrecision?: number }[];
    expect(definitions.map((c) => c.ColumnName)).toEqual(HEADER);
    for (const spec of FOCUS_1_3_CONTRACT_COMMITMENT_COLUMNS) expect(definitions.find((c) => c.ColumnName === spec.name)!.DataType, spec.name).toBe(spec.type);
    expect(definitions.find((c) => c.ColumnName === 'ContractCommitmentQuantity')).toMatchObject({ NumericPrecision: 38, NumberScale: 15 });
    // Other commitments keep the clock's time of the seed: the latest change of the delivered ones.
    const seededAt = (await t.db.selectFrom('commitments').select('updated_at').where('workspace_id', '=', a.workspaceId).where('id', '=', 'CC-1-open').executeTakeFirstOrThrow()).updated_at;
    const latest = new Date(Math.max(new Date(seededAt).getTime(), updated.getTime()));
    expect(meta.Recency).toEqual([
      {
        DatasetInstanceId: id,
        DatasetInstanceComplete: true,
        DatasetInstanceLastUpdated: latest.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        RecencyLastUpdated: expect.stringMatching(/Z$/),
      },
    ]);
    // As for the contents: the profile must be one that has the dataset.
    const other = await t.call({ method: 'GET', url: `${BASE}/${id}/metadata?${APRIL}&profile=greenlake`, token: a.token });
    expect(other.statusCode).toBe(400);
  });

  it('a run writes one billing period’s commitments per directory, with its manifest and metadata', async () => {
    const { id } = await createExport(t, a, { name: 'cc run', dataset: 'ContractCommitment' });
    const res = await t.call({ method: 'POST', url: `${BASE}/${id}/runs`, token: a.token, payload: { startDate: '2026-04-01', endDate: '2026-05-31' } });
    expect(res.statusCode, res.body).toBe(202);
    await t.jobs.drain();
    const runId = res.json().transactionId as string;
    const run = (await t.call({ method: 'GET', url: `${BASE}/${id}/runs/${runId}`, token: a.token })).json();
    expect(run.status).toBe('SUCCEEDED');
    const root = path.join(dir, a.workspaceId, id);
    expect((await readdir(root)).sort()).toEqual(['BILLING_PERIOD=2026-04', 'BILLING_PERIOD=2026-05', 'metadata.json']);
    expect((await readdir(path.join(root, 'BILLING_PERIOD=2026-04'))).sort()).toEqual(['manifest.json', 'metadata.json', 'part-00001.csv', 'part-00002.csv']);

    const written: Record<string, string[]> = {};
    for (const month of ['2026-04', '2026-05']) {
      const periodDir = path.join(root, `BILLING_PERIOD=${month}`);
      const manifest = JSON.parse(await readFile(path.join(periodDir, 'manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({ runId, exportId: id, profile: 'focus-1.3', dataset: 'ContractCommitment', focusVersion: '1.3', format: 'csv', billingPeriod: month });
      written[month] = [];
      for (const file of manifest.files as { name: string; rows: number }[]) {
        const [header, ...rows] = lines(await readFile(path.join(periodDir, file.name), 'utf8'));
        expect(header).toBe(HEADER.join(','));
        expect(rows).toHaveLength(file.rows);
        written[month].push(...rows);
      }
      const metadata = JSON.parse(await readFile(path.join(periodDir, 'metadata.json'), 'utf8'));
      expect(metadata.DatasetInstance[0].FocusDatasetId).toBe('ContractCommitment');
      expect(metadata.Recency[0].TimeSectors).toBeUndefined();
      expect(manifest.metadata.name).toBe('metadata.json');
    }
    expect(written['2026-04']).toEqual(APRIL_ROWS);
    // May: the commitments in force then, the open-ended ones ending with the billing period.
    expect(written['2026-05']).toEqual(lines((await contents(t, a, id, 'startDate=2026-05-01&endDate=2026-05-31')).body).slice(1));
    expect(written['2026-05']!.map((l) => l.split(',').slice(4, 6))).toEqual([
      ['CC-1-open', '2026-06-01T00:00:00Z'],
      ['CC-3-eur', '2026-06-01T00:00:00Z'],
      ['CC-4-unpriced', '2026-06-01T00:00:00Z'],
    ]);
    expect(run.result.rowsWritten).toBe(7);
    const exportMetadata = JSON.parse(await readFile(path.join(root, 'metadata.json'), 'utf8'));
    expect(exportMetadata.Schema[0].SchemaId).toBe(schemaIdOf(CONTRACT_COMMITMENT_PROFILE));
    expect(exportMetadata.Recency[0]).toMatchObject({ DatasetInstanceComplete: true });
  });
});
