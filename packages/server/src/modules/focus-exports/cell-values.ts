/**
 * The value of one profile cell, before any file format: what both the CSV and the Parquet encoder
 * write. Decimals stay the database's text, times become whole-second epoch milliseconds (UTC,
 * truncated), everything else text (JSON as JSON text); null is null.
 */
import { wholeSeconds } from '../../platform/formats/index.js';
import type { CellKind, ProfileColumn } from './export-profiles.js';

/** How a cell kind is stored: an exact decimal, an instant, or text. */
export type ValueType = 'decimal' | 'timestamp' | 'text';

export function valueTypeOf(kind: CellKind): ValueType {
  switch (kind) {
    case 'decimal':
    case 'unused-consumed-quantity':
      return 'decimal';
    case 'timestamp':
      return 'timestamp';
    default:
      return 'text';
  }
}

type Row = Record<string, unknown>;
export type DecimalReader = (row: Row) => string | null;
export type TimestampReader = (row: Row) => number | null;
export type TextReader = (row: Row) => string | null;
export type CellReader =
  | { type: 'decimal'; read: DecimalReader }
  | { type: 'timestamp'; read: TimestampReader }
  | { type: 'text'; read: TextReader };

const epochMs = (value: unknown): number => (value instanceof Date ? value.getTime() : Date.parse(String(value)));

/**
 * The reader of one column. `now` decides the GreenLake ChargeFrequency: `Estimated` while the
 * record's billing period is still open (its end after now), `Usage` once it has closed. The
 * GreenLake profile's ConsumedQuantity/Unit are 0 and the commitment's unit on Unused rows.
 */
export function cellReader(c: ProfileColumn, now: number): CellReader {
  const key = c.column;
  switch (c.kind) {
    case 'absent':
      return { type: 'text', read: () => null };
    case 'decimal':
      return {
        type: 'decimal',
        read: (row) => {
          const v = row[key];
          return v === null || v === undefined ? null : String(v);
        },
      };
    case 'unused-consumed-quantity':
      return {
        type: 'decimal',
        read: (row) => {
          const v = row[key];
          if (v !== null && v !== undefined) return String(v);
          return row.commitment_discount_status === 'Unused' ? '0' : null;
        },
      };
    case 'timestamp':
      return {
        type: 'timestamp',
        read: (row) => {
          const v = row[key];
          return v === null || v === undefined ? null : wholeSeconds(epochMs(v));
        },
      };
    case 'json':
      return {
        type: 'text',
        read: (row) => {
          const v = row[key];
          if (v === null || v === undefined) return c.emptyJson ? '{}' : null;
          return typeof v === 'string' ? v : JSON.stringify(v);
        },
      };
    case 'unused-consumed-unit':
      return {
        type: 'text',
        read: (row) => {
          const v = row[key] ?? (row.commitment_discount_status === 'Unused' ? row.commitment_discount_unit : null);
          return v === null || v === undefined ? null : String(v);
        },
      };
    case 'greenlake-frequency':
      return { type: 'text', read: (row) => (epochMs(row[key]) > now ? 'Estimated' : 'Usage') };
    default:
      return {
        type: 'text',
        read: (row) => {
          const v = row[key];
          return v === null || v === undefined ? null : String(v);
        },
      };
  }
}
