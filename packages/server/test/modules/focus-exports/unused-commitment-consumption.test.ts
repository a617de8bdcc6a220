/**
 * The Unused part of a commitment in both profiles (ADR 0013, "Unused commitment rows in the two
 * profiles"): ConsumedQuantity 0 and ConsumedUnit the commitment's unit in `greenlake` (FOCUS 1.0:
 * not null on any Usage row), both null in `focus-1.2` (FOCUS 1.1+: null when CommitmentDiscountStatus
 * is Unused), as CSV and as Parquet, on the demo's rated usage; and each version's conformance check
 * accepts its profile's choice and refuses the other.
 */
import { Readable } from 'node:stream';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type Cell, checkRows, validateCsv, validateParquet } from '@consumo/focus';
import { testEngines } from '../../support/test-databases.js';
import { exportCells, useDemoExports } from '../../support/focus-export-fixtures.js';

type Profile = 'greenlake' | 'focus-1.2';
type Format = 'csv' | 'parquet';

interface Export {
  bytes: Buffer;
  header: string[];
  rows: Cell[][];
}

const PROFILE_VERSION = { greenlake: '1.0', 'focus-1.2': '1.2' } as const;

describe.each(testEngines())('the Unused part of a commitment in both profiles (%s)', (engine) => {
  const demo = useDemoExports(engine);
  const exports = new Map<string, Export>();

  /** The export's rows as cells (the header apart), read back as `consumo focus validate` reads the file. */
  async function exported(profile: Profile, format: Format): Promise<Export> {
    const key = `${profile}.${format}`;
    const known = exports.get(key);
    if (known) return known;
    const bytes = (await demo.exported({ name: `unused ${key}`, profile, format })).rawPayload;
    const [header, ...rows] = await exportCells(bytes, format);
    const found = { bytes, header: header!.map(String), rows };
    exports.set(key, found);
    return found;
  }

  const at = (e: Export, column: string) => {
    const i = e.header.indexOf(column);
    expect(i, column).toBeGreaterThanOrEqual(0);
    return i;
  };
  const unusedRows = (e: Export) => e.rows.filter((r) => r[at(e, 'CommitmentDiscountStatus')] === 'Unused');

  it.each<Format>(['csv', 'parquet'])('greenlake as %s: ConsumedQuantity 0 in the commitment unit on every Unused row, what FOCUS 1.0 asks of a Usage row', async (format) => {
    const e = await exported('greenlake', format);
    const unused = unusedRows(e);
    expect(unused.length).toBeGreaterThan(0);
    for (const row of unused) {
      expect(row[at(e, 'ChargeCategory')]).toBe('Usage');
      expect(row[at(e, 'CommitmentDiscountId')]).not.toBeNull();
      expect(new Decimal(row[at(e, 'ConsumedQuantity')]!).isZero()).toBe(true);
      // The demo commitment is counted in CUs, the unit of the SKU it commits (the GreenLake profile has no CommitmentDiscountUnit column).
      expect(row[at(e, 'ConsumedUnit')]).toBe('CUs');
    }
    // Rows that consumed keep their own quantities: 0 is written on Unused rows only.
    const used = e.rows.filter((r) => r[at(e, 'CommitmentDiscountStatus')] !== 'Unused');
    expect(used.every((r) => r[at(e, 'ConsumedQuantity')] !== null && !new Decimal(r[at(e, 'ConsumedQuantity')]!).isZero())).toBe(true);
  });

  it.each<Format>(['csv', 'parquet'])('focus-1.2 as %s: ConsumedQuantity and ConsumedUnit null on every Unused row, as FOCUS 1.1+ asks', async (format) => {
    const e = await exported('focus-1.2', format);
    const unused = unusedRows(e);
    expect(unused.length).toBe(unusedRows(await exported('greenlake', format)).length);
    for (const row of unused) {
      expect(row[at(e, 'ChargeCategory')]).toBe('Usage');
      expect([row[at(e, 'ConsumedQuantity')], row[at(e, 'ConsumedUnit')]]).toEqual([null, null]);
      // The shortfall itself is CommitmentDiscountQuantity, in the same unit the GreenLake profile writes.
      expect(row[at(e, 'CommitmentDiscountUnit')]).toBe('CUs');
      expect(new Decimal(row[at(e, 'CommitmentDiscountQuantity')]!).isPositive()).toBe(true);
    }
  });

  it('both profiles add up to the same consumption: the 0 on Unused rows adds nothing', async () => {
    const total = (e: Export) => e.rows.reduce((sum, r) => sum.plus(r[at(e, 'ConsumedQuantity')] ?? 0), new Decimal(0));
    const greenlake = total(await exported('greenlake', 'csv'));
    expect(greenlake.isPositive()).toBe(true);
    expect(total(await exported('focus-1.2', 'csv')).equals(greenlake)).toBe(true);
    expect(total(await exported('greenlake', 'parquet')).equals(greenlake)).toBe(true);
  });

  it.each<[Profile, Format]>([
    ['greenlake', 'csv'],
    ['greenlake', 'parquet'],
    ['focus-1.2', 'csv'],
    ['focus-1.2', 'parquet'],
  ])('the %s profile as %s has no consumed-quantity finding under its own FOCUS version', async (profile, format) => {
    const e = await exported(profile, format);
    const options = { version: PROFILE_VERSION[profile], maxViolations: 100_000 };
    const report = format === 'csv' ? await validateCsv(Readable.from([e.bytes]), options) : await validateParquet(new Uint8Array(e.bytes), options);
    expect(report.summary.rows).toBe(e.rows.length);
    expect(report.summary.byRule['consumed-quantity']).toBeUndefined();
  });

  it('the other choice fails each version: null in the 1.0 profile, 0 in the 1.2 one, once per Unused row and column', async () => {
    const swapped = (e: Export, quantity: Cell, unit: Cell) =>
      e.rows.map((r) => {
        if (r[at(e, 'CommitmentDiscountStatus')] !== 'Unused') return r;
        const copy = [...r];
        copy[at(e, 'ConsumedQuantity')] = quantity;
        copy[at(e, 'ConsumedUnit')] = unit;
        return copy;
      });

    const greenlake = await exported('greenlake', 'csv');
    const n = unusedRows(greenlake).length;
    const as10 = await checkRows([greenlake.header, ...swapped(greenlake, null, null)], { version: '1.0', maxViolations: 100_000 });
    const findings10 = as10.violations.filter((v) => v.rule === 'consumed-quantity');
    // 1.0 ties ConsumedUnit to the same Usage rule as ConsumedQuantity.
    expect(findings10.map((v) => v.column).sort()).toEqual([...Array(n).fill('ConsumedQuantity'), ...Array(n).fill('ConsumedUnit')]);
    expect(findings10[0]!.message).toBe(
      'ConsumedQuantity must not be null on Usage rows (unless ChargeClass is Correction); FOCUS 1.0 has no exception for the Unused part of a commitment (1.1 added it)',
    );

    const focus = await exported('focus-1.2', 'csv');
    const as12 = await checkRows([focus.header, ...swapped(focus, '0', 'CUs')], { version: '1.2', maxViolations: 100_000 });
    // 1.2 pairs ConsumedUnit with ConsumedQuantity: the quantity carries the finding.
    expect(as12.summary.byRule).toEqual({ 'consumed-quantity': n });
    expect(as12.violations[0]!.message).toBe('ConsumedQuantity must be null on the Unused part of a commitment (CommitmentDiscountStatus Unused)');
  });
});
