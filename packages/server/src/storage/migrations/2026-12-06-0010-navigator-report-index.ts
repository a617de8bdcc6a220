/**
 * The Navigator usage report reads each organization's services from the catalog on every call
 * (issue 14, bench/vmware-usage): an index on metering_resources by workspace and service that
 * holds what the report reads (category, subcategory, creation time) answers it from the index
 * alone, instead of one heap page per resource — a tenant's resources are spread across the table
 * by creation time. The catalog is written far less often than it is read by reports.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index metering_resources_services on metering_resources (workspace_id, service_name) include (service_category, service_subcategory, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists metering_resources_services`.execute(db);
}
