/**
 * Every tenant table's primary and unique keys lead with `workspace_id` (issue 15, point 12), so
 * the schema can be distributed by workspace (Citus-style: a distributed table's unique keys must
 * contain its distribution column) without another change. The rule is checked on the migrated
 * schema by test/storage/workspace-leading-keys.test.ts; the few installation-wide tables it
 * exempts are listed there with their reasons (docs/scaling.md).
 *
 * - Ids stay random UUIDs (or identity values), so re-keying loses no uniqueness that mattered;
 *   where a row is found by its id alone — a token's client, an API token by its hash, and an
 *   operation or run, which its job and the shared lifecycle (platform/operations) address by id —
 *   a plain index keeps that look-up an index scan.
 * - Children that had no `workspace_id` (budget_periods, notification_attempts) get one, filled
 *   from their parent, and reference the parent through (workspace_id, id).
 * - budget_alerts.budget_id keeps `ON DELETE SET NULL`, now only for that column (PostgreSQL 15).
 * - A subscription key is held by one workspace at most. That rule crossed workspaces
 *   (`UNIQUE (subscriptions.key)`), so it moves to the key catalog, which is installation-wide:
 *   `subscription_keys.claimed_by` is set by the claim (one row, one lock) and cleared by the
 *   unclaim or when the workspace is deleted; `subscriptions` keeps `UNIQUE (workspace_id, key)`.
 * - billing_accounts.customer_id comes from an identity sequence, so it stays distinct everywhere;
 *   its unique key is now per workspace.
 */
import { type Kysely, sql } from 'kysely';

const UP = [
  // API clients and API tokens: found by id (or hash) alone when a token is minted or checked.
  `alter table api_clients drop constraint api_clients_pkey, add constraint api_clients_pkey primary key (workspace_id, id)`,
  `drop index if exists api_clients_workspace`,
  `create index api_clients_id on api_clients (id)`,
  `alter table workspace_api_tokens drop constraint workspace_api_tokens_pkey, add constraint workspace_api_tokens_pkey primary key (workspace_id, id)`,
  `alter table workspace_api_tokens drop constraint workspace_api_tokens_token_hash_key`,
  `create index workspace_api_tokens_token_hash on workspace_api_tokens (token_hash)`,
  `create index workspace_api_tokens_id on workspace_api_tokens (id)`,

  // Subscriptions: the one-holder rule moves to the key catalog.
  `alter table subscription_keys add column claimed_by text references workspaces (id) on delete set null`,
  `update subscription_keys k set claimed_by = s.workspace_id from subscriptions s where s.key = k.key`,
  `alter table subscriptions drop constraint subscriptions_key_key`,
  `drop index if exists subscriptions_workspace_key`,
  `alter table subscriptions add constraint subscriptions_workspace_key unique (workspace_id, key)`,
  `alter table async_operations drop constraint async_operations_pkey, add constraint async_operations_pkey primary key (workspace_id, id)`,
  `create index async_operations_id on async_operations (id)`,
  `alter table auto_subscription_settings drop constraint auto_subscription_settings_id_key, add constraint auto_subscription_settings_id_key unique (workspace_id, id)`,

  // Metering and exports.
  `alter table rating_marks drop constraint rating_marks_pkey, add constraint rating_marks_pkey primary key (workspace_id, seq)`,
  `alter table rating_runs drop constraint rating_runs_pkey, add constraint rating_runs_pkey primary key (workspace_id, id)`,
  `create index rating_runs_id on rating_runs (id)`,
  `alter table focus_export_runs drop constraint focus_export_runs_pkey, add constraint focus_export_runs_pkey primary key (workspace_id, id)`,
  `create index focus_export_runs_id on focus_export_runs (id)`,
  `drop index if exists billing_accounts_customer_id`,
  `create unique index billing_accounts_customer_id on billing_accounts (workspace_id, customer_id)`,

  // Budgets, alerts and notifications: children reference parents through (workspace_id, id).
  `alter table budget_periods add column workspace_id text`,
  `update budget_periods p set workspace_id = b.workspace_id from budgets b where b.id = p.budget_id`,
  `alter table budget_periods alter column workspace_id set not null`,
  `alter table budget_periods drop constraint budget_periods_budget_id_fkey`,
  `alter table budget_alerts drop constraint budget_alerts_budget_id_fkey`,
  `alter table budgets drop constraint budgets_pkey, add constraint budgets_pkey primary key (workspace_id, id)`,
  `alter table budget_periods drop constraint budget_periods_pkey, add constraint budget_periods_pkey primary key (workspace_id, budget_id, kind, accounting_period)`,
  `alter table budget_periods add constraint budget_periods_budget_fkey foreign key (workspace_id, budget_id) references budgets (workspace_id, id) on delete cascade`,
  `alter table notification_deliveries drop constraint notification_deliveries_alert_id_fkey`,
  `alter table notification_deliveries drop constraint notification_deliveries_channel_id_fkey`,
  `alter table notification_attempts drop constraint notification_attempts_delivery_id_fkey`,
  `alter table budget_alerts drop constraint budget_alerts_pkey, add constraint budget_alerts_pkey primary key (workspace_id, id)`,
  `alter table budget_alerts add constraint budget_alerts_budget_fkey foreign key (workspace_id, budget_id) references budgets (workspace_id, id) on delete set null (budget_id)`,
  `alter table notification_channels drop constraint notification_channels_pkey, add constraint notification_channels_pkey primary key (workspace_id, id)`,
  `alter table notification_deliveries drop constraint notification_deliveries_pkey, add constraint notification_deliveries_pkey primary key (workspace_id, id)`,
  `alter table notification_deliveries drop constraint notification_deliveries_alert_id_channel_id_recipient_key`,
  `drop index if exists notification_deliveries_alert`,
  `alter table notification_deliveries add constraint notification_deliveries_once unique (workspace_id, alert_id, channel_id, recipient)`,
  `alter table notification_deliveries add constraint notification_deliveries_alert_fkey foreign key (workspace_id, alert_id) references budget_alerts (workspace_id, id) on delete cascade`,
  `alter table notification_deliveries add constraint notification_deliveries_channel_fkey foreign key (workspace_id, channel_id) references notification_channels (workspace_id, id) on delete cascade`,
  `alter table notification_attempts add column workspace_id text`,
  `update notification_attempts a set workspace_id = d.workspace_id from notification_deliveries d where d.id = a.delivery_id`,
  `alter table notification_attempts alter column workspace_id set not null`,
  `alter table notification_attempts drop constraint notification_attempts_pkey, add constraint notification_attempts_pkey primary key (workspace_id, delivery_id, attempt)`,
  `alter table notification_attempts add constraint notification_attempts_delivery_fkey foreign key (workspace_id, delivery_id) references notification_deliveries (workspace_id, id) on delete cascade`,
];

