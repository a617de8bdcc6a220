/**
 * The FOCUS export profiles checked by the requirements-model validator (`consumo focus validate`,
 * ADR 0024), on the demo's rated usage: every rule the model checks passes, Consumo's own checks too.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type ModelValidationReport, validateCsvWithModel, validateRowsWithModel } from '@consumo/focus';
import { testEngines } from '../../support/test-databases.js';
import { exportCells, useDemoExports } from '../../support/focus-export-fixtures.js';

const failures = (report: ModelValidationReport) => report.rules.filter((r) => r.status === 'fail').map((r) => ({ id: r.id, first: r.firstFailures }));

describe.each(testEngines())('export profiles against the FOCUS requirements model (%s)', (engine) => {
  const demo = useDemoExports(engine);

  it('the focus-1.2 profile, CSV and Parquet: no rule fails, commitments and contracted prices included', async () => {
    const csv = (await demo.exported({ name: 'model 1.2 csv', profile: 'focus-1.2' })).body;
    expect(csv).toContain(',Unused,');
    const report = await validateCsvWithModel(Readable.from([csv]), { version: '1.2' });
    expect(failures(report)).toEqual([]);
    expect(report).toMatchObject({ conformant: true, modelVersion: '1.2-consumo.1' });
    expect(report.rows).toBeGreaterThan(0);
    // Declaring every capability checks the Conditional columns Consumo fills anyway (the README's example).
    expect(failures(await validateCsvWithModel(Readable.from([csv]), { version: '1.2', applicability: 'all' }))).toEqual([]);
    const pass = new Set(report.rules.filter((r) => r.status === 'pass').map((r) => r.id));
    for (const id of ['CAU-CommitmentDiscountStatus-C-000-M', 'CAU-ContractedUnitPrice-C-003-M', 'CAU-SkuPriceId-C-003-M', 'list-cost']) expect(pass, id).toContain(id);

    const parquet = await demo.exported({ name: 'model 1.2 parquet', profile: 'focus-1.2', format: 'parquet' });
    const cells = await exportCells(parquet.rawPayload, 'parquet');
    const fromParquet = await validateRowsWithModel(cells, { version: '1.2' });
    expect(failures(fromParquet)).toEqual([]);
    expect(fromParquet.rows).toBe(report.rows);
  });

  it('the focus-1.3 profile: no rule of the 1.3 model fails', async () => {
    const csv = (await demo.exported({ name: 'model 1.3 csv', profile: 'focus-1.3' })).body;
    const report = await validateCsvWithModel(Readable.from([csv]), { version: '1.3' });
    expect(failures(report)).toEqual([]);
    expect(report).toMatchObject({ conformant: true, modelVersion: '1.3-consumo.1', dataset: 'CostAndUsage' });
  });
});
