/** The one Database type: every table Kysely may touch, as the migrations create them. */
import type { ColumnType, Generated, Kysely, Transaction } from 'kysely';
// The words of each table (enums, JSON payload shapes) belong to the module that owns the table.
import type { JobLane, JobStatus } from '../platform/jobs/jobs.enums.js';
import type { OperationStatus } from '../platform/operations/operation-status.js';
import type { DeviceTag } from '../modules/flex/flex.schemas.js';
import type { ProviderStatus } from '../modules/subscriptions/subscriptions.enums.js';
import type { AsyncOperationKind, AsyncOperationResult } from '../modules/subscriptions/operations/operations.enums.js';
import type { AutoSubscriptionSetting } from '../modules/subscriptions/auto-settings/auto-settings.enums.js';
import type { MeterAggregation } from '../modules/metering/catalog/meters.enums.js';
import type { PriceBand } from '../modules/metering/catalog/price-bands.js';
import type { RatingRunTrigger } from '../modules/metering/rating/rating.enums.js';
import type {
  FocusExportCompression, FocusExportDataset, FocusExportFormat, FocusExportProfile, FocusExportRunFile, FocusExportRunTrigger, FocusExportSchedule,
} from '../modules/focus-exports/focus-exports.enums.js';
import type { AlertKind, BudgetPeriodKind, StoredBudgetType } from '../modules/budgets/budgets.enums.js';
import type { DeliveryStatus, NotificationChannelKind } from '../modules/budgets/notifications/notifications.enums.js';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** A column the database fills with its default when an insert leaves it out. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface WorkspacesTable {
  id: string;
  name: string;
  /** A tenant's provider (VMware Cloud Partner Navigator); null for a provider or a plain workspace. */
  parent_id: Defaulted<string | null>;
  company_name: Defaulted<string | null>;
  /** A tenant's anniversary billing date: its billing periods start on this day of the month. */
  anniversary_billing_date: ColumnType<string | null, string | null | undefined, string | null>;
  /** The installation's system workspace (the bootstrap's): only its clients may hold the operator role (ADR 0021). */
  is_system: Defaulted<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface WorkspaceApiTokensTable {
  id: string;
  workspace_id: string;
  name: string;
  roles: string[];
  /** SHA-256 (hex) of the token — never the token itself. */
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Date;
  revoked_at: Defaulted<Date | null>;
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

/** A workspace's people (migration 0019, ADR 0027): they sign in to the console with e-mail and password. */
export interface UsersTable {
  workspace_id: string;
  id: string;
  /** Lower-case, unique in the installation: sign-in finds the user (and its workspace) by it. */
  email: string;
  name: string;
  /** scrypt$N$r$p$salt$hash — never the password itself. */
  password_hash: string;
  roles: string[];
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/** A signed-in user's session: the cookie carries a random id, the row only its SHA-256. */
export interface UserSessionsTable {
  workspace_id: string;
  /** SHA-256 (hex) of the cookie's value. */
  id_hash: string;
  user_id: string;
  created_at: Date;
  /** Moved forward at most once a minute; the session ends after CONSUMO_SESSION_IDLE_MINUTES without a request. */
  last_seen_at: Date;
  /** The absolute end (CONSUMO_SESSION_MAX_HOURS after sign-in). */
  expires_at: Date;
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
  accounting_day: Defaulted<number>;
  fiscal_start_month: Defaulted<number>;
  /** Cloud Cruiser's `Customer/@id`: an identity, given once and kept. */
  customer_id: Defaulted<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface FlexOrdersTable {
  workspace_id: string;
  id: string;
  generation: Defaulted<number>;
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

export interface FlexDevicesTable {
  workspace_id: string;
  id: string;
  resource_id: string;
  generation: Defaulted<number>;
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

export interface JobsTable {
  id: string;
  workspace_id: string | null;
  queue: string;
  /** The lane whose worker slots run it (ADR 0008): its kind's declared lane, set at enqueue. */
  lane: JobLane;
  payload: ColumnType<unknown, string, string>;
  status: JobStatus;
  run_at: Timestamp;
  attempts: Defaulted<number>;
  max_attempts: Defaulted<number>;
  lease_until: Timestamp | null;
  locked_by: string | null;
  last_error: string | null;
  result: ColumnType<unknown, string | null, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

/** When a workspace was last served in a lane (a sequence number): the job round-robin's memory (ADR 0008). */
export interface JobTurnsTable {
  workspace_id: string;
  lane: JobLane;
  served: ColumnType<string, string | bigint | number, string | bigint | number>;
}

/** A first start's demo seeding that has not finished (migration 0014): the next start seeds again. */
export interface DemoSeedingsTable {
  workspace_id: string;
  started_at: CreatedAt;
}

export interface SubscriptionCatalogColumns {
  sku: string;
  sku_description: string;
  subscription_type: string;
  tier: string;
  tier_description: string | null;
  product_type: string;
  quantity: number;
  is_eval: Defaulted<boolean>;
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

export interface SubscriptionKeysTable extends SubscriptionCatalogColumns {
  key: string;
  created_at: CreatedAt;
  /** The workspace holding the key (its subscription), null while the key is free. */
  claimed_by: string | null;
}

export interface SubscriptionsTable extends SubscriptionCatalogColumns {
  workspace_id: string;
  id: string;
  key: string;
  generation: Defaulted<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
  available_quantity: number;
  tags: ColumnType<Record<string, string>, string | undefined, string>;
}

export interface AsyncOperationsTable {
  id: string;
  workspace_id: string;
  kind: AsyncOperationKind;
  api_version: string;
  dry_run: boolean;
  request: ColumnType<unknown, string, string>;
  status: OperationStatus;
  progress_percent: Defaulted<number>;
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

export interface AutoSubscriptionSettingsTable {
  workspace_id: string;
  id: string;
  settings: ColumnType<AutoSubscriptionSetting[], string | undefined, string>;
  generation: Defaulted<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface MeteringResourcesTable {
  workspace_id: string;
  id: string;
  billing_account_id: string;
  sub_account_id: string | null;
  sub_account_name: string | null;
  name: string | null;
  resource_type: string | null;
  service_name: string;
  service_category: string;
  service_subcategory: string | null;
  region_id: string | null;
  region_name: string | null;
  availability_zone: string | null;
  tags: ColumnType<Record<string, string>, string | undefined, string>;
  device_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface MetersTable {
  workspace_id: string;
  id: string;
  event_type: string;
  value_property: string | null;
  aggregation: MeterAggregation;
  consumed_unit: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Money and quantities are numeric columns, read and written as decimal strings. */
export interface PricesTable {
  workspace_id: string;
  sku_id: string;
  effective_from: Timestamp;
  effective_to: Timestamp | null;
  meter_id: string;
  charge_description: string | null;
  publisher_name: string;
  provider_name: string;
  invoice_issuer_name: string;
  pricing_unit: string;
  pricing_quantity_divisor: string;
  list_unit_price: string;
  currency: string;
  bands: ColumnType<PriceBand[] | null, string | null, string | null>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ContractedPricesTable {
  workspace_id: string;
  billing_account_id: string;
  sku_id: string;
  effective_from: Timestamp;
  effective_to: Timestamp | null;
  unit_price: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface CommitmentsTable {
  workspace_id: string;
  id: string;
  billing_account_id: string;
  sku_id: string;
  committed_quantity: string;
  minimum_quantity: string;
  effective_from: Timestamp;
  effective_to: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface UsageEventsTable {
  workspace_id: string;
  source: string;
  id: string;
  meter_id: string;
  subject: string;
  time: Timestamp;
  value: string;
  data: ColumnType<unknown, string, string>;
  ingested_at: Timestamp;
}

export interface RatingMarksTable {
  seq: ColumnType<string, never, never>;
  workspace_id: string;
  day: ColumnType<string, string, string>;
}

export interface RatingRunsTable {
  id: string;
  workspace_id: string;
  trigger: RatingRunTrigger;
  from_day: ColumnType<string, string, string>;
  to_day: ColumnType<string, string, string>;
  status: OperationStatus;
  days_total: number;
  days_done: Defaulted<number>;
  records_written: ColumnType<string, number | undefined, number>;
  error: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  started_at: Timestamp;
  updated_at: Timestamp;
  ended_at: Timestamp | null;
}

/** One usage batch that reached validation, accepted or rejected (insert-only; migration 0022). */
export interface IngestBatchesTable {
  workspace_id: string;
  id: string;
  received_at: Timestamp;
  outcome: 'accepted' | 'rejected';
  events: number;
  accepted: number;
  duplicates: number;
  invalid: number;
  first_event_time: Timestamp | null;
  last_event_time: Timestamp | null;
  issue_count: number;
  issues: ColumnType<{ index: number; field: string; description: string }[] | null, string | null, never>;
  principal_type: string | null;
  principal_id: string | null;
}

type Decimal = string | null;
type Text = string | null;
type Json = ColumnType<Record<string, unknown> | null, string | null, string | null>;

/** A FOCUS cost record: every FOCUS 1.2 column (snake_case) plus Consumo's `x_` columns (see cost-record-columns.ts). */
export interface CostRecordsTable {
  workspace_id: string;
  line_key: string;
  availability_zone: Text;
  billed_cost: Decimal;
  billing_account_id: string;
  billing_account_name: Text;
  billing_account_type: Text;
  billing_currency: string;
  billing_period_end: Timestamp;
  billing_period_start: Timestamp;
  capacity_reservation_id: Text;
  capacity_reservation_status: Text;
  charge_category: string;
  charge_class: Text;
  charge_description: Text;
  charge_frequency: Text;
  charge_period_end: Timestamp;
  charge_period_start: Timestamp;
  commitment_discount_category: Text;
  commitment_discount_id: Text;
  commitment_discount_name: Text;
  commitment_discount_quantity: Decimal;
  commitment_discount_status: Text;
  commitment_discount_type: Text;
  commitment_discount_unit: Text;
  consumed_quantity: Decimal;
  consumed_unit: Text;
  contracted_cost: Decimal;
  contracted_unit_price: Decimal;
  effective_cost: Decimal;
  invoice_id: Text;
  invoice_issuer_name: Text;
  list_cost: Decimal;
  list_unit_price: Decimal;
  pricing_category: Text;
  pricing_currency: Text;
  pricing_currency_contracted_unit_price: Decimal;
  pricing_currency_effective_cost: Decimal;
  pricing_currency_list_unit_price: Decimal;
  pricing_quantity: Decimal;
  pricing_unit: Text;
  provider_name: Text;
  publisher_name: Text;
  region_id: Text;
  region_name: Text;
  resource_id: string;
  resource_name: Text;
  resource_type: Text;
  service_category: string;
  service_name: string;
  service_subcategory: Text;
  sku_id: Text;
  sku_meter: Text;
  sku_price_details: Json;
  sku_price_id: Text;
  sub_account_id: Text;
  sub_account_name: Text;
  sub_account_type: Text;
  tags: Json;
  x_meter_id: string;
  x_rating_status: string;
  x_price_effective_from: Timestamp | null;
  x_rated_at: Timestamp;
  x_rating_run_id: string | null;
}

export interface CostRollupsDailyTable {
  workspace_id: string;
  day: ColumnType<string, string, string>;
  billing_account_id: string;
  sub_account_id: string | null;
  service_name: string;
  service_category: string;
  region_id: string | null;
  resource_type: string | null;
  sku_id: string | null;
  charge_category: string;
  billing_currency: string;
  records: number;
  list_cost: Decimal;
  contracted_cost: Decimal;
  effective_cost: Decimal;
  billed_cost: Decimal;
  consumed_quantity: Decimal;
  pricing_quantity: Decimal;
  unpriced_records: number;
}

/** cost_rollups_daily per FOCUS tag key and value present on the day's records (migration 0023). */
export interface CostTagRollupsDailyTable extends CostRollupsDailyTable {
  tag_key: string;
  tag_value: string;
}

/** cost_rollups_daily summed by calendar month, rewritten by rating with each day it rates (migration 0025). */
export interface CostRollupsMonthlyTable extends Omit<CostRollupsDailyTable, 'day' | 'records' | 'unpriced_records'> {
  /** The month's first day. */
  month: ColumnType<string, string, string>;
  /** bigint: a string from pg, a number from PGlite. */
  records: ColumnType<string | number, string | number, string | number>;
  unpriced_records: ColumnType<string | number, string | number, string | number>;
}

/** cost_tag_rollups_daily summed by calendar month (migration 0025). */
export interface CostTagRollupsMonthlyTable extends CostRollupsMonthlyTable {
  tag_key: string;
  tag_value: string;
}

/** A FOCUS export definition (Consumption Analytics FOCUS Exports v1beta1 plus Consumo's extension fields). */
export interface FocusExportsTable {
  workspace_id: string;
  id: string;
  name: string;
  filter: ColumnType<unknown[], string, string>;
  profile: FocusExportProfile;
  /** The FOCUS dataset delivered (migration 0021); ContractCommitment only with profile focus-1.3. */
  dataset: ColumnType<FocusExportDataset, FocusExportDataset | undefined, FocusExportDataset>;
  format: FocusExportFormat;
  compression: FocusExportCompression;
  schedule: FocusExportSchedule | null;
  created_by_id: string;
  created_by_name: string;
  created_at: Timestamp;
  updated_by_id: string;
  updated_by_name: string;
  updated_at: Timestamp;
  last_run_by_id: string | null;
  last_run_by_name: string | null;
  last_run_at: Timestamp | null;
  /** The UTC day (YYYY-MM-DD) the schedule last started a run for; null until it has. */
  last_scheduled_for: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A FOCUS export written to files, one billing period at a time (ADR 0013, Runs). */
export interface FocusExportRunsTable {
  id: string;
  workspace_id: string;
  export_id: string;
  status: OperationStatus;
  trigger: FocusExportRunTrigger;
  /** First and last day of the range, both inclusive. */
  from_day: ColumnType<string, string, string>;
  to_day: ColumnType<string, string, string>;
  periods_total: number;
  periods_done: Defaulted<number>;
  rows_written: ColumnType<string, number | undefined, number>;
  bytes_written: ColumnType<string, number | undefined, number>;
  files: ColumnType<FocusExportRunFile[], string | undefined, string>;
  error: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  started_at: Timestamp;
  updated_at: Timestamp;
  ended_at: Timestamp | null;
}

export interface BudgetsTable {
  id: Generated<number>;
  workspace_id: string;
  billing_account_id: string;
  budget_type: StoredBudgetType;
  resource_id: string | null;
  resource_header_id: number | null;
  accounting_year: number;
  currency_code: string;
  description: string | null;
  standard_alerts_enabled: boolean;
  projected_alerts_enabled: boolean;
  use_default_thresholds: boolean;
  threshold1_percent: number | null;
  threshold2_percent: number | null;
  threshold3_percent: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface BudgetPeriodsTable {
  workspace_id: string;
  budget_id: number;
  kind: BudgetPeriodKind;
  accounting_period: number;
  /** numeric without a scale: the value keeps the scale it was written with. */
  budget_value: string;
}

export interface BudgetSettingsTable {
  workspace_id: string;
  threshold1_percent: number;
  threshold2_percent: number;
  threshold3_percent: number;
  default_alert_cost_level: string | null;
  default_alert_currency: string | null;
  updated_at: Timestamp;
}

export interface BudgetAlertsTable {
  id: Generated<number>;
  workspace_id: string;
  billing_account_id: string;
  budget_id: number | null;
  accounting_year: number;
  accounting_period: number;
  alert_type: AlertKind;
  threshold_level: number;
  threshold_percent: number;
  currency_code: string;
  budget_value: string;
  actual_value: string;
  projected_value: string | null;
  alert_date: Timestamp;
}

export interface NotificationChannelsTable {
  id: string;
  workspace_id: string;
  name: string;
  kind: NotificationChannelKind;
  url: string | null;
  signing_secret: string | null;
  recipients: Defaulted<string[]>;
  enabled: Defaulted<boolean>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface NotificationDeliveriesTable {
  id: string;
  workspace_id: string;
  alert_id: number;
  channel_id: string;
  recipient: string;
  status: DeliveryStatus;
  attempts: Defaulted<number>;
  last_error: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  delivered_at: Timestamp | null;
}

export interface NotificationAttemptsTable {
  workspace_id: string;
  delivery_id: string;
  attempt: number;
  at: Timestamp;
  outcome: 'DELIVERED' | 'FAILED';
  status_code: number | null;
  error: string | null;
}

/** A number per workspace and list that every write to the list's table raises (migration 0024, ADR 0029). */
export interface ListVersionsTable {
  workspace_id: string;
  list: string;
  /** bigint: a string from pg, a number from PGlite. */
  version: ColumnType<string | number, string | number, string | number>;
}

export interface Database {
  workspaces: WorkspacesTable;
  api_clients: ApiClientsTable;
  users: UsersTable;
  user_sessions: UserSessionsTable;
  workspace_api_tokens: WorkspaceApiTokensTable;
  signing_keys: SigningKeysTable;
  billing_accounts: BillingAccountsTable;
  flex_orders: FlexOrdersTable;
  flex_devices: FlexDevicesTable;
  jobs: JobsTable;
  demo_seedings: DemoSeedingsTable;
  job_turns: JobTurnsTable;
  subscription_keys: SubscriptionKeysTable;
  subscriptions: SubscriptionsTable;
  async_operations: AsyncOperationsTable;
  auto_subscription_settings: AutoSubscriptionSettingsTable;
  metering_resources: MeteringResourcesTable;
  meters: MetersTable;
  prices: PricesTable;
  contracted_prices: ContractedPricesTable;
  commitments: CommitmentsTable;
  usage_events: UsageEventsTable;
  rating_marks: RatingMarksTable;
  rating_runs: RatingRunsTable;
  ingest_batches: IngestBatchesTable;
  cost_records: CostRecordsTable;
  cost_rollups_daily: CostRollupsDailyTable;
  cost_tag_rollups_daily: CostTagRollupsDailyTable;
  cost_rollups_monthly: CostRollupsMonthlyTable;
  cost_tag_rollups_monthly: CostTagRollupsMonthlyTable;
  focus_exports: FocusExportsTable;
  focus_export_runs: FocusExportRunsTable;
  budgets: BudgetsTable;
  budget_periods: BudgetPeriodsTable;
  budget_settings: BudgetSettingsTable;
  budget_alerts: BudgetAlertsTable;
  notification_channels: NotificationChannelsTable;
  notification_deliveries: NotificationDeliveriesTable;
  notification_attempts: NotificationAttemptsTable;
  list_versions: ListVersionsTable;
}

export type Db = Kysely<Database>;
/** A database handle or an open transaction: repositories accept either. */
export type Executor = Kysely<Database> | Transaction<Database>;
