/**
 * FOCUS export runs: an export written to files, one billing period at a time, as an async
 * operation (ADR 0013, Runs); and when a definition's schedule last started one.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('focus_export_runs')
    // The run's id is its job's id.
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    // No foreign key: the history of a run outlives its definition.
    .addColumn('export_id', 'uuid', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('INITIALIZED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMEDOUT')`))
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('request', 'schedule')`))
    .addColumn('from_day', 'date', (c) => c.notNull())
    .addColumn('to_day', 'date', (c) => c.notNull())
    .addColumn('periods_total', 'integer', (c) => c.notNull())
    .addColumn('periods_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_written', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_written', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('files', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('error', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addCheckConstraint('focus_export_runs_days', sql`from_day <= to_day`)
    .execute();
  await db.schema
    .createIndex('focus_export_runs_by_export')
    .on('focus_export_runs')
    .columns(['workspace_id', 'export_id', 'created_at', 'id'])
    .execute();
  await db.schema.alterTable('focus_exports').addColumn('last_scheduled_for', 'date').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('focus_exports').dropColumn('last_scheduled_for').execute();
  await db.schema.dropTable('focus_export_runs').execute();
}
