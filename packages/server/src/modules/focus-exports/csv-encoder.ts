/**
 * RFC 4180 CSV for a profile: a field is quoted when it holds a comma, a quote, CR or LF (inner
 * quotes doubled); lines end in LF, as GreenLake's sample does. Decimals are the
 * database's own text (never a JS number), times `2026-04-01T00:00:00Z`, null an empty cell.
 */
import { focusDateTime } from '../../platform/formats/index.js';
import { cellReader } from './cell-values.js';
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

/** A row → line function for a profile; the values are the shared cell readers' (`now` decides the GreenLake ChargeFrequency). */
export function rowEncoder(profile: Profile, now: number): RowEncoder {
  // Charge and billing periods repeat on every row; formatting each instant once saves most of the time work.
  const times = new Map<number, string>();
  const time = (ms: number): string => {
    let text = times.get(ms);
    if (text === undefined) {
      if (times.size > 50_000) times.clear();
      text = focusDateTime(ms);
      times.set(ms, text);
    }
    return text;
  };
  const cell = (c: ProfileColumn): ((row: Record<string, unknown>) => string) => {
    const reader = cellReader(c, now);
    switch (reader.type) {
      case 'decimal': {
        const read = reader.read;
        return (row) => read(row) ?? '';
      }
      case 'timestamp': {
        const read = reader.read;
        return (row) => {
          const ms = read(row);
          return ms === null ? '' : time(ms);
        };
      }
      default: {
        const read = reader.read;
        return (row) => {
          const s = read(row);
          if (s === null) return '';
          return NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
        };
      }
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
