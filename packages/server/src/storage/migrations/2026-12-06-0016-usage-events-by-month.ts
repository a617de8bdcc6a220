/**
 * usage_events becomes a table partitioned by calendar month of the event's time, like
 * cost_records (issue 15, point 12): rating reads a day at a time and prunes to one partition, and
 * an old month can be detached for archive (docs/scaling.md) instead of deleted row by row.
 *
 * A partitioned table's unique keys must contain its partition column, so an event's key becomes
 * (workspace_id, source, id, time). A CloudEvent sent again carries the same time (the time of the
 * occurrence), so a retry is still a duplicate; two events that share source and id but not time
 * are now two events (ADR 0012, "Event identity"). Existing rows are copied into the month
 * partitions they belong to; the statement runs in the migration's transaction, so the table is
 * never half-copied.
 */
import { type Kysely, sql } from 'kysely';

const COLUMNS = 'workspace_id, source, id, meter_id, subject, time, value, data, ingested_at';

/** usage_events as stored: keyed `key`, partitioned by month of `time` or not. */
function createUsageEvents(db: Kysely<unknown>, key: string, partitioned: boolean) {
  return sql.raw(`
    create table usage_events (
      workspace_id text collate "C" not null,
      source text collate "C" not null,
      id text collate "C" not null,
      meter_id text not null,
      subject text not null,
      time timestamptz not null,
      value numeric not null,
      data json not null,
      ingested_at timestamptz not null,
      constraint usage_events_pk primary key (${key})
    )${partitioned ? ' partition by range (time)' : ''}`).execute(db);
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table usage_events rename to usage_events_unpartitioned`.execute(db);
  await sql`alter table usage_events_unpartitioned rename constraint usage_events_pk to usage_events_unpartitioned_pk`.execute(db);
  await sql`drop index usage_events_time`.execute(db);
  await createUsageEvents(db, 'workspace_id, source, id, time', true);
  // Rating reads a day at a time; events arrive roughly in time order, so a BRIN index on each
  // month finds a day's blocks for a fraction of a btree's upkeep on every insert.
  await sql`create index usage_events_time on usage_events using brin (time)`.execute(db);
  const months = await sql<{ month: string }>`
    select distinct to_char(time at time zone 'UTC', 'YYYY-MM') as month from usage_events_unpartitioned order by 1`.execute(db);
  for (const { month } of months.rows) {
    const [year, m] = month.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${String(year + 1).padStart(4, '0')}-01` : `${String(year).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`;
    await sql`create table ${sql.id(`usage_events_${month.replace('-', '_')}`)} partition of usage_events
      for values from (${sql.lit(`${month}-01T00:00:00Z`)}) to (${sql.lit(`${next}-01T00:00:00Z`)})`.execute(db);
  }
  await sql.raw(`insert into usage_events (${COLUMNS}) select ${COLUMNS} from usage_events_unpartitioned`).execute(db);
  await sql`drop table usage_events_unpartitioned`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table usage_events rename to usage_events_partitioned`.execute(db);
  await sql`alter table usage_events_partitioned rename constraint usage_events_pk to usage_events_partitioned_pk`.execute(db);
  await sql`alter index usage_events_time rename to usage_events_partitioned_time`.execute(db);
  await createUsageEvents(db, 'workspace_id, source, id', false);
  await sql`create index usage_events_time on usage_events using brin (time)`.execute(db);
  // Events that differ only in time keep the earliest: the old key cannot hold both.
  await sql.raw(`insert into usage_events (${COLUMNS}) select distinct on (workspace_id, source, id) ${COLUMNS}
    from usage_events_partitioned order by workspace_id, source, id, time on conflict do nothing`).execute(db);
  await sql`drop table usage_events_partitioned`.execute(db);
}
