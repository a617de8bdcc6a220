/**
 * The CSV writers agree byte for byte (ADR 0014): PostgreSQL's COPY of the export query (CSV
 * contents on PostgreSQL), the same cells joined into lines in SQL (CSV contents on PGlite), and
 * the JavaScript encoder (export runs). Both read the same edge-case records here (quotes, commas, CR/LF, empty
 * strings, a lone `\.`, big and tiny decimals, fractional seconds, JSON with escapes, Unused
 * commitment rows, open and closed billing periods) under filters whose values need quoting.
 */
import { describe, expect, it } from 'vitest';
import { headerLine, rowEncoder } from '../../../src/modules/focus-exports/csv-encoder.js';
import { csvLineSql, inlineParameters } from '../../../src/modules/focus-exports/csv-copy.repository.js';
import { compileFilter, validateFilter } from '../../../src/modules/focus-exports/export-filter.fields.js';
import { PROFILES, columnsRead } from '../../../src/modules/focus-exports/export-profiles.js';
import { EXPORT_PROFILES, type FocusExportProfile } from '../../../src/modules/focus-exports/focus-exports.enums.js';
import { costLineStream, costRowStream } from '../../../src/modules/focus-exports/focus-exports.repository.js';
import { costRecord, insertCostRecords, unusedCommitmentRecord } from '../../support/cost-record-fixtures.js';
import type { TestApp } from '../../support/test-app.js';
import { testEngines } from '../../support/test-databases.js';
import { type Tenant, contents, createExport, useExportsApp } from '../../support/focus-export-fixtures.js';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

describe('inlineParameters', () => {
  it('replaces each placeholder once, by number, with a typed literal', () => {
    const text = 'select $1, $2, $10, $3, $4, $5 where x = $6';
    const params = ["it's $2", new Date('2026-04-01T00:00:00Z'), -5, 7n, true, null, 'a', 'b', 'c', 'ten'];
    expect(inlineParameters(text, params, quote)).toBe(
      "select 'it''s $2', '2026-04-01T00:00:00.000Z'::timestamptz, 'ten', (-5), 7, TRUE where x = NULL",
    );
  });

  it('never leaves a negative number where it could read as a comment', () => {
    expect(inlineParameters('select 1 -$1', [-2], quote)).toBe('select 1 -(-2)');
  });

  it('refuses what it cannot inline', () => {
    expect(() => inlineParameters('select $2', ['x'], quote)).toThrow(/no parameter \$2/);
    expect(() => inlineParameters('select $1', [Number.NaN], quote)).toThrow(/cannot inline/);
    expect(() => inlineParameters('select $1', [{ a: 1 }], quote)).toThrow(/cannot inline/);
  });
});

