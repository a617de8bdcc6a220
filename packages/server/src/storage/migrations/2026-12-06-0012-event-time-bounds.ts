/**
 * Repairs cost_records partitions whose range is not their month. Until issue 15 the range's end
 * was computed with `Date.UTC`, which reads years 0–99 as 1900–1999: an event dated 0001-01-01 made
 * `cost_records_0001_01` FROM 0001-01-01 TO 1901-02-01, and every month after it up to 1901 could
 * no longer be created ("would overlap"). Each such partition is detached, its rows are moved into
 * partitions of exactly their months, and it is dropped. Ingest now refuses such times (ADR 0012,
 * "Event times"), and partitions are made from the month's text; nothing is undone on the way down.
 */
import { type Kysely, sql } from 'kysely';

/** As of this migration (the live code is modules/cost-records/cost-partitions.repository.ts). */
const PARTITION = /^cost_records_(\d{4})_(\d{2})$/;
const BOUND = /FROM \('([^']+)'\) TO \('([^']+)'\)/;
const pad = (n: number, width: number) => String(n).padStart(width, '0');

function monthBounds(year: number, month: number): { from: string; to: string } {
  const [nextYear, nextMonth] = month === 12 ? [year + 1, 1] : [year, month + 1];
  return { from: `${pad(year, 4)}-${pad(month, 2)}-01T00:00:00Z`, to: `${pad(nextYear, 4)}-${pad(nextMonth, 2)}-01T00:00:00Z` };
}

async function createMonth(db: Kysely<unknown>, monthText: string): Promise<void> {
  const [year, month] = monthText.split('-').map(Number) as [number, number];
  const { from, to } = monthBounds(year, month);
  await sql`create table if not exists ${sql.id(`cost_records_${pad(year, 4)}_${pad(month, 2)}`)} partition of cost_records
    for values from (${sql.lit(from)}) to (${sql.lit(to)})`.execute(db);
}

async function columnsOf(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select attname as name from pg_attribute
    where attrelid = 'cost_records'::regclass and attnum > 0 and not attisdropped order by attnum`.execute(db);
  return rows.map((r) => r.name);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows: partitions } = await sql<{ name: string; bound: string }>`
    select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
    from pg_inherits i join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'cost_records'::regclass`.execute(db);
  for (const { name, bound } of partitions) {
    const named = PARTITION.exec(name);
    const range = BOUND.exec(bound);
    if (!named || !range) continue;
    const { from, to } = monthBounds(Number(named[1]), Number(named[2]));
    const { rows } = await sql<{ exact: boolean }>`
      select (${range[1]}::timestamptz = ${from}::timestamptz and ${range[2]}::timestamptz = ${to}::timestamptz) as exact`.execute(db);
    if (rows[0]!.exact) continue;
    const held = `${name}_misbounded`;
    await sql`alter table cost_records detach partition ${sql.id(name)}`.execute(db);
    await sql`alter table ${sql.id(name)} rename to ${sql.id(held)}`.execute(db);
    const { rows: months } = await sql<{ month: string }>`
      select distinct to_char(charge_period_start at time zone 'UTC', 'YYYY-MM') as month from ${sql.id(held)}`.execute(db);
    for (const { month } of months) await createMonth(db, month);
    // By name: a detached partition's columns need not be in the parent's order.
    const columns = sql.join(await columnsOf(db).then((cs) => cs.map((c) => sql.id(c))));
    await sql`insert into cost_records (${columns}) select ${columns} from ${sql.id(held)}`.execute(db);
    await sql`drop table ${sql.id(held)}`.execute(db);
  }
}

export async function down(): Promise<void> {
  // A repaired partition is not broken again.
}
