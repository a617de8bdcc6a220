/**
 * Subscription Management: the provider's key catalog, the subscriptions workspaces claimed from
 * it, the asynchronous operations that add, update and unclaim them, and each workspace's
 * auto-subscription settings (created with the workspace by a trigger, so no path can miss them).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Keys as the provider issued them. A key is free while no subscription row holds it.
  await db.schema
    .createTable('subscription_keys')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('sku_description', 'text', (c) => c.notNull())
    .addColumn('subscription_type', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('tier_description', 'text')
    .addColumn('product_type', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity >= 0`))
    .addColumn('is_eval', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('start_time', 'timestamptz', (c) => c.notNull())
    .addColumn('end_time', 'timestamptz', (c) => c.notNull())
    // The provider's own state of the key; ENDED and NONE follow from the dates instead.
    .addColumn('provider_status', 'text', (c) =>
      c.notNull().defaultTo('STARTED').check(sql`provider_status in ('STARTED', 'SUSPENDED', 'CANCELLED', 'LOCKED')`),
    )
    .addColumn('contract', 'text')
    .addColumn('quote', 'text')
    .addColumn('po', 'text')
    .addColumn('reseller_po', 'text')
    .addColumn('end_user_name', 'text')
    .addColumn('order_class', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('subscription_keys_period', sql`end_time > start_time`)
    .addCheckConstraint('subscription_keys_key_not_blank', sql`btrim(key) <> ''`)
    .execute();

  // A claimed key. The catalog columns are copied at claim time (issued keys never change), so
  // lists filter and sort one table. `key` is unique: a key can be claimed once, by one workspace.
  await db.schema
    .createTable('subscriptions')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull().unique().references('subscription_keys.key'))
    .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('sku', 'text', (c) => c.notNull())
    .addColumn('sku_description', 'text', (c) => c.notNull())
    .addColumn('subscription_type', 'text', (c) => c.notNull())
    .addColumn('tier', 'text', (c) => c.notNull())
    .addColumn('tier_description', 'text')
    .addColumn('product_type', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('available_quantity', 'integer', (c) => c.notNull())
    .addColumn('is_eval', 'boolean', (c) => c.notNull())
    .addColumn('start_time', 'timestamptz', (c) => c.notNull())
    .addColumn('end_time', 'timestamptz', (c) => c.notNull())
    .addColumn('provider_status', 'text', (c) => c.notNull())
    .addColumn('contract', 'text')
    .addColumn('quote', 'text')
    .addColumn('po', 'text')
    .addColumn('reseller_po', 'text')
    .addColumn('end_user_name', 'text')
    .addColumn('order_class', 'text')
    .addColumn('tags', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addPrimaryKeyConstraint('subscriptions_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('subscriptions_workspace_key').on('subscriptions').columns(['workspace_id', 'key']).execute();
  await db.schema.createIndex('subscriptions_workspace_created').on('subscriptions').columns(['workspace_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('subscriptions_workspace_type').on('subscriptions').columns(['workspace_id', 'subscription_type']).execute();
  // filter-tags compares keys and values without case: eq and in look up the lower-cased tags here
  // (tag keys equal but for case cannot coexist on one subscription, so lower-casing loses nothing).
  await sql`create index subscriptions_tags_folded on subscriptions using gin ((lower(tags::text)::jsonb) jsonb_path_ops)`.execute(db);

  await db.schema
    .createTable('async_operations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('add', 'update', 'unclaim')`))
    .addColumn('api_version', 'text', (c) => c.notNull())
    .addColumn('dry_run', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('request', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('INITIALIZED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMEDOUT')`),
    )
    .addColumn('progress_percent', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('timeout_minutes', 'integer', (c) => c.notNull())
    .addColumn('polling_interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('result_type', 'text', (c) => c.notNull())
    // { succeeded: [{key, id}], failed: [{key, reason, message}] } — appended item by item.
    .addColumn('result', 'jsonb', (c) => c.notNull().defaultTo(sql`'{"succeeded": [], "failed": []}'::jsonb`))
    // The GreenLake error object of a FAILED operation.
    .addColumn('error', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('async_operations_workspace').on('async_operations').columns(['workspace_id', 'created_at']).execute();
  // The retention purge looks for a workspace's ended operations on every new one.
  await db.schema
    .createIndex('async_operations_ended')
    .on('async_operations')
    .columns(['workspace_id', 'ended_at'])
    .where(sql.ref('ended_at'), 'is not', null)
    .execute();

  await db.schema
    .createTable('auto_subscription_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    // The workspace id written as a UUID: GreenLake calls the same id the workspace id and the settings id.
    .addColumn('id', 'uuid', (c) => c.notNull().unique())
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Settings exist from the moment a workspace does, whichever code path creates it.
  await sql`
    create function consumo_workspace_settings() returns trigger language plpgsql as $$
    begin
      insert into auto_subscription_settings (workspace_id, id, created_at, updated_at)
      values (new.id, consumo_workspace_uuid(new.id), new.created_at, new.created_at);
      return new;
    end $$`.execute(db);
  await sql`
    create function consumo_workspace_uuid(workspace_id text) returns uuid language sql immutable as $$
      -- GreenLake workspace ids are 32 hex digits, i.e. a UUID without dashes; any other id is hashed.
      select (case when $1 ~ '^[0-9a-f]{32}$' then $1 else md5($1) end)::uuid
    $$`.execute(db);
  await sql`create trigger workspaces_settings after insert on workspaces for each row execute function consumo_workspace_settings()`.execute(db);
  await sql`
    insert into auto_subscription_settings (workspace_id, id, created_at, updated_at)
    select id, consumo_workspace_uuid(id), created_at, created_at from workspaces`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists workspaces_settings on workspaces`.execute(db);
  await sql`drop function if exists consumo_workspace_settings()`.execute(db);
  await sql`drop function if exists consumo_workspace_uuid(text)`.execute(db);
  for (const table of ['auto_subscription_settings', 'async_operations', 'subscriptions', 'subscription_keys']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