const DOWN = [
  `alter table notification_attempts drop constraint notification_attempts_delivery_fkey`,
  `alter table notification_attempts drop constraint notification_attempts_pkey, add constraint notification_attempts_pkey primary key (delivery_id, attempt)`,
  `alter table notification_attempts drop column workspace_id`,
  `alter table notification_deliveries drop constraint notification_deliveries_channel_fkey`,
  `alter table notification_deliveries drop constraint notification_deliveries_alert_fkey`,
  `alter table notification_deliveries drop constraint notification_deliveries_once`,
  `create index notification_deliveries_alert on notification_deliveries (workspace_id, alert_id)`,
  `alter table notification_deliveries add constraint notification_deliveries_alert_id_channel_id_recipient_key unique (alert_id, channel_id, recipient)`,
  `alter table notification_deliveries drop constraint notification_deliveries_pkey, add constraint notification_deliveries_pkey primary key (id)`,
  `alter table notification_channels drop constraint notification_channels_pkey, add constraint notification_channels_pkey primary key (id)`,
  `alter table budget_alerts drop constraint budget_alerts_budget_fkey`,
  `alter table budget_alerts drop constraint budget_alerts_pkey, add constraint budget_alerts_pkey primary key (id)`,
  `alter table notification_attempts add constraint notification_attempts_delivery_id_fkey foreign key (delivery_id) references notification_deliveries (id) on delete cascade`,
  `alter table notification_deliveries add constraint notification_deliveries_alert_id_fkey foreign key (alert_id) references budget_alerts (id) on delete cascade`,
  `alter table notification_deliveries add constraint notification_deliveries_channel_id_fkey foreign key (channel_id) references notification_channels (id) on delete cascade`,
  `alter table budget_periods drop constraint budget_periods_budget_fkey`,
  `alter table budget_periods drop constraint budget_periods_pkey, add constraint budget_periods_pkey primary key (budget_id, kind, accounting_period)`,
  `alter table budgets drop constraint budgets_pkey, add constraint budgets_pkey primary key (id)`,
  `alter table budget_alerts add constraint budget_alerts_budget_id_fkey foreign key (budget_id) references budgets (id) on delete set null`,
  `alter table budget_periods add constraint budget_periods_budget_id_fkey foreign key (budget_id) references budgets (id) on delete cascade`,
  `alter table budget_periods drop column workspace_id`,
  `drop index billing_accounts_customer_id`,
  `create unique index billing_accounts_customer_id on billing_accounts (customer_id)`,
  `drop index focus_export_runs_id`,
  `drop index rating_runs_id`,
  `drop index async_operations_id`,
  `alter table focus_export_runs drop constraint focus_export_runs_pkey, add constraint focus_export_runs_pkey primary key (id)`,
  `alter table rating_runs drop constraint rating_runs_pkey, add constraint rating_runs_pkey primary key (id)`,
  `alter table rating_marks drop constraint rating_marks_pkey, add constraint rating_marks_pkey primary key (seq)`,
  `alter table auto_subscription_settings drop constraint auto_subscription_settings_id_key, add constraint auto_subscription_settings_id_key unique (id)`,
  `alter table async_operations drop constraint async_operations_pkey, add constraint async_operations_pkey primary key (id)`,
  `alter table subscriptions drop constraint subscriptions_workspace_key`,
  `create index subscriptions_workspace_key on subscriptions (workspace_id, key)`,
  `alter table subscriptions add constraint subscriptions_key_key unique (key)`,
  `alter table subscription_keys drop column claimed_by`,
  `drop index workspace_api_tokens_id`,
  `drop index workspace_api_tokens_token_hash`,
  `alter table workspace_api_tokens add constraint workspace_api_tokens_token_hash_key unique (token_hash)`,
  `alter table workspace_api_tokens drop constraint workspace_api_tokens_pkey, add constraint workspace_api_tokens_pkey primary key (id)`,
  `drop index api_clients_id`,
  `create index api_clients_workspace on api_clients (workspace_id)`,
  `alter table api_clients drop constraint api_clients_pkey, add constraint api_clients_pkey primary key (id)`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
