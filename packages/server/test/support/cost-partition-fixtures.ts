/** The cost_records partitions as the database holds them, for tests of their bounds. */
import { sql } from 'kysely';
import type { Db } from '../../src/storage/database.js';

/** Each partition's range as [from, to) in UTC ISO text. */
export async function partitionRanges(db: Db): Promise<Record<string, [string, string]>> {
  const { rows } = await sql<{ name: string; bound: string }>`
    select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'cost_records'::regclass`.execute(db);
  const ranges: Record<string, [string, string]> = {};
  for (const { name, bound } of rows) {
    const [, from, to] = /FROM \('([^']+)'\) TO \('([^']+)'\)/.exec(bound)!;
    const { rows: utc } = await sql<{ from: string; to: string }>`
      select to_char(${from}::timestamptz at time zone 'UTC', 'YYYY-MM-DD') as from,
             to_char(${to}::timestamptz at time zone 'UTC', 'YYYY-MM-DD') as to`.execute(db);
    ranges[name] = [utc[0]!.from, utc[0]!.to];
  }
  return ranges;
}
