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

export interface Database {
  workspaces: WorkspacesTable;
  api_clients: ApiClientsTable;
  signing_keys: SigningKeysTable;
  billing_accounts: BillingAccountsTable;
  flex_orders: FlexOrdersTable;
  flex_devices: FlexDevicesTable;
  jobs: JobsTable;
}

export type Db = Kysely<Database>;
/** A database handle or an open transaction: repositories accept either. */
export type Executor = Kysely<Database> | Transaction<Database>;
