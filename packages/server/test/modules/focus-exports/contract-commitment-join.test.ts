/**
 * The two FOCUS 1.3 datasets of one workspace join (ADR 0025): every ContractCommitmentId that a
 * Cost and Usage row's ContractApplied names is a row of the ContractCommitment dataset over the
 * same range, whose unit is the applied unit per day; and the ContractCommitment export passes the
 * 1.3 requirements model's ContractCommitment rules. On the demo's rated usage.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { validateCsvWithModel } from '@consumo/focus';
import { testEngines } from '../../support/test-databases.js';
import { exportCells, useDemoExports } from '../../support/focus-export-fixtures.js';

interface Applied {
  ContractId: string;
  ContractCommitmentId: string;
  ContractCommitmentAppliedUnit: string | null;
}

describe.each(testEngines())('ContractApplied ↔ ContractCommitment (%s)', (engine) => {
  const demo = useDemoExports(engine);

  it('every ContractCommitmentId applied in Cost and Usage is a ContractCommitment row of the same range, CSV and Parquet alike', async () => {
    for (const format of ['csv', 'parquet'] as const) {
      const [costHeader, ...costs] = await exportCells((await demo.exported({ name: `costs ${format}`, profile: 'focus-1.3', format })).rawPayload, format);
      const [ccHeader, ...commitments] = await exportCells(
        (await demo.exported({ name: `commitments ${format}`, dataset: 'ContractCommitment', format })).rawPayload,
        format,
      );
      const applied = costs
        .map((r) => r[costHeader!.indexOf('ContractApplied')])
        .filter((v): v is string => v !== null)
        .flatMap((v) => (JSON.parse(v) as { Elements: Applied[] }).Elements);
      expect(applied.length, format).toBeGreaterThan(0);

      const col = (name: string) => ccHeader!.indexOf(name);
      const byId = new Map(commitments.map((r) => [r[col('ContractCommitmentId')], r]));
      expect(byId.size).toBe(commitments.length);
      for (const element of applied) {
        const row = byId.get(element.ContractCommitmentId);
        expect(row, element.ContractCommitmentId).toBeDefined();
        expect(row![col('ContractId')]).toBe(element.ContractId);
        // Applied per charge period (a day) in the unit the commitment counts per day.
        expect(row![col('ContractCommitmentUnit')]).toBe(`${element.ContractCommitmentAppliedUnit}/Day`);
        expect(row![col('ContractCommitmentCategory')]).toBe('Usage');
      }
    }
  });

  it('the ContractCommitment export passes every rule of the FOCUS 1.3 model for that dataset', async () => {
    const csv = (await demo.exported({ name: 'commitments model', dataset: 'ContractCommitment' })).body;
    const report = await validateCsvWithModel(Readable.from([csv]), { version: '1.3', dataset: 'ContractCommitment' });
    expect(report.rules.filter((r) => r.status === 'fail').map((r) => r.id)).toEqual([]);
    expect(report).toMatchObject({ conformant: true, dataset: 'ContractCommitment' });
    expect(report.rows).toBeGreaterThan(0);
    const passed = new Set(report.rules.filter((r) => r.status === 'pass').map((r) => r.id));
    for (const id of ['CCT-ContractCommitmentId-C-004-M', 'CCT-ContractCommitmentCategory-C-004-M', 'CCT-BillingCurrency-C-004-M']) expect(passed, id).toContain(id);
  });
});
