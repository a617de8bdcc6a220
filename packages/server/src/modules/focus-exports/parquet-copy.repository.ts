/**
 * On PostgreSQL a Parquet export reads its rows as `COPY (…) TO STDOUT WITH (FORMAT binary)` (ADR
 * 0032): the rows, range, filter and order of the CSV's COPY (csv-copy.repository.ts), each cell
 * in the type its Parquet column holds, so copy-binary-batches.ts turns the bytes column by column
 * into Arrow buffers without a row object or a string per cell. The cells are cell-values.ts's:
 * - decimals: the numeric itself (`::numeric`), GreenLake's Unused ConsumedQuantity 0;
 * - instants: the timestamptz itself (truncated to whole seconds while decoding, as the CSV's to_char);
 * - text: as stored (an empty string stays empty, as on the row path), JSON as PostgreSQL's text,
 *   computed cells, the GreenLake ChargeFrequency and ConsumedUnit by the CSV's SQL.
 */
import { type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../../storage/database.js';
import { COMPUTED_CELLS } from './computed-cells.repository.js';
import { contractCommitmentsOf } from './contract-commitments.repository.js';
import { cellSql, inlineParameters } from './csv-copy.repository.js';
import type { DatasetRange } from './dataset-sources.js';
import type { Profile, ProfileColumn } from './export-profiles.js';
import { costRecordsOf } from './focus-exports.repository.js';

/** The SQL of one cell in its Parquet type: numeric, timestamptz or text. */
export function typedCellSql(c: ProfileColumn, now: number): RawBuilder<unknown> {
  if (c.kind === 'absent' || COMPUTED_CELLS.has(c.column)) return cellSql(c, now);
  const col = sql.ref(c.column);
  switch (c.kind) {
    case 'decimal':
      return sql`${col}::numeric`;
    case 'unused-consumed-quantity':
      return sql`coalesce(${col}, case when commitment_discount_status = 'Unused' then 0 end)::numeric`;
    case 'timestamp':
      return sql`${col}::timestamptz`;
    case 'unused-consumed-unit':
      return sql`coalesce(${col}, case when commitment_discount_status = 'Unused' then commitment_discount_unit end)::text`;
    case 'json':
    case 'greenlake-frequency':
      return cellSql(c, now);
    default:
      return sql`${col}::text`;
  }
}

/** The binary COPY of any dataset's rows (ordered, filtered): the profile's typed cells, in its column order. */
export function binaryCopyStatementOf<DB, TB extends keyof DB, O>(
  rows: SelectQueryBuilder<DB, TB, O>,
  profile: Profile,
  now: number,
  quote: (value: string) => string,
): string {
  const query = rows.select(profile.columns.map((c, i) => typedCellSql(c, now).as(`c${i}`))).compile();
  return `COPY (${inlineParameters(query.sql, query.parameters, quote)}) TO STDOUT WITH (FORMAT binary)`;
}

/** The binary COPY statement of an export's dataset rows: the CSV's rows, typed cells. */
export function datasetBinaryCopyStatement(db: Db, profile: Profile, q: DatasetRange, now: number, quote: (value: string) => string): string {
  return profile.dataset === 'ContractCommitment'
    ? binaryCopyStatementOf(contractCommitmentsOf(db, q), profile, now, quote)
    : binaryCopyStatementOf(costRecordsOf(db, q), profile, now, quote);
}
