/** Workspaces, API clients, signing keys, billing accounts, Flex orders and devices. */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('workspaces')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('api_clients')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('roles', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('api_clients_workspace').on('api_clients').columns(['workspace_id']).execute();

  await db.schema
    .createTable('signing_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('private_jwk', 'jsonb', (c) => c.notNull())
    .addColumn('public_jwk', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('billing_accounts')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('USD'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('billing_accounts_pk', ['workspace_id', 'id'])
    .execute();

  await db.schema
    .createTable('flex_orders')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('billing_account_id', 'text', (c) => c.notNull())
    .addColumn('billing_account_name', 'text', (c) => c.notNull())
    .addColumn('sow_id', 'text', (c) => c.notNull())
    .addColumn('order_start_date', 'timestamptz', (c) => c.notNull())
    .addColumn('order_end_date', 'timestamptz', (c) => c.notNull())
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('reseller_name', 'text')
    .addColumn('distributor_name', 'text')
    .addColumn('partner_name', 'text')
    .addColumn('is_flex_partner', 'boolean')
    .addPrimaryKeyConstraint('flex_orders_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema
    .createIndex('flex_orders_end_date')
    .on('flex_orders')
    .columns(['workspace_id', 'order_end_date', 'id'])
    .execute();

  await db.schema
    .createTable('flex_devices')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('id', 'uuid', (c) => c.notNull())
    .addColumn('resource_id', 'uuid', (c) => c.notNull())
    .addColumn('generation', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('mac_address', 'text', (c) => c.notNull())
    .addColumn('serial_number', 'text', (c) => c.notNull())
    .addColumn('part_number', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('device_type', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('make', 'text', (c) => c.notNull())
    .addColumn('billing_account_id', 'text')
    .addColumn('billing_account_name', 'text')
    .addColumn('billing_tier', 'text')
    .addColumn('order_id', 'uuid')
    .addColumn('tags', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addPrimaryKeyConstraint('flex_devices_pk', ['workspace_id', 'id'])
    .execute();
  // The default sort is resourceId, and /devices/{id} looks devices up by resource id.
  await db.schema
    .createIndex('flex_devices_resource_id')
    .on('flex_devices')
    .columns(['workspace_id', 'resource_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('flex_devices_serial_number')
    .on('flex_devices')
    .columns(['workspace_id', 'serial_number'])
    .execute();
  await db.schema
    .createIndex('flex_devices_mac_address')
    .on('flex_devices')
    .columns(['workspace_id', 'mac_address'])
    .execute();
  // Serves "make eq … and billingTier eq …" in resource-id order without a sort step.
  await db.schema
    .createIndex('flex_devices_make_tier')
    .on('flex_devices')
    .columns(['workspace_id', 'make', 'billing_tier', 'resource_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['flex_devices', 'flex_orders', 'billing_accounts', 'signing_keys', 'api_clients', 'workspaces']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
