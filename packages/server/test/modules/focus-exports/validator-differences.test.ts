/**
 * ADR 0015: the findings of the FinOps Foundation's focus_validator (v2, requirements model 1.2.0.1)
 * on the focus-1.2 profile that `consumo focus validate` does not report, one rule at a time. Each is
 * pinned to the FOCUS 1.2 text: the rows of a rated export (CSV and Parquet) hold what the sentence
 * asks, the model's encoding — reproduced here as the validator compiles it — reports them anyway,
 * and our checker reports what breaks the sentence and nothing else.
 */
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Cell, validateCsv, validateParquet } from '@consumo/focus';
import { exportCells, useDemoExports } from '../../support/focus-export-fixtures.js';
import { testEngines } from '../../support/test-databases.js';
import { ROW, check, conformantRows, rowWith } from '../../../../focus/test/support/focus-rows.js';

type Row = Record<string, Cell>;

/** Whether a cell holds one of the values. */
const oneOf = (cell: Cell | undefined, values: readonly string[]) => cell !== null && cell !== undefined && values.includes(cell);

/**
 * A model-1.2.0.1 rule as focus_validator compiles it: the rows it reports. The validator turns a
 * Condition into a row filter only when it has a CheckFunction; `{}` and `{"AND": …}` give none, so
 * the Requirement is checked on every row (ADR 0015).
 */
const OFFICIAL = {
  /** CheckValue(InvoiceId, null), Condition {}. */
  'InvoiceId-C-004-C': (r: Row) => r.InvoiceId !== null,
  /** CheckNotValue(InvoiceId, null), Condition {}. */
  'InvoiceId-C-005-C': (r: Row) => r.InvoiceId === null,
  /** CheckNotValue(CommitmentDiscountStatus, null) where CheckValue(CommitmentDiscountId, null): the condition inverted, ChargeCategory dropped. */
  'CommitmentDiscountStatus-C-004-C': (r: Row) => r.CommitmentDiscountId === null && r.CommitmentDiscountStatus === null,
  /** OR of CheckValue "Active", "Expired", "Pending", no condition: every status that is none of them (a null one is never reported). */
  'CommitmentDiscountStatus-C-005-M': (r: Row) => r.CommitmentDiscountStatus !== null && !oneOf(r.CommitmentDiscountStatus, ['Active', 'Expired', 'Pending']),
  /** CheckValue(CapacityReservationStatus, null), Condition {"AND": {…}}: not read, so on every row. */
  'CapacityReservationStatus-C-003-C': (r: Row) => r.CapacityReservationStatus !== null,
  /** CheckNotValue(CapacityReservationStatus, null), Condition {"AND": […]}: not read, so on every row. */
  'CapacityReservationStatus-C-004-C': (r: Row) => r.CapacityReservationStatus === null,
} as const;

/**
 * The FOCUS 1.2 sentences, as predicates a row must satisfy. Whether a charge is on an issued or a
 * pre-generated provisional invoice is not in the row: Consumo issues none and pre-generates none
 * (cost records are rated usage; there is no invoice), so no charge is.
 */
const onInvoice = (_r: Row) => false;
const SPEC = {
  invoiceIdNull: (r: Row) => onInvoice(r) || r.InvoiceId === null,
  invoiceIdSet: (r: Row) => !onInvoice(r) || r.InvoiceId !== null,
  commitmentStatusNullWithoutId: (r: Row) => r.CommitmentDiscountId !== null || r.CommitmentDiscountStatus === null,
  commitmentStatusOnUsage: (r: Row) => r.CommitmentDiscountId === null || r.ChargeCategory !== 'Usage' || r.CommitmentDiscountStatus !== null,
  commitmentStatusAllowed: (r: Row) => r.CommitmentDiscountStatus === null || oneOf(r.CommitmentDiscountStatus, ['Used', 'Unused']),
  reservationStatusNullWithoutId: (r: Row) => r.CapacityReservationId !== null || r.CapacityReservationStatus === null,
  reservationStatusOnUsage: (r: Row) => r.CapacityReservationId === null || r.ChargeCategory !== 'Usage' || r.CapacityReservationStatus !== null,
  reservationStatusAllowed: (r: Row) => r.CapacityReservationStatus === null || oneOf(r.CapacityReservationStatus, ['Used', 'Unused']),
};

