/**
 * Metering and rating: the catalog (billing-account calendars, resources, meters, versioned prices,
 * contracted prices, commitments), usage events, the days waiting to be rated, rating runs, FOCUS
 * cost records (partitioned by month of the charge period) and their daily rollups.
 */
import { type Kysely, sql } from 'kysely';

/**
 * The FOCUS columns of `cost_records` as this migration created them, with their SQL types: the
 * 57 FOCUS 1.2 columns in the order of the FOCUS column list, then Consumo's five `x_` columns.
 * A frozen copy, not the live list of `modules/cost-records`: a migration that has run must create
 * the same table forever, so a column added to the live list needs a migration of its own.
 */
const COST_RECORD_COLUMNS: readonly (readonly [column: string, sqlType: string])[] = [
  ['availability_zone', 'text'], ['billed_cost', 'numeric'], ['billing_account_id', 'text'],
  ['billing_account_name', 'text'], ['billing_account_type', 'text'], ['billing_currency', 'text'],
  ['billing_period_end', 'timestamptz'], ['billing_period_start', 'timestamptz'],
  ['capacity_reservation_id', 'text'], ['capacity_reservation_status', 'text'], ['charge_category', 'text'],
  ['charge_class', 'text'], ['charge_description', 'text'], ['charge_frequency', 'text'],
  ['charge_period_end', 'timestamptz'], ['charge_period_start', 'timestamptz'],
  ['commitment_discount_category', 'text'], ['commitment_discount_id', 'text'],
  ['commitment_discount_name', 'text'], ['commitment_discount_quantity', 'numeric'],
  ['commitment_discount_status', 'text'], ['commitment_discount_type', 'text'],
  ['commitment_discount_unit', 'text'], ['consumed_quantity', 'numeric'], ['consumed_unit', 'text'],
  ['contracted_cost', 'numeric'], ['contracted_unit_price', 'numeric'], ['effective_cost', 'numeric'],
  ['invoice_id', 'text'], ['invoice_issuer_name', 'text'], ['list_cost', 'numeric'],
  ['list_unit_price', 'numeric'], ['pricing_category', 'text'], ['pricing_currency', 'text'],
  ['pricing_currency_contracted_unit_price', 'numeric'], ['pricing_currency_effective_cost', 'numeric'],
  ['pricing_currency_list_unit_price', 'numeric'], ['pricing_quantity', 'numeric'], ['pricing_unit', 'text'],
  ['provider_name', 'text'], ['publisher_name', 'text'], ['region_id', 'text'], ['region_name', 'text'],
  ['resource_id', 'text'], ['resource_name', 'text'], ['resource_type', 'text'], ['service_category', 'text'],
  ['service_name', 'text'], ['service_subcategory', 'text'], ['sku_id', 'text'], ['sku_meter', 'text'],
  ['sku_price_details', 'jsonb'], ['sku_price_id', 'text'], ['sub_account_id', 'text'],
  ['sub_account_name', 'text'], ['sub_account_type', 'text'], ['tags', 'jsonb'], ['x_meter_id', 'text'],
  ['x_rating_status', 'text'], ['x_price_effective_from', 'timestamptz'], ['x_rated_at', 'timestamptz'],
  ['x_rating_run_id', 'uuid'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  // Cloud Cruiser's customer calendar: the day of the month a billing period starts, the month a fiscal year does.
  await db.schema
    .alterTable('billing_accounts')
    .addColumn('accounting_day', 'integer', (c) => c.notNull().defaultTo(1).check(sql`accounting_day between 1 and 28`))
    .execute();
  await db.schema
    .alterTable('billing_accounts')
    .addColumn('fiscal_start_month', 'integer', (c) => c.notNull().defaultTo(1).check(sql`fiscal_start_month between 1 and 12`))
    .execute();

  await db.schema
    .createTable('metering_resources')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('billing_account_id', 'text', (c) => c.notNull())
    .addColumn('sub_account_id', 'text')
    .addColumn('sub_account_name', 'text')
    .addColumn('name', 'text')
    .addColumn('resource_type', 'text')
    .addColumn('service_name', 'text', (c) => c.notNull())
    .addColumn('service_category', 'text', (c) => c.notNull())
    .addColumn('service_subcategory', 'text')
    .addColumn('region_id', 'text')
    .addColumn('region_name', 'text')
    .addColumn('availability_zone', 'text')
    .addColumn('tags', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('device_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('metering_resources_pk', ['workspace_id', 'id'])
    // A billing account with resources cannot disappear under them (delete the resources first).
    .addForeignKeyConstraint('metering_resources_billing_account', ['workspace_id', 'billing_account_id'], 'billing_accounts', [
      'workspace_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('metering_resources_billing_account')
    .on('metering_resources')
    .columns(['workspace_id', 'billing_account_id'])
    .execute();

  await db.schema
    .createTable('meters')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('value_property', 'text')
    .addColumn('aggregation', 'text', (c) =>
      c.notNull().check(sql`aggregation in ('SUM', 'COUNT', 'MAX', 'LATEST', 'TIME_WEIGHTED_SUM')`),
    )
    .addColumn('consumed_unit', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('meters_pk', ['workspace_id', 'id'])
    .addUniqueConstraint('meters_event_type', ['workspace_id', 'event_type'])
    .execute();

  // One row per price version: a SKU's versions never overlap (the service keeps them so).
  await db.schema
    .createTable('prices')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('sku_id', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'timestamptz', (c) => c.notNull())
    .addColumn('effective_to', 'timestamptz')
    .addColumn('meter_id', 'text', (c) => c.notNull())
    .addColumn('charge_description', 'text')
    .addColumn('publisher_name', 'text', (c) => c.notNull())
    .addColumn('provider_name', 'text', (c) => c.notNull())
    .addColumn('invoice_issuer_name', 'text', (c) => c.notNull())
    .addColumn('pricing_unit', 'text', (c) => c.notNull())
    .addColumn('pricing_quantity_divisor', 'numeric', (c) => c.notNull().check(sql`pricing_quantity_divisor > 0`))
    .addColumn('list_unit_price', 'numeric', (c) => c.notNull().check(sql`list_unit_price >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('bands', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('prices_pk', ['workspace_id', 'sku_id', 'effective_from'])
    .addCheckConstraint('prices_range', sql`effective_to is null or effective_to > effective_from`)
    .execute();
  await db.schema.createIndex('prices_meter').on('prices').columns(['workspace_id', 'meter_id']).execute();

  await db.schema
    .createTable('contracted_prices')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('billing_account_id', 'text', (c) => c.notNull())
    .addColumn('sku_id', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'timestamptz', (c) => c.notNull())
    .addColumn('effective_to', 'timestamptz')
    .addColumn('unit_price', 'numeric', (c) => c.notNull().check(sql`unit_price >= 0`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('contracted_prices_pk', ['workspace_id', 'billing_account_id', 'sku_id', 'effective_from'])
    .addCheckConstraint('contracted_prices_range', sql`effective_to is null or effective_to > effective_from`)
    .addForeignKeyConstraint('contracted_prices_billing_account', ['workspace_id', 'billing_account_id'], 'billing_accounts', [
      'workspace_id',
      'id',
    ])
    .execute();

  await db.schema
    .createTable('commitments')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('billing_account_id', 'text', (c) => c.notNull())
    .addColumn('sku_id', 'text', (c) => c.notNull())
    .addColumn('committed_quantity', 'numeric', (c) => c.notNull().check(sql`committed_quantity >= 0`))
    .addColumn('minimum_quantity', 'numeric', (c) => c.notNull().check(sql`minimum_quantity >= 0`))
    .addColumn('effective_from', 'timestamptz', (c) => c.notNull())
    .addColumn('effective_to', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('commitments_pk', ['workspace_id', 'id'])
    .addCheckConstraint('commitments_range', sql`effective_to is null or effective_to > effective_from`)
    .addForeignKeyConstraint('commitments_billing_account', ['workspace_id', 'billing_account_id'], 'billing_accounts', [
      'workspace_id',
      'id',
    ])
    .execute();

  // Usage events, idempotent by (source, id) within a workspace. The meter's value is read out of
  // `data` at ingest, so rating aggregates a typed column instead of parsing JSON.
  // The key columns compare bytewise ("C"): the primary-key look-up on every insert is a third
  // cheaper than under the database's linguistic collation, and ids have no linguistic order.
  const bytewise = sql`text collate "C"`;
  await db.schema
    .createTable('usage_events')
    .addColumn('workspace_id', bytewise, (c) => c.notNull())
    .addColumn('source', bytewise, (c) => c.notNull())
    .addColumn('id', bytewise, (c) => c.notNull())
    .addColumn('meter_id', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('time', 'timestamptz', (c) => c.notNull())
    .addColumn('value', 'numeric', (c) => c.notNull())
    .addColumn('data', 'json', (c) => c.notNull())
    .addColumn('ingested_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('usage_events_pk', ['workspace_id', 'source', 'id'])
    .execute();
  // Rating reads a day at a time. Events arrive roughly in time order, so a BRIN index finds a
  // day's blocks for a fraction of a btree's upkeep on every insert (measured: ~25% of ingest).
  await db.schema.createIndex('usage_events_time').on('usage_events').using('brin').column('time').execute();

  // Days whose events changed since they were last rated: ingest only appends marks (no row is
  // contended), rating deletes the marks it covered in the transaction that replaces the day.
  await db.schema
    .createTable('rating_marks')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .execute();
  // Ingest asks, per batch, whether the workspace's automatic rating is already waiting.
  await db.schema
    .createIndex('jobs_queued_per_workspace')
    .on('jobs')
    .columns(['queue', 'workspace_id'])
    .where(sql.ref('status'), '=', 'queued')
    .execute();
  await db.schema.createIndex('rating_marks_workspace_day').on('rating_marks').columns(['workspace_id', 'day']).execute();

  await db.schema
    .createTable('rating_runs')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('request', 'ingest', 'seed')`))
    .addColumn('from_day', 'date', (c) => c.notNull())
    .addColumn('to_day', 'date', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('INITIALIZED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMEDOUT')`),
    )
    .addColumn('days_total', 'integer', (c) => c.notNull())
    .addColumn('days_done', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('records_written', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('rating_runs_workspace').on('rating_runs').columns(['workspace_id', 'created_at']).execute();

  // FOCUS cost records, one per resource × SKU price × charge period (a UTC day); `line_key` names
  // the priced line within the day (SKU price, band, or the meter when no price is known).
  const focusColumns = COST_RECORD_COLUMNS.map(([column, sqlType]) => sql`${sql.ref(column)} ${sql.raw(sqlType)}`);
  await sql`
    create table cost_records (
      workspace_id text not null,
      line_key text not null,
      ${sql.join(focusColumns, sql`, `)},
      primary key (workspace_id, charge_period_start, resource_id, line_key)
    ) partition by range (charge_period_start)`.execute(db);
  await sql`create index cost_records_billing_period on cost_records (workspace_id, billing_period_start)`.execute(db);

  // What cost-summary reads: one row per day and dimension set, kept by rating with the records.
  await db.schema
    .createTable('cost_rollups_daily')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('billing_account_id', 'text', (c) => c.notNull())
    .addColumn('sub_account_id', 'text')
    .addColumn('service_name', 'text', (c) => c.notNull())
    .addColumn('service_category', 'text', (c) => c.notNull())
    .addColumn('region_id', 'text')
    .addColumn('resource_type', 'text')
    .addColumn('sku_id', 'text')
    .addColumn('charge_category', 'text', (c) => c.notNull())
    .addColumn('billing_currency', 'text', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addColumn('list_cost', 'numeric')
    .addColumn('contracted_cost', 'numeric')
    .addColumn('effective_cost', 'numeric')
    .addColumn('billed_cost', 'numeric')
    .addColumn('consumed_quantity', 'numeric')
    .addColumn('pricing_quantity', 'numeric')
    .addColumn('unpriced_records', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cost_rollups_daily_day').on('cost_rollups_daily').columns(['workspace_id', 'day']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('jobs_queued_per_workspace').ifExists().execute();
  for (const table of [
    'cost_rollups_daily',
    'cost_records',
    'rating_runs',
    'rating_marks',
    'usage_events',
    'commitments',
    'contracted_prices',
    'prices',
    'meters',
    'metering_resources',
  ]) {
    await db.schema.dropTable(table).ifExists().cascade().execute();
  }
  await db.schema.alterTable('billing_accounts').dropColumn('fiscal_start_month').execute();
  await db.schema.alterTable('billing_accounts').dropColumn('accounting_day').execute();
}
