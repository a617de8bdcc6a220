/**
 * list_versions: a number per workspace and list that every write to the list's table raises, in
 * the writing transaction (ADR 0029). A list's exact `total` can then be kept beside the version
 * it was counted at and given again while the version has not moved: any process, any writer
 * (API, seeding, migration, psql) raises it, because a statement trigger does, not the code.
 *
 * The triggers are per statement, with the changed rows as a transition table: one upsert per
 * statement and workspace touched, however many rows (a bulk insert of 5,000 devices raises the
 * version once). No foreign key to workspaces: a workspace's cascaded delete fires these triggers,
 * which must not then need the workspace row.
 */
import { type Kysely, sql } from 'kysely';

/** The lists whose counts are kept, by table; the table name is the list's name. */
export const VERSIONED_TABLES = ['flex_devices', 'flex_orders', 'subscriptions'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table list_versions (
      workspace_id text not null,
      list text not null,
      version bigint not null,
      primary key (workspace_id, list)
    )`.execute(db);
  await sql`create function raise_list_version() returns trigger language plpgsql as $$
    begin
      insert into list_versions (workspace_id, list, version)
        select distinct workspace_id, TG_TABLE_NAME, 1 from changed_rows
        on conflict (workspace_id, list) do update set version = list_versions.version + 1;
      return null;
    end $$`.execute(db);
  for (const table of VERSIONED_TABLES) {
    for (const [event, rows] of [['insert', 'new'], ['update', 'new'], ['delete', 'old']] as const) {
      await sql
        .raw(
          `create trigger ${table}_list_version_${event} after ${event} on ${table} ` +
            `referencing ${rows} table as changed_rows for each statement execute function raise_list_version()`,
        )
        .execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of VERSIONED_TABLES) {
    for (const event of ['insert', 'update', 'delete']) await sql.raw(`drop trigger if exists ${table}_list_version_${event} on ${table}`).execute(db);
  }
  await sql`drop function if exists raise_list_version()`.execute(db);
  await sql`drop table if exists list_versions`.execute(db);
}
