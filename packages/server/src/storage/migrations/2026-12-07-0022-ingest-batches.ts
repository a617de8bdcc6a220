/**
 * ingest_batches: one row per usage batch that reached validation (issue 16, point 6), insert-only.
 * An accepted batch is written in the transaction that stores its events, so the log never
 * disagrees with usage_events; a rejected one (nothing stored) in an insert of its own, with its
 * first issues. Ingest statistics and the list of rejected batches read it; no row is ever updated,
 * so concurrent batches never wait on one another here.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table ingest_batches (
      workspace_id text not null references workspaces (id) on delete cascade,
      id uuid not null,
      received_at timestamptz not null,
      outcome text not null check (outcome in ('accepted', 'rejected')),
      events integer not null,
      accepted integer not null,
      duplicates integer not null,
      invalid integer not null,
      first_event_time timestamptz,
      last_event_time timestamptz,
      issue_count integer not null,
      issues jsonb,
      principal_type text,
      principal_id text,
      constraint ingest_batches_pk primary key (workspace_id, id)
    )`.execute(db);
  // Statistics per day received, and the workspace's last batch.
  await sql`create index ingest_batches_received on ingest_batches (workspace_id, received_at)`.execute(db);
  // The newest event time stored: max over accepted batches, read from the end of this index.
  await sql`create index ingest_batches_last_event on ingest_batches (workspace_id, last_event_time) where outcome = 'accepted'`.execute(db);
  // The rejected batches, newest first, without walking the accepted ones.
  await sql`create index ingest_batches_rejected on ingest_batches (workspace_id, received_at) where outcome = 'rejected'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table if exists ingest_batches`.execute(db);
}
