/** Every export profile checked by the FOCUS conformance checker, on the demo's rated usage (bands, contracted prices, commitments). */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { validateCsv } from '@consumo/focus';
import { testEngines } from '../../support/test-databases.js';
import { useDemoExports } from '../../support/focus-export-fixtures.js';

describe.each(testEngines())('export profiles against the FOCUS rules (%s)', (engine) => {
  const demo = useDemoExports(engine);
  const exported = async (profile: string) => (await demo.exported({ name: `all ${profile}`, profile })).body;

  it('the focus-1.2 profile conforms to FOCUS 1.2: commitment shortfalls, banded storage and contracted prices included', async () => {
    const csv = await exported('focus-1.2');
    expect(csv).toContain(',Unused,');
    const report = await validateCsv(Readable.from([csv]), { version: '1.2' });
    expect(report.violations).toEqual([]);
    expect(report.conformant).toBe(true);
  });

  it('the GreenLake profile conforms to FOCUS 1.0 but for the vendor’s own ChargeFrequency values (ADR 0013)', async () => {
    const csv = await exported('greenlake');
    const report = await validateCsv(Readable.from([csv]), { version: '1.0', maxViolations: 100_000 });
    const other = report.violations.filter((v) => !(v.column === 'ChargeFrequency' && v.rule === 'allowed-values'));
    expect(other).toEqual([]);
    const rows = csv.trimEnd().split('\n').length - 1;
    // One ChargeFrequency finding per row: GreenLake writes Estimated or Usage where FOCUS allows One-Time, Recurring, Usage-Based.
    expect(report.violations.length).toBe(rows);
  });
});
