/**
 * What a cost record's decimals may hold: FOCUS exports write every decimal column as Parquet
 * DECIMAL(38, 15), so a value with more than 23 integer digits would make an export fail half-way
 * (a 1e308 usage value once did). Event values are bounded at ingest (ADR 0012, Event values), but
 * a large price times a large day of usage can still exceed it: such a line keeps its dimensions and
 * is stored unpriced, `x_RatingStatus = OUT_OF_RANGE`, with every decimal that does not fit left
 * null — as unknown prices are null, never a number an export cannot write.
 */
import { COST_RECORD_COLUMNS } from '../../cost-records/index.js';
import type { CostRow } from './price-usage.js';

/** Integer digits of Parquet DECIMAL(38, 15), the type of every decimal column of an export. */
export const MAX_EXPORT_INTEGER_DIGITS = 23;

const DECIMAL_COLUMNS = COST_RECORD_COLUMNS.filter((c) => c.type === 'decimal').map((c) => c.column);
/** The costs of a line: if one cannot be written, none is (they are one computation). */
const COST_COLUMNS = ['list_cost', 'contracted_cost', 'effective_cost', 'billed_cost', 'pricing_currency_effective_cost'];

function fits(value: unknown): boolean {
  if (typeof value !== 'string') return true;
  const integer = value.replace(/^-/, '').split('.')[0]!.replace(/^0+(?=\d)/, '');
  return integer.length <= MAX_EXPORT_INTEGER_DIGITS;
}

/** Marks, in place, the rows holding a decimal an export cannot write; returns the rows. */
export function markOutOfRange(rows: CostRow[]): CostRow[] {
  for (const row of rows) {
    const over = DECIMAL_COLUMNS.filter((c) => !fits(row[c]));
    if (over.length === 0) continue;
    for (const column of over) row[column] = null;
    if (over.some((c) => COST_COLUMNS.includes(c))) for (const column of COST_COLUMNS) row[column] = null;
    row.x_rating_status = 'OUT_OF_RANGE';
  }
  return rows;
}
