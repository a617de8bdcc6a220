/**
 * RFC 4180 CSV for a profile: a field is quoted when it holds a comma, a quote, CR or LF (inner
 * quotes doubled); lines end in LF, as GreenLake's sample does. Decimals are the
 * database's own text (never a JS number), times `2026-04-01T00:00:00Z`, null an empty cell.
 */
import type { Profile, ProfileColumn } from './export-profiles.js';

const NEEDS_QUOTES = /[",\r\n]/;

/** One field, quoted only when it must be. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export type RowEncoder = (row: Record<string, unknown>) => string;

/** The header line of a profile. */
export function headerLine(profile: Profile): string {
  return `${profile.columns.map((c) => csvField(c.header)).join(',')}\n`;
}

/**
 * A row → line function for a profile. `now` decides the GreenLake ChargeFrequency: `Estimated`
 * while the record's billing period is still open (its end after now), `Usage` once it has closed.
 */
export function rowEncoder(profile: Profile, now: number): RowEncoder {
  // Charge and billing periods repeat on every row; formatting each instant once saves most of the time work.
  const times = new Map<number, string>();
  const time = (value: unknown): string => {
    const ms = value instanceof Date ? value.getTime() : Date.parse(String(value));
    let text = times.get(ms);
    if (text === undefined) {
      if (times.size > 50_000) times.clear();
      text = `${new Date(ms).toISOString().slice(0, 19)}Z`;
      times.set(ms, text);
    }
    return text;
  };
  const cell = (c: ProfileColumn): ((row: Record<string, unknown>) => string) => {
    const key = c.column;
    switch (c.kind) {
      case 'decimal':
        return (row) => {
          const v = row[key];
          return v === null || v === undefined ? '' : String(v);
        };
      case 'timestamp':
        return (row) => {
          const v = row[key];
          return v === null || v === undefined ? '' : time(v);
        };
      case 'json':
        return (row) => {
          const v = row[key];
          if (v === null || v === undefined) return c.emptyJson ? '{}' : '';
          return csvField(typeof v === 'string' ? v : JSON.stringify(v));
        };
      case 'unused-consumed-quantity':
        return (row) => {
          const v = row[key];
          if (v !== null && v !== undefined) return String(v);
          return row.commitment_discount_status === 'Unused' ? '0' : '';
        };
      case 'unused-consumed-unit':
        return (row) => {
          const v = row[key] ?? (row.commitment_discount_status === 'Unused' ? row.commitment_discount_unit : null);
          return v === null || v === undefined ? '' : csvField(String(v));
        };
      case 'greenlake-frequency':
        return (row) => {
          const end = row[key];
          const ms = end instanceof Date ? end.getTime() : Date.parse(String(end));
          return ms > now ? 'Estimated' : 'Usage';
        };
      default:
        return (row) => {
          const v = row[key];
          if (v === null || v === undefined) return '';
          const s = String(v);
          return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
        };
    }
  };
  const cells = profile.columns.map(cell);
  const n = cells.length;
  return (row) => {
    let line = cells[0]!(row);
    for (let i = 1; i < n; i++) line += `,${cells[i]!(row)}`;
    return `${line}\n`;
  };
}
