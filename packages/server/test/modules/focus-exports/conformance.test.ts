/** Every export profile checked by the FOCUS conformance checker, on the demo's rated usage (bands, contracted prices, commitments). */
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateCsv } from '@consumo/focus';
import { seedMeteringDemo } from '../../../src/demo/index.js';
import { type TestApp, startTestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { type Tenant, contents, createExport, exportsTenant } from '../../support/focus-export-fixtures.js';

describe.each(testEngines())('export profiles against the FOCUS rules (%s)', (engine) => {
  let t: TestApp;
  let tenant: Tenant;
  let from: string;
  let to: string;

  beforeAll(async () => {
    t = await startTestApp(engine, { config: { rateLimitMultiplier: 1000 } });
    tenant = await exportsTenant(t);
    const until = new Date(t.now());
    const seeded = await seedMeteringDemo(t.db, tenant.workspaceId, { usageDays: 12, resources: 16, until });
    expect(seeded.records).toBeGreaterThan(0);
    from = new Date(until.getTime() - 11 * 86_400_000).toISOString().slice(0, 10);
    to = until.toISOString().slice(0, 10);
  });
  afterAll(async () => t.close());

  const exported = async (profile: string) => {
    const { id } = await createExport(t, tenant, { name: `all ${profile}`, profile });
    const res = await contents(t, tenant, id, `startDate=${from}&endDate=${to}`);
    expect(res.statusCode).toBe(200);
    return res.body;
  };

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
