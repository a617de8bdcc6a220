/** The one Database type: every table Kysely may touch, as the migrations create them. */
import type { ColumnType, Kysely, Transaction } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface WorkspacesTable {
  id: string;
  name: string;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ApiClientsTable {
  id: string;
  workspace_id: string;
  name: string;
  /** scrypt$N$r$p$salt$hash — never the secret itself. */
  secret_hash: string;
  roles: string[];
  created_at: CreatedAt;
}

export interface SigningKeysTable {
  kid: string;
  algorithm: string;
  private_jwk: ColumnType<Record<string, unknown>, string, string>;
  public_jwk: ColumnType<Record<string, unknown>, string, string>;
  created_at: CreatedAt;
}

export interface BillingAccountsTable {
  workspace_id: string;
  id: string;
  name: string;
  currency: string;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface FlexOrdersTable {
  workspace_id: string;
  id: string;
  generation: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  billing_account_id: string;
  billing_account_name: string;
  sow_id: string;
  order_start_date: Timestamp;
  order_end_date: Timestamp;
  customer_name: string;
  reseller_name: string | null;
  distributor_name: string | null;
  partner_name: string | null;
  is_flex_partner: boolean | null;
}

export interface DeviceTag {
  name: string;
  value: string;
}

export interface FlexDevicesTable {
  workspace_id: string;
  id: string;
  resource_id: string;
  generation: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  mac_address: string;
  serial_number: string;
  part_number: string;
  name: string | null;
  device_type: string;
  model: string;
  make: string;
  billing_account_id: string | null;
  billing_account_name: string | null;
  billing_tier: string | null;
  order_id: string | null;
  tags: ColumnType<DeviceTag[], string, string>;
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface JobsTable {
  id: string;
  workspace_id: string | null;
  queue: string;
  payload: ColumnType<unknown, string, string>;
  status: JobStatus;
  run_at: Timestamp;
  attempts: ColumnType<number, number | undefined, number>;
  max_attempts: ColumnType<number, number | undefined, number>;
  lease_until: Timestamp | null;
  locked_by: string | null;
  last_error: string | null;
  result: ColumnType<unknown, string | null, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface SubscriptionCatalogColumns {
  sku: string;
  sku_description: string;
  subscription_type: string;
  tier: string;
  tier_description: string | null;
  product_type: string;
  quantity: number;
  is_eval: ColumnType<boolean, boolean | undefined, boolean>;
  start_time: Timestamp;
  end_time: Timestamp;
  provider_status: ColumnType<ProviderStatus, ProviderStatus | undefined, ProviderStatus>;
  contract: string | null;
  quote: string | null;
  po: string | null;
  reseller_po: string | null;
  end_user_name: string | null;
  order_class: string | null;
}

/** The provider's state of an issued key; ENDED and NONE are derived from the dates, not stored. */
export type ProviderStatus = 'STARTED' | 'SUSPENDED' | 'CANCELLED' | 'LOCKED';

export interface SubscriptionKeysTable extends SubscriptionCatalogColumns {
  key: string;
  created_at: CreatedAt;
}

export interface SubscriptionsTable extends SubscriptionCatalogColumns {
  workspace_id: string;
  id: string;
  key: string;
  generation: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  available_quantity: number;
  tags: ColumnType<Record<string, string>, string | undefined, string>;
}

export type AsyncOperationStatus = 'INITIALIZED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMEDOUT';
export type AsyncOperationKind = 'add' | 'update' | 'unclaim';

/** Per item, in request order: the subscription key and id (a dry run's or an unknown id's lack one of them). */
export interface AsyncOperationResult {
  succeeded: { key: string; id?: string }[];
  failed: { key?: string; id?: string; reason: string; message: string }[];
}

export interface AsyncOperationsTable {
  id: string;
  workspace_id: string;
  kind: AsyncOperationKind;
  api_version: string;
  dry_run: boolean;
  request: ColumnType<unknown, string, string>;
  status: AsyncOperationStatus;
  progress_percent: ColumnType<number, number | undefined, number>;
  timeout_minutes: number;
  polling_interval_seconds: number;
  result_type: string;
  result: ColumnType<AsyncOperationResult, string | undefined, string>;
  error: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  started_at: Timestamp;
  updated_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface AutoSubscriptionSetting {
  deviceType: string;
  tier: string;
}

export interface AutoSubscriptionSettingsTable {
  workspace_id: string;
  id: string;
  settings: ColumnType<AutoSubscriptionSetting[], string | undefined, string>;
  generation: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface Database {
  workspaces: WorkspacesTable;
  api_clients: ApiClientsTable;
  signing_keys: SigningKeysTable;
  billing_accounts: BillingAccountsTable;
  flex_orders: FlexOrdersTable;
  flex_devices: FlexDevicesTable;
  jobs: JobsTable;
  subscription_keys: SubscriptionKeysTable;
  subscriptions: SubscriptionsTable;
  async_operations: AsyncOperationsTable;
  auto_subscription_settings: AutoSubscriptionSettingsTable;
}

export type Db = Kysely<Database>;
/** A database handle or an open transaction: repositories accept either. */
export type Executor = Kysely<Database> | Transaction<Database>;