describe.each(testEngines())('CSV written in SQL against the JavaScript encoder on %s', (engine) => {
  let t: TestApp;
  let a: Tenant;
  const DECIMALS = ['0', '-1.5', '12345678901234567890123.123456789012345', '0.000000000000001', '100', '-0.000001'];
  const TEXTS = ['big, "quoted"\nline', 'carriage\rreturn', '', ' padded ', '\\.', 'naïve – ünïcode ✓', '"', ','];

  useExportsApp(engine, async (app, tenant) => {
    [t, a] = [app, tenant];
    const ws = a.workspaceId;
    const future = new Date(t.now() + 40 * 86_400_000);
    await insertCostRecords(t.db, [
      ...TEXTS.map((text, i) =>
        costRecord(ws, {
          resource_id: `vm-${i}`,
          line_key: `line-${i}`,
          charge_period_start: day(`2026-04-0${i + 1}`),
          billed_cost: DECIMALS[i % DECIMALS.length]!,
          consumed_quantity: i === 3 ? null : DECIMALS[(i + 1) % DECIMALS.length]!,
          charge_description: text,
          resource_name: i === 2 ? null : text,
          region_id: i === 4 ? '' : 'eu-west',
          tags: i === 0 ? null : i === 1 ? {} : { env: i % 2 ? 'prod' : "it's $1", note: text, nested: { n: i } },
          x_rated_at: new Date(Date.UTC(2026, 3, 2, 3, 4, 5, 678)),
          // One record in a billing period still open at the time of the request: Estimated.
          ...(i === 5 && { billing_period_end: future }),
        }),
      ),
      unusedCommitmentRecord(ws),
    ]);
  }, { tenants: ['csv-copy'] });

  const rangeOf = (filter: unknown[]) => {
    const range = { workspaceId: a.workspaceId, from: day('2026-04-01'), to: day('2026-05-01') };
    return { ...range, where: compileFilter(validateFilter(filter), range) };
  };

  /** What the JavaScript encoder writes for the same definition and range. */
  async function encoded(profileName: FocusExportProfile, filter: unknown[], now: number): Promise<string> {
    const profile = PROFILES[profileName];
    const encode = rowEncoder(profile, now);
    let text = headerLine(profile);
    for await (const chunk of t.streams.streamRows(costRowStream(t.db, { ...rangeOf(filter), columns: columnsRead(profile), chunkSize: 3 }))) {
      for (const row of chunk) text += encode(row);
    }
    return text;
  }

  /** The CSV lines built in SQL (PGlite's contents path), read by key in pages of 3. */
  async function sqlLines(profileName: FocusExportProfile, filter: unknown[], now: number): Promise<string> {
    const profile = PROFILES[profileName];
    let text = headerLine(profile);
    for await (const chunk of t.streams.streamRows(costLineStream(t.db, { ...rangeOf(filter), line: csvLineSql(profile, now), chunkSize: 3 }))) {
      for (const row of chunk) text += `${row.line as string}\n`;
    }
    return text;
  }

  const FILTERS: [string, unknown[]][] = [
    ['no filter', []],
    ['a tag value with a quote and a dollar placeholder', [{ name: 'Tags.env', operator: 'EQ', values: ["it's $1"] }]],
    ['negative decimals, NOT_IN', [{ name: 'BilledCost', operator: 'NOT_IN', values: ['-1.5', -0.000001] }]],
    ['TOP by BilledCost, and a timestamp bound', [{ name: 'ResourceId', operator: 'TOP', values: [3] }, { name: 'x_RatedAt', operator: 'GTE', values: ['2026-04-02T03:04:05Z'] }]],
    ['CONTAINS with LIKE wildcards and a backslash', [{ name: 'ChargeDescription', operator: 'DOES_NOT_CONTAIN', values: ['%_\\'] }]],
  ];

  for (const profile of EXPORT_PROFILES) {
    it.each(FILTERS)(`${profile}, %s: the contents (${engine === 'postgres' ? 'COPY' : 'SQL lines'}) and the SQL lines are the encoder's, byte for byte`, async (_, filter) => {
      const { id } = await createExport(t, a, { name: `copy ${profile} ${JSON.stringify(filter)}`, profile, filter });
      const res = await contents(t, a, id, 'startDate=2026-04-01&endDate=2026-04-30');
      expect(res.statusCode, res.body).toBe(200);
      const expected = await encoded(profile, filter, t.now());
      expect(res.body.split('\n').length).toBeGreaterThan(2);
      expect(res.body).toBe(expected);
      expect(await sqlLines(profile, filter, t.now())).toBe(expected);
    });
  }

  it('the contents hold every edge case (not an empty agreement)', async () => {
    const { id } = await createExport(t, a, { name: 'copy edge cases' });
    const body = (await contents(t, a, id, 'startDate=2026-04-01&endDate=2026-04-30')).body;
    expect(body).toContain('"big, ""quoted""\nline"');
    expect(body).toContain('"carriage\rreturn"');
    expect(body).toContain(',\\.,');
    expect(body).toContain('12345678901234567890123.123456789012345');
    expect(body).toContain('0.000000000000001');
    expect(body).toContain(`"{""env"": ""it's $1"", ""note"": """", ""nested"": {""n"": 2}}"`);
    expect(body).toContain(',Estimated,');
    expect(body).toContain(',Usage,');
    // Rated at 03:04:05.678: whole seconds, truncated (a FOCUS 1.2 profile column).
    const focus = (await contents(t, a, id, 'startDate=2026-04-01&endDate=2026-04-30&profile=focus-1.2')).body;
    expect(focus).toContain(',2026-04-02T03:04:05Z');
    // The Unused commitment row: ConsumedQuantity 0 in the commitment's unit.
    expect(body).toMatch(/,commit-1,.*,0,CUs,/);
    // FOCUS 1.3: the row counts against its commitment, ContractApplied PostgreSQL's JSON text on every path.
    const focus13 = (await contents(t, a, id, 'startDate=2026-04-01&endDate=2026-04-30&profile=focus-1.3')).body;
    expect(focus13).toContain(
      '"{""Elements"": [{""ContractId"": ""commit-1"", ""ContractCommitmentId"": ""commit-1"", ""ContractCommitmentAppliedCost"": null, ""ContractCommitmentAppliedUnit"": ""CUs"", ""ContractCommitmentAppliedQuantity"": 5}]}"',
    );
  });
});
