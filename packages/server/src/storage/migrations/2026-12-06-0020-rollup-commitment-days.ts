/**
 * The Navigator usage report's committed quantity sums, per commitment and billing period, the
 * commitment over the days rating wrote rollups of its billing account and SKU (ADR 0012). Without
 * an index holding the SKU, PostgreSQL reads every rollup row of the workspace's period (all its
 * SKUs and regions, ~1,200 rows a month per tenant in bench/vmware-usage) and filters them; with
 * one on (workspace, billing account, SKU, day) the distinct days come from the index alone, in
 * order (~1.5 ms of a one-tenant report's ~9 on the benchmark). The rollups are small and rewritten
 * a month at a time by rating, so the extra index costs little there.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index cost_rollups_daily_sku_day on cost_rollups_daily (workspace_id, billing_account_id, sku_id, day)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists cost_rollups_daily_sku_day`.execute(db);
}