const fixture = conformantRows();
const byRuleOf = async (rows: Cell[][]) => (await check(fixture.header, rows)).summary.byRule;

describe.each(testEngines())('the official validator’s FOCUS 1.2 findings against the spec text, on a rated focus-1.2 export (%s)', (engine) => {
  // 32 days ending today always reach into the previous month: a closed billing period and the open one.
  const demo = useDemoExports(engine, 32);
  const files = new Map<'csv' | 'parquet', Buffer>();
  const rowsOf = new Map<'csv' | 'parquet', Row[]>();

  beforeAll(async () => {
    for (const format of ['csv', 'parquet'] as const) {
      const res = await demo.exported({ name: `validator ${format}`, profile: 'focus-1.2', format });
      files.set(format, res.rawPayload);
      const all = await exportCells(res.rawPayload, format);
      const names = all[0]!.map(String);
      rowsOf.set(
        format,
        all.slice(1).map((r) => Object.fromEntries(names.map((n, i) => [n, r[i] ?? null]))),
      );
    }
  });

  const both = ['csv', 'parquet'] as const;
  const exported = (format: 'csv' | 'parquet') => rowsOf.get(format)!;

  it.each(both)('consumo focus validate finds the %s export conformant to FOCUS 1.2, these three columns included', async (format) => {
    const bytes = files.get(format)!;
    const report = format === 'csv' ? await validateCsv(Readable.from([bytes]), { version: '1.2' }) : await validateParquet(new Uint8Array(bytes), { version: '1.2' });
    expect(report.violations).toEqual([]);
    expect(report.summary.rows).toBe(exported(format).length);
  });

  describe('InvoiceId-C-005-C (and its unconditional twin InvoiceId-C-004-C)', () => {
    it.each(both)('%s: InvoiceId is null on every row, closed and open billing periods alike — no charge is on an invoice, and the spec then asks for null', (format) => {
      const rows = exported(format);
      const end = (r: Row) => Date.parse(r.BillingPeriodEnd!);
      expect(rows.some((r) => end(r) <= demo.t.now())).toBe(true);
      expect(rows.some((r) => end(r) > demo.t.now())).toBe(true);
      expect(rows.every((r) => r.InvoiceId === null)).toBe(true);
      expect(rows.every(SPEC.invoiceIdNull) && rows.every(SPEC.invoiceIdSet)).toBe(true);
      // The model's C-005-C ("MUST NOT be null when … associated with … an invoice", with its condition
      // left out) reports every row; C-004-C would report every row of a dataset with invoice ids instead.
      expect(rows.filter(OFFICIAL['InvoiceId-C-005-C'])).toHaveLength(rows.length);
      expect(rows.filter(OFFICIAL['InvoiceId-C-004-C'])).toHaveLength(0);
    });

    it('consumo focus validate decides neither way: a null InvoiceId and an invoiced one both pass, as the row cannot say which sentence applies', async () => {
      const invoiced = fixture.rows[ROW.usage]!;
      expect(invoiced[fixture.header.indexOf('InvoiceId')]).toBe('INV-2025-06-001');
      const notInvoiced = rowWith(fixture, ROW.usage, { InvoiceId: null });
      expect(await byRuleOf([invoiced, notInvoiced])).toEqual({});
      // The model reports one of the two rows whichever way the dataset goes: its two rules cannot both pass on it.
      const asRows = [invoiced, notInvoiced].map((r) => Object.fromEntries(fixture.header.map((n, i) => [n, r[i] ?? null])));
      expect([asRows.filter(OFFICIAL['InvoiceId-C-004-C']).length, asRows.filter(OFFICIAL['InvoiceId-C-005-C']).length]).toEqual([1, 1]);
    });
  });

  describe('CommitmentDiscountStatus-C-004-C', () => {
    it.each(both)('%s: null on every row without a CommitmentDiscountId (as C-003-C asks), set on every Usage row with one — the model’s inverted condition reports exactly the former', (format) => {
      const rows = exported(format);
      const withoutCommitment = rows.filter((r) => r.CommitmentDiscountId === null);
      const committedUsage = rows.filter((r) => r.CommitmentDiscountId !== null && r.ChargeCategory === 'Usage');
      expect(withoutCommitment.length).toBeGreaterThan(0);
      expect(committedUsage.length).toBeGreaterThan(0);
      expect(withoutCommitment.length + committedUsage.length).toBe(rows.length);
      expect(rows.every(SPEC.commitmentStatusNullWithoutId) && rows.every(SPEC.commitmentStatusOnUsage)).toBe(true);
      expect(rows.filter(OFFICIAL['CommitmentDiscountStatus-C-004-C'])).toEqual(withoutCommitment);
    });

    it('consumo focus validate checks both sentences: a status without an id, and a commitment Usage row without a status, are reported; a commitment Purchase may have none', async () => {
      expect(await byRuleOf([rowWith(fixture, ROW.usage, { CommitmentDiscountStatus: 'Used' })])).toEqual({ 'null-without-id': 1 });
      expect(await byRuleOf([rowWith(fixture, ROW.committedUsage, { CommitmentDiscountStatus: null })])).toEqual({ 'commitment-discount-status': 1 });
      expect(await byRuleOf([rowWith(fixture, ROW.purchase, { CommitmentDiscountStatus: null }), fixture.rows[ROW.usage]!])).toEqual({});
    });
  });

  describe('CommitmentDiscountStatus-C-005-M', () => {
    it.each(both)('%s: every status is one of the allowed values, Used or Unused, and both occur — the model lists Active, Expired, Pending and reports them all', (format) => {
      const rows = exported(format);
      const statuses = rows.map((r) => r.CommitmentDiscountStatus).filter((s) => s !== null);
      expect(new Set(statuses)).toEqual(new Set(['Used', 'Unused']));
      expect(rows.every(SPEC.commitmentStatusAllowed)).toBe(true);
      expect(rows.filter(OFFICIAL['CommitmentDiscountStatus-C-005-M'])).toHaveLength(statuses.length);
    });

    it('consumo focus validate allows Used and Unused and refuses the model’s values', async () => {
      expect(await byRuleOf([fixture.rows[ROW.committedUsage]!, fixture.rows[ROW.unusedCommitment]!])).toEqual({});
      const lifecycle = ['Active', 'Expired', 'Pending'].map((s) => rowWith(fixture, ROW.committedUsage, { CommitmentDiscountStatus: s }));
      expect(await byRuleOf(lifecycle)).toEqual({ 'allowed-values': 3 });
    });
  });

  describe('CapacityReservationStatus-C-004-C (and its unconditional twin CapacityReservationStatus-C-003-C)', () => {
    it.each(both)('%s: no capacity reservation, so CapacityReservationId and Status are null on every row — the model, its condition unread, wants a status on every row', (format) => {
      const rows = exported(format);
      expect(rows.every((r) => r.CapacityReservationId === null && r.CapacityReservationStatus === null)).toBe(true);
      expect(rows.every(SPEC.reservationStatusNullWithoutId) && rows.every(SPEC.reservationStatusOnUsage) && rows.every(SPEC.reservationStatusAllowed)).toBe(true);
      expect(rows.filter(OFFICIAL['CapacityReservationStatus-C-004-C'])).toHaveLength(rows.length);
      expect(rows.filter(OFFICIAL['CapacityReservationStatus-C-003-C'])).toHaveLength(0);
    });

    it('consumo focus validate checks the sentences with their conditions: a reservation’s Usage row needs a status, a row without one must have none, and the values are Used and Unused', async () => {
      const reserved = fixture.rows[ROW.capacityReservation]!;
      expect(reserved[fixture.header.indexOf('CapacityReservationStatus')]).toBe('Used');
      expect(await byRuleOf([reserved, fixture.rows[ROW.usage]!])).toEqual({});
      expect(await byRuleOf([rowWith(fixture, ROW.capacityReservation, { CapacityReservationStatus: null })])).toEqual({ 'capacity-reservation-status': 1 });
      expect(await byRuleOf([rowWith(fixture, ROW.usage, { CapacityReservationStatus: 'Unused' })])).toEqual({ 'null-without-id': 1 });
      expect(await byRuleOf([rowWith(fixture, ROW.capacityReservation, { CapacityReservationStatus: 'Reserved' })])).toEqual({ 'allowed-values': 1 });
    });
  });
});
