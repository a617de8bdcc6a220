/**
 * cost_records: NOT NULL on the columns every writer fills and FOCUS never leaves empty, as the
 * `Database` interface has always typed them. Migration 0004 created them nullable; the
 * schema-drift test (test/storage/schema-drift.test.ts) found the difference. On a partitioned
 * table the constraint reaches every partition.
 */
import { type Kysely, sql } from 'kysely';

/** As of this migration; never read from live code, so the migration cannot change after it has run. */
const COLUMNS = [
  'billing_account_id', 'billing_currency', 'billing_period_start', 'billing_period_end', 'charge_category',
  'charge_period_end', 'service_category', 'service_name', 'x_meter_id', 'x_rating_status', 'x_rated_at',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`alter table cost_records ${COLUMNS.map((c) => `alter column ${c} set not null`).join(', ')}`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(`alter table cost_records ${COLUMNS.map((c) => `alter column ${c} drop not null`).join(', ')}`).execute(db);
}
