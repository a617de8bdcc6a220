/**
 * The first start's demo seeding, remembered until it has finished (issue 15): the bootstrap
 * workspace is committed before the demo families are seeded one transaction each, so a process
 * killed in between left a half-filled demo for good. A row here is written in the bootstrap's
 * transaction and deleted when the last family is seeded; a start that finds one seeds again
 * (every family's seed replaces that family's data).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('demo_seedings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('demo_seedings').ifExists().execute();
}
