/** FOCUS export definitions (Consumption Analytics FOCUS Exports v1beta1): what to export, how, and who last touched or ran it. */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('focus_exports')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull().check(sql`char_length(name) between 1 and 256`))
    // ReportFieldCriteria[]: [{name, operator, values}], validated by the service before it is stored.
    .addColumn('filter', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('profile', 'text', (c) => c.notNull().defaultTo('greenlake').check(sql`profile in ('greenlake', 'focus-1.2')`))
    .addColumn('format', 'text', (c) => c.notNull().defaultTo('csv').check(sql`format in ('csv', 'parquet')`))
    .addColumn('compression', 'text', (c) => c.notNull().defaultTo('none').check(sql`compression in ('none', 'gzip')`))
    .addColumn('schedule', 'text', (c) => c.check(sql`schedule in ('DAILY_MONTH_TO_DATE', 'MONTHLY_LAST_MONTH')`))
    .addColumn('created_by_id', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_by_id', 'text', (c) => c.notNull())
    .addColumn('updated_by_name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_run_by_id', 'text')
    .addColumn('last_run_by_name', 'text')
    .addColumn('last_run_at', 'timestamptz')
    .addPrimaryKeyConstraint('focus_exports_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('focus_exports_by_created').on('focus_exports').columns(['workspace_id', 'created_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('focus_exports').execute();
}
