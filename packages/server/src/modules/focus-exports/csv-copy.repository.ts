/**
 * On PostgreSQL a CSV export is written by PostgreSQL itself (ADR 0014): `COPY (the export's query)
 * TO STDOUT WITH (FORMAT csv)`, each cell formatted in SQL exactly as csv-encoder.ts formats it in
 * JavaScript, so the server only relays bytes (no row objects, no per-cell work). On PGlite, which
 * has no streaming COPY, the same cells are joined into one CSV line per row in SQL and read by
 * key in pages. Export runs on PostgreSQL write these COPY bytes too (ADR 0032, decision 8); runs on
 * PGlite keep the JavaScript encoders, and so does Parquet on PGlite (on PostgreSQL, Parquet reads
 * these rows by binary COPY, parquet-copy.repository.ts); tests assert that every path writes the
 * same bytes.
 *
 * Cell by cell, the SQL matches cell-values.ts + csv-encoder.ts:
 * - decimals: `numeric::text`, the same text the driver hands JavaScript;
 * - instants: whole seconds, UTC, `2026-04-01T00:00:00Z` (to_char truncates, as wholeSeconds does);
 * - JSON: PostgreSQL's own text of the value (both paths read it so), GreenLake's null Tags `{}`;
 * - text: as stored, an empty string written as an empty cell like null (COPY would quote it);
 * - the GreenLake ChargeFrequency and its ConsumedQuantity/Unit on Unused rows: the same rules;
 * - computed JSON cells (computed-cells.repository.ts): the one SQL expression every path reads; absent cells null.
 * COPY's CSV quoting (a field holding the delimiter, a quote, CR or LF is quoted, quotes doubled)
 * is csv-encoder.ts's; lines end in LF.
 */
import { type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Db } from '../../storage/database.js';
import { COMPUTED_CELLS } from './computed-cells.repository.js';
import type { Profile, ProfileColumn } from './export-profiles.js';
import { type CostRange, costRecordsOf } from './focus-exports.repository.js';

// The FOCUS date/time (focusDateTime, platform/formats) in to_char's words.
const TIME_FORMAT = 'YYYY-MM-DD"T"HH24:MI:SS"Z"';

function timeText(column: string): RawBuilder<string | null> {
  return sql`to_char(${sql.ref(column)} at time zone 'UTC', ${sql.lit(TIME_FORMAT)})`;
}

const textOf = (e: RawBuilder<unknown>): RawBuilder<string | null> => sql`nullif(${e}::text, '')`;

/** The SQL of one cell, its value the text the JavaScript encoder writes (before CSV quoting). */
export function cellSql(c: ProfileColumn, now: number): RawBuilder<string | null> {
  if (c.kind === 'absent') return sql<string | null>`null::text`;
  const computed = COMPUTED_CELLS.get(c.column);
  if (computed) return computed;
  const col = sql.ref(c.column);
  switch (c.kind) {
    case 'decimal':
      return sql`${col}::text`;
    case 'unused-consumed-quantity':
      return sql`coalesce(${col}::text, case when commitment_discount_status = 'Unused' then '0' end)`;
    case 'timestamp':
      return timeText(c.column);
    case 'json':
      return c.emptyJson ? sql`coalesce(${col}::text, '{}')` : sql`${col}::text`;
    case 'unused-consumed-unit':
      return textOf(sql`coalesce(${col}, case when commitment_discount_status = 'Unused' then commitment_discount_unit end)`);
    case 'greenlake-frequency':
      return sql`case when ${col} > ${sql.lit(new Date(now).toISOString())}::timestamptz then 'Estimated' else 'Usage' end`;
    default:
      return textOf(col);
  }
}

const NEVER_QUOTED: ReadonlySet<string> = new Set(['decimal', 'unused-consumed-quantity', 'timestamp', 'greenlake-frequency']);

/** A cell as a CSV field: quoted (inner quotes doubled) when it holds a comma, a quote, CR or LF; empty for null. */
function csvField(c: ProfileColumn, now: number): RawBuilder<string> {
  const value = cellSql(c, now);
  if (NEVER_QUOTED.has(c.kind)) return sql`coalesce(${value}, '')`;
  return sql`(case when ${value} ~ E'[",\r\n]' then '"' || replace(${value}, '"', '""') || '"' else coalesce(${value}, '') end)`;
}

/**
 * One CSV line of the profile (without its LF) as a single text value: what PGlite reads instead
 * of the row's cells, so that one column per row crosses from the database instead of 43 to 66.
 */
export function csvLineSql(profile: Profile, now: number): RawBuilder<string> {
  return sql`(${sql.join(profile.columns.map((c) => csvField(c, now)), sql` || ',' || `)})`;
}

/**
 * The COPY statement of an export: the rows of `costRecordsOf` (same range, filter and order),
 * the profile's cells, no header (the caller writes csv-encoder.ts's). COPY takes no bind
 * parameters, so the query's values are inlined as literals by `quote` (the driver's escaping).
 */
export function csvCopyStatement(db: Db, range: CostRange, profile: Profile, now: number, quote: (value: string) => string): string {
  return copyStatementOf(costRecordsOf(db, range), profile, now, quote);
}

/** The COPY statement of any dataset's rows (ordered, filtered): the profile's cells of each row, no header. */
export function copyStatementOf<DB, TB extends keyof DB, O>(
  rows: SelectQueryBuilder<DB, TB, O>,
  profile: Profile,
  now: number,
  quote: (value: string) => string,
): string {
  const query = rows.select(profile.columns.map((c, i) => cellSql(c, now).as(`c${i}`))).compile();
  return `COPY (${inlineParameters(query.sql, query.parameters, quote)}) TO STDOUT WITH (FORMAT csv)`;
}

/** `$1`… replaced by their values as SQL literals, in one pass over the text (a value is never rescanned). */
export function inlineParameters(text: string, parameters: readonly unknown[], quote: (value: string) => string): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (i < 0 || i >= parameters.length) throw new Error(`statement has no parameter $${n}`);
    return literal(parameters[i], quote);
  });
}

function literal(value: unknown, quote: (value: string) => string): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return `${quote(value.toISOString())}::timestamptz`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot inline ${value}`);
    // Parenthesised, so a negative value after an operator never reads as a `--` comment.
    return value < 0 ? `(${value})` : String(value);
  }
  if (typeof value === 'bigint') return value < 0n ? `(${value})` : value.toString();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return quote(value);
  throw new Error(`cannot inline a ${typeof value} parameter`);
}
